#include "modules/hostel/allocation_notices.hpp"
#include "modules/hostel/allocation_store.hpp"
#include "modules/hostel/routes.hpp"
#include "modules/notifications/notifications.hpp"
#include <boost/json/object.hpp>

namespace kenes::hostel {

void detail::register_allocation_notices()
{
    notifications::register_kind({ "hostel_offer", true, "/hostel/applications/{application_id}" });
    notifications::register_kind({ "hostel_outcome", true, "/hostel/applications/{application_id}" });
}

}

namespace kenes::hostel::notices {

using boost::json::object;

void offered(db::Tx& tx, const Clock& clock, int64_t inst, int64_t application_id, int64_t offer_id, int64_t expires_at)
{
    auto a = tx.query_one("SELECT student_id, number FROM hostel_applications WHERE institution_id = ? AND id = ?", { inst, application_id });
    if (!a)
        return;
    notifications::notify_each(tx, clock, inst, store::representatives_of(tx, inst, a->i64(0)), "hostel_offer", "hostel.offer:" + std::to_string(offer_id),
        object { { "application_id", application_id }, { "number", a->i64(1) }, { "expires_at", almaty::iso_datetime(expires_at).substr(0, 16) } });
}

void outcome(db::Tx& tx, const Clock& clock, int64_t inst, int64_t application_id, const std::string& outcome)
{
    auto a = tx.query_one("SELECT student_id, number FROM hostel_applications WHERE institution_id = ? AND id = ?", { inst, application_id });
    if (!a)
        return;
    notifications::notify_each(tx, clock, inst, store::representatives_of(tx, inst, a->i64(0)), "hostel_outcome",
        "hostel.outcome:" + std::to_string(application_id) + ":" + outcome, object { { "application_id", application_id }, { "number", a->i64(1) }, { "outcome", outcome } });
}

}
