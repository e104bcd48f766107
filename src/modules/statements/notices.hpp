#pragma once
// Notices of statements, complaints and reception, each logged with its deliveries (REP-1: a
// student's legal representatives are informed of the answer to a statement filed by or for them).
#include "core/clock.hpp"
#include "storage/database.hpp"

namespace kenes::statements::notices {

void answered(db::Tx&, const Clock&, int64_t institution_id, int64_t statement_id);    // filer, student, representatives
void forwarded(db::Tx&, const Clock&, int64_t institution_id, int64_t statement_id);   // the same, with to whom
void assigned(db::Tx&, const Clock&, int64_t institution_id, int64_t statement_id, int64_t assignee);
// The escalation of an overdue statement to the administration's staff (statements.manage holders with a person).
void overdue(db::Tx&, const Clock&, int64_t institution_id, int64_t statement_id, const std::vector<int64_t>& persons);
void complaint_filed(db::Tx&, const Clock&, int64_t institution_id, int64_t complaint_id, const std::vector<int64_t>& ombudsmen);
void complaint_answered(db::Tx&, const Clock&, int64_t institution_id, int64_t complaint_id);   // complainant, representatives
void complaint_shared(db::Tx&, const Clock&, int64_t institution_id, int64_t complaint_id, int64_t person);

}
