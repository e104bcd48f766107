#pragma once
// What a module contributes, gathered by one call: register_module(Registry&).
#include "http/contributions.hpp"
#include "http/router.hpp"
#include "security/permissions.hpp"
#include "core/clock.hpp"
#include "storage/migrations.hpp"
#include <chrono>
#include <functional>

namespace kenes::http {

// A job the server runs on a schedule (every instance runs it: jobs must be idempotent).
struct Job {
    std::string name;
    std::chrono::seconds interval;
    std::function<void(db::Database&, const Clock&)> run;
};

struct Registry {
    std::vector<db::Migration> migrations;
    Router router;
    PermissionCatalog permissions;
    std::vector<Job> jobs;
    std::vector<NeedSource> needs;
    std::vector<PersonSection> person_sections;
};

}
