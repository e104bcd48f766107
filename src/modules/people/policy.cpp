#include "modules/people/policy.hpp"

namespace kenes::people::policy {

using authz::Rel;

std::optional<authz::Facts> person_facts(db::Tx& tx, const Principal& p, int64_t person_id)
{
    if (!tx.query_one("SELECT 1 FROM persons WHERE institution_id = ? AND id = ?", { p.institution_id, person_id }))
        return std::nullopt;
    auto facts = authz::standing(p, "people.write");
    if (!p.person_id)
        return facts;
    int64_t me = *p.person_id;
    if (me == person_id)
        facts.add(Rel::OwnRecord);
    if (tx.query_one("SELECT 1 FROM representatives WHERE institution_id = ? AND student_id = ? AND representative_id = ?", { p.institution_id, person_id, me }))
        facts.add(Rel::OwnChild);
    // A student of a group the user curates, or a representative of such a student.
    if (tx.query_one("SELECT 1 FROM students s JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                     "WHERE s.institution_id = ? AND g.curator_person_id = ? AND (s.person_id = ? OR s.person_id IN "
                     "(SELECT r.student_id FROM representatives r WHERE r.institution_id = ? AND r.representative_id = ?))",
            { p.institution_id, me, person_id, p.institution_id, person_id }))
        facts.add(Rel::OwnGroup);
    return facts;
}

namespace {

authz::Loader in_table(const char* sql)
{
    return [sql](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        if (!tx.query_one(sql, { p.institution_id, id }))
            return std::nullopt;
        return authz::standing(p);
    };
}

}

const authz::ObjectKind person { "person", "id", [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) { return person_facts(tx, p, id); },
    "a person: student, staff member or legal representative" };
const authz::ObjectKind group { "group", "id", in_table("SELECT 1 FROM groups WHERE institution_id = ? AND id = ?"), "a study group" };
const authz::ObjectKind curated_group { "curated_group", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        auto g = tx.query_one("SELECT curator_person_id FROM groups WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        if (!g)
            return std::nullopt;
        auto facts = authz::standing(p);
        if (p.person_id && !g->is_null(0) && g->i64(0) == *p.person_id)
            facts.add(Rel::OwnGroup);
        return facts;
    },
    "a study group; its curator counts as own group" };
const authz::ObjectKind import { "import", "id", in_table("SELECT 1 FROM imports WHERE institution_id = ? AND id = ?"), "an uploaded roster file" };

const authz::Policy read_person { "person.read", &person, { { Rel::SameInstitution } } };
const authz::Policy read_sensitive { "person.read_sensitive", &person, { { Rel::Administration }, { Rel::OwnGroup } } };
const authz::Policy write_person { "person.write", &person, { { Rel::SameInstitution } } };
const authz::Policy manage_group { "group.manage", &group, { { Rel::SameInstitution } } };
const authz::Policy use_import { "import.use", &import, { { Rel::SameInstitution } } };

}
