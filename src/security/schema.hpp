#pragma once
#include "storage/migrations.hpp"

namespace kenes::security {

// Institutions, users, roles, sessions, API tokens, sign-in throttling and the audit chain.
std::vector<db::Migration> migrations();

}
