// "Needs you" for instructions (ORG-11): an overdue instruction waits for its assignee (to carry it
// out) and for whoever issued it (to follow it up); an issued one waits for its assignee to start.
#include "core/clock.hpp"
#include "modules/instructions/instructions.hpp"
#include "modules/instructions/policy.hpp"
#include <boost/json/object.hpp>

namespace kenes::instructions {

using boost::json::object;
using http::Need;

std::vector<Need> needs_of(db::Tx& tx, const http::Viewer& v)
{
    std::vector<Need> out;
    if (!v.user.person_id)
        return out;
    int64_t me = *v.user.person_id;
    std::string today = almaty::local_date(v.clock.now()).iso();
    for (auto& r : tx.query("SELECT id, text, deadline, status, assignee_id FROM instructions WHERE institution_id = ? AND status IN ('issued', 'in_progress') "
                            "AND (assignee_id = ? OR issued_by = ?) ORDER BY deadline, id LIMIT 20",
             { v.user.institution_id, me, me })) {
        bool late = r.str(2) < today;   // rule ORG-11
        bool mine = r.i64(4) == me;
        if (!late && !(mine && r.str(3) == "issued"))
            continue;
        auto text = r.str(1);
        if (text.size() > 120) {
            size_t cut = 120;
            while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
                --cut;
            text = text.substr(0, cut) + "…";
        }
        out.push_back({ late ? "instruction_overdue" : "instruction_issued", mine ? "self" : "bodies.read", mine ? &policy::update : &policy::read, r.i64(0),
            "/instructions/" + std::to_string(r.i64(0)), object { { "text", text }, { "deadline", r.str(2) } }, r.str(2) });
    }
    return out;
}

}
