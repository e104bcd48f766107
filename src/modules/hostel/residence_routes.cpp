// Placeholder registrations of the residence side, replaced as its route files arrive.
#include "modules/hostel/demo.hpp"
#include "modules/hostel/interfaces.hpp"
#include "modules/hostel/routes.hpp"

namespace kenes::hostel::detail {
void register_resident_routes(http::Registry&) {}
void register_door_routes(http::Registry&) {}
void register_violation_routes(http::Registry&) {}
void register_residence_contributions(http::Registry&) {}
void register_residence_notices() {}
void seed_residence_demo(db::Tx&, const Clock&, const audit::Actor&, const Catalog&, const DemoPeople&) {}
Result<int64_t> submit_eviction(db::Tx&, const http::Context&, int64_t, const std::string&, const std::string&) { return Error::not_found(); }
}
