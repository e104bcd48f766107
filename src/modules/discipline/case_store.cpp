#include "modules/discipline/case_store.hpp"
#include "modules/discipline/incident_store.hpp"
#include "modules/discipline/notices.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

namespace kenes::discipline::store {

using boost::json::array;
using boost::json::object;
using boost::json::value;

namespace {
value opt_text(const db::Row& r, size_t i) { return r.is_null(i) ? value() : value(r.str(i)); }
}

const std::vector<std::string>& fact_codes()
{
    static const std::vector<std::string> all { "offence_occurred", "details", "offender", "guilt", "consequences", "circumstances", "exceptional",
        "behaviour", "motives", "other" };
    return all;
}

const std::vector<std::string>& evidence_kinds()
{
    static const std::vector<std::string> all { "explanation_student", "explanation_witness", "material", "document", "photo", "video", "petition" };
    return all;
}

const std::vector<std::string>& bases()
{
    static const std::vector<std::string> all { "application", "complaint", "written_message", "oral_message", "own_application" };
    return all;
}

std::optional<Case> load_case(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT id, number, student_id, committee_body_id, academic_year, basis, reporter_name, summary, opened_on, status, reporter_person_id, "
                          "representative_id, agenda_item_id, opened_at, explanation_due_at, non_disclosure, criminal FROM discipline_cases "
                          "WHERE institution_id = ? AND id = ?",
        { inst, id });
    if (!r)
        return std::nullopt;
    auto o = [&](size_t i) { return r->is_null(i) ? std::nullopt : std::optional(r->i64(i)); };
    return Case { r->i64(0), r->i64(1), r->i64(2), r->i64(3), r->str(4), r->str(5), r->str(6), r->str(7), r->str(8), r->str(9), o(10), o(11), o(12),
        r->i64(13), r->i64(14), r->flag(15), r->flag(16) };
}

bool is_disciplinary_committee(db::Tx& tx, int64_t inst, int64_t body)
{
    return tx.query_one("SELECT 1 FROM bodies WHERE institution_id = ? AND id = ? AND template = 'disciplinary_committee'", { inst, body }).has_value();
}

std::vector<int64_t> members_on(db::Tx& tx, int64_t inst, int64_t body, const std::string& date)
{
    std::vector<int64_t> out;
    for (auto& r : tx.query("SELECT DISTINCT person_id FROM memberships WHERE institution_id = ? AND body_id = ? AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?)",
             { inst, body, date, date }))
        out.push_back(r.i64(0));
    return out;
}

std::vector<std::string> case_kind_codes(db::Tx& tx, int64_t inst, int64_t case_id)
{
    std::vector<std::string> out;
    for (auto& r : tx.query("SELECT DISTINCT i.kind_code FROM case_incidents c JOIN incidents i ON i.institution_id = c.institution_id AND i.id = c.incident_id "
                            "WHERE c.institution_id = ? AND c.case_id = ? AND i.reversed_by_id IS NULL ORDER BY i.kind_code",
             { inst, case_id }))
        out.push_back(r.str(0));
    return out;
}

namespace {

std::string name_of(db::Tx& tx, int64_t inst, std::optional<int64_t> person)
{
    return person ? people::name_of(tx, inst, *person) : std::string();
}

// DISC-CASE-2: the explanation is received once the student's explanation is in the file (and
// not withdrawn); a refusal is the act; otherwise it is awaited until the due time, then overdue.
std::string explanation_state(db::Tx& tx, int64_t inst, const Case& c, UnixMillis now)
{
    if (tx.query_one("SELECT 1 FROM case_evidence WHERE institution_id = ? AND case_id = ? AND kind = 'explanation_student' AND withdrawn_at IS NULL", { inst, c.id }))
        return "received";
    if (tx.query_one("SELECT 1 FROM case_refusal_acts WHERE institution_id = ? AND case_id = ?", { inst, c.id }))
        return "refused";
    return now < c.explanation_due_at ? "awaited" : "overdue";
}

}

object case_summary_json(db::Tx& tx, int64_t inst, const Case& c)
{
    return { { "id", c.id }, { "number", c.label() }, { "status", c.status }, { "student_id", c.student_id }, { "student", name_of(tx, inst, c.student_id) },
        { "committee_body_id", c.committee_body_id }, { "opened_on", c.opened_on }, { "basis", c.basis }, { "non_disclosure", c.non_disclosure },
        { "criminal", c.criminal } };
}

