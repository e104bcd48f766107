// The discipline module: tables, permissions and routes.
#include "modules/discipline/discipline.hpp"
#include "modules/discipline/routes.hpp"
#include "security/permissions.hpp"

namespace kenes::discipline {

void register_module(http::Registry& r)
{
    r.migrations.push_back({ 900, "discipline", R"sql(
-- DISC-ESC-1: the window in which a repeated infraction counts (days; six months by default).
ALTER TABLE institutions ADD COLUMN repeat_window_days INTEGER NOT NULL DEFAULT 183;
-- DISC-CAT-1, DISC-VER-1: the institution's versions of catalogue kinds (the preset is in code).
-- A NULL tier removes the kind from effective_from on.
CREATE TABLE infraction_kinds (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    code TEXT NOT NULL,
    tier TEXT,
    name_kk TEXT NOT NULL DEFAULT '',
    name_ru TEXT NOT NULL DEFAULT '',
    name_en TEXT NOT NULL DEFAULT '',
    effective_from TEXT NOT NULL,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE UNIQUE INDEX infraction_kinds_version ON infraction_kinds (institution_id, code, effective_from);
-- An incident involves one or more students. Nothing is deleted: a mistaken record is reversed by
-- a correcting entry (reverses_id) with its reason.
CREATE TABLE incidents (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    kind_code TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    occurred_time TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL,
    description TEXT NOT NULL,
    reported_by BIGINT,
    source TEXT NOT NULL,
    reverses_id BIGINT,
    reversed_by_id BIGINT,
    reason TEXT NOT NULL DEFAULT '',
    recorded_by BIGINT,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX incidents_time ON incidents (institution_id, occurred_on);
-- Each student's part: the tier after escalation (DISC-ESC-1), with its arithmetic.
CREATE TABLE incident_students (
    institution_id BIGINT NOT NULL,
    incident_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    kind_code TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    base_tier TEXT NOT NULL,
    tier TEXT NOT NULL,
    earlier_same_kind INTEGER NOT NULL,
    window_from TEXT NOT NULL,
    reversed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (institution_id, incident_id, person_id),
    FOREIGN KEY (institution_id, person_id) REFERENCES persons (institution_id, id)
);
CREATE INDEX incident_students_person ON incident_students (institution_id, person_id, kind_code, occurred_on);
-- Evidence and documents of incidents and cases (DISC-CASE-4), with their SHA-256.
CREATE TABLE discipline_files (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    owner TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    data {blob} NOT NULL,
    added_by BIGINT,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX discipline_files_owner ON discipline_files (institution_id, owner, owner_id);
)sql" });
    r.migrations.push_back({ 910, "discipline cases, decisions, orders", R"sql(
-- The penalty register, kept by discipline from now on (DISC-PEN-6): each penalty names its
-- measure (DISC-PEN-1) and the case and orders behind it; orders recorded before have none.
ALTER TABLE penalties ADD COLUMN measure TEXT;
ALTER TABLE penalties ADD COLUMN case_id BIGINT;
ALTER TABLE penalties ADD COLUMN order_id BIGINT;
ALTER TABLE penalties ADD COLUMN withdrawal_order_id BIGINT;
ALTER TABLE penalties ADD COLUMN intercession TEXT;
-- DISC-CASE-1..5: a case before the Disciplinary Committee (DISC-CMT-1).
CREATE TABLE discipline_cases (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    academic_year TEXT NOT NULL,
    number INTEGER NOT NULL,
    student_id BIGINT NOT NULL,
    committee_body_id BIGINT NOT NULL,
    basis TEXT NOT NULL,
    reporter_person_id BIGINT,
    reporter_name TEXT NOT NULL,
    summary TEXT NOT NULL,
    opened_on TEXT NOT NULL,
    opened_at BIGINT NOT NULL,
    opened_by BIGINT,
    status TEXT NOT NULL,
    representative_id BIGINT,
    explanation_due_at BIGINT NOT NULL,
    non_disclosure INTEGER NOT NULL DEFAULT 0,
    criminal INTEGER NOT NULL DEFAULT 0,
    agenda_item_id BIGINT,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, student_id) REFERENCES persons (institution_id, id)
);
CREATE UNIQUE INDEX discipline_cases_number ON discipline_cases (institution_id, academic_year, number);
CREATE INDEX discipline_cases_student ON discipline_cases (institution_id, student_id);
CREATE TABLE case_incidents (
    institution_id BIGINT NOT NULL,
    case_id BIGINT NOT NULL,
    incident_id BIGINT NOT NULL,
    PRIMARY KEY (institution_id, case_id, incident_id)
);
-- MTG-6: the person the offence was committed against and anyone else interested are recused.
CREATE TABLE case_interested (
    institution_id BIGINT NOT NULL,
    case_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (institution_id, case_id, person_id)
);
-- DISC-CASE-3: the facts to establish, each with its finding.
CREATE TABLE case_facts (
    institution_id BIGINT NOT NULL,
    case_id BIGINT NOT NULL,
    code TEXT NOT NULL,
    finding TEXT NOT NULL,
    recorded_by BIGINT,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, case_id, code)
);
-- DISC-CASE-4, DISC-CASE-5: evidence, explanations and petitions; withdrawn, never deleted.
CREATE TABLE case_evidence (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    case_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    file_id BIGINT,
    added_by_person BIGINT,
    added_by BIGINT,
    added_at BIGINT NOT NULL,
    withdrawn_at BIGINT,
    withdrawal_reason TEXT,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX case_evidence_case ON case_evidence (institution_id, case_id);
-- DISC-CASE-2: the act on a refusal to explain, signed by three committee members.
CREATE TABLE case_refusal_acts (
    institution_id BIGINT NOT NULL,
    case_id BIGINT NOT NULL,
    drawn_at BIGINT NOT NULL,
    note TEXT NOT NULL,
    signers TEXT NOT NULL,
    PRIMARY KEY (institution_id, case_id)
);
-- The committee's (or the Teachers Council's) decision, taken by an adopted agenda item.
CREATE TABLE case_decisions (
    institution_id BIGINT NOT NULL,
    case_id BIGINT NOT NULL,
    agenda_item_id BIGINT NOT NULL,
    decided_on TEXT NOT NULL,
    measures TEXT NOT NULL,
    penalty TEXT,
    reasons TEXT NOT NULL,
    tiers TEXT NOT NULL,
    recorded_by BIGINT,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, case_id)
);
-- DISC-PEN-4, DISC-PEN-5: the principal's orders, signed by the institution, with their delivery.
CREATE TABLE discipline_orders (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    academic_year TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    case_id BIGINT,
    penalty_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    issued_on TEXT NOT NULL,
    snapshot_json TEXT NOT NULL,
    document_hash {blob} NOT NULL,
    signature {blob} NOT NULL,
    public_key {blob} NOT NULL,
    verification_code TEXT NOT NULL,
    delivered_on TEXT,
    delivery_method TEXT,
    delivery_note TEXT,
    delivered_to BIGINT,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE UNIQUE INDEX discipline_orders_number ON discipline_orders (institution_id, academic_year, seq);
CREATE UNIQUE INDEX discipline_orders_code ON discipline_orders (verification_code);
-- DISC-LAW-1: the principal's report to law enforcement and the situational centre.
CREATE TABLE law_reports (
    institution_id BIGINT NOT NULL,
    case_id BIGINT NOT NULL,
    reported_on TEXT NOT NULL,
    agencies TEXT NOT NULL,
    reported_by_person BIGINT,
    note TEXT NOT NULL,
    recorded_by BIGINT,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, case_id)
);
-- DISC-DEV-1: phones withdrawn in lessons and to whom they were returned.
CREATE TABLE device_withdrawals (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    withdrawn_on TEXT NOT NULL,
    lesson TEXT NOT NULL,
    withdrawn_by BIGINT,
    only_to_representative INTEGER NOT NULL,
    returned_on TEXT,
    returned_to BIGINT,
    returned_by BIGINT,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX device_withdrawals_person ON device_withdrawals (institution_id, person_id, withdrawn_on);
)sql" });
    r.permissions.declare(record_perm, { role::InstitutionAdmin, role::Staff, role::Curator });
    r.permissions.declare(manage_perm, { role::InstitutionAdmin, role::Staff });
    detail::register_catalogue_routes(r);
    detail::register_incident_routes(r);
    detail::register_case_routes(r);
    detail::register_decision_routes(r);
    detail::register_penalty_routes(r);
    detail::register_device_routes(r);
    detail::register_contributions(r);
    detail::register_statistics_routes(r);
    register_notice_kinds();
}

}
