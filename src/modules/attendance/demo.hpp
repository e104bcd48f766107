#pragma once
// The demo institution's attendance (kenes demo): its terms, the last three weeks of the journal
// of every group, a justified absence and a proposal waiting for the curator.
#include "core/clock.hpp"
#include "storage/database.hpp"
#include <vector>

namespace kenes::attendance {

// `groups` in the demo's order (the first is the curator's); `demo_student` gets one justified
// and one unjustified absence, for her father to see and sign.
void seed_demo(db::Tx&, const Clock&, int64_t institution_id, const std::vector<int64_t>& groups, int64_t demo_student);

}
