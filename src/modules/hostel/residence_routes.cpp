// Placeholder registrations of the residence side, replaced as its route files arrive.
#include "modules/hostel/hostel.hpp"
#include "modules/hostel/routes.hpp"

namespace kenes::hostel {
namespace detail {
void register_resident_routes(http::Registry&) {}
void register_door_routes(http::Registry&) {}
void register_violation_routes(http::Registry&) {}
void register_contributions(http::Registry&) {}
}
void register_notice_kinds() {}
void seed_demo(db::Tx&, const Clock&, const audit::Actor&, const Catalog&, const DemoPeople&) {}
}
