// The bodies module: self-government bodies and commissions, memberships, sessions and decisions.
#include "modules/bodies/bodies.hpp"
#include "modules/bodies/notices.hpp"

namespace kenes::bodies {

void register_module(http::Registry& r)
{
    r.migrations.push_back({ 500, "bodies, memberships, meetings", R"sql(
CREATE TABLE bodies (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    parent_id BIGINT,
    kind TEXT NOT NULL,
    template TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX bodies_parent ON bodies (institution_id, parent_id);
-- Rules are data, versioned by the date they take effect (DISC-VER-1).
CREATE TABLE body_rules (
    institution_id BIGINT NOT NULL,
    body_id BIGINT NOT NULL,
    effective_from TEXT NOT NULL,
    rules_json TEXT NOT NULL,
    PRIMARY KEY (institution_id, body_id, effective_from)
);
CREATE TABLE memberships (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    body_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    position TEXT NOT NULL,
    voting INTEGER NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    accepted_at BIGINT NOT NULL,
    ended_reason TEXT,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, body_id) REFERENCES bodies (institution_id, id),
    FOREIGN KEY (institution_id, person_id) REFERENCES persons (institution_id, id)
);
CREATE INDEX memberships_body ON memberships (institution_id, body_id, starts_on);
CREATE INDEX memberships_person ON memberships (institution_id, person_id);
CREATE TABLE meetings (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    body_id BIGINT NOT NULL,
    number INTEGER NOT NULL,
    academic_year TEXT NOT NULL,
    held_on TEXT NOT NULL,
    place TEXT NOT NULL,
    convened_by BIGINT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, body_id) REFERENCES bodies (institution_id, id)
);
CREATE UNIQUE INDEX meetings_number ON meetings (institution_id, body_id, academic_year, number);
CREATE TABLE agenda_items (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    meeting_id BIGINT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    motion TEXT NOT NULL,
    secret INTEGER NOT NULL,
    vote_status TEXT NOT NULL,
    outcome TEXT,
    yes_votes INTEGER,
    no_votes INTEGER,
    abstentions INTEGER,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX agenda_items_meeting ON agenda_items (institution_id, meeting_id);
CREATE TABLE attendance (
    institution_id BIGINT NOT NULL,
    meeting_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    present INTEGER NOT NULL,
    PRIMARY KEY (institution_id, meeting_id, person_id)
);
CREATE TABLE interests (
    institution_id BIGINT NOT NULL,
    item_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    PRIMARY KEY (institution_id, item_id, person_id)
);
-- One vote per member and item, enforced by the key (also for two devices at once).
CREATE TABLE votes (
    institution_id BIGINT NOT NULL,
    item_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    choice TEXT NOT NULL,
    cast_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, item_id, person_id)
);
CREATE TABLE dissents (
    institution_id BIGINT NOT NULL,
    item_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, item_id, person_id)
);
)sql" });
    r.migrations.push_back({ 510, "protocols", R"sql(
CREATE TABLE protocols (
    institution_id BIGINT NOT NULL,
    meeting_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    snapshot_json TEXT NOT NULL,
    document_hash {blob},
    signature {blob},
    public_key {blob},
    verification_code TEXT,
    created_at BIGINT NOT NULL,
    finalized_at BIGINT,
    public INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (institution_id, meeting_id)
);
CREATE UNIQUE INDEX protocols_verification ON protocols (institution_id, verification_code);
CREATE TABLE protocol_signatures (
    institution_id BIGINT NOT NULL,
    meeting_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    signed_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, meeting_id, person_id)
);
)sql" });
    r.jobs.push_back({ "overdue-bodies", std::chrono::hours(1), [](db::Database& db, const Clock& clock) { notify_overdue_bodies(db, clock); } });
    // MTG-7: protocols waiting for signatures; every instance runs it, notices are keyed once.
    r.jobs.push_back({ "signature-reminders", std::chrono::minutes(15), [](db::Database& db, const Clock& clock) { notices::remind_signatures(db, clock); } });
    notices::register_kinds();
    r.migrations.push_back({ 520, "secret tallies", R"sql(
-- Secret votes: counts per choice, with no row per vote (the votes table only records who voted).
CREATE TABLE secret_tallies (
    institution_id BIGINT NOT NULL,
    item_id BIGINT NOT NULL,
    choice TEXT NOT NULL,
    votes INTEGER NOT NULL,
    PRIMARY KEY (institution_id, item_id, choice)
);
)sql" });
    r.migrations.push_back({ 530, "membership candidates", R"sql(
-- ORG-6: how a member got the seat: by office, or by the Council's decision on their candidacy.
ALTER TABLE memberships ADD COLUMN ex_officio INTEGER NOT NULL DEFAULT 0;
ALTER TABLE memberships ADD COLUMN decision_item_id BIGINT;
CREATE TABLE membership_candidates (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    body_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    position TEXT NOT NULL,
    note TEXT NOT NULL,
    status TEXT NOT NULL,
    proposed_at BIGINT NOT NULL,
    decision_item_id BIGINT,
    membership_id BIGINT,
    decided_at BIGINT,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, body_id) REFERENCES bodies (institution_id, id),
    FOREIGN KEY (institution_id, person_id) REFERENCES persons (institution_id, id)
);
CREATE INDEX membership_candidates_body ON membership_candidates (institution_id, body_id, status);
)sql" });
    r.migrations.push_back({ 540, "confidential commissions", R"sql(
-- Sessions of the disciplinary, encouragement and hostel commissions concern minors: only their
-- members, officers, the administration and the persons concerned see them.
ALTER TABLE bodies ADD COLUMN confidential INTEGER NOT NULL DEFAULT 0;
UPDATE bodies SET confidential = 1 WHERE template IN ('disciplinary_committee', 'encouragement_commission', 'hostel_allocation_commission');
)sql" });
    r.migrations.push_back({ 550, "session start times, founding acts", R"sql(
-- MTG-1: a session starts at a time of its day (Almaty local, "HH:MM"); sessions convened before
-- start times existed were open from the beginning of their day, so they keep behaving the same.
ALTER TABLE meetings ADD COLUMN starts_at TEXT NOT NULL DEFAULT '00:00';
-- ORG-6: a new body is staffed once by an order of the administration; its seats name the act.
CREATE TABLE founding_acts (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    body_id BIGINT NOT NULL,
    order_number TEXT NOT NULL,
    order_date TEXT NOT NULL,
    signed_by TEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, body_id) REFERENCES bodies (institution_id, id)
);
CREATE UNIQUE INDEX founding_acts_body ON founding_acts (institution_id, body_id);
ALTER TABLE memberships ADD COLUMN founding_act_id BIGINT;
)sql" });
    r.migrations.push_back({ 560, "body names from templates", R"sql(
-- A body created from a template without a typed name keeps the catalog key of the template's
-- name, so it reads in each user's language; renaming it clears the key and the typed name holds
-- in every language (GEN-1: names are entered once).
ALTER TABLE bodies ADD COLUMN name_key TEXT;
)sql" });
    r.migrations.push_back({ 570, "extraordinary sessions", R"sql(
-- DISC-PEN-3: an exclusion is decided at an extraordinary session of the Teachers Council; the
-- session says whether it is extraordinary (ordinary by default).
ALTER TABLE meetings ADD COLUMN extraordinary INTEGER NOT NULL DEFAULT 0;
)sql" });
    r.needs.push_back({ "bodies", needs_of });
    register_overview_sections(r);
    detail::register_body_routes(r);
    detail::register_founding_routes(r);
    detail::register_candidate_routes(r);
    detail::register_meeting_routes(r);
    detail::register_protocol_routes(r);
    detail::register_org_chart_routes(r);
}

}
