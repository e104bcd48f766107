// Reports (PLAN-3): the semi-annual report of a body's work and the annual analysis report,
// assembled from the data of the period (events by direction with participants, sessions held and
// the issues raised, plan items done and open, clubs and sections with their activity) plus a
// narrative written by the body. Approval freezes the figures; approved reports are public (PLAN-4).
#include "core/json_fields.hpp"
#include "i18n/dates.hpp"
#include "modules/bodies/policy.hpp"
#include "modules/activities/policy.hpp"
#include "docs/pdf.hpp"
#include "docs/xlsx.hpp"
#include "modules/activities/activities.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/module_support.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>

namespace kenes::activities {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

// The figures of a body (and the bodies within it) for a period.
object figures(db::Tx& tx, int64_t inst, int64_t body_id, const std::string& from, const std::string& to)
{
    std::vector<int64_t> ids { body_id };
    for (size_t k = 0; k < ids.size(); ++k)
        for (auto& c : tx.query("SELECT id FROM bodies WHERE institution_id = ? AND parent_id = ?", { inst, ids[k] }))
            ids.push_back(c.i64(0));
    std::map<std::string, std::pair<int64_t, int64_t>> by_direction;   // events, participants
    std::map<std::string, int64_t> by_month;
    std::map<int64_t, std::pair<int64_t, int64_t>> by_body;              // events, participants
    int64_t sessions = 0, items = 0, adopted = 0;
    // PLAN-3 counts the events held: a cancelled one did not take place.
    for (auto id : ids) {
        for (auto& e : tx.query("SELECT e.direction, e.held_on, (SELECT count(*) FROM event_participants p WHERE p.institution_id = e.institution_id "
                                "AND p.event_id = e.id AND p.attended = 1) FROM events e WHERE e.institution_id = ? AND e.organiser_body_id = ? AND e.held_on BETWEEN ? AND ? "
                                "AND e.cancelled_at IS NULL",
                 { inst, id, from, to })) {
            auto& d = by_direction[e.str(0)];
            d.first++;
            d.second += e.i64(2);
            by_month[e.str(1).substr(0, 7)]++;
            by_body[id].first++;
            by_body[id].second += e.i64(2);
        }
        auto m = tx.query_one("SELECT count(*) FROM meetings WHERE institution_id = ? AND body_id = ? AND held_on BETWEEN ? AND ?", { inst, id, from, to });
        sessions += m->i64(0);
        auto it = tx.query_one("SELECT count(*), sum(CASE WHEN i.outcome = 'adopted' THEN 1 ELSE 0 END) FROM agenda_items i "
                               "JOIN meetings m ON m.institution_id = i.institution_id AND m.id = i.meeting_id "
                               "WHERE i.institution_id = ? AND m.body_id = ? AND m.held_on BETWEEN ? AND ?",
            { inst, id, from, to });
        items += it->i64(0);
        adopted += it->is_null(1) ? 0 : it->i64(1);
    }
    int64_t done = 0, open = 0, overdue = 0;
    for (auto& p : tx.query("SELECT i.status, i.due_on FROM plan_items i JOIN work_plans w ON w.institution_id = i.institution_id AND w.id = i.plan_id "
                            "WHERE i.institution_id = ? AND w.body_id = ? AND i.due_on BETWEEN ? AND ?",
             { inst, body_id, from, to })) {
        if (p.str(0) == "done")
            ++done;
        else if (p.str(0) != "cancelled") {
            ++open;
            overdue += p.str(1) < to;
        }
    }
    array directions, months, clubs;
    for (auto& [d, v] : by_direction)
        directions.push_back(object { { "direction", d }, { "events", v.first }, { "participants", v.second } });
    for (auto& [m, n] : by_month)
        months.push_back(object { { "month", m }, { "events", n } });
    for (size_t k = 1; k < ids.size(); ++k) {
        auto b = tx.query_one("SELECT name, kind, (SELECT count(*) FROM memberships ms WHERE ms.institution_id = b.institution_id AND ms.body_id = b.id "
                              "AND ms.starts_on <= ? AND (ms.ends_on IS NULL OR ms.ends_on >= ?)) FROM bodies b WHERE b.institution_id = ? AND b.id = ?",
            { to, from, inst, ids[k] });
        clubs.push_back(object { { "name", b->str(0) }, { "kind", b->str(1) }, { "members", b->i64(2) }, { "events", by_body[ids[k]].first },
            { "participants", by_body[ids[k]].second } });
    }
    return { { "events_by_direction", directions }, { "events_by_month", months }, { "sessions", sessions }, { "items_considered", items },
        { "decisions_adopted", adopted }, { "plan_items_done", done }, { "plan_items_open", open }, { "plan_items_overdue", overdue },
        { "clubs_and_sections", clubs } };
}

std::optional<object> report_json(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT r.id, r.body_id, r.kind, r.period_from, r.period_to, r.narrative, r.status, r.figures_json, b.name FROM reports r "
                          "JOIN bodies b ON b.institution_id = r.institution_id AND b.id = r.body_id WHERE r.institution_id = ? AND r.id = ?",
        { inst, id });
    if (!r)
        return std::nullopt;
    // A draft shows the figures as they are now; an approved report keeps those it was approved with.
    auto figs = r->str(6) == "approved" ? boost::json::parse(r->str(7)).as_object() : figures(tx, inst, r->i64(1), r->str(3), r->str(4));
    return object { { "id", r->i64(0) }, { "body_id", r->i64(1) }, { "body", r->str(8) }, { "kind", r->str(2) }, { "period_from", r->str(3) },
        { "period_to", r->str(4) }, { "narrative", r->str(5) }, { "status", r->str(6) }, { "figures", figs } };
}

