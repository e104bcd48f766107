// What the activities module contributes to home pages: on the "needs you" list, draft work plans
// of the bodies a person runs (PLAN-1: approved by a decision of the council) and events they
// registered for that take place today or tomorrow; in a person's overview, their events.
#include "modules/activities/activities.hpp"
#include "modules/activities/policy.hpp"
#include "modules/bodies/bodies.hpp"
#include <boost/json/array.hpp>

namespace kenes::activities {

using boost::json::object;
using http::Need;

namespace {

constexpr int64_t day_millis = 24 * 3600 * 1000LL;

void plans_to_approve(db::Tx& tx, const http::Viewer& v, int64_t inst, int64_t me, const std::string& today, std::vector<Need>& out)
{
    for (auto& r : tx.query("SELECT w.id, w.body_id, w.academic_year, b.name, b.name_key FROM work_plans w JOIN bodies b ON b.institution_id = w.institution_id AND b.id = w.body_id "
                            "WHERE w.institution_id = ? AND w.status = 'draft' AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.institution_id = w.institution_id "
                            "AND ms.body_id = w.body_id AND ms.person_id = ? AND ms.starts_on <= ? AND (ms.ends_on IS NULL OR ms.ends_on >= ?)) "
                            "ORDER BY w.id LIMIT 20",
             { inst, me, today, today }))
        out.push_back({ "plan", "meetings.run", &policy::edit_plan, r.i64(0), "/bodies/" + std::to_string(r.i64(1)) + "#plans",
            object { { "body", bodies::display_name(v.catalog, v.lang, r.str(3), r.opt_str(4)) }, { "year", r.str(2) } }, "" });
}

// A cancelled event is no longer something to go to (PLAN-2).
void events_soon(db::Tx& tx, int64_t inst, int64_t me, UnixMillis now, std::vector<Need>& out)
{
    std::string today = almaty::local_date(now).iso(), tomorrow = almaty::local_date(now + day_millis).iso();
    for (auto& r : tx.query("SELECT e.id, e.title, e.held_on, e.starts_at, e.place FROM events e JOIN event_participants p ON p.institution_id = e.institution_id AND p.event_id = e.id "
                            "WHERE e.institution_id = ? AND p.person_id = ? AND e.held_on >= ? AND e.held_on <= ? AND e.cancelled_at IS NULL ORDER BY e.held_on, e.starts_at, e.id LIMIT 20",
             { inst, me, today, tomorrow }))
        out.push_back({ "event", "bodies.read", &policy::read_event, r.i64(0), "/events/" + std::to_string(r.i64(0)),
            object { { "title", r.str(1) }, { "date", r.str(2) }, { "time", r.is_null(3) ? std::string() : r.str(3) }, { "place", r.str(4) } },
            r.is_null(3) ? r.str(2) : r.str(2) + "T" + r.str(3) });
}

std::vector<Need> needs_of(db::Tx& tx, const http::Viewer& v)
{
    auto& p = v.user;
    auto& clock = v.clock;
    std::vector<Need> out;
    if (!p.person_id)
        return out;
    plans_to_approve(tx, v, p.institution_id, *p.person_id, almaty::local_date(clock.now()).iso(), out);
    events_soon(tx, p.institution_id, *p.person_id, clock.now(), out);
    return out;
}

// The events of the last month and those ahead that the person registered for.
boost::json::value events_of(db::Tx& tx, const http::Viewer& v, const authz::Facts&, int64_t person)
{
    auto& p = v.user;
    auto& clock = v.clock;
    boost::json::array items;
    for (auto& r : tx.query("SELECT e.id, e.title, e.held_on, e.starts_at, e.place, x.role, x.attended, e.cancelled_at FROM events e "
                            "JOIN event_participants x ON x.institution_id = e.institution_id AND x.event_id = e.id "
                            "WHERE e.institution_id = ? AND x.person_id = ? AND e.held_on >= ? ORDER BY e.held_on, e.id LIMIT 30",
             { p.institution_id, person, almaty::local_date(clock.now() - 30 * day_millis).iso() }))
        items.push_back(object { { "id", r.i64(0) }, { "title", r.str(1) }, { "held_on", r.str(2) },
            { "starts_at", r.is_null(3) ? boost::json::value(nullptr) : boost::json::value(r.str(3)) }, { "place", r.str(4) }, { "role", r.str(5) },
            { "attended", r.flag(6) }, { "cancelled", !r.is_null(7) } });
    return items;
}

}

void register_needs(http::Registry& r)
{
    r.needs.push_back({ "activities", needs_of });
    r.person_sections.push_back({ "events", &policy::person_events, events_of });
}

}
