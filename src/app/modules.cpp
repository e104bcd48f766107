#include "app/modules.hpp"
#include "app/policy_table.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/activities/activities.hpp"
#include "modules/attendance/attendance.hpp"
#include "modules/awards/awards.hpp"
#include "modules/audit/audit_api.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/discipline/discipline.hpp"
#include "modules/elections/elections.hpp"
#include "modules/home/home.hpp"
#include "modules/hostel/hostel.hpp"
#include "modules/instructions/instructions.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/people/people.hpp"
#include "modules/statements/statements.hpp"
#include "modules/system/system_routes.hpp"

namespace kenes::app {

std::unique_ptr<http::Registry> build_registry(http::Metrics& metrics)
{
    auto r = std::make_unique<http::Registry>();
    for (auto& m : db::storage_migrations())
        r->migrations.push_back(m);
    system_routes::register_module(*r, metrics);
    accounts::register_module(*r);
    people::register_module(*r);
    notifications::register_module(*r);
    bodies::register_module(*r);
    activities::register_module(*r);
    elections::register_module(*r);
    discipline::register_module(*r);
    attendance::register_module(*r);
    hostel::register_module(*r);
    awards::register_module(*r);
    statements::register_module(*r);
    instructions::register_module(*r);
    audit_log::register_module(*r);
    home::register_module(*r);       // after the modules whose contributions it gathers
    register_abilities_route(*r);   // last: it answers for the policies of every module
    return r;
}

}
