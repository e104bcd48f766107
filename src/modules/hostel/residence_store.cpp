#include "modules/hostel/residence_store.hpp"
#include "modules/hostel/residence_rules.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/parse.hpp>

namespace kenes::hostel::store {

using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {
boost::json::value when(const db::Row& r, size_t i) { return r.is_null(i) ? boost::json::value() : boost::json::value(almaty::iso_datetime(r.i64(i))); }
}

std::optional<Place> place(db::Tx& tx, int64_t inst, int64_t place_id)
{
    auto r = tx.query_one("SELECT p.id, p.label, r.number, r.gender, h.name, r.id, r.floor, p.out_of_use FROM hostel_places p "
                          "JOIN hostel_rooms r ON r.institution_id = p.institution_id AND r.id = p.room_id "
                          "JOIN hostels h ON h.institution_id = r.institution_id AND h.id = r.hostel_id WHERE p.institution_id = ? AND p.id = ?",
        { inst, place_id });
    if (!r)
        return std::nullopt;
    return Place { r->i64(0), r->str(1), r->str(2), r->str(3), r->str(4), r->i64(5), r->i64(6), r->flag(7) };
}

bool place_taken(db::Tx& tx, int64_t inst, int64_t place_id)
{
    return tx.query_one("SELECT 1 FROM hostel_residents WHERE institution_id = ? AND place_id = ? AND evicted_on IS NULL", { inst, place_id }).has_value();
}

std::string place_text(const Place& p) { return p.hostel_name + ", " + p.room_number + "/" + p.label; }

std::optional<int64_t> active_resident(db::Tx& tx, int64_t inst, int64_t person_id)
{
    auto r = tx.query_one("SELECT id FROM hostel_residents WHERE institution_id = ? AND person_id = ? AND evicted_on IS NULL ORDER BY id DESC LIMIT 1", { inst, person_id });
    return r ? std::optional(r->i64(0)) : std::nullopt;
}

std::vector<int64_t> representatives(db::Tx& tx, int64_t inst, int64_t student)
{
    std::vector<int64_t> out;
    for (auto& r : tx.query("SELECT representative_id FROM representatives WHERE institution_id = ? AND student_id = ? ORDER BY representative_id", { inst, student }))
        out.push_back(r.i64(0));
    return out;
}

std::vector<int64_t> student_and_representatives(db::Tx& tx, int64_t inst, int64_t student)
{
    auto out = representatives(tx, inst, student);
    out.insert(out.begin(), student);
    return out;
}

bool barred_at_door(db::Tx& tx, int64_t inst, int64_t person_id)
{
    return tx.query_one("SELECT 1 FROM hostel_evictions WHERE institution_id = ? AND person_id = ? AND state = 'vacated' "
                        "AND NOT EXISTS (SELECT 1 FROM hostel_residents r WHERE r.institution_id = hostel_evictions.institution_id AND r.person_id = hostel_evictions.person_id "
                        "AND r.evicted_on IS NULL AND r.recorded_at > hostel_evictions.submitted_at)",
        { inst, person_id })
        .has_value();
}

boost::json::object leave_json(const db::Row& r)
{
    return { { "id", r.i64(0) }, { "resident_id", r.i64(1) }, { "reason", r.str(2) }, { "leave_on", r.str(3) }, { "return_on", r.str(4) },
        { "accompanying_name", r.str(5) }, { "accompanying_document", r.str(6) }, { "applied_at", when(r, 7) }, { "departed_at", when(r, 8) },
        { "departed_with", json_or_null(r.opt_str(9)) }, { "returned_at", when(r, 10) }, { "returned_with", json_or_null(r.opt_str(11)) }, { "state", r.str(12) } };
}

boost::json::object violation_json(db::Tx& tx, int64_t inst, const db::Row& r)
{
    return { { "id", r.i64(0) }, { "resident_id", r.i64(1) }, { "person_id", r.i64(2) }, { "student_name", people::name_of(tx, inst, r.i64(2)) },
        { "academic_year", r.str(3) }, { "occurred_on", almaty::local_date(r.i64(4)).iso() }, { "description", r.str(5) }, { "nature", r.str(6) },
        { "severity", r.str(7) }, { "circumstances", r.str(8) }, { "behaviour", r.str(9) }, { "ordinal", r.i64(10) }, { "measure", r.str(11) },
        { "familiarised_at", when(r, 12) }, { "familiarised_how", json_or_null(r.opt_str(13)) }, { "representative_notified_at", when(r, 14) },
        { "explanation", json_or_null(r.opt_str(15)) }, { "explanation_at", when(r, 16) }, { "order_number", json_or_null(r.opt_str(17)) },
        { "order_date", json_or_null(r.opt_str(18)) }, { "order_id", json_or_null(r.opt_i64(19)) }, { "eviction_id", json_or_null(r.opt_i64(20)) } };
}

std::optional<boost::json::object> violation_by_id(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one(std::string("SELECT ") + violation_columns + " FROM hostel_violations WHERE institution_id = ? AND id = ?", { inst, id });
    if (!r)
        return std::nullopt;
    return violation_json(tx, inst, *r);
}

std::optional<boost::json::object> eviction_json(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT id, resident_id, person_id, reason, details, submitted_at, bypass_sheet, order_number, order_date, vacate_by, vacated_at, vacated_with, "
                          "resettle_next_year, state, order_id FROM hostel_evictions WHERE institution_id = ? AND id = ?",
        { inst, id });
    if (!r)
        return std::nullopt;
    auto sheet = boost::json::parse(r->str(6)).as_object();
    array items;
    bool complete = true;
    for (auto item : residence::bypass_items()) {
        auto it = sheet.find(item);
        bool done = it != sheet.end() && it->value().is_object();
        complete = complete && done;
        items.push_back(object { { "item", std::string(item) }, { "done", done }, { "done_on", done ? it->value().as_object().at("on") : boost::json::value() } });
    }
    return object { { "id", r->i64(0) }, { "resident_id", r->i64(1) }, { "person_id", r->i64(2) }, { "student_name", people::name_of(tx, inst, r->i64(2)) },
        { "reason", r->str(3) }, { "details", r->str(4) }, { "submitted_at", when(*r, 5) }, { "bypass_sheet", items }, { "bypass_complete", complete },
        { "order_number", json_or_null(r->opt_str(7)) }, { "order_date", json_or_null(r->opt_str(8)) }, { "vacate_by", json_or_null(r->opt_str(9)) },
        { "vacated_at", when(*r, 10) }, { "vacated_with", json_or_null(r->opt_str(11)) }, { "resettle_next_year", r->flag(12) },
        { "resettlement", r->str(3) == "end_of_year" ? "allowed" : r->flag(12) ? "next_year" : "never" }, { "state", r->str(13) },
        { "order_id", json_or_null(r->opt_i64(14)) }, { "representatives", [&] {
             array reps;
             for (auto rep : representatives(tx, inst, r->i64(2)))
                 reps.push_back(object { { "id", rep }, { "name", people::name_of(tx, inst, rep) } });
             return reps;
         }() } };
}

