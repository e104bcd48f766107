#pragma once
// Awards (seed 004, "Rewarding the students", AWD-1..AWD-5): kinds, nominations for "Student of
// the year" and "Best Shanyrak" with their discussions, the encouragement commission's scoring with
// recusals, and awards announced by the principal's order, written in the student's record, with a
// certificate and notices to the representatives. Other modules reach it only through this header.
#include "core/clock.hpp"
#include "http/registry.hpp"
#include "i18n/catalog.hpp"
#include "security/audit.hpp"
#include "storage/database.hpp"

namespace kenes::awards {

void register_module(http::Registry&);

// The demo institution's awards (src/app/demo.cpp): two Shanyraks' nominations, the commission's
// scored session on "Student of the year" with a recused member (a parent of a nominee), and the
// first place's award with its order, published on the public page.
struct DemoPeople {
    int64_t institution_id;
    int64_t commission;                  // an encouragement commission
    int64_t meeting;                     // its open meeting today
    std::vector<int64_t> members;        // its voting members; the one who represents a nominee is recused
    int64_t shanyrak_leader;             // a staff member of the first Shanyrak (recused from its students)
    std::vector<int64_t> nominees;       // three students: the first two of the first Shanyrak, the third of the second
};
void seed_demo(db::Tx&, const Clock&, const audit::Actor&, const Catalog&, const DemoPeople&);

}
