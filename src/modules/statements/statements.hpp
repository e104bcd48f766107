#pragma once
// Written statements to the administration and disputes (seed 004 "Resolving disputes", APL-1,
// APL-2), the Ombudsman of the Student Government (seed 003 §4.6, APL-4) and personal reception
// (APL-3).
#include "core/clock.hpp"
#include "http/registry.hpp"
#include "security/audit.hpp"
#include "storage/database.hpp"

namespace kenes::statements {

void register_module(http::Registry&);

// The demo: statements in several states (one overdue), a complaint to the ombudsman, this
// month's reception schedule with a booking (src/app/demo.cpp).
struct DemoPeople {
    int64_t institution_id, government, student, parent, staff, classmate;
};
void seed_demo(db::Tx&, const Clock&, const DemoPeople&);

}
