// What statements contribute to home pages: on the "needs you" list, overdue statements for the
// administration (escalation), statements assigned to a person, complaints waiting for the
// ombudsman (APL-4), and a month without a published reception (APL-3). A scheduled job marks a
// statement escalated when its deadline passes and notifies the administration once.
#include "modules/notifications/notifications.hpp"
#include "modules/statements/notices.hpp"
#include "modules/statements/policy.hpp"
#include "modules/statements/routes.hpp"
#include "modules/statements/rules.hpp"
#include "modules/statements/store.hpp"
#include <boost/json/object.hpp>
#include <spdlog/spdlog.h>

namespace kenes::statements {

using boost::json::object;
using http::Need;

namespace {

std::string link(int64_t id) { return "/statements/" + std::to_string(id); }

std::vector<Need> needs_of(db::Tx& tx, const http::Viewer& v)
{
    std::vector<Need> out;
    int64_t inst = v.user.institution_id;
    auto today = almaty::local_date(v.clock.now());
    if (v.user.can(manage_perm)) {
        for (auto& r : tx.query("SELECT id, number, year, due_on FROM statements WHERE institution_id = ? AND state IN ('registered', 'assigned', 'in_progress') "
                                "AND due_on < ? ORDER BY due_on, id LIMIT 20",
                 { inst, today.iso() }))
            out.push_back({ "statement_overdue", manage_perm, &policy::handle_statement, r.i64(0), link(r.i64(0)),
                object { { "number", std::to_string(r.i64(1)) + "/" + std::to_string(r.i64(2)) }, { "due", r.str(3) } }, r.str(3) });
        for (auto& r : tx.query("SELECT id, number, year, due_on FROM statements WHERE institution_id = ? AND state = 'registered' AND due_on >= ? ORDER BY due_on, id LIMIT 20",
                 { inst, today.iso() }))
            out.push_back({ "statement_to_assign", manage_perm, &policy::handle_statement, r.i64(0), link(r.i64(0)),
                object { { "number", std::to_string(r.i64(1)) + "/" + std::to_string(r.i64(2)) } }, r.str(3) });
        // APL-3: this month and the next each need a reception on the schedule.
        std::vector<std::string> dates;
        for (auto& r : tx.query("SELECT on_date FROM reception_slots WHERE institution_id = ? AND on_date >= ?", { inst, today.iso().substr(0, 8) + "01" }))
            dates.push_back(r.str(0));
        CivilDate next { today.month == 12 ? today.year + 1 : today.year, today.month == 12 ? 1u : today.month + 1, 1 };
        for (auto m : { CivilDate { today.year, today.month, 1 }, next })
            if (!month_has_reception(dates, m.year, m.month))
                out.push_back({ "reception_missing", manage_perm, &policy::keep_schedule, 0, "/reception", object { { "month", m.iso().substr(0, 7) } }, "" });
    }
    if (v.user.person_id) {
        int64_t me = *v.user.person_id;
        for (auto& r : tx.query("SELECT id, number, year, due_on FROM statements WHERE institution_id = ? AND assignee_person_id = ? AND state IN ('assigned', 'in_progress') "
                                "ORDER BY due_on, id LIMIT 20",
                 { inst, me }))
            out.push_back({ "statement_assigned", perm::Self, &policy::answer_statement, r.i64(0), link(r.i64(0)),
                object { { "number", std::to_string(r.i64(1)) + "/" + std::to_string(r.i64(2)) }, { "due", r.str(3) } }, r.str(3) });
        if (policy::is_ombudsman(tx, inst, me, today.iso()))
            for (auto& r : tx.query("SELECT id, number, year FROM ombudsman_complaints WHERE institution_id = ? AND state <> 'answered' ORDER BY filed_at, id LIMIT 20", { inst }))
                out.push_back({ "ombudsman_complaint", perm::Self, &policy::handle_complaint, r.i64(0), "/ombudsman/" + std::to_string(r.i64(0)),
                    object { { "number", std::to_string(r.i64(1)) + "/" + std::to_string(r.i64(2)) } }, "" });
    }
    return out;
}

}

// Marks overdue statements escalated and notifies the institution's administrators once each.
int64_t escalate_overdue(db::Database& db, const Clock& clock)
{
    auto today = almaty::local_date(clock.now()).iso();
    auto r = db.write([&](db::Tx& tx) -> Result<int64_t> {
        int64_t n = 0;
        for (auto& s : tx.query("SELECT institution_id, id FROM statements WHERE state IN ('registered', 'assigned', 'in_progress') AND due_on < ? AND escalated_at IS NULL "
                                "ORDER BY institution_id, id",
                 { today })) {
            int64_t inst = s.i64(0), id = s.i64(1);
            tx.exec("UPDATE statements SET escalated_at = ? WHERE institution_id = ? AND id = ?", { clock.now(), inst, id });
            std::vector<int64_t> persons;
            for (auto& u : tx.query("SELECT DISTINCT u.person_id FROM users u JOIN user_roles r ON r.institution_id = u.institution_id AND r.user_id = u.id "
                                    "WHERE u.institution_id = ? AND r.role = 'institution_admin' AND u.person_id IS NOT NULL ORDER BY u.person_id",
                     { inst }))
                persons.push_back(u.i64(0));
            notices::overdue(tx, clock, inst, id, persons);
            ++n;
        }
        return n;
    });
    if (r.ok() && r.value() > 0)
        spdlog::info("statements: {} overdue statement(s) escalated", r.value());
    return r.ok() ? r.value() : 0;
}

void detail::register_contributions(http::Registry& r)
{
    r.needs.push_back({ "statements", needs_of });
    r.jobs.push_back({ "statement-escalation", std::chrono::minutes(15), [](db::Database& db, const Clock& clock) { escalate_overdue(db, clock); } });
}

}
