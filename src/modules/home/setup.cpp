// The administrator's setup checklist: each step is done when the data it asks for exists, so
// the list ticks itself as the institution is set up, whichever page or import did it.
#include "modules/home/home.hpp"
#include <boost/json/array.hpp>

namespace kenes::home::detail {

using boost::json::object;

namespace {

struct Step {
    const char* key;     // catalog "ui.setup.<key>"
    const char* link;    // the page that does it
    const char* count;   // how much of it exists (SQL with one parameter: the institution)
    // How much must exist for the step to be done (SQL as `count`); none: at least one.
    const char* needed = nullptr;
};

// In the order a school goes through them.
const Step steps[] = {
    { "institution", "/structure", "SELECT count(*) FROM audit_log WHERE institution_id = ? AND action = 'institution.update'" },
    { "structure", "/structure/groups", "SELECT count(*) FROM groups WHERE institution_id = ?" },
    { "roster", "/import", "SELECT count(*) FROM students WHERE institution_id = ?" },
    { "accounts", "/people", "SELECT count(*) FROM users u JOIN students s ON s.institution_id = u.institution_id AND s.person_id = u.person_id WHERE u.institution_id = ?" },
    { "bodies", "/bodies", "SELECT count(*) FROM bodies WHERE institution_id = ?" },
    // Every top-level body has someone seated, not just one of them; nested bodies (factions,
    // committees) may wait.
    { "staffed", "/bodies",
        "SELECT count(*) FROM bodies b WHERE b.institution_id = ? AND b.parent_id IS NULL AND EXISTS "
        "(SELECT 1 FROM memberships ms WHERE ms.institution_id = b.institution_id AND ms.body_id = b.id AND ms.ends_on IS NULL)",
        "SELECT CASE WHEN count(*) > 0 THEN count(*) ELSE 1 END FROM bodies WHERE institution_id = ? AND parent_id IS NULL" },
    { "first_session", "/bodies", "SELECT count(*) FROM meetings WHERE institution_id = ?" },
};

}

object setup_checklist(db::Tx& tx, int64_t inst)
{
    boost::json::array items;
    int64_t done = 0;
    for (auto& s : steps) {
        int64_t count = tx.query_one(s.count, { inst })->i64(0);
        int64_t needed = s.needed ? tx.query_one(s.needed, { inst })->i64(0) : 1;
        bool ok = count >= needed;
        done += ok;
        items.push_back(object { { "key", s.key }, { "link", s.link }, { "done", ok }, { "count", count } });
    }
    return object { { "steps", items }, { "done", done }, { "total", int64_t(std::size(steps)) } };
}

}
