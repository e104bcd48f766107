#pragma once
// Home pages that lead: what needs the signed-in person (gathered from every module), a person's
// overview (the student, their parents, their curator) and the administrator's setup checklist.
#include "http/registry.hpp"

namespace kenes::home {

// Registers the routes; call after every other module, as it gathers their contributions.
void register_module(http::Registry&);

namespace detail {
// The steps of putting an institution to work, each ticked by what exists in the database.
boost::json::object setup_checklist(db::Tx&, int64_t institution_id);
}

}
