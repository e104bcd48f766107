#pragma once
// What modules contribute to pages that gather from all of them: the "needs you" list on every
// home page, and the overview of one student (for the student, their parents, their curator).
// Each contribution names the policy of the action or view it offers; the page shows it only
// where that policy allows it, so these lists can never show more than the routes would.
#include "core/clock.hpp"
#include "i18n/catalog.hpp"
#include "security/policy.hpp"
#include "security/principal.hpp"
#include "storage/database.hpp"
#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <vector>

namespace kenes::http {

// Who is looking, and in which language (names of bodies from templates read in it).
struct Viewer {
    const Principal& user;
    const Clock& clock;
    const Catalog& catalog;
    Lang lang;
};

// Something that waits for the signed-in person: a vote open for them, a protocol to sign.
struct Need {
    std::string kind;                 // catalog key "needs.<kind>"
    std::string permission;           // the catalogue permission of the route that acts on it
    const authz::Policy* policy;      // the object policy of that route
    int64_t object_id;                // the object the policy is asked about
    std::string link;                 // the page where the person acts
    boost::json::object params;       // message arguments
    std::string when;                 // ISO date or date-time it is for; "" when it waits now
};

struct NeedSource {
    std::string module;
    // Candidates only: the gathering asks each one's policy before showing it.
    std::function<std::vector<Need>(db::Tx&, const Viewer&)> find;
};

// One module's part of a student's overview, asked of a person the overview route already
// allowed (own record, own child, own group, administration); `policy` narrows it further.
struct PersonSection {
    std::string name;                 // "bodies", "events": the key of the section in the answer
    const authz::Policy* policy;      // on the person
    // The facts are the viewer's relationships to the person, for a section that asks a narrower policy inside.
    std::function<boost::json::value(db::Tx&, const Viewer&, const authz::Facts&, int64_t person_id)> build;
};

}
