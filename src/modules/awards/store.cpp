#include "modules/awards/store.hpp"
#include "modules/attendance/attendance.hpp"
#include "modules/awards/rules.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>

namespace kenes::awards::store {

using boost::json::array;
using boost::json::object;
using boost::json::value;

bool is_commission(db::Tx& tx, int64_t inst, int64_t body)
{
    return tx.query_one("SELECT 1 FROM bodies WHERE institution_id = ? AND id = ? AND template = 'encouragement_commission'", { inst, body }).has_value();
}

std::string shanyrak_name(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT name FROM shanyraks WHERE institution_id = ? AND id = ?", { inst, id });
    return r ? r->str(0) : std::string();
}

std::optional<int64_t> shanyrak_of(db::Tx& tx, int64_t inst, int64_t person)
{
    auto r = tx.query_one("SELECT shanyrak_id FROM shanyrak_members WHERE institution_id = ? AND person_id = ?", { inst, person });
    return r ? std::optional(r->i64(0)) : std::nullopt;
}

Deadline deadline_of(db::Tx& tx, int64_t inst, const std::string& year)
{
    auto last = attendance::last_day_of_year(tx, inst, year);
    auto d = parse_iso_date(last);
    return { year, last, d ? nomination_deadline(*d).iso() : std::string() };
}

object nomination_json(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT academic_year, contest, student_id, shanyrak_id, commission_body_id, proposed_by_shanyrak_id, motivation, status, presented_on "
                          "FROM award_nominations WHERE institution_id = ? AND id = ?",
        { inst, id });
    if (!r)
        return {};
    array discussions;
    for (auto& d : tx.query("SELECT id, forum, shanyrak_id, held_on, supported, decision FROM award_discussions WHERE institution_id = ? AND nomination_id = ? "
                            "ORDER BY held_on, id",
             { inst, id }))
        discussions.push_back(object { { "id", d.i64(0) }, { "forum", d.str(1) }, { "shanyrak_id", d.is_null(2) ? value() : value(d.i64(2)) },
            { "shanyrak_name", d.is_null(2) ? value() : value(shanyrak_name(tx, inst, d.i64(2))) }, { "held_on", d.str(3) }, { "supported", d.flag(4) },
            { "decision", d.str(5) } });
    object o { { "id", id }, { "academic_year", r->str(0) }, { "contest", r->str(1) }, { "student_id", r->is_null(2) ? value() : value(r->i64(2)) },
        { "shanyrak_id", r->is_null(3) ? value() : value(r->i64(3)) }, { "commission_body_id", r->i64(4) },
        { "proposed_by_shanyrak_id", r->is_null(5) ? value() : value(r->i64(5)) }, { "motivation", r->str(6) }, { "status", r->str(7) },
        { "presented_on", r->is_null(8) ? value() : value(r->str(8)) }, { "discussions", discussions } };
    o["nominee_name"] = !r->is_null(2) ? people::name_of(tx, inst, r->i64(2)) : shanyrak_name(tx, inst, r->i64(3));
    o["proposed_by_shanyrak_name"] = r->is_null(5) ? value() : value(shanyrak_name(tx, inst, r->i64(5)));
    return o;
}

Result<std::string> settle_nomination(db::Tx& tx, int64_t inst, int64_t id, const std::string& today)
{
    auto n = tx.query_one("SELECT contest, academic_year, status FROM award_nominations WHERE institution_id = ? AND id = ?", { inst, id });
    if (!n)
        return Error::not_found();
    std::string contest = n->str(0);
    const char* rule = contest == "student_of_year" ? "AWD-3" : "AWD-4";
    std::vector<Discussion> ds;
    for (auto& d : tx.query("SELECT forum, supported FROM award_discussions WHERE institution_id = ? AND nomination_id = ? ORDER BY held_on, id", { inst, id }))
        ds.push_back({ d.str(0), d.flag(1) });
    auto problem = nomination_problem(contest, ds);
    std::string status;
    if (problem.empty())
        status = "presented";
    else if (problem == "disagreement")
        status = "disagreement";   // AWD-4: recorded, waiting for the Shanyrak unions
    else if (problem == "not_supported")
        status = "rejected";
    else
        return Error::rule_refusal(rule, "rule.awards." + problem, {}, "discussions");
    if (status == "presented" && n->str(2) != "presented") {
        // AWD-3, AWD-4: presented to the commission 10 days before the last month of the year.
        auto dl = deadline_of(tx, inst, n->str(1));
        if (dl.deadline.empty() || today > dl.deadline)
            return Error::rule_refusal(rule, "rule.awards.after_deadline", { { "deadline", dl.deadline }, { "last_day", dl.last_day } }, "presented_on");
        tx.exec("UPDATE award_nominations SET status = ?, presented_on = ? WHERE institution_id = ? AND id = ?", { status, today, inst, id });
    } else
        tx.exec("UPDATE award_nominations SET status = ? WHERE institution_id = ? AND id = ?", { status, inst, id });
    return status;
}

}
