#pragma once
// What a module contributes, gathered by one call: register_module(Registry&).
#include "http/router.hpp"
#include "security/permissions.hpp"
#include "storage/migrations.hpp"

namespace kenes::http {

struct Registry {
    std::vector<db::Migration> migrations;
    Router router;
    PermissionCatalog permissions;
};

}
