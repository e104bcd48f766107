#pragma once
// Notices of the residence side to students and their legal representatives (REP-1, HST-VIOL-1:
// violations are reported to the representatives; every notice is logged with its deliveries).
#include "core/clock.hpp"
#include "storage/database.hpp"
#include <string>

namespace kenes::hostel::notices {

// HST-VIOL-1: the representatives learn of a violation. Returns how many were notified.
int64_t violation(db::Tx&, const Clock&, int64_t inst, int64_t violation_id);
// HST-REG-1: a certificate waits for the representative's signature.
void certificate(db::Tx&, const Clock&, int64_t inst, int64_t resident_id);
// HST-EV-2: the head's submission, and the principal's order with the day to vacate by.
void eviction_submitted(db::Tx&, const Clock&, int64_t inst, int64_t eviction_id);
void eviction_ordered(db::Tx&, const Clock&, int64_t inst, int64_t eviction_id);
// HST-VIOL-2: a reprimand by the principal's order typed from paper (generated orders notify themselves).
void reprimand_order(db::Tx&, const Clock&, int64_t inst, int64_t violation_id);

}
