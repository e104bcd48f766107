#pragma once
// The allocation half's notices to families (onboarding's notifications).
#include "core/clock.hpp"
#include "storage/database.hpp"

namespace kenes::hostel::notices {
// HST-RES-1: a place offered from the reserve list, to be answered by `expires_at`.
void offered(db::Tx&, const Clock&, int64_t inst, int64_t application_id, int64_t offer_id, int64_t expires_at);
// The outcome of the adopted allocation for an application (grant, paid, reserve, refused).
void outcome(db::Tx&, const Clock&, int64_t inst, int64_t application_id, const std::string& outcome);
}
