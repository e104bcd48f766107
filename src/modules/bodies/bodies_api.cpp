// Bodies, their rules and their members.
#include "core/json_fields.hpp"
#include "modules/bodies/policy.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/bodies/notices.hpp"
#include "modules/bodies/templates.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace kenes::bodies {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

constexpr const char* read_perm = "bodies.read";
constexpr const char* manage_perm = "bodies.manage";

struct Member {
    int64_t id, person_id;
    std::string position, full_name, starts_on, ends_on;
    bool voting;
    bool ex_officio;
    std::optional<int64_t> decision_item;   // ORG-6
};

// Members on a date: started on or before it and not ended before it.
std::vector<Member> members_on(db::Tx& tx, int64_t inst, int64_t body_id, const std::string& date)
{
    std::vector<Member> out;
    for (auto& r : tx.query("SELECT m.id, m.person_id, m.position, m.voting, m.starts_on, m.ends_on, p.surname, p.name, p.patronymic, p.sort_kk, m.ex_officio, m.decision_item_id "
                            "FROM memberships m JOIN persons p ON p.institution_id = m.institution_id AND p.id = m.person_id "
                            "WHERE m.institution_id = ? AND m.body_id = ? AND m.starts_on <= ? AND (m.ends_on IS NULL OR m.ends_on >= ?) "
                            "ORDER BY m.id",
             { inst, body_id, date, date }))
        out.push_back({ r.i64(0), r.i64(1), r.str(2), people::full_name(r, 6), r.str(4), r.str(5), r.flag(3), r.flag(10), r.opt_i64(11) });
    return out;
}

int64_t voting_count(const std::vector<Member>& members)
{
    return std::count_if(members.begin(), members.end(), [](auto& m) { return m.voting; });
}

object member_json(const Member& m)
{
    return { { "id", m.id }, { "person_id", m.person_id }, { "full_name", m.full_name }, { "position", m.position }, { "voting", m.voting },
        { "starts_on", m.starts_on }, { "ends_on", m.ends_on.empty() ? boost::json::value(nullptr) : boost::json::value(m.ends_on) },
        { "ex_officio", m.ex_officio }, { "decision_item_id", json_or_null(m.decision_item) } };
}

std::optional<db::Row> body_row(db::Tx& tx, int64_t inst, int64_t id)
{
    return tx.query_one("SELECT id, parent_id, kind, template, name, confidential, name_key FROM bodies WHERE institution_id = ? AND id = ?", { inst, id });
}

// The local time "YYYY-MM-DDTHH:MM..." bodies are summarised at (sessions held before it, MTG-1).
std::string local_now(const Context& ctx) { return almaty::iso_datetime(ctx.clock().now()); }

object body_summary(db::Tx& tx, int64_t inst, const db::Row& r, const std::string& now, const Catalog& catalog, Lang lang)
{
    std::string date = now.substr(0, 10);
    int64_t id = r.i64(0);
    auto rules = rules_on(tx, inst, id, date);
    auto members = members_on(tx, inst, id, date);
    array problems;
    for (auto& p : check_composition(rules, voting_count(members)))
        problems.push_back(object { { "code", p.code }, { "rule", p.rule },
            { "message", catalog.format(lang, "rule.composition", { { "min", rules.min_voting_members }, { "count", voting_count(members) } }) } });
    // MTG-1: flag a body whose last session HELD is older than its maximum interval; a session
    // convened for next week has not been held and is shown apart as the next one.
    auto last = tx.query_one("SELECT max(held_on) FROM meetings WHERE institution_id = ? AND body_id = ? AND held_on || 'T' || starts_at <= ?",
        { inst, id, now.substr(0, 16) });
    std::optional<std::string> last_session = last && !last->is_null(0) ? last->opt_str(0) : std::nullopt;
    auto next = tx.query_one("SELECT id, held_on, starts_at FROM meetings WHERE institution_id = ? AND body_id = ? AND status = 'open' "
                             "AND held_on || 'T' || starts_at > ? ORDER BY held_on, starts_at, id LIMIT 1",
        { inst, id, now.substr(0, 16) });
    boost::json::value next_session = next ? boost::json::value(object { { "id", next->i64(0) }, { "held_on", next->str(1) }, { "starts_at", next->str(2) } })
                                           : boost::json::value(nullptr);
    auto created = tx.query_one("SELECT created_at FROM bodies WHERE institution_id = ? AND id = ?", { inst, id });
    bool is_overdue = overdue(rules, last_session, almaty::local_date(created->i64(0)).iso(), date);
    return { { "id", id }, { "parent_id", json_or_null(r.opt_i64(1)) }, { "kind", r.str(2) }, { "template", r.str(3) },
        { "name", display_name(catalog, lang, r.str(4), r.opt_str(6)) }, { "name_from_template", !r.is_null(6) }, { "member_count", int64_t(members.size()) }, { "voting_members", voting_count(members) }, { "composition_problems", problems },
        { "last_session", json_or_null(last_session) }, { "next_session", next_session }, { "overdue", is_overdue }, { "confidential", r.flag(5) } };
}

