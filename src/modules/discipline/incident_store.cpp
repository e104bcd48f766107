#include "modules/discipline/incident_store.hpp"
#include "modules/discipline/catalogue.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>

namespace kenes::discipline::store {

using boost::json::array;
using boost::json::object;

int64_t repeat_window_days(db::Tx& tx, int64_t inst)
{
    auto r = tx.query_one("SELECT repeat_window_days FROM institutions WHERE id = ?", { inst });
    return r ? r->i64(0) : default_repeat_window_days;
}

namespace {

Escalation escalation_for(db::Tx& tx, int64_t inst, int64_t person, const KindInForce& kind, const std::string& on, int64_t window)
{
    std::vector<EarlierIncident> earlier;
    for (auto& r : tx.query("SELECT occurred_on FROM incident_students WHERE institution_id = ? AND person_id = ? AND kind_code = ? AND reversed = 0 "
                            "AND occurred_on <= ?",
             { inst, person, kind.code, on }))
        earlier.push_back({ kind.code, r.str(0) });
    return escalate(kind.code, kind.tier, on, earlier, window);
}

}

Result<int64_t> insert_incident(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, const IncidentInput& in)
{
    auto kind = kind_on(tx, inst, in.kind_code, in.occurred_on);
    if (!kind)
        return Error::field("kind_code", "not_found");
    for (auto s : in.students)
        if (!people::is_student(tx, inst, s))
            return Error::field("student_ids", "not_found");
    int64_t window = repeat_window_days(tx, inst);
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO incidents (institution_id, id, kind_code, occurred_on, occurred_time, place, description, reported_by, source, recorded_by, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { inst, id, in.kind_code, in.occurred_on, in.occurred_time, in.place, in.description, in.reported_by ? db::Value(*in.reported_by) : db::Value(),
            in.source, actor.user_id ? db::Value(*actor.user_id) : db::Value(), clock.now() });
    array parts;
    for (auto s : in.students) {
        // DISC-ESC-1: escalated against the student's earlier incidents of the kind in the window.
        auto e = escalation_for(tx, inst, s, *kind, in.occurred_on, window);
        tx.exec("INSERT INTO incident_students (institution_id, incident_id, person_id, kind_code, occurred_on, base_tier, tier, earlier_same_kind, window_from) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, id, s, in.kind_code, in.occurred_on, tier_name(e.base), tier_name(e.tier), e.earlier_same_kind, e.window_from });
        parts.push_back(object { { "person_id", s }, { "tier", tier_name(e.tier) } });
    }
    audit::record(tx, clock,
        { inst, actor, "incident.record", "incident", id, nullptr,
            object { { "kind_code", in.kind_code }, { "occurred_on", in.occurred_on }, { "source", in.source }, { "students", parts } } });
    return id;
}

Result<int64_t> reverse_incident(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, int64_t incident_id, const std::string& reason)
{
    auto r = tx.query_one("SELECT kind_code, occurred_on, occurred_time, place, reverses_id, reversed_by_id FROM incidents WHERE institution_id = ? AND id = ?",
        { inst, incident_id });
    if (!r)
        return Error::not_found();
    if (!r->is_null(4))
        return Error::field("id", "is_correction");
    if (!r->is_null(5))
        return Error { ErrorCode::Conflict, "incident.reversed" };
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO incidents (institution_id, id, kind_code, occurred_on, occurred_time, place, description, source, reverses_id, reason, recorded_by, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, '', 'correction', ?, ?, ?, ?)",
        { inst, id, r->str(0), r->str(1), r->str(2), r->str(3), incident_id, reason, actor.user_id ? db::Value(*actor.user_id) : db::Value(), clock.now() });
    tx.exec("UPDATE incidents SET reversed_by_id = ? WHERE institution_id = ? AND id = ?", { id, inst, incident_id });
    tx.exec("UPDATE incident_students SET reversed = 1 WHERE institution_id = ? AND incident_id = ?", { inst, incident_id });
    audit::record(tx, clock, { inst, actor, "incident.reverse", "incident", incident_id, nullptr, object { { "correction_id", id }, { "reason", reason } } });
    return id;
}

namespace {

object incident_head(const db::Row& r)
{
    return { { "id", r.i64(0) }, { "kind_code", r.str(1) }, { "occurred_on", r.str(2) }, { "occurred_time", r.str(3) }, { "place", r.str(4) },
        { "description", r.str(5) }, { "source", r.str(6) }, { "reversed_by_id", r.is_null(7) ? boost::json::value() : boost::json::value(r.i64(7)) },
        { "reverses_id", r.is_null(8) ? boost::json::value() : boost::json::value(r.i64(8)) }, { "reason", r.str(9) },
        { "reported_by", r.is_null(10) ? boost::json::value() : boost::json::value(r.i64(10)) } };
}

constexpr const char* head_columns = "SELECT i.id, i.kind_code, i.occurred_on, i.occurred_time, i.place, i.description, i.source, i.reversed_by_id, "
                                     "i.reverses_id, i.reason, i.reported_by";

object part_json(const db::Row& r, size_t at)
{
    return { { "tier", r.str(at) }, { "base_tier", r.str(at + 1) }, { "earlier_same_kind", r.i64(at + 2) }, { "window_from", r.str(at + 3) },
        { "reversed", r.flag(at + 4) } };
}

}

std::optional<object> incident_json(db::Tx& tx, int64_t inst, int64_t id, std::optional<int64_t> curator)
{
    auto r = tx.query_one(std::string(head_columns) + " FROM incidents i WHERE i.institution_id = ? AND i.id = ?", { inst, id });
    if (!r)
        return std::nullopt;
    auto out = incident_head(*r);
    array students;
    for (auto& s : tx.query("SELECT p.id, p.surname, p.name, p.patronymic, x.tier, x.base_tier, x.earlier_same_kind, x.window_from, x.reversed "
                            "FROM incident_students x JOIN persons p ON p.institution_id = x.institution_id AND p.id = x.person_id "
                            "WHERE x.institution_id = ? AND x.incident_id = ? AND (? = 0 OR x.person_id IN (SELECT s.person_id FROM students s JOIN groups g "
                            "ON g.institution_id = s.institution_id AND g.id = s.group_id WHERE s.institution_id = x.institution_id AND g.curator_person_id = ?)) "
                            "ORDER BY p.surname, p.name, p.id",
             { inst, id, int64_t(curator.has_value()), curator.value_or(0) })) {
        auto part = part_json(s, 4);
        part["person_id"] = s.i64(0);
        part["name"] = people::full_name(s, 1);
        students.push_back(std::move(part));
    }
    out["students"] = std::move(students);
    array files;
    for (auto& f : tx.query("SELECT id, name, content_type, size, sha256 FROM discipline_files WHERE institution_id = ? AND owner = 'incident' AND owner_id = ? ORDER BY id",
             { inst, id }))
        files.push_back(object { { "id", f.i64(0) }, { "name", f.str(1) }, { "content_type", f.str(2) }, { "size", f.i64(3) }, { "sha256", f.str(4) } });
    out["files"] = std::move(files);
    return out;
}

array student_incidents(db::Tx& tx, int64_t inst, int64_t person)
{
    array out;
    for (auto& r : tx.query(std::string(head_columns)
                 + ", x.tier, x.base_tier, x.earlier_same_kind, x.window_from, x.reversed FROM incidents i JOIN incident_students x "
                   "ON x.institution_id = i.institution_id AND x.incident_id = i.id WHERE x.institution_id = ? AND x.person_id = ? "
                   "ORDER BY i.occurred_on DESC, i.id DESC LIMIT 500",
             { inst, person })) {
        auto j = incident_head(r);
        j["part"] = part_json(r, 11);
        j.erase("reported_by");   // the student's view names no staff member
        out.push_back(std::move(j));
    }
    return out;
}

}
