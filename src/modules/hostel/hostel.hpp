#pragma once
// The hostel (seed 004, hostel rules): places, the yearly application campaign, the priority
// allocation by the Hostel Allocation Commission, the reserve list and bumping, the residents'
// register, leave, visits, violations and eviction. Other modules ask it through this header only.
#include "core/clock.hpp"
#include "http/registry.hpp"
#include "i18n/catalog.hpp"
#include "security/audit.hpp"
#include "storage/database.hpp"

namespace kenes::hostel {

void register_module(http::Registry&);

// The demo institution's hostel: rooms, a campaign with applications ranked and decided, residents,
// a leave, a visit and violations (src/app/demo.cpp).
struct DemoPeople {
    int64_t institution_id, commission, head;   // the commission's body, the head of the hostel (a staff person)
};
void seed_demo(db::Tx&, const Clock&, const audit::Actor&, const Catalog&, const DemoPeople&);

}
