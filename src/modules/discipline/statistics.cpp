// The committee's analysis of misconduct (seed 004): incidents by tier, kind, group and month,
// with cases and penalties, as JSON for the page, as XLSX, and the violations journal as PDF
// (GEN-4). Reversed records are left out; the period defaults to the current academic year.
#include "docs/pdf.hpp"
#include "docs/xlsx.hpp"
#include "i18n/dates.hpp"
#include "modules/discipline/catalogue.hpp"
#include "modules/discipline/case_store.hpp"
#include "modules/discipline/policy.hpp"
#include "modules/discipline/routes.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>
#include <map>

namespace kenes::discipline {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

struct Period {
    std::string from, to;
};

Result<Period> period_of(const Context& ctx)
{
    auto today = almaty::local_date(ctx.clock().now());
    auto year = academic_year_of(today);
    Period p { year.substr(0, 4) + "-09-01", today.iso() };
    for (auto [name, target] : { std::pair { "from", &p.from }, std::pair { "to", &p.to } })
        if (auto v = ctx.query_param(name)) {
            auto d = parse_iso_date(*v);
            if (!d)
                return Error::field(name, "invalid");
            *target = d->iso();
        }
    if (p.to < p.from)
        return Error::field("to", "invalid");
    return p;
}

// Names of kinds in the reader's language, as the catalogue holds them today (removed kinds by code).
// Kinds removed since keep the name they had.
std::map<std::string, std::string> kind_names(db::Tx& tx, const Context& ctx)
{
    std::map<std::string, std::string> out;
    for (auto& r : tx.query("SELECT code, name_kk, name_ru, name_en FROM infraction_kinds WHERE institution_id = ? AND name_kk <> '' ORDER BY effective_from",
             { ctx.institution_id() }))
        out[r.str(0)] = ctx.lang == Lang::Kk ? r.str(1) : ctx.lang == Lang::Ru ? r.str(2) : r.str(3);
    for (auto& k : catalogue_on(tx, ctx.institution_id(), modules::today(ctx)))
        out[k.code] = kind_name(ctx.services.catalog, ctx.lang, k);
    return out;
}

// "16.11.2026": the journal's narrow date column, as dates are written on paper here.
std::string short_date(const std::string& iso) { return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4); }

struct Counts {
    std::vector<std::pair<std::string, int64_t>> by_tier, by_kind, by_group, by_month;
    int64_t incidents = 0, cases_opened = 0, cases_decided = 0, penalties = 0;
};

Counts count(db::Tx& tx, const Context& ctx, const Period& p)
{
    int64_t inst = ctx.institution_id();
    Counts c;
    const std::string base = " FROM incident_students x LEFT JOIN students s ON s.institution_id = x.institution_id AND s.person_id = x.person_id "
                             "LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                             "WHERE x.institution_id = ? AND x.reversed = 0 AND x.occurred_on >= ? AND x.occurred_on <= ?";
    std::vector<db::Value> params { inst, p.from, p.to };
    for (auto& r : tx.query("SELECT x.tier, count(*)" + base + " GROUP BY x.tier", params))
        c.by_tier.emplace_back(r.str(0), r.i64(1));
    std::sort(c.by_tier.begin(), c.by_tier.end(), [](auto& a, auto& b) { return *parse_tier(a.first) < *parse_tier(b.first); });
    for (auto& r : tx.query("SELECT x.kind_code, count(*)" + base + " GROUP BY x.kind_code ORDER BY count(*) DESC, x.kind_code", params))
        c.by_kind.emplace_back(r.str(0), r.i64(1));
    for (auto& r : tx.query("SELECT coalesce(g.name, ''), count(*)" + base + " GROUP BY g.name ORDER BY count(*) DESC, g.name", params))
        c.by_group.emplace_back(r.str(0), r.i64(1));
    for (auto& r : tx.query("SELECT substr(x.occurred_on, 1, 7), count(*)" + base + " GROUP BY substr(x.occurred_on, 1, 7) ORDER BY 1", params))
        c.by_month.emplace_back(r.str(0), r.i64(1));
    for (auto& [_, n] : c.by_tier)
        c.incidents += n;
    c.cases_opened = tx.query_one("SELECT count(*) FROM discipline_cases WHERE institution_id = ? AND opened_on >= ? AND opened_on <= ?", params)->i64(0);
    c.cases_decided = tx.query_one("SELECT count(*) FROM case_decisions WHERE institution_id = ? AND decided_on >= ? AND decided_on <= ?", params)->i64(0);
    c.penalties = tx.query_one("SELECT count(*) FROM penalties WHERE institution_id = ? AND imposed_on >= ? AND imposed_on <= ?", params)->i64(0);
    return c;
}

