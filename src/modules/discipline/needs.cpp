// What discipline contributes to home pages: on the "needs you" list, the explanation a student or
// parent is asked for (DISC-CASE-2) and orders waiting to be handed over (DISC-PEN-4); in a
// student's overview, the state of their record (DISC-PEN-6).
#include "modules/discipline/discipline.hpp"
#include "modules/discipline/penalty_store.hpp"
#include "modules/discipline/policy.hpp"
#include "modules/discipline/routes.hpp"
#include "modules/discipline/rules.hpp"
#include <boost/json/object.hpp>

namespace kenes::discipline {

using boost::json::object;
using http::Need;

namespace {

// Open cases about the person or their child whose explanation has not come in (nor been refused).
void explanations_due(db::Tx& tx, int64_t inst, int64_t me, std::vector<Need>& out)
{
    for (auto& r : tx.query("SELECT c.id, c.number, c.academic_year, c.explanation_due_at FROM discipline_cases c WHERE c.institution_id = ? AND c.status = 'open' "
                            "AND (c.student_id = ? OR c.student_id IN (SELECT student_id FROM representatives WHERE institution_id = ? AND representative_id = ?)) "
                            "AND NOT EXISTS (SELECT 1 FROM case_evidence e WHERE e.institution_id = c.institution_id AND e.case_id = c.id AND e.kind = 'explanation_student' "
                            "AND e.withdrawn_at IS NULL) AND NOT EXISTS (SELECT 1 FROM case_refusal_acts a WHERE a.institution_id = c.institution_id AND a.case_id = c.id) "
                            "ORDER BY c.explanation_due_at, c.id LIMIT 20",
             { inst, me, inst, me }))
        out.push_back({ "discipline_explanation", perm::Self, &policy::defend_in_case, r.i64(0), "/discipline/cases/" + std::to_string(r.i64(0)),
            object { { "number", std::to_string(r.i64(1)) + "/" + r.str(2) } }, almaty::iso_datetime(r.i64(3)).substr(0, 16) });
}

// Orders issued but not handed over yet, for those who record the delivery.
void orders_to_deliver(db::Tx& tx, int64_t inst, std::vector<Need>& out)
{
    for (auto& r : tx.query("SELECT id, seq, academic_year, issued_on FROM discipline_orders WHERE institution_id = ? AND delivered_on IS NULL ORDER BY issued_on, id LIMIT 20",
             { inst }))
        out.push_back({ "discipline_order_delivery", manage_perm, &policy::deliver_order, r.i64(0), "/discipline/orders/" + std::to_string(r.i64(0)),
            object { { "number", std::to_string(r.i64(1)) + "/" + r.str(2) } }, "" });
}

std::vector<Need> needs_of(db::Tx& tx, const http::Viewer& v)
{
    std::vector<Need> out;
    if (v.user.person_id)
        explanations_due(tx, v.user.institution_id, *v.user.person_id, out);
    if (v.user.can(manage_perm))
        orders_to_deliver(tx, v.user.institution_id, out);
    return out;
}

// The overview's line: whether a penalty is in force and until when, and open cases.
boost::json::value record_summary(db::Tx& tx, const http::Viewer& v, const authz::Facts&, int64_t person)
{
    auto today = almaty::local_date(v.clock.now());
    auto lapse = lapse_date(penalty_records(tx, v.user.institution_id, person), today);
    auto open = tx.query_one("SELECT count(*) FROM discipline_cases WHERE institution_id = ? AND student_id = ? AND status = 'open'", { v.user.institution_id, person })->i64(0);
    auto incidents = tx.query_one("SELECT count(*) FROM incident_students WHERE institution_id = ? AND person_id = ? AND reversed = 0 AND occurred_on >= ?",
                           { v.user.institution_id, person, academic_year_of(today).substr(0, 4) + "-09-01" })
                         ->i64(0);
    return object { { "penalty_in_force", lapse.has_value() }, { "lapses_on", lapse ? boost::json::value(lapse->iso()) : boost::json::value() },
        { "open_cases", open }, { "incidents_this_year", incidents } };
}

}

void detail::register_contributions(http::Registry& r)
{
    r.needs.push_back({ "discipline", needs_of });
    r.person_sections.push_back({ "discipline", &policy::person_discipline, record_summary });
}

}
