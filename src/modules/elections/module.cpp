// The elections module: tables and routes.
#include "modules/elections/elections.hpp"
#include "modules/notifications/notifications.hpp"
#include "security/permissions.hpp"

namespace kenes::elections {

void register_module(http::Registry& r)
{
    r.migrations.push_back({ 800, "elections", R"sql(
CREATE TABLE elections (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    academic_year TEXT NOT NULL,
    title TEXT NOT NULL,
    election_day TEXT NOT NULL,
    commission_body_id BIGINT NOT NULL,
    government_body_id BIGINT NOT NULL,
    list_published_at BIGINT,
    ballot_approved_at BIGINT,
    ballot_json TEXT NOT NULL DEFAULT '',
    roll_cutoff TEXT,
    voting_closed_at BIGINT,
    ballot_set_hash TEXT NOT NULL DEFAULT '',
    counted_at BIGINT,
    results_json TEXT NOT NULL DEFAULT '',
    tie_decision TEXT NOT NULL DEFAULT '',
    results_published_at BIGINT,
    -- The results protocol (ELEC-CNT-2): a snapshot signed by the commission's members, then by
    -- the institution (Ed25519 over its SHA-256).
    protocol_snapshot TEXT NOT NULL DEFAULT '',
    protocol_hash {blob},
    protocol_signature {blob},
    protocol_public_key {blob},
    protocol_verification TEXT,
    protocol_final_at BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE UNIQUE INDEX elections_year ON elections (institution_id, academic_year);
CREATE UNIQUE INDEX elections_verification ON elections (protocol_verification);
CREATE TABLE election_protocol_signatures (
    institution_id BIGINT NOT NULL,
    election_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    signed_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, election_id, person_id)
);
CREATE TABLE election_candidates (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    election_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    program TEXT NOT NULL,
    program_lang TEXT NOT NULL,
    program_words INTEGER NOT NULL,
    program_review TEXT NOT NULL,
    program_review_reason TEXT NOT NULL DEFAULT '',
    leadership_declared TEXT NOT NULL DEFAULT '',
    leadership_confirmed INTEGER NOT NULL DEFAULT 0,
    documents_received_by BIGINT,
    documents_received_at BIGINT,
    registered_at BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, person_id) REFERENCES persons (institution_id, id)
);
CREATE UNIQUE INDEX election_candidates_person ON election_candidates (institution_id, election_id, person_id);
CREATE TABLE election_files (
    institution_id BIGINT NOT NULL,
    candidate_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes {blob} NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, candidate_id, kind)
);
CREATE TABLE campaign_materials (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    candidate_id BIGINT NOT NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
-- The register of disciplinary orders (DISC-PEN-6), until the discipline module takes it over.
CREATE TABLE penalties (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    order_number TEXT NOT NULL,
    imposed_on TEXT NOT NULL,
    withdrawn_on TEXT,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id),
    FOREIGN KEY (institution_id, person_id) REFERENCES persons (institution_id, id)
);
CREATE INDEX penalties_person ON penalties (institution_id, person_id);
CREATE TABLE polling_stations (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    election_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    counted_at BIGINT,
    votes_json TEXT NOT NULL DEFAULT '',
    invalid INTEGER NOT NULL DEFAULT 0,
    unknown_form INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (institution_id, id)
);
-- ELEC-1: every studying student on the cut-off date. voted_via is set once (online or station),
-- which is what makes one ballot per voter hold across processes.
CREATE TABLE voter_roll (
    institution_id BIGINT NOT NULL,
    election_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    student_number TEXT NOT NULL,
    faculty TEXT NOT NULL,
    voted_via TEXT,
    voted_hour INTEGER,
    station_id BIGINT,
    signature {blob},
    paper_signature INTEGER NOT NULL DEFAULT 0,
    marked_by BIGINT,
    PRIMARY KEY (institution_id, election_id, person_id)
);
CREATE UNIQUE INDEX voter_roll_number ON voter_roll (institution_id, election_id, student_number);
-- Secret ballot: no voter column, no time, and no insertion order either: on SQLite, without a
-- rowid, the rows are stored in the order of their random receipt.
CREATE TABLE ballots (
    institution_id BIGINT NOT NULL,
    election_id BIGINT NOT NULL,
    receipt TEXT NOT NULL,
    candidate_id BIGINT NOT NULL,
    PRIMARY KEY (institution_id, election_id, receipt)
){without_rowid};
)sql" });
    r.migrations.push_back({ 810, "ballot tally index", R"sql(
-- The tally reads only this covering index: 1,000,000 ballots in about 65 ms instead of 210 ms
-- (measured on SQLite). Its entries are ordered by candidate and receipt, not by time.
CREATE INDEX ballots_candidate ON ballots (institution_id, election_id, candidate_id);
)sql" });
    r.migrations.push_back({ 820, "one-time voting codes", R"sql(
-- SHA-256 of a 128-bit random code handed to the voter; the code itself is never stored.
ALTER TABLE voter_roll ADD COLUMN code_hash TEXT;
CREATE UNIQUE INDEX voter_roll_code ON voter_roll (institution_id, election_id, code_hash);
)sql" });
    r.migrations.push_back({ 830, "ballot inbox", R"sql(
-- In use on PostgreSQL only: ballots wait here until the commission closes voting, which moves
-- them into ballots in random order in its own transaction (see mix_ballots).
CREATE TABLE ballot_inbox (
    institution_id BIGINT NOT NULL,
    election_id BIGINT NOT NULL,
    receipt TEXT NOT NULL,
    candidate_id BIGINT NOT NULL,
    PRIMARY KEY (institution_id, election_id, receipt)
);
)sql" });
    r.migrations.push_back({ 840, "default election titles", R"sql(
-- An election created without a typed title keeps the default title's catalog key, so the title
-- reads in each user's language (the Kazakh words stay in title for exports and search).
ALTER TABLE elections ADD COLUMN title_key TEXT;
)sql" });
    r.migrations.push_back({ 1100, "trustees' key ceremony", R"sql(
-- The trustees' key ceremony (Belenios 3.1.1): one row per election while it runs, then the
-- trustees structure as stored bytes (its SHA-256 is the fingerprint) and the election key.
CREATE TABLE election_key_ceremonies (
    institution_id BIGINT NOT NULL,
    election_id BIGINT NOT NULL,
    threshold INTEGER NOT NULL,
    trustee_count INTEGER NOT NULL,
    started_at BIGINT NOT NULL,
    started_by BIGINT,
    updated_at BIGINT NOT NULL,
    trustees_json TEXT,
    public_key TEXT,
    fingerprint TEXT,
    completed_at BIGINT,
    PRIMARY KEY (institution_id, election_id)
);
-- The trustees, numbered from 1 as in Belenios, and their messages: certificates, polynomials,
-- vinputs and voutputs are public or encrypted to their recipients (no secret in the clear).
CREATE TABLE election_trustees (
    institution_id BIGINT NOT NULL,
    election_id BIGINT NOT NULL,
    number INTEGER NOT NULL,
    person_id BIGINT NOT NULL,
    cert TEXT NOT NULL DEFAULT '',
    cert_at BIGINT,
    polynomial TEXT NOT NULL DEFAULT '',
    polynomial_at BIGINT,
    vinput TEXT NOT NULL DEFAULT '',
    voutput TEXT NOT NULL DEFAULT '',
    voutput_at BIGINT,
    PRIMARY KEY (institution_id, election_id, number),
    FOREIGN KEY (institution_id, person_id) REFERENCES persons (institution_id, id)
);
CREATE UNIQUE INDEX election_trustees_person ON election_trustees (institution_id, election_id, person_id);
)sql" });
    r.migrations.push_back({ 1110, "verifiable ballots", R"sql(
-- A verifiable election from the issue of its voting codes (Belenios credentials) on: the election
-- structure as exact bytes, the public credentials as a sorted JSON array (no voter beside them),
-- the candidate of each answer, and after the close the encrypted tally and the result.
CREATE TABLE election_belenios (
    institution_id BIGINT NOT NULL,
    election_id BIGINT NOT NULL,
    uuid TEXT NOT NULL,
    election_json TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    public_credentials TEXT NOT NULL,
    answers TEXT NOT NULL,
    revote INTEGER NOT NULL,
    issued_at BIGINT NOT NULL,
    issued_by BIGINT,
    encrypted_tally TEXT,
    num_tallied INTEGER,
    result TEXT,
    PRIMARY KEY (institution_id, election_id)
);
-- The bulletin board: the last ballot of each credential as received. No voter, no time; on
-- SQLite, without a rowid, rows lie in the order of their (random) public credential.
CREATE TABLE election_board (
    institution_id BIGINT NOT NULL,
    election_id BIGINT NOT NULL,
    credential TEXT NOT NULL,
    tracker TEXT NOT NULL,
    ballot TEXT NOT NULL,
    PRIMARY KEY (institution_id, election_id, credential)
){without_rowid};
CREATE UNIQUE INDEX election_board_tracker ON election_board (institution_id, election_id, tracker);
-- Every ballot content ever accepted, so an earlier ballot replayed from the board is refused.
CREATE TABLE election_board_seen (
    institution_id BIGINT NOT NULL,
    election_id BIGINT NOT NULL,
    content_hash TEXT NOT NULL,
    PRIMARY KEY (institution_id, election_id, content_hash)
){without_rowid};
-- Each trustee's partial decryption of the encrypted tally, with its proofs.
ALTER TABLE election_trustees ADD COLUMN decryption TEXT NOT NULL DEFAULT '';
ALTER TABLE election_trustees ADD COLUMN decryption_at BIGINT;
)sql" });
    r.permissions.declare(read_perm, { role::InstitutionAdmin, role::Staff, role::Curator, role::Student });
    // ELEC-COM-1: the commission is made of staff; students take part by reading and voting.
    r.permissions.declare(run_perm, { role::InstitutionAdmin, role::Staff, role::Curator });
    notifications::register_kind({ "election_candidacy", true, "/elections/{election_id}" });
    detail::register_needs(r);
    detail::register_election_routes(r);
    detail::register_candidate_routes(r);
    detail::register_voting_routes(r);
    detail::register_counting_routes(r);
    detail::register_public_routes(r);
    detail::register_document_routes(r);
    detail::register_trustee_routes(r);
    detail::register_credential_routes(r);
    detail::register_booth_routes(r);
}

}