Result<Response> list_bodies(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& r : tx.query("SELECT id, parent_id, kind, template, name, confidential, name_key FROM bodies WHERE institution_id = ? ORDER BY id LIMIT ?",
                 { ctx.institution_id(), modules::short_list_cap }))
            items.push_back(body_summary(tx, ctx.institution_id(), r, local_now(ctx), ctx.services.catalog, ctx.lang));
        return Response::ok(object { { "items", modules::in_alphabetical_order(std::move(items), ctx.lang) } });
    });
}

Result<Response> list_templates(Context& ctx)
{
    array items;
    for (auto& t : templates()) {
        array positions, non_voting, children, staff_allowed;
        for (auto& p : t.positions)
            positions.emplace_back(p);
        for (auto& p : t.non_voting)
            non_voting.emplace_back(p);
        for (auto& p : t.staff_allowed)
            staff_allowed.emplace_back(p);
        for (auto& c : t.children)
            children.push_back(object { { "template", c.template_id }, { "name", ctx.services.catalog.format(ctx.lang, c.name_key) } });
        items.push_back(object { { "id", t.id }, { "kind", t.kind }, { "name", ctx.services.catalog.format(ctx.lang, "body.template." + t.id) },
            { "positions", positions }, { "non_voting", non_voting }, { "staff_allowed", staff_allowed }, { "children", children }, { "rules", rules_json(t.rules) } });
    }
    return Response::ok(object { { "items", items } });
}


Result<Response> create_body_route(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto template_id = in.text("template", Presence::Required, 64);
    auto name = in.text("name", Presence::Optional, 200);
    auto parent = in.integer("parent_id", Presence::Optional, 1, INT64_MAX);
    const Template* t = template_id ? find_template(*template_id) : nullptr;
    if (template_id && !t)
        in.add_error("template", "invalid");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto id = TRY(ctx.db().write([&](db::Tx& tx) -> Result<int64_t> {
        if (parent && !body_row(tx, inst, *parent))
            return Error::field("parent_id", "not_found");
        return bodies::create_body(tx, ctx.clock(), ctx.user().actor(), inst, ctx.services.catalog, t->id, name, parent);
    }));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        return Response::created(body_summary(tx, inst, *body_row(tx, inst, id), local_now(ctx), ctx.services.catalog, ctx.lang));
    });
}

Result<Response> get_body(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto row = body_row(tx, inst, id);
        if (!row)
            return Error::not_found();
        auto out = body_summary(tx, inst, *row, local_now(ctx), ctx.services.catalog, ctx.lang);
        out["rules"] = rules_json(rules_on(tx, inst, id, modules::today(ctx)));
        array members, children;
        for (auto& m : members_on(tx, inst, id, modules::today(ctx)))
            members.push_back(member_json(m));
        out["members"] = members;
        for (auto& c : tx.query("SELECT id, parent_id, kind, template, name, confidential, name_key FROM bodies WHERE institution_id = ? AND parent_id = ? ORDER BY id", { inst, id }))
            children.push_back(body_summary(tx, inst, c, local_now(ctx), ctx.services.catalog, ctx.lang));
        out["children"] = modules::in_alphabetical_order(std::move(children), ctx.lang);
        array versions;
        for (auto& v : tx.query("SELECT effective_from FROM body_rules WHERE institution_id = ? AND body_id = ? ORDER BY effective_from", { inst, id }))
            versions.emplace_back(v.str(0));
        out["rule_versions"] = versions;
        out["founding_act"] = detail::founding_act_json(tx, inst, id);
        return Response::ok(out);
    });
}

