// The attendance module: tables, permissions, notice kinds and routes.
#include "modules/attendance/attendance.hpp"
#include "modules/attendance/routes.hpp"
#include "modules/notifications/notifications.hpp"
#include "security/permissions.hpp"

namespace kenes::attendance {

void register_module(http::Registry& r)
{
    r.migrations.push_back({ 950, "attendance", R"sql(
-- Whether the journal is kept per lesson (1..7) or per day (lesson 0).
ALTER TABLE institutions ADD COLUMN attendance_by_lesson INTEGER NOT NULL DEFAULT 0;
-- The terms of each academic year (quarters or semesters); the preset is in code (rules.cpp).
CREATE TABLE attendance_terms (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    academic_year TEXT NOT NULL,
    number INTEGER NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    updated_by BIGINT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, academic_year, number)
);
-- The journal: one mark per student, day and lesson. An absence with an accepted justification
-- carries its ATT-1 reason.
CREATE TABLE attendance_marks (
    institution_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    on_date TEXT NOT NULL,
    lesson INTEGER NOT NULL,
    group_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    late_minutes INTEGER,
    reason TEXT,
    justification_id BIGINT,
    marked_by BIGINT,
    marked_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, person_id, on_date, lesson)
);
-- Covering for the group journal and the term summary (one index range, no table reads).
CREATE INDEX attendance_marks_group ON attendance_marks (institution_id, group_id, on_date, person_id, lesson, status);
-- DISC-ESC-1 without scanning the journal: each student's days of lateness, of unjustified and of
-- justified absence per term, kept in the transaction of every mark.
CREATE TABLE attendance_counts (
    institution_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    academic_year TEXT NOT NULL,
    term INTEGER NOT NULL,
    late INTEGER NOT NULL DEFAULT 0,
    unjustified INTEGER NOT NULL DEFAULT 0,
    justified INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (institution_id, person_id, academic_year, term)
);
-- ATT-1: a justification of absences from..to, with its document (checked by content, SHA-256).
CREATE TABLE attendance_justifications (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    academic_year TEXT NOT NULL,
    reason TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    submitted_by BIGINT,
    submitted_at BIGINT NOT NULL,
    decided_by BIGINT,
    decided_at BIGINT,
    refusal_reason TEXT,
    principal_agreed INTEGER NOT NULL DEFAULT 0,
    file_type TEXT,
    file_size BIGINT,
    file_sha256 TEXT,
    file_data {blob},
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, person_id) REFERENCES persons (institution_id, id)
);
CREATE INDEX attendance_justifications_person ON attendance_justifications (institution_id, person_id, from_date);
CREATE INDEX attendance_justifications_status ON attendance_justifications (institution_id, status);
-- DISC-ESC-1: the 4th lateness or unjustified absence of a term proposes an infraction, which the
-- curator confirms (an incident of the discipline module) or dismisses with a reason.
CREATE TABLE attendance_proposals (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    group_id BIGINT NOT NULL,
    academic_year TEXT NOT NULL,
    term INTEGER NOT NULL,
    kind TEXT NOT NULL,
    count INTEGER NOT NULL,
    on_date TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    resolved_by BIGINT,
    resolved_at BIGINT,
    dismiss_reason TEXT,
    incident_id BIGINT,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX attendance_proposals_person ON attendance_proposals (institution_id, person_id, academic_year, term, kind);
CREATE INDEX attendance_proposals_group ON attendance_proposals (institution_id, group_id, status);
-- REP-2: the representative's signature of an unjustified absence (subject: its date) or of a
-- term's report card (subject: "2026-2027/1"); one each.
CREATE TABLE attendance_acknowledgements (
    institution_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    signed_by BIGINT NOT NULL,
    signed_by_user BIGINT,
    signed_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, person_id, kind, subject)
);
)sql" });
    r.permissions.declare(read_perm, { role::InstitutionAdmin, role::Staff, role::Curator, role::Student, role::LegalRepresentative });
    r.permissions.declare(journal_perm, { role::InstitutionAdmin, role::Staff, role::Curator });
    r.permissions.declare(mark_perm, { role::InstitutionAdmin, role::Staff });
    r.permissions.declare(manage_perm, { role::InstitutionAdmin, role::Staff });
    r.permissions.declare(justify_perm, { role::InstitutionAdmin, role::Staff, role::LegalRepresentative });
    r.permissions.declare(acknowledge_perm, { role::LegalRepresentative });
    r.permissions.declare(settings_perm, { role::InstitutionAdmin });
    notifications::register_kind({ "attendance_absence", true, "/attendance/students/{person_id}" });
    detail::register_settings_routes(r);
    detail::register_journal_routes(r);
    detail::register_student_routes(r);
    detail::register_needs(r);
    detail::register_signature_routes(r);
}

}
