#pragma once
// Who may act on which account. No role may act on an account that holds a role it could not
// grant itself: an institution administrator manages the users of their institution, never a
// system administrator's account, its tokens or its password.
#include "security/permissions.hpp"
#include "security/policy.hpp"

namespace kenes::accounts::policy {

// The roles a principal may grant: a system administrator any, everyone else any but that one.
bool may_grant(const Principal&, const std::string& role);
// May the principal create accounts in that institution (their own, or any for a system administrator)?
bool may_act_in(const Principal&, int64_t institution_id);

extern const authz::ObjectKind user;   // an account of the institution, Privileged when it holds a role the user could not grant

extern const authz::Policy manage_user;   // the managers of users, unless the account is privileged

extern const authz::ObjectKind account_batch;   // accounts issued together, with their activation sheet

// Accounts for everyone: issuing accounts and codes, the sheets and a person's account are the
// institution's administration's (the codes open accounts of minors and their parents).
extern const authz::Policy issue_accounts;
extern const authz::Policy read_batch;
extern const authz::Policy person_account;

}
