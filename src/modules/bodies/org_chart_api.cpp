// The org chart (ORG-2): the institution's bodies as a tree with who holds which position, in the
// reader's language, as SVG (on screen) or PDF. Positions are public (PLAN-4); on the public chart
// students are named only when the institution chose so, and never in a confidential commission.
#include "docs/org_chart.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <map>

namespace kenes::bodies {

using namespace http;

namespace {

// Who reads the chart: members of the institution see every name; the public sees what PLAN-4
// and the institution's choice allow.
enum class Audience { Institution, Public };

std::vector<docs::OrgNode> tree(db::Tx& tx, int64_t inst, const Catalog& c, Lang lang, const std::string& today, Audience audience)
{
    bool students_named = audience == Audience::Institution
        || tx.query_one("SELECT publish_student_names FROM institutions WHERE id = ?", { inst })->flag(0);
    struct Row {
        int64_t id;
        std::optional<int64_t> parent;
        docs::OrgNode node;
        std::string sort_key;
    };
    std::map<int64_t, Row> rows;
    std::map<int64_t, bool> confidential;
    for (auto& b : tx.query("SELECT id, parent_id, template, name, confidential, name_key FROM bodies WHERE institution_id = ? ORDER BY id LIMIT ?", { inst, modules::short_list_cap })) {
        auto name = display_name(c, lang, b.str(3), b.opt_str(5));
        rows[b.i64(0)] = { b.i64(0), b.opt_i64(1), { name, c.format(lang, "body.template." + b.str(2)), {}, {} }, collation::sort_key(lang, name) };
        confidential[b.i64(0)] = b.flag(4);
    }
    for (auto& m : tx.query("SELECT m.body_id, m.position, p.surname, p.name, p.patronymic, s.person_id FROM memberships m "
                            "JOIN persons p ON p.institution_id = m.institution_id AND p.id = m.person_id "
                            "LEFT JOIN students s ON s.institution_id = m.institution_id AND s.person_id = m.person_id "
                            "WHERE m.institution_id = ? AND m.starts_on <= ? AND (m.ends_on IS NULL OR m.ends_on >= ?) ORDER BY m.id",
             { inst, today, today }))
        if (auto it = rows.find(m.i64(0)); it != rows.end()) {
            bool named = m.is_null(5) || (students_named && (audience == Audience::Institution || !confidential[m.i64(0)]));
            auto position = c.format(lang, "body.position." + m.str(1));
            it->second.node.lines.push_back(named ? position + " — " + people::full_name(m, 2) : position);
        }
    // Children in alphabetical order of the reader's language, attached bottom-up.
    std::vector<Row*> order;
    for (auto& [id, r] : rows)
        order.push_back(&r);
    std::sort(order.begin(), order.end(), [](Row* a, Row* b) { return a->sort_key < b->sort_key; });
    std::map<int64_t, std::vector<int64_t>> children;
    std::vector<int64_t> roots;
    for (auto* r : order)
        (r->parent && rows.contains(*r->parent) ? children[*r->parent] : roots).push_back(r->id);
    std::function<docs::OrgNode(int64_t)> build = [&](int64_t id) {
        docs::OrgNode n = rows[id].node;
        for (auto child : children[id])
            n.children.push_back(build(child));
        return n;
    };
    std::vector<docs::OrgNode> out;
    for (auto id : roots)
        out.push_back(build(id));
    return out;
}

// The language is the document's: ?lang= (the page's links name it), else the request's, as for
// every other document; it titles the chart and is the PDF's /Lang.
Result<Response> chart(Context& ctx, int64_t inst, docs::ChartFormat format, Audience audience)
{
    Lang lang = TRY(modules::document_lang(ctx));
    std::string today = almaty::local_date(ctx.clock().now()).iso();
    auto [name, nodes] = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::pair<std::string, std::vector<docs::OrgNode>>> {
        auto i = tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst });
        if (!i)
            return Error::not_found();
        return std::pair { i->str(0), tree(tx, inst, ctx.services.catalog, lang, today, audience) };
    }));
    bool svg = format == docs::ChartFormat::Svg;
    auto heading = ctx.services.catalog.format(lang, "org_chart.heading", { { "institution", name } });
    if (svg)
        return Response::text(200, docs::org_chart(heading, nodes, format, std::string(lang_code(lang))), "image/svg+xml");
    return modules::pdf_response(docs::org_chart(heading, nodes, format, std::string(lang_code(lang))), "org-chart", lang);
}

Result<Response> public_chart(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    return chart(ctx, inst, docs::ChartFormat::Svg, Audience::Public);
}

}

void detail::register_org_chart_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/org-chart.svg", "bodies.read", authz::in_institution, Body::None, [](Context& c) { return chart(c, c.institution_id(), docs::ChartFormat::Svg, Audience::Institution); });
    r.router.add("GET", "/api/v1/org-chart.pdf", "bodies.read", authz::in_institution, Body::None, [](Context& c) { return chart(c, c.institution_id(), docs::ChartFormat::Pdf, Audience::Institution); });
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/org-chart.svg", perm::Public, authz::anyone, Body::None, public_chart);
}

}
