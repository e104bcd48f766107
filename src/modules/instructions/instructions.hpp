#pragma once
// The instructions module (ORG-11): decisions of the Council and instructions of the President to
// the Secretariat, tracked until done; the Secretariat's reports put before the Council.
#include "http/registry.hpp"
#include "security/audit.hpp"
#include <vector>

namespace kenes::instructions {

void register_module(http::Registry&);

// The demo institution's Small Assembly with instructions to its Secretariat, and an annulled
// decision of the Student Government (src/app/demo.cpp).
struct DemoPeople {
    int64_t institution_id, government, president, youth_center_head, council_chair;
    std::vector<int64_t> council_students, secretariat_students;
};
void seed_demo(db::Tx&, const Clock&, const audit::Actor&, const Catalog&, const DemoPeople&);

namespace detail {
void register_routes(http::Registry&);
void register_annulment_routes(http::Registry&);   // MTG-8
}

}
