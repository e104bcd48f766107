#include "modules/accounts/policy.hpp"
#include "modules/people/policy.hpp"

namespace kenes::accounts::policy {

using authz::Flag;
using authz::Rel;

bool may_grant(const Principal& p, const std::string& role) { return role != role::SystemAdmin || p.has_role(role::SystemAdmin); }

bool may_act_in(const Principal& p, int64_t institution_id) { return institution_id == p.institution_id || p.can("institutions.manage"); }

const authz::ObjectKind user { "user", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        if (!tx.query_one("SELECT 1 FROM users WHERE institution_id = ? AND id = ?", { p.institution_id, id }))
            return std::nullopt;
        auto facts = authz::standing(p, "users.manage");
        if (id == p.user_id)
            facts.add(Rel::Account);
        for (auto& r : tx.query("SELECT role FROM user_roles WHERE institution_id = ? AND user_id = ?", { p.institution_id, id }))
            if (!may_grant(p, r.str(0)))
                facts.set(Flag::Privileged);
        return facts;
    },
    "a user account of the institution" };

const authz::Policy manage_user { "user.manage", &user, { { .rel = Rel::Manager, .unless = Flag::Privileged } } };

const authz::ObjectKind account_batch { "account_batch", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        if (!tx.query_one("SELECT 1 FROM account_batches WHERE institution_id = ? AND id = ?", { p.institution_id, id }))
            return std::nullopt;
        return authz::standing(p, "users.manage");
    },
    "accounts issued together, with their activation sheet" };

const authz::Policy issue_accounts { "accounts.issue", &authz::institution, { { Rel::Administration } } };
const authz::Policy read_batch { "account_batch.sheet", &account_batch, { { Rel::Administration } } };
const authz::Policy person_account { "person.account", &people::policy::person, { { Rel::Administration } } };

}
