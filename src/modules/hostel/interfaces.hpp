#pragma once
// What each half of the hostel module asks of the other.
#include "core/result.hpp"
#include "http/context.hpp"
#include <optional>
#include <string>

namespace kenes::hostel::detail {

// Allocation side (HST-RES-1): a place became free (an eviction vacated, a place back in use).
// Offers it to the next eligible applicant of the reserve list of the current academic year whose
// gender fits the room, with the campaign's deadline to accept, and notifies the representative.
// Returns the offer's id, or nothing when nobody waits.
std::optional<int64_t> place_freed(db::Tx&, const http::Context&, int64_t place_id);

// Residence side (HST-EV-1, HST-EV-2): the head's submission to evict a resident for a reason
// ("end_of_year", "expulsion", "three_violations", "representative_request", "academic_leave",
// "absences", "external_study", "bumping", "late_payment", "false_information"), with details.
// Used by the bumping decision (HST-BUMP-1) and the third violation (HST-VIOL-2). Returns its id.
Result<int64_t> submit_eviction(db::Tx&, const http::Context&, int64_t resident_id, const std::string& reason, const std::string& details);

}
