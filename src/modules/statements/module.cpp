// The statements module: tables, permissions and routes.
#include "modules/statements/statements.hpp"
#include "modules/statements/routes.hpp"
#include "security/permissions.hpp"

namespace kenes::statements {

void register_module(http::Registry& r)
{
    r.migrations.push_back({ 1010, "statements, ombudsman, reception", R"sql(
-- The term for answering a statement: days, and whether they are working days (Monday to Friday).
ALTER TABLE institutions ADD COLUMN statement_answer_days INTEGER NOT NULL DEFAULT 15;
ALTER TABLE institutions ADD COLUMN statement_working_days INTEGER NOT NULL DEFAULT 1;
-- APL-1, APL-2: a written statement with its arguments from an identified filer (no anonymous
-- column: a statement without a filer cannot be stored). student_id: the student it is filed by or
-- for (a representative files on behalf of their child).
CREATE TABLE statements (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    topic TEXT NOT NULL,
    about TEXT NOT NULL DEFAULT '',
    arguments TEXT NOT NULL,
    filer_person_id BIGINT NOT NULL,
    student_id BIGINT,
    channel TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    received_on TEXT NOT NULL,
    received_by BIGINT,
    received_by_name TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    due_on TEXT NOT NULL,
    assignee_person_id BIGINT,
    answer TEXT,
    answered_at BIGINT,
    answered_by_name TEXT,
    forwarded_to TEXT,
    forward_reason TEXT,
    escalated_at BIGINT,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, filer_person_id) REFERENCES persons (institution_id, id)
);
CREATE UNIQUE INDEX statements_number ON statements (institution_id, year, number);
CREATE INDEX statements_filer ON statements (institution_id, filer_person_id);
CREATE INDEX statements_student ON statements (institution_id, student_id);
CREATE INDEX statements_state ON statements (institution_id, state, due_on);
-- Each change of state, with who made it and a note (to whom and why, when forwarded).
CREATE TABLE statement_events (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    statement_id BIGINT NOT NULL,
    state TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    by_user BIGINT,
    by_name TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX statement_events_statement ON statement_events (institution_id, statement_id, at);
-- APL-4: complaints to the ombudsman; the person complained about is named only in the text or by
-- about_person_id, and gets no access from it.
CREATE TABLE ombudsman_complaints (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    complainant_person_id BIGINT NOT NULL,
    filed_by_person_id BIGINT NOT NULL,
    about_person_id BIGINT,
    about TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    state TEXT NOT NULL,
    response TEXT,
    responded_at BIGINT,
    filed_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, complainant_person_id) REFERENCES persons (institution_id, id)
);
CREATE UNIQUE INDEX ombudsman_complaints_number ON ombudsman_complaints (institution_id, year, number);
-- The people the ombudsman involved, each by an explicit record.
CREATE TABLE ombudsman_shares (
    institution_id BIGINT NOT NULL,
    complaint_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    reason TEXT NOT NULL,
    shared_by BIGINT,
    shared_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, complaint_id, person_id)
);
-- APL-3: the approved schedule of personal reception, one booking per slot.
CREATE TABLE reception_slots (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    starts_at TEXT NOT NULL,
    on_date TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    place TEXT NOT NULL,
    receiver_person_id BIGINT NOT NULL,
    published_by BIGINT,
    published_at BIGINT NOT NULL,
    booked_by_person_id BIGINT,
    booked_for_student_id BIGINT,
    booking_topic TEXT,
    booked_at BIGINT,
    outcome TEXT,
    outcome_at BIGINT,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX reception_slots_date ON reception_slots (institution_id, on_date);
)sql" });
    r.permissions.declare(file_perm, { role::Student, role::LegalRepresentative });
    r.permissions.declare(manage_perm, { role::InstitutionAdmin, role::Staff });
    detail::register_statement_routes(r);
    detail::register_ombudsman_routes(r);
    detail::register_reception_routes(r);
    detail::register_contributions(r);
    register_notice_kinds();
}

}
