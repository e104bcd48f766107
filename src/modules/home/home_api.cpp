// Routes of the home pages. The "needs you" list and a person's overview gather what the other
// modules contribute (http/contributions.hpp) and keep only what the contribution's own policy
// allows this user: the lists can never show more than the routes they lead to would.
#include "modules/home/home.hpp"
#include "modules/home/policy.hpp"
#include "http/context.hpp"
#include "modules/people/people.hpp"
#include <algorithm>
#include <boost/json/array.hpp>

namespace kenes::home {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

// Whether the user may take the action a need leads to: the route's permission, then its policy
// on the object (whose loader also finds it gone, e.g. a vote closed since it was listed).
bool may_act(db::Tx& tx, const Context& ctx, const Need& need)
{
    if (!ctx.user().can(need.permission))
        return false;
    auto facts = need.policy->object->load(tx, ctx.user(), need.object_id, ctx.clock());
    return facts && authz::allows(*need.policy, *facts);
}

// What waits now comes first, then by date; within that in the order modules listed them.
void sort_needs(std::vector<Need>& needs)
{
    std::stable_sort(needs.begin(), needs.end(), [](const Need& a, const Need& b) {
        if (a.when.empty() != b.when.empty())
            return a.when.empty();
        return a.when < b.when;
    });
}

Result<Response> my_needs(Context& ctx, const std::vector<NeedSource>& sources)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        std::vector<Need> needs;
        Viewer viewer { ctx.user(), ctx.clock(), ctx.services.catalog, ctx.lang };
        for (auto& source : sources)
            for (auto& need : source.find(tx, viewer))
                if (may_act(tx, ctx, need))
                    needs.push_back(std::move(need));
        sort_needs(needs);
        array items;
        for (auto& n : needs)
            items.push_back(object { { "kind", n.kind }, { "link", n.link }, { "params", n.params }, { "when", n.when.empty() ? boost::json::value(nullptr) : boost::json::value(n.when) } });
        return Response::ok(object { { "items", items } });
    });
}

// The dispatcher has allowed the overview (read_overview); each section is added where its own
// policy allows it too, and named in "sections" so the page knows what it may show.
Result<Response> person_overview(Context& ctx, const std::vector<PersonSection>& sections)
{
    int64_t person = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto p = tx.query_one("SELECT surname, name, patronymic FROM persons WHERE institution_id = ? AND id = ?", { ctx.institution_id(), person });
        if (!p)
            return Error::not_found();
        auto g = tx.query_one("SELECT g.name FROM students s JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                              "WHERE s.institution_id = ? AND s.person_id = ?",
            { ctx.institution_id(), person });
        object out { { "id", person }, { "full_name", people::full_name(*p, 0) },
            { "group_name", g ? boost::json::value(g->str(0)) : boost::json::value(nullptr) } };
        array shown;
        Viewer viewer { ctx.user(), ctx.clock(), ctx.services.catalog, ctx.lang };
        for (auto& s : sections)
            if (authz::allows(*s.policy, ctx.facts)) {
                out[s.name] = s.build(tx, viewer, ctx.facts, person);
                shown.push_back(boost::json::value(s.name));
            }
        out["sections"] = shown;
        return Response::ok(out);
    });
}

Result<Response> setup(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> { return Response::ok(detail::setup_checklist(tx, ctx.institution_id())); });
}

}

void register_module(Registry& r)
{
    // Copies: the sources are complete, as this module registers after all others.
    r.router.add("GET", "/api/v1/me/needs", perm::Self, authz::account, Body::None,
        [sources = r.needs](Context& ctx) { return my_needs(ctx, sources); });
    r.router.add("GET", "/api/v1/people/{id}/overview", perm::Self, policy::read_overview, Body::None,
        [sections = r.person_sections](Context& ctx) { return person_overview(ctx, sections); });
    r.router.add("GET", "/api/v1/setup", "institution.manage", policy::read_setup, Body::None, setup);
}

}
