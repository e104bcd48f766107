#include "modules/discipline/notices.hpp"
#include "modules/discipline/discipline.hpp"
#include "modules/notifications/notifications.hpp"
#include <boost/json/object.hpp>

namespace kenes::discipline {

void register_notice_kinds()
{
    using notifications::register_kind;
    register_kind({ "discipline_case_opened", true, "/discipline/cases/{case_id}" });
    register_kind({ "discipline_decided", true, "/discipline/cases/{case_id}" });
    register_kind({ "discipline_order", true, "/discipline/orders/{order_id}" });
}

}

namespace kenes::discipline::notices {

using boost::json::object;

namespace {

std::vector<int64_t> student_and_representatives(db::Tx& tx, int64_t inst, int64_t student)
{
    std::vector<int64_t> out { student };
    for (auto& r : tx.query("SELECT representative_id FROM representatives WHERE institution_id = ? AND student_id = ? ORDER BY representative_id", { inst, student }))
        out.push_back(r.i64(0));
    return out;
}

}

void case_opened(db::Tx& tx, const Clock& clock, int64_t inst, int64_t case_id)
{
    auto c = tx.query_one("SELECT representative_id, number, academic_year, explanation_due_at FROM discipline_cases WHERE institution_id = ? AND id = ?", { inst, case_id });
    if (!c || c->is_null(0))
        return;
    notifications::notify(tx, clock,
        { inst, c->i64(0), "discipline_case_opened", "discipline.case_opened:" + std::to_string(case_id),
            object { { "case_id", case_id }, { "number", std::to_string(c->i64(1)) + "/" + c->str(2) }, { "due", almaty::iso_datetime(c->i64(3)).substr(0, 10) } } });
}

void decided(db::Tx& tx, const Clock& clock, int64_t inst, int64_t case_id)
{
    auto c = tx.query_one("SELECT student_id, number, academic_year FROM discipline_cases WHERE institution_id = ? AND id = ?", { inst, case_id });
    if (!c)
        return;
    notifications::notify_each(tx, clock, inst, student_and_representatives(tx, inst, c->i64(0)), "discipline_decided",
        "discipline.decided:" + std::to_string(case_id), object { { "case_id", case_id }, { "number", std::to_string(c->i64(1)) + "/" + c->str(2) } });
}

void order_issued(db::Tx& tx, const Clock& clock, int64_t inst, int64_t order_id)
{
    auto o = tx.query_one("SELECT person_id, seq, academic_year, issued_on FROM discipline_orders WHERE institution_id = ? AND id = ?", { inst, order_id });
    if (!o)
        return;
    notifications::notify_each(tx, clock, inst, student_and_representatives(tx, inst, o->i64(0)), "discipline_order",
        "discipline.order:" + std::to_string(order_id),
        object { { "order_id", order_id }, { "number", std::to_string(o->i64(1)) + "/" + o->str(2) }, { "issued_on", o->str(3) } });
}

}
