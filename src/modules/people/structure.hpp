#pragma once
#include "http/registry.hpp"
#include "security/audit.hpp"
#include "storage/database.hpp"
#include <string>
#include <vector>

namespace kenes::people {

// Institutions and their structure: academic years, faculties/institutes, groups/classes,
// Shanyrak communities (schools). Part of the people module, as persons belong to its groups.
namespace detail {
void register_structure_routes(http::Registry&);
}

struct NewInstitution {
    std::string name;
    std::string kind;                    // school | college | university
    std::vector<std::string> languages;  // subset of kk, ru, en
};
int64_t create_institution(db::Tx&, const Clock&, const audit::Actor&, const NewInstitution&);

// Finds a group by name or creates it (roster import). Returns its id.
int64_t find_or_create_group(db::Tx&, const Clock&, const audit::Actor&, int64_t institution_id, const std::string& name);
bool group_exists(db::Tx&, int64_t institution_id, int64_t group_id);

}
