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
    r.permissions.declare(record_perm, { role::InstitutionAdmin, role::Staff, role::Curator });
    r.permissions.declare(manage_perm, { role::InstitutionAdmin, role::Staff });
    detail::register_catalogue_routes(r);
    detail::register_incident_routes(r);
}

}