Result<Response> statistics(Context& ctx)
{
    auto p = TRY(period_of(ctx));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto c = count(tx, ctx, p);
        auto names = kind_names(tx, ctx);
        auto list = [](const std::vector<std::pair<std::string, int64_t>>& v, const char* key, const std::function<std::string(const std::string&)>& label = nullptr) {
            array out;
            for (auto& [k, n] : v) {
                object o { { key, k }, { "count", n } };
                if (label)
                    o["name"] = label(k);
                out.push_back(std::move(o));
            }
            return out;
        };
        return Response::ok(object { { "from", p.from }, { "to", p.to }, { "incidents", c.incidents }, { "cases_opened", c.cases_opened },
            { "cases_decided", c.cases_decided }, { "penalties", c.penalties }, { "by_tier", list(c.by_tier, "tier") },
            { "by_kind", list(c.by_kind, "kind_code", [&](const std::string& k) { return names.contains(k) ? names[k] : k; }) },
            { "by_group", list(c.by_group, "group") }, { "by_month", list(c.by_month, "month") } });
    });
}

Result<Response> statistics_xlsx(Context& ctx)
{
    auto p = TRY(period_of(ctx));
    auto lang = TRY(modules::document_lang(ctx));
    auto& cat = ctx.services.catalog;
    auto bytes = ctx.db().read([&](db::Tx& tx) {
        auto c = count(tx, ctx, p);
        auto names = kind_names(tx, ctx);
        auto sheet = [&](const char* title, const char* column, const std::vector<std::pair<std::string, int64_t>>& v, const std::function<std::string(const std::string&)>& label) {
            docs::Sheet s { cat.format(lang, title), { { cat.format(lang, column), cat.format(lang, "ui.discipline.stats.count") } } };
            for (auto& [k, n] : v)
                s.rows.push_back({ label(k), std::to_string(n) });
            return s;
        };
        docs::Sheet summary { cat.format(lang, "ui.discipline.stats.summary"),
            // The period as two date cells (docs::xlsx writes ISO dates as dates).
            { { cat.format(lang, "ui.discipline.stats.period"), "" }, { cat.format(lang, "ui.reports.period_from"), p.from },
                { cat.format(lang, "ui.reports.period_to"), p.to }, { cat.format(lang, "ui.discipline.stats.incidents"), std::to_string(c.incidents) },
                { cat.format(lang, "ui.discipline.stats.cases_opened"), std::to_string(c.cases_opened) },
                { cat.format(lang, "ui.discipline.stats.cases_decided"), std::to_string(c.cases_decided) },
                { cat.format(lang, "ui.discipline.stats.penalties"), std::to_string(c.penalties) } } };
        return docs::xlsx({ summary,
            sheet("ui.discipline.stats.by_tier", "ui.discipline.stats.tier", c.by_tier, [&](const std::string& t) { return cat.format(lang, "discipline.tier." + t); }),
            sheet("ui.discipline.stats.by_kind", "ui.discipline.stats.kind", c.by_kind, [&](const std::string& k) { return names.contains(k) ? names[k] : k; }),
            sheet("ui.discipline.stats.by_group", "ui.discipline.stats.group", c.by_group, [](const std::string& g) { return g; }),
            sheet("ui.discipline.stats.by_month", "ui.discipline.stats.month", c.by_month, [](const std::string& m) { return m; }) });
    });
    auto r = Response::text(200, std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    r.set_header("Content-Disposition", "attachment; filename=\"discipline-" + p.from + "-" + p.to + "-" + std::string(lang_code(lang)) + ".xlsx\"");
    return r;
}

// The violations journal (GEN-4): every recorded incident of the period, one row per student.
Result<Response> journal_pdf(Context& ctx)
{
    auto p = TRY(period_of(ctx));
    auto lang = TRY(modules::document_lang(ctx));
    auto& cat = ctx.services.catalog;
    auto bytes = TRY(ctx.db().write([&](db::Tx& tx) -> Result<std::string> {
        modules::audit_change(ctx, tx, "discipline.journal_read", "institution", ctx.institution_id(), nullptr, object { { "from", p.from }, { "to", p.to } });
        auto names = kind_names(tx, ctx);
        auto inst = tx.query_one("SELECT name FROM institutions WHERE id = ?", { ctx.institution_id() });
        docs::PdfWriter pdf;
        pdf.language(std::string(lang_code(lang)));
        pdf.number_pages();
        pdf.small(inst ? inst->str(0) : std::string());
        pdf.title(cat.format(lang, "discipline.journal.title"));
        pdf.paragraph(cat.format(lang, "discipline.journal.period",
            { { "from", i18n::long_date(lang, *parse_iso_date(p.from)) }, { "to", i18n::long_date(lang, *parse_iso_date(p.to)) } }));
        std::vector<std::vector<std::string>> rows { { cat.format(lang, "discipline.journal.date"), cat.format(lang, "discipline.journal.student"),
            cat.format(lang, "discipline.journal.group"), cat.format(lang, "discipline.journal.kind"), cat.format(lang, "discipline.journal.tier"),
            cat.format(lang, "discipline.journal.place") } };
        for (auto& r : tx.query("SELECT x.occurred_on, p.surname, p.name, p.patronymic, coalesce(g.name, ''), x.kind_code, x.tier, i.place FROM incident_students x "
                                "JOIN incidents i ON i.institution_id = x.institution_id AND i.id = x.incident_id "
                                "JOIN persons p ON p.institution_id = x.institution_id AND p.id = x.person_id "
                                "LEFT JOIN students s ON s.institution_id = x.institution_id AND s.person_id = x.person_id "
                                "LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                                "WHERE x.institution_id = ? AND x.reversed = 0 AND x.occurred_on >= ? AND x.occurred_on <= ? ORDER BY x.occurred_on, i.id, p.surname LIMIT 5000",
                 { ctx.institution_id(), p.from, p.to }))
            rows.push_back({ short_date(r.str(0)), people::full_name(r, 1), r.str(4), names.contains(r.str(5)) ? names[r.str(5)] : r.str(5),
                cat.format(lang, "discipline.tier." + r.str(6)), r.str(7) });
        // Six columns on a portrait page: at 8 pt a long surname, the date and the Kazakh headers
        // fit their columns (at 9.5 pt one test surname in twenty broke mid-word).
        if (rows.size() > 1)
            pdf.table(rows, { 0.15, 0.25, 0.10, 0.19, 0.16, 0.15 }, true, 8);
        else
            pdf.paragraph(cat.format(lang, "discipline.journal.empty"));
        auto c = count(tx, ctx, p);
        if (!c.by_month.empty()) {
            std::vector<std::string> labels;
            std::vector<double> values;
            for (auto& [m, n] : c.by_month) {
                labels.push_back(m);
                values.push_back(double(n));
            }
            pdf.bar_chart(cat.format(lang, "discipline.journal.chart_months"), labels, values);
        }
        return pdf.finish();
    }));
    return modules::pdf_response(std::move(bytes), "violations-journal", lang);
}

// DISC-CASE-2: the act on a refusal to explain, for signing on paper.
Result<Response> refusal_act_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto lang = TRY(modules::document_lang(ctx));
    auto& cat = ctx.services.catalog;
    auto bytes = TRY(ctx.db().write([&](db::Tx& tx) -> Result<std::string> {
        auto c = store::load_case(tx, ctx.institution_id(), id);
        if (!c)
            return Error::not_found();
        auto file = store::case_json(tx, ctx.institution_id(), *c, ctx.clock().now());
        if (file["refusal_act"].is_null())
            return Error::rule_refusal("DISC-CASE-2", "rule.discipline.no_refusal_act");
        modules::audit_change(ctx, tx, "discipline_case.read", "discipline_case", id, nullptr, object { { "document", "refusal_act" } });
        auto& act = file["refusal_act"].as_object();
        auto inst = tx.query_one("SELECT name FROM institutions WHERE id = ?", { ctx.institution_id() });
        docs::PdfWriter pdf;
        pdf.language(std::string(lang_code(lang)));
        pdf.small(inst ? inst->str(0) : std::string());
        pdf.title(cat.format(lang, "discipline.refusal_act.title", { { "number", c->label() } }));
        pdf.paragraph(cat.format(lang, "discipline.refusal_act.text",
            { { "student", file["student"] }, { "date", i18n::long_date(lang, *parse_iso_date(std::string(act["drawn_at"].as_string()).substr(0, 10))) } }));
        pdf.paragraph(std::string(act["note"].as_string()));
        std::vector<std::vector<std::string>> rows { { cat.format(lang, "discipline.refusal_act.member"), cat.format(lang, "discipline.refusal_act.signature") } };
        for (auto& s : act["signers"].as_array())
            rows.push_back({ std::string(s.as_object().at("name").as_string()), "" });
        pdf.table(rows, { 0.6, 0.4 });
        return pdf.finish();
    }));
    return modules::pdf_response(std::move(bytes), "refusal-act-" + std::to_string(id), lang);
}

}

void detail::register_statistics_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/discipline/statistics", manage_perm, policy::list_incidents, Body::None, statistics);
    r.router.add("GET", "/api/v1/discipline/statistics.xlsx", manage_perm, policy::list_incidents, Body::None, statistics_xlsx);
    r.router.add("GET", "/api/v1/discipline/journal.pdf", manage_perm, policy::list_incidents, Body::None, journal_pdf);
    r.router.add("GET", "/api/v1/discipline/cases/{id}/refusal-act.pdf", perm::Self, policy::read_case, Body::None, refusal_act_pdf);
}

}
