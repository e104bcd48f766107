#pragma once
// In-app notifications to persons (a chair about an overdue body, ...). Each has a key that makes
// it unique, so a job run on several server processes, or again, notifies once.
#include "http/registry.hpp"
#include "storage/database.hpp"
#include <boost/json/object.hpp>

namespace kenes::notifications {

void register_module(http::Registry&);

struct Notice {
    int64_t institution_id;
    int64_t person_id;
    std::string kind;                 // catalog key "notification.<kind>"
    std::string dedupe_key;           // e.g. "body.overdue:<body>:<last session>"
    boost::json::object params;       // message arguments
};
// Returns false when an identical notice already exists.
bool notify(db::Tx&, const Clock&, const Notice&);

}
