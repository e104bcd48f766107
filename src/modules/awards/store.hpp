#pragma once
// Queries of the awards module shared by its API files.
#include "core/result.hpp"
#include "i18n/catalog.hpp"
#include "security/audit.hpp"
#include "storage/database.hpp"
#include <boost/json/object.hpp>
#include <optional>
#include <string>

namespace kenes::awards::store {

bool is_commission(db::Tx&, int64_t inst, int64_t body);
std::string shanyrak_name(db::Tx&, int64_t inst, int64_t shanyrak);
std::optional<int64_t> shanyrak_of(db::Tx&, int64_t inst, int64_t person);
// AWD-3, AWD-4: the deadline of the academic year from the institution's calendar.
struct Deadline {
    std::string academic_year, last_day, deadline;
};
Deadline deadline_of(db::Tx&, int64_t inst, const std::string& academic_year);
// A nomination with its discussions; empty when there is none.
boost::json::object nomination_json(db::Tx&, int64_t inst, int64_t id);
// Recomputes a nomination's status from its discussions (AWD-3, AWD-4) and enforces the deadline
// when it becomes presented. Returns the new status.
Result<std::string> settle_nomination(db::Tx&, int64_t inst, int64_t id, const std::string& today);

// What a change needs besides its arguments: the API passes the request's, the demo its own.
struct Env {
    db::Tx& tx;
    const Clock& clock;
    audit::Actor actor;
    const Catalog& catalog;
    Lang lang;
    int64_t inst;
};

// The commission's scoring (sessions_api.cpp).
Result<int64_t> open_session(const Env&, int64_t commission, int64_t meeting, const std::string& contest);
Status put_scores(const Env&, int64_t session, std::optional<int64_t> member, const std::vector<std::pair<int64_t, int>>& scores);
Status close_session(const Env&, int64_t session);

// AWD-5: an award with its order (awards_api.cpp).
struct AwardDraft {
    std::string kind, recipient_kind;
    std::optional<int64_t> student_id, shanyrak_id, group_id;
    std::optional<std::string> team_name;
    std::vector<int64_t> member_ids;
    std::string reason;
    std::optional<int64_t> nomination_id;
    std::string issued_on;
    bool published = false;
};
Result<int64_t> issue_award(const Env&, const AwardDraft&);

}