Result<Response> create_report(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto kind = in.one_of("kind", Presence::Required, { "semi_annual", "annual" });
    auto from = in.date("period_from", Presence::Required);
    auto to = in.date("period_to", Presence::Required);
    auto narrative = in.text("narrative", Presence::Optional, 20000, Lines::Multi);
    if (from && to && !(*from <= *to))
        in.add_error("period_to", "invalid");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO reports (institution_id, id, body_id, kind, period_from, period_to, narrative, status, figures_json, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', '{}', ?)",
            { inst, id, body_id, *kind, from->iso(), to->iso(), narrative.value_or(""), ctx.clock().now() });
        modules::audit_change(ctx, tx, "report.create", "report", id, nullptr, object { { "body_id", body_id }, { "kind", *kind } });
        return *report_json(tx, inst, id);
    }));
    return Response::created(out);
}

Result<Response> list_reports(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        if (!bodies::body_exists(tx, ctx.institution_id(), body_id))
            return Error::not_found();
        array items;
        for (auto& r : tx.query("SELECT id, kind, period_from, period_to, status FROM reports WHERE institution_id = ? AND body_id = ? ORDER BY period_to DESC, id DESC",
                 { ctx.institution_id(), body_id }))
            items.push_back(object { { "id", r.i64(0) }, { "kind", r.str(1) }, { "period_from", r.str(2) }, { "period_to", r.str(3) }, { "status", r.str(4) } });
        return Response::ok(object { { "items", items } });
    });
}

Result<Response> get_report(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto r = report_json(tx, ctx.institution_id(), id);
        if (!r)
            return Error::not_found();
        return Response::ok(*r);
    });
}

// Changes a draft: its narrative, or approval (which freezes the figures).
template<class F>
Result<Response> change_report(Context& ctx, int64_t id, F&& change)
{
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto r = tx.query_one("SELECT body_id, status, period_from, period_to FROM reports WHERE institution_id = ? AND id = ?", { inst, id });
        if (!r)
            return Error::not_found();
        if (r->str(1) == "approved")
            return Error { ErrorCode::Conflict, "report.approved" };
        TRY(change(tx, *r));
        return *report_json(tx, inst, id);
    }));
    return Response::ok(out);
}

Result<Response> patch_report(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto narrative = in.text("narrative", Presence::Required, 20000, Lines::Multi);
    TRY(in.finish());
    return change_report(ctx, id, [&](db::Tx& tx, const db::Row&) -> Status {
        tx.exec("UPDATE reports SET narrative = ? WHERE institution_id = ? AND id = ?", { *narrative, ctx.institution_id(), id });
        modules::audit_change(ctx, tx, "report.update", "report", id, nullptr, object { { "narrative_chars", int64_t(narrative->size()) } });
        return Ok {};
    });
}

