// Placeholder registrations of the residence side, replaced as its route files arrive.
#include "modules/hostel/demo.hpp"
#include "modules/hostel/routes.hpp"

namespace kenes::hostel::detail {
void register_resident_routes(http::Registry&) {}
void register_door_routes(http::Registry&) {}
void register_violation_routes(http::Registry&) {}
void register_residence_contributions(http::Registry&) {}
void register_residence_notices() {}
void seed_residence_demo(db::Tx&, const Clock&, const audit::Actor&, const Catalog&, const DemoPeople&) {}
}
