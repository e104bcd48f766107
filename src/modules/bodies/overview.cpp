// The bodies module's sections of a person's overview: their seats and candidacies for seats,
// and (for the person alone) the sessions ahead of them.
#include "modules/bodies/bodies.hpp"
#include "modules/bodies/policy.hpp"
#include <boost/json/array.hpp>

namespace kenes::bodies {

using boost::json::array;
using boost::json::object;

namespace {

boost::json::value positions(db::Tx& tx, const http::Viewer& v, const authz::Facts&, int64_t person)
{
    auto& p = v.user;
    auto& clock = v.clock;
    std::string today = almaty::local_date(clock.now()).iso();
    array seats;
    for (auto& r : tx.query("SELECT ms.body_id, b.name, ms.position, ms.voting, ms.starts_on, ms.ends_on, b.name_key FROM memberships ms "
                            "JOIN bodies b ON b.institution_id = ms.institution_id AND b.id = ms.body_id "
                            "WHERE ms.institution_id = ? AND ms.person_id = ? AND ms.starts_on <= ? AND (ms.ends_on IS NULL OR ms.ends_on >= ?) ORDER BY b.name, ms.id",
             { p.institution_id, person, today, today }))
        seats.push_back(object { { "body_id", r.i64(0) }, { "body", display_name(v.catalog, v.lang, r.str(1), r.opt_str(6)) }, { "position", r.str(2) }, { "voting", r.flag(3) }, { "starts_on", r.str(4) },
            { "ends_on", r.is_null(5) ? boost::json::value(nullptr) : boost::json::value(r.str(5)) } });
    array candidacies;
    for (auto& r : tx.query("SELECT c.id, c.body_id, b.name, c.position, c.status, c.proposed_at, b.name_key FROM membership_candidates c "
                            "JOIN bodies b ON b.institution_id = c.institution_id AND b.id = c.body_id "
                            "WHERE c.institution_id = ? AND c.person_id = ? ORDER BY c.proposed_at DESC LIMIT 20",
             { p.institution_id, person }))
        candidacies.push_back(object { { "id", r.i64(0) }, { "body_id", r.i64(1) }, { "body", display_name(v.catalog, v.lang, r.str(2), r.opt_str(6)) }, { "position", r.str(3) }, { "status", r.str(4) },
            { "proposed_at", almaty::iso_datetime(r.i64(5)) } });
    return object { { "seats", seats }, { "candidacies", candidacies } };
}

boost::json::value sessions(db::Tx& tx, const http::Viewer& v, const authz::Facts&, int64_t person)
{
    auto& p = v.user;
    array items;
    for (auto& r : tx.query("SELECT m.id, m.body_id, b.name, m.number, m.held_on, m.place, m.status, b.name_key FROM meetings m "
                            "JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id "
                            "WHERE m.institution_id = ? AND m.status <> 'closed' AND m.held_on >= ? AND EXISTS (SELECT 1 FROM memberships ms "
                            "WHERE ms.institution_id = m.institution_id AND ms.body_id = m.body_id AND ms.person_id = ? "
                            "AND ms.starts_on <= m.held_on AND (ms.ends_on IS NULL OR ms.ends_on >= m.held_on)) ORDER BY m.held_on, m.id LIMIT 10",
             { p.institution_id, almaty::local_date(v.clock.now()).iso(), person }))
        items.push_back(object { { "id", r.i64(0) }, { "body_id", r.i64(1) }, { "body", display_name(v.catalog, v.lang, r.str(2), r.opt_str(7)) }, { "number", r.i64(3) }, { "held_on", r.str(4) },
            { "place", r.str(5) }, { "status", r.str(6) } });
    return items;
}

}

void register_overview_sections(http::Registry& r)
{
    r.person_sections.push_back({ "bodies", &policy::person_positions, positions });
    r.person_sections.push_back({ "sessions", &policy::person_sessions, sessions });
}

}
