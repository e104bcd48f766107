#pragma once
// The two halves of the hostel's demo data, in the order the year runs.
#include "modules/hostel/hostel.hpp"

namespace kenes::hostel::detail {
// Hostels, rooms and places, this year's campaign with applications, the commission's ranking
// and decision, the reserve list.
void seed_allocation_demo(db::Tx&, const Clock&, const audit::Actor&, const Catalog&, const DemoPeople&);
// Residents settled with certificates, a leave, a visit, violations.
void seed_residence_demo(db::Tx&, const Clock&, const audit::Actor&, const Catalog&, const DemoPeople&);
}