// Renaming replaces the template's name in every language with the typed one (GEN-1).
Result<Response> rename_body(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto name = in.text("name", Presence::Required, 200);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        auto row = body_row(tx, inst, id);
        if (!row)
            return Error::not_found();
        tx.exec("UPDATE bodies SET name = ?, name_key = NULL WHERE institution_id = ? AND id = ?", { *name, inst, id });
        modules::audit_change(ctx, tx, "body.rename", "body", id, object { { "name", row->str(4) }, { "name_key", json_or_null(row->opt_str(6)) } },
            object { { "name", *name } });
        return Ok {};
    }));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        return Response::ok(body_summary(tx, inst, *body_row(tx, inst, id), modules::today(ctx), ctx.services.catalog, ctx.lang));
    });
}

Result<Response> put_rules(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    auto effective = parse_iso_date(body.contains("effective_from") && body.at("effective_from").is_string() ? std::string(body.at("effective_from").as_string()) : "");
    auto current = ctx.db().read([&](db::Tx& tx) { return rules_on(tx, inst, id, effective ? effective->iso() : modules::today(ctx)); });
    auto rules = TRY(parse_rules(body, current));
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        if (!body_row(tx, inst, id))
            return Error::not_found();
        auto json = rules_json(rules);
        tx.exec("INSERT INTO body_rules (institution_id, body_id, effective_from, rules_json) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (institution_id, body_id, effective_from) DO UPDATE SET rules_json = excluded.rules_json",
            { inst, id, effective->iso(), boost::json::serialize(json) });
        modules::audit_change(ctx, tx, "body.rules", "body", id, rules_json(current), object { { "effective_from", effective->iso() }, { "rules", json } });
        return json;
    }));
    return Response::ok(out);
}

Result<Response> add_member(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto person = in.integer("person_id", Presence::Required, 1, INT64_MAX);
    auto position = in.text("position", Presence::Required, 64);
    auto voting = in.boolean("voting", Presence::Optional);
    auto starts = in.date("starts_on", Presence::Required);
    auto ends = in.date("ends_on", Presence::Optional);
    auto accepted = in.boolean("accepted_regulation", Presence::Required);
    auto ex_officio = in.boolean("ex_officio", Presence::Optional);
    if (position && std::find(all_positions().begin(), all_positions().end(), *position) == all_positions().end())
        in.add_error("position", "invalid");
    if (starts && ends && !(*starts <= *ends))
        in.add_error("ends_on", "invalid");
    TRY(in.finish());
    // ORG-4: membership requires the recorded acceptance of the body's regulation.
    if (!*accepted)
        return Error::rule_refusal("ORG-4", "rule.acceptance_required", {}, "accepted_regulation");
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto row = body_row(tx, ctx.institution_id(), body_id);
        if (!row)
            return Error::not_found();
        // MTG-8, HST-CNC-1: the hostel council is elected at the general meeting of the residents:
        // its members are seated by that meeting's decision on their candidacy, never directly.
        if (row->str(3) == "hostel_council")
            return Error::rule_refusal("MTG-8", "rule.hostel_council_by_meeting", {}, "person_id");
        // ORG-6: a candidate for the Council is seated by the Council's decision
        // (POST /membership-candidates/{id}/decision), not directly.
        if (seat_needs_council_decision(rules_on(tx, ctx.institution_id(), body_id, starts->iso()), *position, ex_officio.value_or(false)))
            return Error::rule_refusal("ORG-6", "rule.candidates_by_council", {}, "ex_officio");
        return detail::seat_member(tx, ctx, { body_id, *person, *position, voting, *starts, ends, ex_officio.value_or(false), std::nullopt });
    }));
    return Response::created(out);
}

