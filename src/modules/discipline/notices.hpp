#pragma once
// Notices of discipline to the student's legal representatives (REP-1: informed of any
// disciplinary process; every notice logged with its deliveries).
#include "core/clock.hpp"
#include "storage/database.hpp"

namespace kenes::discipline::notices {

// DISC-CASE-2: one legal representative learns of the case and that an explanation is due.
void case_opened(db::Tx&, const Clock&, int64_t institution_id, int64_t case_id);
// DISC-CASE-5: the student and the representatives receive a copy of the decision.
void decided(db::Tx&, const Clock&, int64_t institution_id, int64_t case_id);
// DISC-PEN-4, DISC-PEN-5: an order about the student.
void order_issued(db::Tx&, const Clock&, int64_t institution_id, int64_t order_id);

}
