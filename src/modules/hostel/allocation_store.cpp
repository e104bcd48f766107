#include "modules/hostel/allocation_store.hpp"
#include "modules/hostel/allocation_notices.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "security/audit.hpp"
#include <algorithm>

namespace kenes::hostel::store {

using boost::json::array;
using boost::json::object;

namespace {

constexpr const char* campaign_cols = "id, academic_year, commission_body_id, grant_places, paid_places, price_tenge, deadline, extended_until, extension_reason, "
                                      "extension_item_id, offer_hours";

Campaign campaign_of(const db::Row& r)
{
    Campaign c;
    c.id = r.i64(0);
    c.academic_year = r.str(1);
    c.commission_body_id = r.i64(2);
    c.grant_places = r.i64(3);
    c.paid_places = r.i64(4);
    c.price_tenge = r.i64(5);
    c.deadline = r.str(6);
    c.extended_until = r.opt_str(7);
    c.extension_reason = r.opt_str(8);
    c.extension_item_id = r.opt_i64(9);
    c.offer_hours = r.i64(10);
    return c;
}

constexpr const char* app_cols = "id, campaign_id, number, student_id, grade, gender, applicant_id, channel, priority_group, subgroups, home_locality, wants_paid, "
                                 "form, consent_inspection, undertaking_to_vacate, registered_at, status, status_reason";

Application application_of(const db::Row& r)
{
    Application a;
    a.id = r.i64(0);
    a.campaign_id = r.i64(1);
    a.number = r.i64(2);
    a.student_id = r.i64(3);
    a.grade = r.i64(4);
    a.gender = r.str(5);
    a.applicant_id = r.opt_i64(6);
    a.channel = r.str(7);
    a.priority_group = r.i64(8);
    a.subgroups = r.str(9);
    a.home_locality = r.str(10);
    a.wants_paid = r.flag(11);
    a.form = r.str(12);
    a.consent_inspection = r.flag(13);
    a.undertaking_to_vacate = r.flag(14);
    a.registered_at = r.i64(15);
    a.status = r.str(16);
    a.status_reason = r.str(17);
    return a;
}

array subgroup_array(const std::string& list)
{
    array out;
    for (auto s : rules::parse_subgroups(list))
        out.push_back(boost::json::value(std::string(rules::subgroup_code(s))));
    return out;
}

}

rules::Applicant Application::applicant() const
{
    return { id, int(priority_group), rules::parse_subgroups(subgroups), int(grade), registered_at, wants_paid };
}

std::optional<Campaign> load_campaign(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one(std::string("SELECT ") + campaign_cols + " FROM hostel_campaigns WHERE institution_id = ? AND id = ?", { inst, id });
    if (!r)
        return std::nullopt;
    return campaign_of(*r);
}

object campaign_json(db::Tx& tx, int64_t inst, const Campaign& c, const std::string& today)
{
    auto body = tx.query_one("SELECT name, name_key FROM bodies WHERE institution_id = ? AND id = ?", { inst, c.commission_body_id });
    object counts;
    for (auto& r : tx.query("SELECT status, count(*) FROM hostel_applications WHERE institution_id = ? AND campaign_id = ? GROUP BY status ORDER BY status", { inst, c.id }))
        counts[r.str(0)] = r.i64(1);
    auto decision = tx.query_one("SELECT id, agenda_item_id, decided_at, order_number FROM hostel_decisions WHERE institution_id = ? AND campaign_id = ? AND kind = 'allocation' "
                                 "ORDER BY created_at DESC, id DESC LIMIT 1",
        { inst, c.id });
    object d;
    if (decision)
        d = { { "id", decision->i64(0) }, { "agenda_item_id", modules::json_or_null(decision->opt_i64(1)) }, { "decided", !decision->is_null(2) },
            { "order_number", modules::json_or_null(decision->opt_str(3)) } };
    return object {
        { "id", c.id },
        { "academic_year", c.academic_year },
        { "commission_body_id", c.commission_body_id },
        { "commission_name", body ? body->str(0) : "" },
        { "grant_places", c.grant_places },
        { "paid_places", c.paid_places },
        { "price_tenge", c.price_tenge },
        { "deadline", c.deadline },
        { "extended_until", modules::json_or_null(c.extended_until) },
        { "extension_reason", modules::json_or_null(c.extension_reason) },
        { "extension_item_id", modules::json_or_null(c.extension_item_id) },
        { "last_day", c.last_day() },
        { "accepting", c.accepting(today) },
        { "offer_hours", c.offer_hours },
        { "counts", counts },
        { "decision", decision ? boost::json::value(d) : boost::json::value(nullptr) },
    };
}

std::optional<Application> load_application(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one(std::string("SELECT ") + app_cols + " FROM hostel_applications WHERE institution_id = ? AND id = ?", { inst, id });
    if (!r)
        return std::nullopt;
    return application_of(*r);
}

std::vector<Application> applications_of(db::Tx& tx, int64_t inst, int64_t campaign_id, const std::vector<std::string>& statuses)
{
    std::vector<Application> out;
    for (auto& r : tx.query(std::string("SELECT ") + app_cols + " FROM hostel_applications WHERE institution_id = ? AND campaign_id = ? ORDER BY number", { inst, campaign_id })) {
        auto a = application_of(r);
        if (statuses.empty() || std::find(statuses.begin(), statuses.end(), a.status) != statuses.end())
            out.push_back(std::move(a));
    }
    return out;
}

std::vector<std::string> document_kinds_of(db::Tx& tx, int64_t inst, int64_t application_id)
{
    std::vector<std::string> out;
    for (auto& r : tx.query("SELECT DISTINCT kind FROM hostel_documents WHERE institution_id = ? AND application_id = ? ORDER BY kind", { inst, application_id }))
        out.push_back(r.str(0));
    return out;
}

array checklist_json(const Application& a, const std::vector<std::string>& uploaded)
{
    array out;
    auto list = rules::checklist(int(a.priority_group), rules::parse_subgroups(a.subgroups));
    auto missing = rules::missing(list, uploaded);
    for (auto& item : list) {
        array kinds;
        for (auto& k : item.kinds)
            kinds.push_back(boost::json::value(k));
        out.push_back(object { { "item", item.item }, { "kinds", kinds }, { "done", std::find(missing.begin(), missing.end(), item.item) == missing.end() } });
    }
    return out;
}

object standing_json(const rules::Standing& s, size_t of)
{
    return object { { "position", s.position }, { "of", int64_t(of) }, { "group", s.group },
        { "subgroup", s.group > 1 ? boost::json::value(std::string(rules::subgroup_code(s.subgroup))) : boost::json::value(nullptr) },
        { "grade7_first", s.grade7_first }, { "registered_at", almaty::iso_datetime(s.registered_at) } };
}

boost::json::value explanation(db::Tx& tx, int64_t inst, const Application& a)
{
    // After the adopted decision its line says it; before, the ranking of those registered now.
    auto line = tx.query_one("SELECT l.rank, l.outcome, l.deviation_reason, (SELECT count(*) FROM hostel_decision_lines x WHERE x.institution_id = l.institution_id AND x.decision_id = l.decision_id) "
                             "FROM hostel_decision_lines l JOIN hostel_decisions d ON d.institution_id = l.institution_id AND d.id = l.decision_id "
                             "WHERE l.institution_id = ? AND l.application_id = ? AND d.kind = 'allocation' AND d.decided_at IS NOT NULL ORDER BY d.decided_at DESC LIMIT 1",
        { inst, a.id });
    auto self = a.applicant();
    rules::Standing s;
    s.id = a.id;
    s.group = int(a.priority_group);
    s.subgroup = s.group > 1 ? rules::effective_subgroup(self) : rules::Subgroup::Other;
    s.grade7_first = s.group > 1 && s.subgroup == rules::Subgroup::Other && a.grade == 7;
    s.registered_at = a.registered_at;
    if (line) {
        s.position = int(line->i64(0));
        auto out = standing_json(s, size_t(line->i64(3)));
        out["outcome"] = line->str(1);
        out["deviation_reason"] = line->str(2);
        out["decided"] = true;
        return out;
    }
    if (a.status != "registered")
        return nullptr;
    // Groups rank whole (HST-PRI-1): those of earlier groups come first; only the applicant's own
    // group is ranked here, so a read stays cheap while thousands apply.
    int64_t of = tx.query_one("SELECT count(*) FROM hostel_applications WHERE institution_id = ? AND campaign_id = ? AND status = 'registered'", { inst, a.campaign_id })->i64(0);
    int64_t before = tx.query_one("SELECT count(*) FROM hostel_applications WHERE institution_id = ? AND campaign_id = ? AND status = 'registered' AND priority_group < ?",
                         { inst, a.campaign_id, a.priority_group })
                         ->i64(0);
    std::vector<rules::Applicant> group;
    for (auto& r : tx.query("SELECT id, subgroups, grade, registered_at FROM hostel_applications WHERE institution_id = ? AND campaign_id = ? AND status = 'registered' "
                            "AND priority_group = ?",
             { inst, a.campaign_id, a.priority_group }))
        group.push_back({ r.i64(0), int(a.priority_group), rules::parse_subgroups(r.str(1)), int(r.i64(2)), r.i64(3), false });
    for (auto r : rules::rank(group))
        if (r.id == a.id) {
            r.position += int(before);
            auto out = standing_json(r, size_t(of));
            out["decided"] = false;
            return out;
        }
    return nullptr;
}

object journal_line(db::Tx& tx, int64_t inst, const Application& a)
{
    return object {
        { "id", a.id },
        { "number", a.number },
        { "registered_at", almaty::iso_datetime(a.registered_at) },
        { "student_id", a.student_id },
        { "student_name", people::name_of(tx, inst, a.student_id) },
        { "applicant_id", modules::json_or_null(a.applicant_id) },
        { "applicant_name", a.applicant_id ? people::name_of(tx, inst, *a.applicant_id) : "" },
        { "channel", a.channel },
        { "grade", a.grade },
        { "gender", a.gender },
        { "priority_group", a.priority_group },
        { "subgroups", subgroup_array(a.subgroups) },
        { "wants_paid", a.wants_paid },
        { "home_locality", a.home_locality },
        { "form", a.form },
        { "status", a.status },
        { "status_reason", a.status_reason },
    };
}

std::optional<object> open_offer_json(db::Tx& tx, int64_t inst, int64_t application_id)
{
    auto o = tx.query_one("SELECT id, offered_at, expires_at, state, place_id FROM hostel_offers WHERE institution_id = ? AND application_id = ? ORDER BY offered_at DESC, id DESC LIMIT 1",
        { inst, application_id });
    if (!o)
        return std::nullopt;
    object out { { "id", o->i64(0) }, { "offered_at", almaty::iso_datetime(o->i64(1)) }, { "expires_at", almaty::iso_datetime(o->i64(2)) }, { "state", o->str(3) } };
    if (auto p = o->opt_i64(4)) {
        auto place = tx.query_one("SELECT p.label, r.number, h.name FROM hostel_places p JOIN hostel_rooms r ON r.institution_id = p.institution_id AND r.id = p.room_id "
                                  "JOIN hostels h ON h.institution_id = r.institution_id AND h.id = r.hostel_id WHERE p.institution_id = ? AND p.id = ?",
            { inst, *p });
        if (place)
            out["place"] = object { { "id", *p }, { "label", place->str(0) }, { "room", place->str(1) }, { "hostel", place->str(2) } };
    }
    return out;
}

object application_json(db::Tx& tx, int64_t inst, const Application& a)
{
    auto out = journal_line(tx, inst, a);
    auto campaign = load_campaign(tx, inst, a.campaign_id);
    out["campaign_id"] = a.campaign_id;
    out["academic_year"] = campaign ? campaign->academic_year : "";
    out["consent_inspection"] = a.consent_inspection;
    out["undertaking_to_vacate"] = a.undertaking_to_vacate;
    auto uploaded = document_kinds_of(tx, inst, a.id);
    out["checklist"] = checklist_json(a, uploaded);
    array missing;
    for (auto& m : rules::missing(rules::checklist(int(a.priority_group), rules::parse_subgroups(a.subgroups)), uploaded))
        missing.push_back(boost::json::value(m));
    out["missing"] = missing;
    array docs;
    for (auto& d : tx.query("SELECT id, kind, file_name, file_type, file_size, file_sha256, uploaded_at FROM hostel_documents WHERE institution_id = ? AND application_id = ? "
                            "ORDER BY uploaded_at, id",
             { inst, a.id }))
        docs.push_back(object { { "id", d.i64(0) }, { "kind", d.str(1) }, { "file_name", d.str(2) }, { "file_type", d.str(3) }, { "file_size", d.i64(4) },
            { "sha256", d.str(5) }, { "uploaded_at", almaty::iso_datetime(d.i64(6)) } });
    out["documents"] = docs;
    out["standing"] = explanation(tx, inst, a);
    auto offer = open_offer_json(tx, inst, a.id);
    out["offer"] = offer ? boost::json::value(*offer) : boost::json::value(nullptr);
    out["inspected"] = tx.query_one("SELECT 1 FROM hostel_inspections WHERE institution_id = ? AND application_id = ?", { inst, a.id }).has_value();
    return out;
}

std::vector<int64_t> representatives_of(db::Tx& tx, int64_t inst, int64_t student_id)
{
    std::vector<int64_t> out;
    for (auto& r : tx.query("SELECT representative_id FROM representatives WHERE institution_id = ? AND student_id = ? ORDER BY representative_id", { inst, student_id }))
        out.push_back(r.i64(0));
    return out;
}

std::optional<int64_t> offer_next(db::Tx& tx, const http::Context& ctx, int64_t campaign_id, int64_t place_id, const std::string& gender)
{
    int64_t inst = ctx.institution_id();
    auto c = load_campaign(tx, inst, campaign_id);
    if (!c)
        return std::nullopt;
    // HST-RES-1: the reserve list in the order of the adopted decision.
    auto next = tx.query_one("SELECT a.id FROM hostel_applications a JOIN hostel_decision_lines l ON l.institution_id = a.institution_id AND l.application_id = a.id "
                             "JOIN hostel_decisions d ON d.institution_id = l.institution_id AND d.id = l.decision_id AND d.kind = 'allocation' AND d.decided_at IS NOT NULL "
                             "WHERE a.institution_id = ? AND a.campaign_id = ? AND a.status = 'reserve' AND a.gender = ? ORDER BY l.rank, a.id LIMIT 1",
        { inst, campaign_id, gender });
    if (!next)
        return std::nullopt;
    int64_t app = next->i64(0);
    int64_t id = tx.next_id();
    auto now = ctx.clock().now();
    int64_t expires = now + c->offer_hours * 3600 * 1000;
    tx.exec("INSERT INTO hostel_offers (institution_id, id, application_id, basis, place_id, offered_at, expires_at, state) VALUES (?, ?, ?, 'place_freed', ?, ?, ?, 'open')",
        { inst, id, app, place_id, now, expires });
    tx.exec("UPDATE hostel_applications SET status = 'offered' WHERE institution_id = ? AND id = ?", { inst, app });
    audit::record(tx, ctx.clock(), { inst, ctx.user().actor(), "hostel_offer.create", "hostel_offer", id, nullptr,
        object { { "application_id", app }, { "place_id", place_id }, { "expires_at", almaty::iso_datetime(expires) } } });
    notices::offered(tx, ctx.clock(), inst, app, id, expires);
    return id;
}

void sweep_offers(db::Tx& tx, const http::Context& ctx)
{
    int64_t inst = ctx.institution_id();
    auto now = ctx.clock().now();
    auto due = tx.query("SELECT o.id, o.application_id, o.place_id, a.campaign_id, a.gender FROM hostel_offers o JOIN hostel_applications a ON a.institution_id = o.institution_id "
                        "AND a.id = o.application_id WHERE o.institution_id = ? AND o.state = 'open' AND o.expires_at <= ? ORDER BY o.expires_at, o.id",
        { inst, now });
    for (auto& o : due) {
        // Expired unanswered: the applicant leaves the reserve list, the place passes on.
        tx.exec("UPDATE hostel_offers SET state = 'expired' WHERE institution_id = ? AND id = ?", { inst, o.i64(0) });
        tx.exec("UPDATE hostel_applications SET status = 'declined', status_reason = 'offer_expired' WHERE institution_id = ? AND id = ?", { inst, o.i64(1) });
        audit::record(tx, ctx.clock(), { inst, { std::nullopt, "system" }, "hostel_offer.expire", "hostel_offer", o.i64(0), nullptr, object { { "application_id", o.i64(1) } } });
        if (auto place = o.opt_i64(2))
            offer_next(tx, ctx, o.i64(3), *place, o.str(4));
    }
}

}