Result<Response> end_member(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    int64_t membership = TRY(ctx.id_param("membership_id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto reason = in.one_of("reason", Presence::Required, { "resigned", "term_end", "removed" });
    auto on = in.date("on", Presence::Optional);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    std::string end = on ? on->iso() : modules::today(ctx);
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        auto m = tx.query_one("SELECT person_id, ends_on, starts_on, ended_reason FROM memberships WHERE institution_id = ? AND body_id = ? AND id = ?",
            { inst, body_id, membership });
        if (!m)
            return Error::not_found();
        if (!m->is_null(3))
            return Error { ErrorCode::Conflict, "rule.membership_ended" };
        if (end < m->str(2))
            return Error::field("on", "invalid");
        // ORG-5: a member may resign of their own free will at any time.
        tx.exec("UPDATE memberships SET ends_on = ?, ended_reason = ? WHERE institution_id = ? AND id = ?", { end, *reason, inst, membership });
        modules::audit_change(ctx, tx, "membership.end", "membership", membership, object { { "ends_on", json_or_null(m->opt_str(1)) } },
            object { { "ends_on", end }, { "reason", *reason } });
        notices::membership_ended(tx, ctx.clock(), inst, membership);
        return Ok {};
    }));
    return Response::no_content();
}

}

Result<object> detail::seat_member(db::Tx& tx, const Context& ctx, const Seat& s)
{
    int64_t inst = ctx.institution_id();
    auto row = body_row(tx, inst, s.body_id);
    if (!row)
        return Error::not_found();
    if (!people::exists(tx, inst, s.person_id))
        return Error::field("person_id", "not_found");
    auto* t = find_template(row->str(3));
    // ORG-3: a staff member holds only a position open to staff (no teacher as a student delegate).
    Holder holder { people::is_student(tx, inst, s.person_id),
        tx.query_one("SELECT 1 FROM staff WHERE institution_id = ? AND person_id = ?", { inst, s.person_id }).has_value() };
    if (t && !may_hold(*t, s.position, holder))
        return Error::rule_refusal("ORG-3", "rule.position_for_students", {}, "person_id");
    bool non_voting_position = t && std::find(t->non_voting.begin(), t->non_voting.end(), s.position) != t->non_voting.end();
    // ORG-9: the commission's secretary is not a member and has no vote.
    if (non_voting_position && s.voting.value_or(false))
        return Error::rule_refusal("ORG-9", "rule.secretary_no_vote", {}, "voting");
    bool is_voting = s.voting.value_or(!non_voting_position);
    auto rules = rules_on(tx, inst, s.body_id, s.starts.iso());
    // ORG-7 / ORG-8: earlier terms of this person in this position of this body.
    std::vector<PastTerm> past;
    for (auto& r : tx.query("SELECT starts_on, ends_on FROM memberships WHERE institution_id = ? AND body_id = ? AND person_id = ? AND position = ? "
                            "AND starts_on < ? ORDER BY starts_on",
             { inst, s.body_id, s.person_id, s.position, s.starts.iso() }))
        past.push_back({ r.str(0), r.str(1) });
    if (auto refused = term_refusal(rules, past, s.starts.iso()))
        return Error::rule_refusal(*refused, *refused == "ORG-7" ? "rule.term_limit" : "rule.no_reappointment", {}, "person_id");
    std::string end = s.ends ? s.ends->iso() : "";
    if (!s.ends && rules.term_months) {
        // The term ends after term_months (ORG-7: one academic year; ORG-8: two years).
        int months = int(s.starts.month) - 1 + int(*rules.term_months);
        CivilDate e { s.starts.year + months / 12, unsigned(months % 12 + 1), s.starts.day };
        while (!parse_iso_date(e.iso()))
            --e.day;
        end = e.iso();
    }
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO memberships (institution_id, id, body_id, person_id, position, voting, starts_on, ends_on, accepted_at, ex_officio, decision_item_id, "
            "founding_act_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { inst, id, s.body_id, s.person_id, s.position, int64_t(is_voting), s.starts.iso(), end.empty() ? db::Value(db::Null {}) : db::Value(end),
            ctx.clock().now(), int64_t(s.ex_officio), db::nullable(s.decision_item), db::nullable(s.founding_act) });
    object after { { "body_id", s.body_id }, { "person_id", s.person_id }, { "position", s.position }, { "voting", is_voting }, { "starts_on", s.starts.iso() },
        { "ends_on", end.empty() ? boost::json::value(nullptr) : boost::json::value(end) }, { "accepted_regulation", true }, { "ex_officio", s.ex_officio },
        { "decision_item_id", json_or_null(s.decision_item) }, { "founding_act_id", json_or_null(s.founding_act) } };
    modules::audit_change(ctx, tx, "membership.create", "membership", id, nullptr, after);
    notices::membership_added(tx, ctx.clock(), inst, id);
    after["id"] = id;
    return after;
}

