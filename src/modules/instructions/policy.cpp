#include "modules/instructions/policy.hpp"
#include "core/clock.hpp"
#include "modules/bodies/policy.hpp"

namespace kenes::instructions::policy {

using authz::Rel;

const authz::ObjectKind instruction { "instruction", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) -> std::optional<authz::Facts> {
        auto r = tx.query_one("SELECT body_id, secretariat_id, assignee_id FROM instructions WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        if (!r)
            return std::nullopt;
        std::string today = almaty::local_date(clock.now()).iso();
        auto facts = bodies::policy::body_facts(tx, p, r->i64(0), today);
        if (!facts)
            return std::nullopt;
        if (p.person_id) {
            if (*p.person_id == r->i64(2))
                facts->add(Rel::OwnRecord);
            if (tx.query_one("SELECT 1 FROM memberships WHERE institution_id = ? AND body_id = ? AND person_id = ? AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?)",
                    { p.institution_id, r->i64(1), *p.person_id, today, today }))
                facts->add(Rel::BoundBody);
        }
        return facts;
    },
    "an instruction of the Council or the President to the Secretariat (ORG-11); seats counted today" };

const authz::Policy issue { "body.issue_instruction", &bodies::policy::body, { { Rel::BodyOfficer }, { Rel::Manager } } };
const authz::Policy list { "body.read_instructions", &bodies::policy::body,
    { { Rel::BodyMember }, { Rel::BodyOfficer }, { Rel::Manager }, { Rel::Administration } } };
const authz::Policy report { "body.report_to_council", &bodies::policy::body, { { Rel::BodyOfficer }, { Rel::Manager } } };
const authz::Policy read { "instruction.read", &instruction,
    { { Rel::BodyMember }, { Rel::BodyOfficer }, { Rel::BoundBody }, { Rel::OwnRecord }, { Rel::Manager }, { Rel::Administration } } };
const authz::Policy update { "instruction.update", &instruction, { { Rel::OwnRecord }, { Rel::BoundBody } } };
const authz::Policy cancel { "instruction.cancel", &instruction, { { Rel::BodyOfficer }, { Rel::Manager } } };

}
