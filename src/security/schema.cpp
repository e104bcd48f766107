#include "security/schema.hpp"

namespace kenes::security {

std::vector<db::Migration> migrations()
{
    return {
        { 200, "institutions, users, sessions, audit", R"sql(
CREATE TABLE institutions (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    languages TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE users (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    login TEXT NOT NULL,
    display_name TEXT NOT NULL,
    search_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    person_id BIGINT,
    locale TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE UNIQUE INDEX users_login ON users (institution_id, login);
-- Sign-in asks for a login only, so logins are unique across institutions: a small global
-- directory (a reference table when distributed) maps them to their tenant.
CREATE TABLE login_directory (
    login TEXT PRIMARY KEY,
    institution_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL
);
CREATE TABLE user_roles (
    institution_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (institution_id, user_id, role),
    FOREIGN KEY (institution_id, user_id) REFERENCES users (institution_id, id)
);
CREATE TABLE sessions (
    institution_id BIGINT NOT NULL,
    token_hash {blob} NOT NULL,
    user_id BIGINT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, token_hash)
);
CREATE INDEX sessions_user ON sessions (institution_id, user_id);
CREATE TABLE api_tokens (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    token_hash {blob} NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    PRIMARY KEY (institution_id, id)
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (institution_id, token_hash);
CREATE TABLE login_attempts (
    attempt_key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    failures INTEGER NOT NULL
);
CREATE TABLE audit_heads (
    institution_id BIGINT PRIMARY KEY REFERENCES institutions (id),
    seq BIGINT NOT NULL,
    hash {blob} NOT NULL
);
CREATE TABLE audit_log (
    institution_id BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    actor_user_id BIGINT,
    actor_login TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    before_json TEXT,
    after_json TEXT,
    prev_hash {blob} NOT NULL,
    hash {blob} NOT NULL,
    PRIMARY KEY (institution_id, seq)
);
CREATE INDEX audit_log_action ON audit_log (institution_id, action, seq);
CREATE INDEX audit_log_entity ON audit_log (institution_id, entity, entity_id);
)sql" },
        { 210, "institution signing keys", R"sql(
CREATE TABLE institution_keys (
    institution_id BIGINT PRIMARY KEY REFERENCES institutions (id),
    public_key {blob} NOT NULL,
    secret_key {blob} NOT NULL
);
)sql" },
        // Throttling per account and address with growing delays: the counters of the old keys
        // ("account:", "address:" with a fixed window) mean nothing to it and are dropped.
        // API tokens get an expiry and a scope. Tokens made before have no scope (all of their
        // user's permissions) and expire 90 days after the upgrade, so integrations keep working
        // while they are replaced (7776000000 ms = 90 days).
        { 220, "throttling per account and address, token expiry and scope", R"sql(
DELETE FROM login_attempts;
ALTER TABLE login_attempts ADD COLUMN last_failure_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX login_attempts_window ON login_attempts (window_start);
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN scope TEXT;
)sql",
            "UPDATE api_tokens SET expires_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000 + 7776000000;",
            "UPDATE api_tokens SET expires_at = CAST(extract(epoch FROM now()) * 1000 AS BIGINT) + 7776000000;" },
        // Secrets move out of the database (key file, see keys.hpp). Existing chains keep their
        // plain hashes up to their head; every later entry is MACed (keyed_from). Existing signing
        // keys are wrapped at start-up by the program, which holds the key file.
        { 240, "keyed audit chain, wrapped signing keys", R"sql(
ALTER TABLE audit_heads ADD COLUMN keyed_from BIGINT NOT NULL DEFAULT 1;
UPDATE audit_heads SET keyed_from = seq + 1;
ALTER TABLE audit_log ADD COLUMN mac_key_id INTEGER;
ALTER TABLE institution_keys ADD COLUMN wrap_key_id INTEGER;
-- A check value of every key the database was written with (a keyed hash of a fixed text, not the
-- key): a missing, older or foreign key file is refused at start instead of silently starting over.
CREATE TABLE kenes_key_checks (
    purpose TEXT NOT NULL,
    key_id INTEGER NOT NULL,
    check_value {blob} NOT NULL,
    PRIMARY KEY (purpose, key_id)
);
)sql" },
    };
}

}
