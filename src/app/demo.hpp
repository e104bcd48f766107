#pragma once
#include "core/clock.hpp"
#include "i18n/catalog.hpp"
#include "storage/database.hpp"
#include <string>
#include <vector>

namespace kenes::app {

struct DemoLogin {
    std::string login, role, who;
};
inline constexpr const char* demo_password = "kenes-demo-2026";

// Creates the demo institution (a college with groups, ~300 students with representatives, staff,
// and one user per role) unless it exists. Returns the logins.
std::vector<DemoLogin> create_demo(db::Database&, const Clock&, const Catalog&, int students = 300);

}