std::string display_name(const Catalog& catalog, Lang lang, const std::string& name, const std::optional<std::string>& name_key)
{
    return name_key ? catalog.format(lang, *name_key) : name;
}

namespace {

int64_t insert_body(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, const Catalog& catalog, const Template& t,
    const std::optional<std::string>& name, const std::string& default_key, std::optional<int64_t> parent)
{
    // Names are entered once (GEN-1). Without a typed name the body keeps the template's key and
    // reads in each user's language; the Kazakh name is stored too, for search and exports.
    std::optional<std::string> name_key = name ? std::nullopt : std::optional(default_key);
    std::string body_name = name.value_or(catalog.format(Lang::Kk, default_key));
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO bodies (institution_id, id, parent_id, kind, template, name, created_at, confidential, name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { inst, id, db::nullable(parent), t.kind, t.id, body_name, clock.now(), int64_t(t.confidential), db::nullable(name_key) });
    tx.exec("INSERT INTO body_rules (institution_id, body_id, effective_from, rules_json) VALUES (?, ?, ?, ?)",
        { inst, id, "2000-01-01", boost::json::serialize(rules_json(t.rules)) });
    audit::record(tx, clock, { inst, actor, "body.create", "body", id, nullptr,
        object { { "name", body_name }, { "name_key", json_or_null(name_key) }, { "template", t.id }, { "parent_id", json_or_null(parent) }, { "confidential", t.confidential } } });
    for (auto& c : t.children)
        insert_body(tx, clock, actor, inst, catalog, *find_template(c.template_id), std::nullopt, c.name_key, id);
    return id;
}

}

int64_t create_body(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, const Catalog& catalog, const std::string& template_id,
    const std::optional<std::string>& name, std::optional<int64_t> parent)
{
    const Template& t = *find_template(template_id);
    return insert_body(tx, clock, actor, inst, catalog, t, name, "body.template." + t.id, parent);
}

void detail::register_body_routes(Registry& r)
{
    r.permissions.declare(read_perm, { role::InstitutionAdmin, role::Staff, role::Curator, role::Student });
    r.permissions.declare(manage_perm, { role::InstitutionAdmin, role::Staff });
    r.router.add("GET", "/api/v1/body-templates", read_perm, authz::in_institution, Body::None, list_templates);
    r.router.add("GET", "/api/v1/bodies", read_perm, authz::in_institution, Body::None, list_bodies);
    r.router.add("POST", "/api/v1/bodies", manage_perm, authz::in_institution, Body::Json, create_body_route);
    r.router.add("GET", "/api/v1/bodies/{id}", read_perm, policy::read_body, Body::None, get_body);
    r.router.add("PATCH", "/api/v1/bodies/{id}", manage_perm, policy::manage_body, Body::Json, rename_body);
    r.router.add("PUT", "/api/v1/bodies/{id}/rules", manage_perm, policy::manage_body, Body::Json, put_rules);
    r.router.add("POST", "/api/v1/bodies/{id}/members", manage_perm, policy::manage_body, Body::Json, add_member);
    r.router.add("POST", "/api/v1/bodies/{id}/members/{membership_id}/end", manage_perm, policy::manage_body, Body::Json, end_member);
}

}