Result<Response> approve_report(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    TRY(in.finish());
    return change_report(ctx, id, [&](db::Tx& tx, const db::Row& r) -> Status {
        auto figs = figures(tx, ctx.institution_id(), r.i64(0), r.str(2), r.str(3));
        tx.exec("UPDATE reports SET status = 'approved', figures_json = ?, approved_at = ? WHERE institution_id = ? AND id = ?",
            { boost::json::serialize(figs), ctx.clock().now(), ctx.institution_id(), id });
        modules::audit_change(ctx, tx, "report.approve", "report", id, nullptr, figs);
        return Ok {};
    });
}

std::string n(const boost::json::value& v) { return std::to_string(v.as_int64()); }

std::string report_pdf(const Catalog& c, Lang lang, const object& r)
{
    auto& f = r.at("figures").as_object();
    auto str = [](const boost::json::value& v) { return std::string(v.as_string()); };
    docs::PdfWriter pdf;
    pdf.language(std::string(lang_code(lang)));
    pdf.number_pages();
    pdf.title(c.format(lang, "report.title", { { "kind", r.at("kind") }, { "body", r.at("body") } }));
    auto long_day = [&](const boost::json::value& v) {
        std::string iso(v.as_string());
        auto d = parse_iso_date(iso);
        return d ? i18n::long_date(lang, *d) : iso;
    };
    pdf.paragraph(c.format(lang, "report.period", { { "from", long_day(r.at("period_from")) }, { "to", long_day(r.at("period_to")) } }));
    if (r.at("status").as_string() != "approved")
        pdf.heading(c.format(lang, "report.draft"));
    pdf.heading(c.format(lang, "report.summary"));
    pdf.table({ { c.format(lang, "report.sessions"), n(f.at("sessions")) }, { c.format(lang, "report.items_considered"), n(f.at("items_considered")) },
                  { c.format(lang, "report.decisions_adopted"), n(f.at("decisions_adopted")) }, { c.format(lang, "report.plan_done"), n(f.at("plan_items_done")) },
                  { c.format(lang, "report.plan_open"), n(f.at("plan_items_open")) } },
        { 0.75, 0.25 }, false);
    std::vector<std::vector<std::string>> rows { { c.format(lang, "report.direction"), c.format(lang, "report.events"), c.format(lang, "report.participants") } };
    std::vector<std::string> labels;
    std::vector<double> participants;
    for (auto& d : f.at("events_by_direction").as_array()) {
        auto& o = d.as_object();
        std::string name = c.format(lang, "report.direction." + str(o.at("direction")));
        rows.push_back({ name, n(o.at("events")), n(o.at("participants")) });
        labels.push_back(name);
        participants.push_back(double(o.at("participants").as_int64()));
    }
    pdf.heading(c.format(lang, "report.by_direction"));
    pdf.table(rows, { 0.5, 0.25, 0.25 });
    std::vector<std::string> months;
    std::vector<double> per_month;
    for (auto& m : f.at("events_by_month").as_array()) {
        months.push_back(str(m.as_object().at("month")));
        per_month.push_back(double(m.as_object().at("events").as_int64()));
    }
    if (!months.empty())
        pdf.bar_chart(c.format(lang, "report.chart_months"), months, per_month);
    if (!labels.empty())
        pdf.bar_chart(c.format(lang, "report.chart_directions"), labels, participants);
    std::vector<std::vector<std::string>> clubs { { c.format(lang, "report.club"), c.format(lang, "report.members"), c.format(lang, "report.events"),
        c.format(lang, "report.participants") } };
    for (auto& b : f.at("clubs_and_sections").as_array()) {
        auto& o = b.as_object();
        clubs.push_back({ str(o.at("name")), n(o.at("members")), n(o.at("events")), n(o.at("participants")) });
    }
    if (clubs.size() > 1) {
        pdf.heading(c.format(lang, "report.clubs"));
        pdf.table(clubs, { 0.46, 0.18, 0.18, 0.18 });
    }
    if (!r.at("narrative").as_string().empty()) {
        pdf.heading(c.format(lang, "report.narrative"));
        pdf.paragraph(str(r.at("narrative")));
    }
    return pdf.finish();
}

