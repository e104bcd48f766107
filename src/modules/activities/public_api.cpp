// Public pages (PLAN-4): what the regulations make public, for anyone: the bodies with their
// members' positions, approved work plans, and final protocols the body published. Staff members
// are named; students (minors, most of them) only when the institution chose to publish their
// names, and never in a confidential commission. Nothing else personal appears: no contacts, no
// dates of birth, no participants, no votes by name.
#include "modules/activities/activities.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

namespace kenes::activities {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

Result<int64_t> institution(Context& ctx, db::Tx& tx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    if (!tx.query_one("SELECT 1 FROM institutions WHERE id = ?", { inst }))
        return Error::not_found();
    return inst;
}

Result<Response> public_bodies(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = TRY(institution(ctx, tx));
        std::string today = almaty::local_date(ctx.clock().now()).iso();
        bool students_named = tx.query_one("SELECT publish_student_names FROM institutions WHERE id = ?", { inst })->flag(0);
        array items;
        for (auto& b : tx.query("SELECT id, parent_id, kind, template, name, confidential, name_key FROM bodies WHERE institution_id = ? ORDER BY id LIMIT ?",
                 { inst, modules::short_list_cap })) {
            bool name_students = students_named && !b.flag(5);
            array members;
            for (auto& m : tx.query("SELECT p.surname, p.name, p.patronymic, m.position, s.person_id FROM memberships m "
                                    "JOIN persons p ON p.institution_id = m.institution_id AND p.id = m.person_id "
                                    "LEFT JOIN students s ON s.institution_id = m.institution_id AND s.person_id = m.person_id "
                                    "WHERE m.institution_id = ? AND m.body_id = ? AND m.starts_on <= ? AND (m.ends_on IS NULL OR m.ends_on >= ?) ORDER BY m.id",
                     { inst, b.i64(0), today, today })) {
                bool student = !m.is_null(4);
                members.push_back(object { { "full_name", student && !name_students ? boost::json::value(nullptr) : boost::json::value(people::full_name(m, 0)) },
                    { "position", m.str(3) }, { "position_name", ctx.services.catalog.format(ctx.lang, "body.position." + m.str(3)) } });
            }
            items.push_back(object { { "id", b.i64(0) }, { "parent_id", json_or_null(b.opt_i64(1)) }, { "kind", b.str(2) }, { "template", b.str(3) },
                { "name", bodies::display_name(ctx.services.catalog, ctx.lang, b.str(4), b.opt_str(6)) }, { "members", members } });
        }
        return Response::ok(object { { "items", modules::in_alphabetical_order(std::move(items), ctx.lang) } });
    });
}

Result<Response> public_plans(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = TRY(institution(ctx, tx));
        array plans;
        for (auto& p : tx.query("SELECT w.id, w.academic_year, b.name FROM work_plans w JOIN bodies b ON b.institution_id = w.institution_id AND b.id = w.body_id "
                                "WHERE w.institution_id = ? AND w.status = 'approved' ORDER BY w.academic_year DESC, w.id LIMIT 200",
                 { inst })) {
            array items;
            for (auto& i : tx.query("SELECT direction, title, due_on, status FROM plan_items WHERE institution_id = ? AND plan_id = ? ORDER BY due_on, id", { inst, p.i64(0) }))
                items.push_back(object { { "direction", i.str(0) }, { "title", i.str(1) }, { "due_on", i.str(2) }, { "status", i.str(3) } });
            plans.push_back(object { { "id", p.i64(0) }, { "academic_year", p.str(1) }, { "body", p.str(2) }, { "items", items } });
        }
        return Response::ok(object { { "items", plans } });
    });
}

Result<Response> public_protocols(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = TRY(institution(ctx, tx));
        array items;
        for (auto& p : tx.query("SELECT p.snapshot_json, p.verification_code FROM protocols p JOIN meetings m ON m.institution_id = p.institution_id "
                                "AND m.id = p.meeting_id JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id "
                                "WHERE p.institution_id = ? AND p.status = 'final' AND p.public = 1 AND b.confidential = 0 ORDER BY p.finalized_at DESC LIMIT 200",
                 { inst })) {
            auto s = boost::json::parse(p.str(0)).as_object();
            array decisions;
            for (auto& v : s["items"].as_array()) {
                auto& item = v.as_object();
                object d { { "title", item.at("title") }, { "motion", item.at("motion") } };
                if (item.at("voted").as_bool()) {
                    d["outcome"] = item.at("outcome");
                    d["counts"] = item.at("counts");
                }
                decisions.push_back(std::move(d));
            }
            items.push_back(object { { "body", s["body"] }, { "number", s["number"] }, { "academic_year", s["academic_year"] }, { "held_on", s["held_on"] },
                { "decisions", decisions }, { "verification_code", p.str(1) } });
        }
        return Response::ok(object { { "items", items } });
    });
}

}

void detail::register_public_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/bodies", perm::Public, authz::anyone, Body::None, public_bodies);
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/plans", perm::Public, authz::anyone, Body::None, public_plans);
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/protocols", perm::Public, authz::anyone, Body::None, public_protocols);
}

}
