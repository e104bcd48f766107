// The awards module: tables, permissions, notice kinds and routes.
#include "modules/awards/awards.hpp"
#include "modules/awards/routes.hpp"
#include "modules/notifications/notifications.hpp"
#include "security/permissions.hpp"

namespace kenes::awards {

void register_module(http::Registry& r)
{
    r.migrations.push_back({ 1000, "awards", R"sql(
-- AWD-1: kinds the principal adds to those of the regulation (the preset is in code, rules.cpp).
CREATE TABLE award_kinds (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
-- Who belongs to which Shanyrak (students and the staff who lead them): for the Shanyrak's
-- collective awards and the commission's recusals (AWD-3, AWD-4).
CREATE TABLE shanyrak_members (
    institution_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    shanyrak_id BIGINT NOT NULL,
    PRIMARY KEY (institution_id, person_id),
    FOREIGN KEY (institution_id, person_id) REFERENCES persons (institution_id, id),
    FOREIGN KEY (institution_id, shanyrak_id) REFERENCES shanyraks (institution_id, id)
);
CREATE INDEX shanyrak_members_shanyrak ON shanyrak_members (institution_id, shanyrak_id);
-- AWD-3, AWD-4: a nominee for "Student of the year" or "Best Shanyrak", presented to the
-- encouragement commission. status: presented | disagreement (waiting for the Shanyrak unions,
-- AWD-4) | rejected.
CREATE TABLE award_nominations (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    academic_year TEXT NOT NULL,
    contest TEXT NOT NULL,
    student_id BIGINT,
    shanyrak_id BIGINT,
    commission_body_id BIGINT NOT NULL,
    proposed_by_shanyrak_id BIGINT,
    motivation TEXT NOT NULL,
    status TEXT NOT NULL,
    presented_on TEXT,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX award_nominations_year ON award_nominations (institution_id, academic_year, contest);
-- Each discussion of a nomination with its decision: the Shanyrak meeting, the pedagogical
-- meeting, and on disagreement over a Shanyrak the Shanyrak unions (AWD-3, AWD-4).
CREATE TABLE award_discussions (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    nomination_id BIGINT NOT NULL,
    forum TEXT NOT NULL,
    shanyrak_id BIGINT,
    held_on TEXT NOT NULL,
    supported INTEGER NOT NULL,
    decision TEXT NOT NULL,
    recorded_by BIGINT,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX award_discussions_nomination ON award_discussions (institution_id, nomination_id);
-- The commission's scoring of one contest at one of its meetings (AWD-2..AWD-4).
CREATE TABLE award_sessions (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    commission_body_id BIGINT NOT NULL,
    meeting_id BIGINT NOT NULL,
    academic_year TEXT NOT NULL,
    contest TEXT NOT NULL,
    status TEXT NOT NULL,
    result_json TEXT,
    agenda_item_id BIGINT,
    opened_by BIGINT,
    opened_at BIGINT NOT NULL,
    closed_by BIGINT,
    closed_at BIGINT,
    PRIMARY KEY (institution_id, id)
);
CREATE UNIQUE INDEX award_sessions_contest ON award_sessions (institution_id, commission_body_id, academic_year, contest);
-- The voting members on the session's date and, per nominee, who is recused and why.
CREATE TABLE award_session_members (
    institution_id BIGINT NOT NULL,
    session_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    PRIMARY KEY (institution_id, session_id, person_id)
);
CREATE TABLE award_recusals (
    institution_id BIGINT NOT NULL,
    session_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    nomination_id BIGINT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (institution_id, session_id, person_id, nomination_id)
);
CREATE TABLE award_scores (
    institution_id BIGINT NOT NULL,
    session_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    nomination_id BIGINT NOT NULL,
    score INTEGER NOT NULL,
    scored_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, session_id, person_id, nomination_id)
);
-- AWD-5: an award, announced by the principal's order (signed like discipline and hostel orders).
-- recipient_kind: student | shanyrak | group | team (AWD-1: personal and collective).
CREATE TABLE awards (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    recipient_kind TEXT NOT NULL,
    student_id BIGINT,
    shanyrak_id BIGINT,
    group_id BIGINT,
    team_name TEXT,
    reason TEXT NOT NULL,
    nomination_id BIGINT,
    place INTEGER,
    published INTEGER NOT NULL DEFAULT 0,
    academic_year TEXT NOT NULL,
    seq INTEGER NOT NULL,
    issued_on TEXT NOT NULL,
    snapshot_json TEXT NOT NULL,
    document_hash {blob} NOT NULL,
    signature {blob} NOT NULL,
    public_key {blob} NOT NULL,
    verification_code TEXT NOT NULL,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE UNIQUE INDEX awards_number ON awards (institution_id, academic_year, seq);
CREATE UNIQUE INDEX awards_code ON awards (verification_code);
-- AWD-5: the students in whose personal record the award is written (one student may hold several).
CREATE TABLE award_recipients (
    institution_id BIGINT NOT NULL,
    award_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    PRIMARY KEY (institution_id, award_id, person_id)
);
CREATE INDEX award_recipients_person ON award_recipients (institution_id, person_id);
)sql" });
    r.permissions.declare(read_perm, { role::InstitutionAdmin, role::Staff, role::Curator, role::Student, role::LegalRepresentative });
    r.permissions.declare(nominate_perm, { role::InstitutionAdmin, role::Staff, role::Curator });
    r.permissions.declare(manage_perm, { role::InstitutionAdmin });
    notifications::register_kind({ "award", true, "/awards/{award_id}" });
    detail::register_nomination_routes(r);
    detail::register_session_routes(r);
    detail::register_award_routes(r);
}

}