std::string report_xlsx(const Catalog& c, Lang lang, const object& r)
{
    auto& f = r.at("figures").as_object();
    auto str = [](const boost::json::value& v) { return std::string(v.as_string()); };
    docs::Sheet summary { c.format(lang, "report.summary"), { { c.format(lang, "report.title", { { "kind", r.at("kind") }, { "body", r.at("body") } }), "" },
                                                             { c.format(lang, "ui.reports.period_from"), str(r.at("period_from")) },
                                                             { c.format(lang, "ui.reports.period_to"), str(r.at("period_to")) },
                                                             { c.format(lang, "report.sessions"), n(f.at("sessions")) },
                                                             { c.format(lang, "report.items_considered"), n(f.at("items_considered")) },
                                                             { c.format(lang, "report.decisions_adopted"), n(f.at("decisions_adopted")) },
                                                             { c.format(lang, "report.plan_done"), n(f.at("plan_items_done")) },
                                                             { c.format(lang, "report.plan_open"), n(f.at("plan_items_open")) } } };
    docs::Sheet directions { c.format(lang, "report.by_direction"), { { c.format(lang, "report.direction"), c.format(lang, "report.events"), c.format(lang, "report.participants") } } };
    for (auto& d : f.at("events_by_direction").as_array())
        directions.rows.push_back({ c.format(lang, "report.direction." + str(d.as_object().at("direction"))), n(d.as_object().at("events")),
            n(d.as_object().at("participants")) });
    docs::Sheet clubs { c.format(lang, "report.clubs"), { { c.format(lang, "report.club"), c.format(lang, "report.members"), c.format(lang, "report.events"),
                                                          c.format(lang, "report.participants") } } };
    for (auto& b : f.at("clubs_and_sections").as_array()) {
        auto& o = b.as_object();
        clubs.rows.push_back({ str(o.at("name")), n(o.at("members")), n(o.at("events")), n(o.at("participants")) });
    }
    return docs::xlsx({ summary, directions, clubs });
}

Result<Response> export_report(Context& ctx, bool pdf)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto r = ctx.db().read([&](db::Tx& tx) { return report_json(tx, ctx.institution_id(), id); });
    if (!r)
        return Error::not_found();
    auto resp = pdf ? Response::text(200, report_pdf(ctx.services.catalog, ctx.lang, *r), "application/pdf")
                    : Response::text(200, report_xlsx(ctx.services.catalog, ctx.lang, *r), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    resp.set_header("Content-Disposition", "attachment; filename=\"report-" + std::to_string(id) + (pdf ? ".pdf\"" : ".xlsx\""));
    return resp;
}

Result<Response> public_reports(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        if (!tx.query_one("SELECT 1 FROM institutions WHERE id = ?", { inst }))
            return Error::not_found();
        array items;
        for (auto& r : tx.query("SELECT id FROM reports WHERE institution_id = ? AND status = 'approved' ORDER BY period_to DESC, id DESC LIMIT 200", { inst }))
            items.push_back(*report_json(tx, inst, r.i64(0)));
        return Response::ok(object { { "items", items } });
    });
}

}

void detail::register_report_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/bodies/{id}/reports", "bodies.read", bodies::policy::read_body, Body::None, list_reports);
    r.router.add("POST", "/api/v1/bodies/{id}/reports", "meetings.run", bodies::policy::run_body, Body::Json, create_report);
    r.router.add("GET", "/api/v1/reports/{id}", "bodies.read", policy::read_report, Body::None, get_report);
    r.router.add("PATCH", "/api/v1/reports/{id}", "meetings.run", policy::edit_report, Body::Json, patch_report);
    r.router.add("POST", "/api/v1/reports/{id}/approve", "meetings.run", policy::edit_report, Body::Json, approve_report);
    r.router.add("GET", "/api/v1/reports/{id}/report.pdf", "bodies.read", policy::read_report, Body::None, [](Context& c) { return export_report(c, true); });
    r.router.add("GET", "/api/v1/reports/{id}/report.xlsx", "bodies.read", policy::read_report, Body::None, [](Context& c) { return export_report(c, false); });
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/reports", perm::Public, authz::anyone, Body::None, public_reports);
}

}
