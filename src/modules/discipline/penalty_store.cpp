// The penalty register (DISC-PEN-6): what other modules ask.
#include "modules/discipline/discipline.hpp"
#include "modules/discipline/penalty_store.hpp"

namespace kenes::discipline {

std::vector<PenaltyRecord> penalty_records(db::Tx& tx, int64_t inst, int64_t person)
{
    std::vector<PenaltyRecord> out;
    for (auto& r : tx.query("SELECT imposed_on, withdrawn_on FROM penalties WHERE institution_id = ? AND person_id = ?", { inst, person }))
        out.push_back({ *parse_iso_date(r.str(0)), r.is_null(1) ? std::nullopt : parse_iso_date(r.str(1)) });
    return out;
}

bool penalty_active_on(db::Tx& tx, int64_t inst, int64_t person, const CivilDate& on) { return penalty_active(penalty_records(tx, inst, person), on); }

}
