#include "modules/statements/notices.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/statements/routes.hpp"
#include "modules/statements/store.hpp"
#include <boost/json/object.hpp>

namespace kenes::statements {

void register_notice_kinds()
{
    using notifications::register_kind;
    register_kind({ "statement_answered", true, "/statements/{statement_id}" });
    register_kind({ "statement_forwarded", true, "/statements/{statement_id}" });
    register_kind({ "statement_assigned", true, "/statements/{statement_id}" });
    register_kind({ "statement_overdue", true, "/statements/{statement_id}" });
    register_kind({ "ombudsman_complaint", true, "/ombudsman/{complaint_id}" });
    register_kind({ "ombudsman_answered", true, "/ombudsman/{complaint_id}" });
    register_kind({ "ombudsman_shared", true, "/ombudsman/{complaint_id}" });
}

}

namespace kenes::statements::notices {

using boost::json::object;

namespace {

object about_statement(db::Tx& tx, int64_t inst, int64_t id) { return { { "statement_id", id }, { "number", store::number_of(tx, inst, id) } }; }

std::string complaint_number(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT number, year FROM ombudsman_complaints WHERE institution_id = ? AND id = ?", { inst, id });
    return r ? std::to_string(r->i64(0)) + "/" + std::to_string(r->i64(1)) : "";
}

}

void answered(db::Tx& tx, const Clock& clock, int64_t inst, int64_t id)
{
    notifications::notify_each(tx, clock, inst, store::addressees(tx, inst, id), "statement_answered", "statement.answered:" + std::to_string(id),
        about_statement(tx, inst, id));
}

void forwarded(db::Tx& tx, const Clock& clock, int64_t inst, int64_t id)
{
    auto params = about_statement(tx, inst, id);
    auto r = tx.query_one("SELECT forwarded_to FROM statements WHERE institution_id = ? AND id = ?", { inst, id });
    params["to"] = r ? r->str(0) : "";
    notifications::notify_each(tx, clock, inst, store::addressees(tx, inst, id), "statement_forwarded", "statement.forwarded:" + std::to_string(id), params);
}

void assigned(db::Tx& tx, const Clock& clock, int64_t inst, int64_t id, int64_t assignee)
{
    // One notice per assignment: reassigned back, the key names the event.
    auto n = tx.query_one("SELECT count(*) FROM statement_events WHERE institution_id = ? AND statement_id = ? AND state = 'assigned'", { inst, id })->i64(0);
    notifications::notify_each(tx, clock, inst, { assignee }, "statement_assigned", "statement.assigned:" + std::to_string(id) + ":" + std::to_string(n),
        about_statement(tx, inst, id));
}

void overdue(db::Tx& tx, const Clock& clock, int64_t inst, int64_t id, const std::vector<int64_t>& persons)
{
    auto params = about_statement(tx, inst, id);
    auto r = tx.query_one("SELECT due_on FROM statements WHERE institution_id = ? AND id = ?", { inst, id });
    params["due"] = r ? r->str(0) : "";
    notifications::notify_each(tx, clock, inst, persons, "statement_overdue", "statement.overdue:" + std::to_string(id), params);
}

void complaint_filed(db::Tx& tx, const Clock& clock, int64_t inst, int64_t id, const std::vector<int64_t>& ombudsmen)
{
    notifications::notify_each(tx, clock, inst, ombudsmen, "ombudsman_complaint", "ombudsman.complaint:" + std::to_string(id),
        object { { "complaint_id", id }, { "number", complaint_number(tx, inst, id) } });
}

void complaint_answered(db::Tx& tx, const Clock& clock, int64_t inst, int64_t id)
{
    auto c = tx.query_one("SELECT complainant_person_id FROM ombudsman_complaints WHERE institution_id = ? AND id = ?", { inst, id });
    std::vector<int64_t> to { c->i64(0) };
    for (auto p : store::representatives_of(tx, inst, c->i64(0)))
        to.push_back(p);
    notifications::notify_each(tx, clock, inst, to, "ombudsman_answered", "ombudsman.answered:" + std::to_string(id),
        object { { "complaint_id", id }, { "number", complaint_number(tx, inst, id) } });
}

void complaint_shared(db::Tx& tx, const Clock& clock, int64_t inst, int64_t id, int64_t person)
{
    notifications::notify_each(tx, clock, inst, { person }, "ombudsman_shared", "ombudsman.shared:" + std::to_string(id) + ":" + std::to_string(person),
        object { { "complaint_id", id }, { "number", complaint_number(tx, inst, id) } });
}

}
