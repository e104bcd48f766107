#include "modules/statements/store.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <algorithm>
#include <boost/json/array.hpp>

namespace kenes::statements::store {

using boost::json::array;
using boost::json::object;
using modules::json_or_null;

std::string institution_name(db::Tx& tx, int64_t inst)
{
    auto r = tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst });
    return r ? r->str(0) : "";
}

Term answer_term(db::Tx& tx, int64_t inst)
{
    auto r = tx.query_one("SELECT statement_answer_days, statement_working_days FROM institutions WHERE id = ?", { inst });
    return r ? Term { int(r->i64(0)), r->flag(1) } : Term {};
}

std::string number_of(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT number, year FROM statements WHERE institution_id = ? AND id = ?", { inst, id });
    return r ? std::to_string(r->i64(0)) + "/" + std::to_string(r->i64(1)) : "";
}

namespace {

boost::json::value person_or_null(db::Tx& tx, int64_t inst, std::optional<int64_t> id)
{
    if (!id)
        return nullptr;
    return object { { "person_id", *id }, { "name", people::name_of(tx, inst, *id) } };
}

}

object statement_json(db::Tx& tx, int64_t inst, int64_t id, const CivilDate& today)
{
    auto r = tx.query_one("SELECT id, number, year, topic, about, arguments, filer_person_id, student_id, channel, received_at, received_by_name, state, due_on, "
                          "assignee_person_id, answer, answered_at, answered_by_name, forwarded_to, forward_reason, escalated_at FROM statements "
                          "WHERE institution_id = ? AND id = ?",
        { inst, id });
    auto state = *parse_state(r->str(11));
    auto due = *parse_iso_date(r->str(12));
    array events;
    for (auto& e : tx.query("SELECT state, note, by_name, at FROM statement_events WHERE institution_id = ? AND statement_id = ? ORDER BY at, id", { inst, id }))
        events.push_back(object { { "state", e.str(0) }, { "note", e.str(1) }, { "by", e.str(2) }, { "at", almaty::iso_datetime(e.i64(3)) } });
    return { { "id", r->i64(0) }, { "number", std::to_string(r->i64(1)) + "/" + std::to_string(r->i64(2)) }, { "topic", r->str(3) }, { "about", r->str(4) },
        { "arguments", r->str(5) }, { "filer", person_or_null(tx, inst, r->i64(6)) }, { "student", person_or_null(tx, inst, r->opt_i64(7)) },
        { "channel", r->str(8) }, { "received_at", almaty::iso_datetime(r->i64(9)) }, { "received_by", r->str(10) }, { "state", r->str(11) },
        { "due_on", r->str(12) }, { "overdue", overdue(state, due, today) }, { "escalated", !r->is_null(19) },
        { "assignee", person_or_null(tx, inst, r->opt_i64(13)) }, { "answer", json_or_null(r->opt_str(14)) },
        { "answered_at", r->is_null(15) ? boost::json::value(nullptr) : boost::json::value(almaty::iso_datetime(r->i64(15))) },
        { "answered_by", json_or_null(r->opt_str(16)) }, { "forwarded_to", json_or_null(r->opt_str(17)) }, { "forward_reason", json_or_null(r->opt_str(18)) },
        { "events", events } };
}

std::vector<int64_t> representatives_of(db::Tx& tx, int64_t inst, int64_t student)
{
    std::vector<int64_t> out;
    for (auto& r : tx.query("SELECT representative_id FROM representatives WHERE institution_id = ? AND student_id = ? ORDER BY representative_id", { inst, student }))
        out.push_back(r.i64(0));
    return out;
}

bool represents(db::Tx& tx, int64_t inst, int64_t representative, int64_t student)
{
    return tx.query_one("SELECT 1 FROM representatives WHERE institution_id = ? AND student_id = ? AND representative_id = ?", { inst, student, representative }).has_value();
}

std::vector<int64_t> addressees(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT filer_person_id, student_id FROM statements WHERE institution_id = ? AND id = ?", { inst, id });
    std::vector<int64_t> out { r->i64(0) };
    if (!r->is_null(1)) {
        out.push_back(r->i64(1));
        for (auto p : representatives_of(tx, inst, r->i64(1)))
            out.push_back(p);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

int64_t next_number(db::Tx& tx, const char* table, int64_t inst, int year)
{
    return tx.query_one(std::string("SELECT COALESCE(MAX(number), 0) + 1 FROM ") + table + " WHERE institution_id = ? AND year = ?", { inst, int64_t(year) })->i64(0);
}

}
