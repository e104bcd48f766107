#pragma once
// Who may do what with written statements (APL-1, APL-2), complaints to the ombudsman (APL-4) and
// personal reception (APL-3).
#include "security/policy.hpp"

namespace kenes::statements::policy {

// A statement: the filer and the student it is filed for are own record, that student's legal
// representatives own child, statements.manage holders managers. Its assignee is involved.
extern const authz::ObjectKind statement;
// A complaint to the ombudsman (APL-4), confidential: the holder of the Ombudsman position of a
// Student Government today (ombudsman), the complainant (own record), their representatives
// (own child) and the people the ombudsman shared it with by an explicit record (involved). No grant to the administration or managers, nor to the person
// complained about: they see it only once the ombudsman shares it with them.
extern const authz::ObjectKind complaint;
// A reception slot: its booker is own record (the student booked for: own child for their
// representatives), its receiver involved, statements.manage holders managers.
extern const authz::ObjectKind reception_slot;

extern const authz::Policy file_statement;      // the institution (statements.file)
extern const authz::Policy register_statements; // the institution (statements.manage): the register, paper statements, settings
extern const authz::Policy mine;                // the institution (self): one's own statements, complaints, bookings
extern const authz::Policy read_statement;      // filer, student, representatives, assignee, managers, administration
extern const authz::Policy handle_statement;    // managers and the administration: assign, forward, close
extern const authz::Policy answer_statement;    // the assignee, managers and the administration: start, answer
extern const authz::Policy file_complaint;      // the institution (statements.file)
extern const authz::Policy read_complaint;      // ombudsman, complainant, representatives, involved
extern const authz::Policy handle_complaint;    // the ombudsman: share, answer
extern const authz::Policy publish_reception;   // the institution (statements.manage): the schedule
extern const authz::Policy read_schedule;
// For the "needs you" item of a month without reception (APL-3) only: the institution's schedule
// as an object with a loader (needs are checked through their object's loader), managers and the administration.
extern const authz::ObjectKind reception_schedule;
extern const authz::Policy keep_schedule;       // the institution (self): the published slots
extern const authz::Policy read_slot;           // booker, representatives, receiver, managers, administration
extern const authz::Policy book_slot;           // the institution (statements.file)
extern const authz::Policy record_outcome;      // the receiver, managers, the administration

// Whether the person holds the Ombudsman position of a Student Government on the day (APL-4).
bool is_ombudsman(db::Tx&, int64_t institution_id, int64_t person_id, const std::string& day);

}
