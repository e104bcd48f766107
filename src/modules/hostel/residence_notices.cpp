#include "modules/hostel/residence_notices.hpp"
#include "modules/hostel/residence_store.hpp"
#include "modules/hostel/routes.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/people/people.hpp"
#include <boost/json/object.hpp>

namespace kenes::hostel {

void detail::register_residence_notices()
{
    using notifications::register_kind;
    register_kind({ "hostel_violation", true, "/hostel/residents/{resident_id}" });
    register_kind({ "hostel_certificate", true, "/hostel/residents/{resident_id}" });
    register_kind({ "hostel_eviction", true, "/hostel/residents/{resident_id}" });
    register_kind({ "hostel_eviction_order", true, "/hostel/residents/{resident_id}" });
    register_kind({ "hostel_reprimand_order", true, "/hostel/residents/{resident_id}" });
}

}

namespace kenes::hostel::notices {

using boost::json::object;

int64_t violation(db::Tx& tx, const Clock& clock, int64_t inst, int64_t id)
{
    auto v = tx.query_one("SELECT person_id, resident_id, ordinal, measure, occurred_at FROM hostel_violations WHERE institution_id = ? AND id = ?", { inst, id });
    if (!v)
        return 0;
    return notifications::notify_each(tx, clock, inst, store::representatives(tx, inst, v->i64(0)), "hostel_violation", "hostel.violation:" + std::to_string(id),
        object { { "resident_id", v->i64(1) }, { "student", people::name_of(tx, inst, v->i64(0)) }, { "ordinal", v->i64(2) }, { "measure", v->str(3) },
            { "date", almaty::local_date(v->i64(4)).iso() } });
}

void certificate(db::Tx& tx, const Clock& clock, int64_t inst, int64_t resident_id)
{
    auto r = tx.query_one("SELECT person_id FROM hostel_residents WHERE institution_id = ? AND id = ?", { inst, resident_id });
    if (!r)
        return;
    notifications::notify_each(tx, clock, inst, store::representatives(tx, inst, r->i64(0)), "hostel_certificate", "hostel.certificate:" + std::to_string(resident_id),
        object { { "resident_id", resident_id }, { "student", people::name_of(tx, inst, r->i64(0)) } });
}

void eviction_submitted(db::Tx& tx, const Clock& clock, int64_t inst, int64_t id)
{
    auto e = tx.query_one("SELECT person_id, resident_id, reason FROM hostel_evictions WHERE institution_id = ? AND id = ?", { inst, id });
    if (!e)
        return;
    notifications::notify_each(tx, clock, inst, store::student_and_representatives(tx, inst, e->i64(0)), "hostel_eviction", "hostel.eviction:" + std::to_string(id),
        object { { "resident_id", e->i64(1) }, { "student", people::name_of(tx, inst, e->i64(0)) }, { "reason", e->str(2) } });
}

void eviction_ordered(db::Tx& tx, const Clock& clock, int64_t inst, int64_t id)
{
    auto e = tx.query_one("SELECT person_id, resident_id, order_number, vacate_by FROM hostel_evictions WHERE institution_id = ? AND id = ?", { inst, id });
    if (!e)
        return;
    notifications::notify_each(tx, clock, inst, store::student_and_representatives(tx, inst, e->i64(0)), "hostel_eviction_order",
        "hostel.eviction_order:" + std::to_string(id),
        object { { "resident_id", e->i64(1) }, { "student", people::name_of(tx, inst, e->i64(0)) }, { "number", e->str(2) }, { "vacate_by", e->str(3) } });
}

void reprimand_order(db::Tx& tx, const Clock& clock, int64_t inst, int64_t id)
{
    auto v = tx.query_one("SELECT person_id, resident_id, order_number, order_date FROM hostel_violations WHERE institution_id = ? AND id = ?", { inst, id });
    if (!v)
        return;
    notifications::notify_each(tx, clock, inst, store::student_and_representatives(tx, inst, v->i64(0)), "hostel_reprimand_order",
        "hostel.reprimand_order:" + std::to_string(id),
        object { { "resident_id", v->i64(1) }, { "student", people::name_of(tx, inst, v->i64(0)) }, { "number", v->str(2) }, { "date", v->str(3) } });
}

}