object case_json(db::Tx& tx, int64_t inst, const Case& c, UnixMillis now)
{
    auto out = case_summary_json(tx, inst, c);
    out["summary"] = c.summary;
    out["reporter_name"] = c.reporter_name;
    out["reporter_person_id"] = c.reporter_person_id ? value(*c.reporter_person_id) : value();
    out["representative_id"] = c.representative_id ? value(*c.representative_id) : value();
    out["representative"] = name_of(tx, inst, c.representative_id);
    out["explanation_due_at"] = almaty::iso_datetime(c.explanation_due_at);
    out["explanation"] = explanation_state(tx, inst, c, now);
    out["agenda_item_id"] = c.agenda_item_id ? value(*c.agenda_item_id) : value();
    if (c.agenda_item_id)
        if (auto m = tx.query_one("SELECT i.meeting_id, m.held_on, i.outcome FROM agenda_items i JOIN meetings m ON m.institution_id = i.institution_id "
                                  "AND m.id = i.meeting_id WHERE i.institution_id = ? AND i.id = ?",
                { inst, *c.agenda_item_id }))
            out["session"] = object { { "meeting_id", m->i64(0) }, { "held_on", m->str(1) }, { "outcome", opt_text(*m, 2) } };
    array incidents;
    for (auto& r : tx.query("SELECT incident_id FROM case_incidents WHERE institution_id = ? AND case_id = ? ORDER BY incident_id", { inst, c.id }))
        if (auto j = incident_json(tx, inst, r.i64(0))) {
            // The file is about this student: the other students of a shared incident stay out of it.
            auto& students = j->at("students").as_array();
            array mine;
            for (auto& s : students)
                if (s.as_object().at("person_id").as_int64() == c.student_id)
                    mine.push_back(s);
            (*j)["students"] = std::move(mine);
            incidents.push_back(std::move(*j));
        }
    out["incidents"] = std::move(incidents);
    array interested;
    for (auto& r : tx.query("SELECT person_id, role FROM case_interested WHERE institution_id = ? AND case_id = ? ORDER BY person_id", { inst, c.id }))
        interested.push_back(object { { "person_id", r.i64(0) }, { "name", name_of(tx, inst, r.i64(0)) }, { "role", r.str(1) } });
    out["interested"] = std::move(interested);
    object facts;
    for (auto& r : tx.query("SELECT code, finding FROM case_facts WHERE institution_id = ? AND case_id = ?", { inst, c.id }))
        facts[r.str(0)] = r.str(1);
    out["facts"] = std::move(facts);
    array evidence;
    for (auto& r : tx.query("SELECT e.id, e.kind, e.description, e.text, e.added_by_person, e.added_at, e.withdrawn_at, e.withdrawal_reason, f.id, f.name, "
                            "f.content_type, f.size, f.sha256 FROM case_evidence e LEFT JOIN discipline_files f ON f.institution_id = e.institution_id AND f.id = e.file_id "
                            "WHERE e.institution_id = ? AND e.case_id = ? ORDER BY e.added_at, e.id",
             { inst, c.id })) {
        object e { { "id", r.i64(0) }, { "kind", r.str(1) }, { "description", r.str(2) }, { "text", r.str(3) }, { "added_by", name_of(tx, inst, r.is_null(4) ? std::nullopt : std::optional(r.i64(4))) },
            { "added_at", almaty::iso_datetime(r.i64(5)) }, { "withdrawn_at", r.is_null(6) ? value() : value(almaty::iso_datetime(r.i64(6))) },
            { "withdrawal_reason", opt_text(r, 7) } };
        if (!r.is_null(8))
            e["file"] = object { { "id", r.i64(8) }, { "name", r.str(9) }, { "content_type", r.str(10) }, { "size", r.i64(11) }, { "sha256", r.str(12) } };
        evidence.push_back(std::move(e));
    }
    out["evidence"] = std::move(evidence);
    if (auto a = tx.query_one("SELECT drawn_at, note, signers FROM case_refusal_acts WHERE institution_id = ? AND case_id = ?", { inst, c.id })) {
        array signers;
        auto ids = boost::json::parse(a->str(2));
        for (auto& s : ids.as_array())
            signers.push_back(object { { "person_id", s.as_int64() }, { "name", name_of(tx, inst, s.as_int64()) } });
        out["refusal_act"] = object { { "drawn_at", almaty::iso_datetime(a->i64(0)) }, { "note", a->str(1) }, { "signers", signers } };
    } else
        out["refusal_act"] = nullptr;
    if (auto d = tx.query_one("SELECT agenda_item_id, decided_on, measures, penalty, reasons, tiers FROM case_decisions WHERE institution_id = ? AND case_id = ?", { inst, c.id }))
        out["decision"] = object { { "agenda_item_id", d->i64(0) }, { "decided_on", d->str(1) }, { "measures", boost::json::parse(d->str(2)) },
            { "penalty", opt_text(*d, 3) }, { "reasons", d->str(4) }, { "tiers", boost::json::parse(d->str(5)) } };
    else
        out["decision"] = nullptr;
    array orders;
    for (auto& r : tx.query("SELECT id, kind, seq, academic_year, issued_on, delivered_on, delivery_method FROM discipline_orders WHERE institution_id = ? AND case_id = ? ORDER BY id",
             { inst, c.id }))
        orders.push_back(object { { "id", r.i64(0) }, { "kind", r.str(1) }, { "number", std::to_string(r.i64(2)) + "/" + r.str(3) }, { "issued_on", r.str(4) },
            { "delivered_on", opt_text(r, 5) }, { "delivery_method", opt_text(r, 6) } });
    out["orders"] = std::move(orders);
    if (auto l = tx.query_one("SELECT reported_on, agencies, reported_by_person, note FROM law_reports WHERE institution_id = ? AND case_id = ?", { inst, c.id }))
        out["law_report"] = object { { "reported_on", l->str(0) }, { "agencies", boost::json::parse(l->str(1)) },
            { "reported_by", name_of(tx, inst, l->is_null(2) ? std::nullopt : std::optional(l->i64(2))) }, { "note", l->str(3) } };
    else
        out["law_report"] = nullptr;
    return out;
}

}