std::optional<boost::json::object> resident_json(db::Tx& tx, int64_t inst, int64_t id, Detail detail)
{
    auto r = tx.query_one("SELECT id, person_id, academic_year, application_id, place_id, basis, priority_group, settled_on, settlement_order_number, "
                          "settlement_order_date, evicted_on, eviction_id, settlement_order_id, holiday_stays, holiday_reason FROM hostel_residents "
                          "WHERE institution_id = ? AND id = ?",
        { inst, id });
    if (!r)
        return std::nullopt;
    auto p = place(tx, inst, r->i64(4));
    object out { { "id", r->i64(0) }, { "person_id", r->i64(1) }, { "student_name", people::name_of(tx, inst, r->i64(1)) }, { "academic_year", r->str(2) },
        { "application_id", json_or_null(r->opt_i64(3)) }, { "place_id", r->i64(4) }, { "place", p ? place_text(*p) : std::string() },
        { "room", p ? p->room_number : std::string() }, { "hostel", p ? p->hostel_name : std::string() }, { "basis", r->str(5) },
        { "priority_group", r->i64(6) }, { "settled_on", r->str(7) }, { "settlement_order_number", r->str(8) }, { "settlement_order_date", r->str(9) },
        { "evicted_on", json_or_null(r->opt_str(10)) }, { "eviction_id", json_or_null(r->opt_i64(11)) }, { "settlement_order_id", json_or_null(r->opt_i64(12)) },
        { "holiday_stays", r->str(13) }, { "holiday_reason", r->str(14) } };
    auto ev = tx.query_one("SELECT order_number, order_date FROM hostel_evictions WHERE institution_id = ? AND id = ?", { inst, r->opt_i64(11).value_or(0) });
    out["eviction_order_number"] = ev ? json_or_null(ev->opt_str(0)) : boost::json::value();
    out["eviction_order_date"] = ev ? json_or_null(ev->opt_str(1)) : boost::json::value();
    auto out_now = tx.query_one("SELECT id FROM hostel_leaves WHERE institution_id = ? AND resident_id = ? AND state = 'departed'", { inst, id });
    out["is_out"] = out_now.has_value();
    if (detail == Detail::Line)
        return out;
    array reps;
    for (auto rep : representatives(tx, inst, r->i64(1)))
        reps.push_back(object { { "id", rep }, { "name", people::name_of(tx, inst, rep) } });
    out["representatives"] = reps;
    auto c = tx.query_one("SELECT items, issued_at, signed_by_representative, signed_at, signed_how FROM hostel_certificates WHERE institution_id = ? AND resident_id = ?",
        { inst, id });
    if (c)
        out["certificate"] = object { { "items", boost::json::parse(c->str(0)) }, { "issued_at", when(*c, 1) },
            { "signed_by", c->is_null(2) ? boost::json::value() : boost::json::value(people::name_of(tx, inst, c->i64(2))) }, { "signed_at", when(*c, 3) },
            { "signed_how", json_or_null(c->opt_str(4)) } };
    else
        out["certificate"] = nullptr;
    array damages;
    for (auto& d : tx.query("SELECT id, description, amount_tenge, recorded_on, compensated_on FROM hostel_damages WHERE institution_id = ? AND resident_id = ? ORDER BY id",
             { inst, id }))
        damages.push_back(object { { "id", d.i64(0) }, { "description", d.str(1) }, { "amount_tenge", d.i64(2) }, { "recorded_on", d.str(3) },
            { "compensated_on", json_or_null(d.opt_str(4)) } });
    out["damages"] = damages;
    array moves;
    for (auto& m : tx.query("SELECT id, from_place_id, to_place_id, moved_on, reason FROM hostel_relocations WHERE institution_id = ? AND resident_id = ? ORDER BY id",
             { inst, id })) {
        auto from = place(tx, inst, m.i64(1));
        auto to = place(tx, inst, m.i64(2));
        moves.push_back(object { { "id", m.i64(0) }, { "from", from ? place_text(*from) : std::string() }, { "to", to ? place_text(*to) : std::string() },
            { "moved_on", m.str(3) }, { "reason", m.str(4) } });
    }
    out["relocations"] = moves;
    array leaves;
    for (auto& l : tx.query(std::string("SELECT ") + leave_columns + " FROM hostel_leaves WHERE institution_id = ? AND resident_id = ? ORDER BY leave_on DESC, id DESC LIMIT 50",
             { inst, id }))
        leaves.push_back(leave_json(l));
    out["leaves"] = leaves;
    array violations;
    for (auto& v : tx.query(std::string("SELECT ") + violation_columns + " FROM hostel_violations WHERE institution_id = ? AND person_id = ? ORDER BY occurred_at, id",
             { inst, r->i64(1) }))
        violations.push_back(violation_json(tx, inst, v));
    out["violations"] = violations;
    array evictions;
    for (auto& e : tx.query("SELECT id FROM hostel_evictions WHERE institution_id = ? AND resident_id = ? ORDER BY id", { inst, id }))
        evictions.push_back(*eviction_json(tx, inst, e.i64(0)));
    out["evictions"] = evictions;
    return out;
}

}
