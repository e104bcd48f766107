// Placeholder registrations of the allocation side, replaced as its route files arrive.
#include "modules/hostel/demo.hpp"
#include "modules/hostel/interfaces.hpp"
#include "modules/hostel/routes.hpp"

namespace kenes::hostel::detail {
void register_place_routes(http::Registry&) {}
void register_campaign_routes(http::Registry&) {}
void register_application_routes(http::Registry&) {}
void register_allocation_routes(http::Registry&) {}
void register_allocation_contributions(http::Registry&) {}
void register_allocation_notices() {}
void seed_allocation_demo(db::Tx&, const Clock&, const audit::Actor&, const Catalog&, const DemoPeople&) {}
std::optional<int64_t> place_freed(db::Tx&, const http::Context&, int64_t) { return std::nullopt; }
}