namespace kenes::discipline::store {

namespace {
constexpr int64_t explanation_due_millis = 24 * 3600'000;   // DISC-CASE-2: within one day
}

Result<int64_t> open_case(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, const NewCase& n)
{
    if (!people::is_student(tx, inst, n.student_id))
        return Error::field("student_id", "not_found");
    if (!is_disciplinary_committee(tx, inst, n.committee_body_id))
        return Error::rule_refusal("DISC-CMT-1", "rule.discipline.not_committee", {}, "committee_body_id");
    for (auto p : n.interested_person_ids)
        if (!people::exists(tx, inst, p))
            return Error::field("interested_person_ids", "not_found");
    if (n.victim_person_id && !people::exists(tx, inst, *n.victim_person_id))
        return Error::field("victim_person_id", "not_found");
    if (n.victim_person_id && *n.victim_person_id == n.student_id)
        return Error::field("victim_person_id", "invalid");
    // DISC-CASE-1: no anonymous basis; the student's own application names the student.
    std::string reporter = n.reporter_name;
    auto reporter_person = n.basis == "own_application" ? std::optional(n.student_id) : n.reporter_person_id;
    if (reporter_person) {
        auto r = tx.query_one("SELECT surname, name, patronymic FROM persons WHERE institution_id = ? AND id = ?", { inst, *reporter_person });
        if (!r)
            return Error::field("reporter_person_id", "not_found");
        if (reporter.empty())
            reporter = people::full_name(*r, 0);
    }
    if (reporter.empty())
        return Error::field("reporter_name", "required");
    for (auto i : n.incident_ids)
        if (!tx.query_one("SELECT 1 FROM incident_students WHERE institution_id = ? AND incident_id = ? AND person_id = ? AND reversed = 0", { inst, i, n.student_id }))
            return Error::field("incident_ids", "not_found");
    auto now = clock.now();
    auto today = almaty::local_date(now);
    auto year = academic_year_of(today);
    int64_t number = tx.query_one("SELECT coalesce(max(number), 0) + 1 FROM discipline_cases WHERE institution_id = ? AND academic_year = ?", { inst, year })->i64(0);
    // DISC-CASE-2: one legal representative is notified (the first on record).
    auto rep = tx.query_one("SELECT representative_id FROM representatives WHERE institution_id = ? AND student_id = ? ORDER BY representative_id LIMIT 1",
        { inst, n.student_id });
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO discipline_cases (institution_id, id, academic_year, number, student_id, committee_body_id, basis, reporter_person_id, reporter_name, "
            "summary, opened_on, opened_at, opened_by, status, representative_id, explanation_due_at, criminal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)",
        { inst, id, year, number, n.student_id, n.committee_body_id, n.basis, reporter_person ? db::Value(*reporter_person) : db::Value(), reporter, n.summary,
            today.iso(), now, actor.user_id ? db::Value(*actor.user_id) : db::Value(), rep ? db::Value(rep->i64(0)) : db::Value(), now + explanation_due_millis,
            int64_t(n.criminal) });
    for (auto i : n.incident_ids)
        tx.exec("INSERT INTO case_incidents (institution_id, case_id, incident_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", { inst, id, i });
    if (n.victim_person_id)
        tx.exec("INSERT INTO case_interested (institution_id, case_id, person_id, role) VALUES (?, ?, ?, 'victim')", { inst, id, *n.victim_person_id });
    for (auto p : n.interested_person_ids)
        tx.exec("INSERT INTO case_interested (institution_id, case_id, person_id, role) VALUES (?, ?, ?, 'interested') ON CONFLICT DO NOTHING", { inst, id, p });
    audit::record(tx, clock,
        { inst, actor, "discipline_case.open", "discipline_case", id, nullptr,
            object { { "student_id", n.student_id }, { "committee_body_id", n.committee_body_id }, { "basis", n.basis }, { "reporter", reporter }, { "number", number } } });
    notices::case_opened(tx, clock, inst, id);
    return id;
}

}
