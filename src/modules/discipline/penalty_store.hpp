#pragma once
// The penalty register's rows as the pure rules take them (DISC-PEN-6).
#include "modules/discipline/rules.hpp"
#include "storage/database.hpp"
#include <vector>

namespace kenes::discipline {

std::vector<PenaltyRecord> penalty_records(db::Tx&, int64_t institution_id, int64_t person_id);

}
