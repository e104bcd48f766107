#pragma once
// Disciplinary cases in the database (DISC-CASE-1..5): the case, its file, and the pieces other
// parts of the module read.
#include "core/clock.hpp"
#include "core/result.hpp"
#include "security/audit.hpp"
#include "storage/database.hpp"
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kenes::discipline::store {

struct Case {
    int64_t id, number, student_id, committee_body_id;
    std::string academic_year, basis, reporter_name, summary, opened_on, status;
    std::optional<int64_t> reporter_person_id, representative_id, agenda_item_id;
    UnixMillis opened_at, explanation_due_at;
    bool non_disclosure, criminal;
    std::string label() const { return std::to_string(number) + "/" + academic_year; }   // "3/2026-2027"
};
std::optional<Case> load_case(db::Tx&, int64_t institution_id, int64_t case_id);

// DISC-CASE-3: the facts to establish, in the regulation's order.
const std::vector<std::string>& fact_codes();
// DISC-CASE-4 and DISC-CASE-5: what a case file holds.
const std::vector<std::string>& evidence_kinds();
// DISC-CASE-1: what a case opens on.
const std::vector<std::string>& bases();

// The committee a case may go to: a body made from the Disciplinary Committee template.
bool is_disciplinary_committee(db::Tx&, int64_t institution_id, int64_t body_id);
// The persons seated in a body on a date.
std::vector<int64_t> members_on(db::Tx&, int64_t institution_id, int64_t body_id, const std::string& date);

// DISC-CASE-1, DISC-CASE-2: opens a case (numbered per academic year), notifies one legal
// representative and sets the explanation due within a day. Checks what the database must: the
// student, the committee, the persons and incidents named. Audited.
struct NewCase {
    int64_t student_id, committee_body_id;
    std::string basis, reporter_name, summary;
    std::optional<int64_t> reporter_person_id, victim_person_id;
    std::vector<int64_t> incident_ids, interested_person_ids;
    bool criminal = false;
};
Result<int64_t> open_case(db::Tx&, const Clock&, const audit::Actor&, int64_t institution_id, const NewCase&);

// The whole file, for those the read policy allows.
boost::json::object case_json(db::Tx&, int64_t institution_id, const Case&, UnixMillis now);
// A line per case for lists (number, status, student, dates).
boost::json::object case_summary_json(db::Tx&, int64_t institution_id, const Case&);

// The incidents' kinds, for DISC-VER-1 at the decision.
std::vector<std::string> case_kind_codes(db::Tx&, int64_t institution_id, int64_t case_id);

}
