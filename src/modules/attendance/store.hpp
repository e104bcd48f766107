#pragma once
// The attendance module's SQL: terms, the journal's marks with the per-student term counters
// (DISC-ESC-1 is checked on every mark from these counters, never by scanning the journal),
// justifications and proposals.
#include "core/clock.hpp"
#include "core/result.hpp"
#include "modules/attendance/rules.hpp"
#include "security/audit.hpp"
#include "storage/database.hpp"
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <map>

namespace kenes::attendance::store {

std::string institution_kind(db::Tx&, int64_t inst);
bool by_lesson(db::Tx&, int64_t inst);
// The year's terms as stored, else the preset for the institution's kind (`stored` says which).
std::vector<Term> terms_of(db::Tx&, int64_t inst, const std::string& academic_year, bool* stored = nullptr);
// Stores the preset when the year has no terms yet (so that counters refer to stable numbers).
std::vector<Term> ensure_terms(db::Tx&, const Clock&, int64_t inst, const std::string& academic_year);
void replace_terms(db::Tx&, const Clock&, std::optional<int64_t> by, int64_t inst, const std::string& academic_year, const std::vector<Term>&);
// Counts every student's days again for the year (after its terms changed).
void recount_year(db::Tx&, int64_t inst, const std::string& academic_year);

struct Exception {
    int64_t person_id;
    Mark mark;
    std::optional<int64_t> late_minutes;
};
struct MarkRequest {
    int64_t group_id;
    std::string date;
    int64_t lesson;   // 0: the whole day
    Mark default_mark = Mark::Present;
    std::vector<Exception> exceptions;
};
struct MarkResult {
    int64_t students = 0;
    int64_t changed = 0;
    std::vector<int64_t> proposals;   // created by this request
};
// Marks the whole group in one transaction: the default for everyone, then the exceptions; a
// re-mark replaces the earlier one (the audit entry has both). Field errors: a student not in
// the group, a date outside the terms.
Result<MarkResult> mark_group(db::Tx&, const Clock&, const audit::Actor&, int64_t inst, const MarkRequest&);

// Applies an accepted justification to the marks it covers (and the counters, and withdraws
// proposals that no longer stand).
void apply_justification(db::Tx&, const Clock&, int64_t inst, int64_t justification_id);
// Family days accepted for the student in the academic year.
int64_t family_days_used(db::Tx&, int64_t inst, int64_t person, const std::string& academic_year);

std::vector<int64_t> representatives_of(db::Tx&, int64_t inst, int64_t student);

boost::json::object justification_json(db::Tx&, int64_t inst, int64_t id);
boost::json::object proposal_json(const db::Row&);
inline constexpr const char* proposal_columns =
    "x.id, x.person_id, x.academic_year, x.term, x.kind, x.count, x.on_date, x.status, x.created_at, x.resolved_at, x.dismiss_reason, x.incident_id, "
    "p.surname, p.name, p.patronymic";

}
