// The people module: institution structure, persons with their student, staff and representative
// records, and the roster import. Its schema and its one registration call.
#include "modules/people/people.hpp"
#include "modules/people/structure.hpp"

namespace kenes::people {

using http::Registry;

void register_module(Registry& r)
{
    r.migrations.push_back({ 300, "institution structure", R"sql(
CREATE TABLE academic_years (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE TABLE faculties (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE TABLE shanyraks (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE TABLE groups (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    faculty_id BIGINT,
    course INTEGER,
    grade INTEGER,
    curator_person_id BIGINT,
    PRIMARY KEY (institution_id, id)
);
CREATE UNIQUE INDEX groups_name ON groups (institution_id, name);
CREATE INDEX groups_curator ON groups (institution_id, curator_person_id);
)sql" });
    r.migrations.push_back({ 400, "people", R"sql(
CREATE TABLE persons (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    surname TEXT NOT NULL,
    name TEXT NOT NULL,
    patronymic TEXT,
    birth_date TEXT,
    gender TEXT,
    email TEXT,
    phone TEXT,
    search_key TEXT NOT NULL,
    sort_kk {blob} NOT NULL,
    sort_ru {blob} NOT NULL,
    sort_en {blob} NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX persons_sort_kk ON persons (institution_id, sort_kk, id);
CREATE INDEX persons_sort_ru ON persons (institution_id, sort_ru, id);
CREATE INDEX persons_sort_en ON persons (institution_id, sort_en, id);
CREATE TABLE students (
    institution_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    student_number TEXT NOT NULL,
    course INTEGER,
    grade INTEGER,
    group_id BIGINT,
    status TEXT NOT NULL,
    academic_debt INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (institution_id, person_id),
    FOREIGN KEY (institution_id, person_id) REFERENCES persons (institution_id, id)
);
CREATE UNIQUE INDEX students_number ON students (institution_id, student_number);
CREATE INDEX students_group ON students (institution_id, group_id);
CREATE TABLE staff (
    institution_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    position TEXT NOT NULL,
    PRIMARY KEY (institution_id, person_id),
    FOREIGN KEY (institution_id, person_id) REFERENCES persons (institution_id, id)
);
CREATE TABLE representatives (
    institution_id BIGINT NOT NULL,
    student_id BIGINT NOT NULL,
    representative_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (institution_id, student_id, representative_id),
    FOREIGN KEY (institution_id, student_id) REFERENCES persons (institution_id, id),
    FOREIGN KEY (institution_id, representative_id) REFERENCES persons (institution_id, id)
);
CREATE INDEX representatives_of ON representatives (institution_id, representative_id);
CREATE TABLE imports (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    filename TEXT NOT NULL,
    encoding TEXT NOT NULL,
    delimiter TEXT NOT NULL,
    status TEXT NOT NULL,
    content {blob} NOT NULL,
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
)sql" });
    r.migrations.push_back({ 310, "publicity of student names", R"sql(
-- PLAN-4 makes the bodies public; the names of their student members (minors, most of them)
-- appear on public pages only when the institution decides so.
ALTER TABLE institutions ADD COLUMN publish_student_names INTEGER NOT NULL DEFAULT 0;
)sql" });
    detail::register_structure_routes(r);
    detail::register_person_routes(r);
    detail::register_import_routes(r);
}

}
