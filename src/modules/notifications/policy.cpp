#include "modules/notifications/policy.hpp"
#include "modules/people/policy.hpp"

namespace kenes::notifications::policy {

using authz::Rel;

const authz::ObjectKind notice { "notification", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        auto n = tx.query_one("SELECT person_id FROM notifications WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        if (!n)
            return std::nullopt;
        authz::Facts facts;
        if (p.person_id && n->i64(0) == *p.person_id)
            facts.add(Rel::OwnRecord);
        return facts;
    },
    "a notice to a person" };

const authz::Policy read_own { "notification.read", &notice, { { Rel::OwnRecord } } };
const authz::Policy person_deliveries { "person.read_notice_deliveries", &people::policy::person, { { Rel::Administration }, { Rel::OwnGroup } } };

}
