// The campaign of one academic year (seed 004 hostel rules): its Hostel Allocation Commission,
// the occupancy plan (grant and paid places, the price: HST-PAID-1), the deadline of July 1 in
// Almaty and its extension for force majeure by the commission's adopted decision (HST-APP-1).
#include "core/json_fields.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/hostel/allocation_store.hpp"
#include "modules/hostel/policy.hpp"
#include "modules/hostel/routes.hpp"
#include "modules/module_support.hpp"
#include <boost/json/array.hpp>
#include <charconv>

namespace kenes::hostel {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

// "2027-2028": two consecutive years.
std::optional<int> parse_academic_year(const std::string& s)
{
    if (s.size() != 9 || s[4] != '-')
        return std::nullopt;
    int a = 0, b = 0;
    if (std::from_chars(s.data(), s.data() + 4, a).ec != std::errc {} || std::from_chars(s.data() + 5, s.data() + 9, b).ec != std::errc {} || b != a + 1 || a < 2000)
        return std::nullopt;
    return a;
}

Result<Response> list_campaigns(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        auto today = modules::today(ctx);
        for (auto& r : tx.query("SELECT id FROM hostel_campaigns WHERE institution_id = ? ORDER BY academic_year DESC, id DESC LIMIT 50", { ctx.institution_id() })) {
            auto c = store::load_campaign(tx, ctx.institution_id(), r.i64(0));
            // Everybody with hostel.read sees the year, the plan and the deadline; the counts are the desk's.
            auto j = store::campaign_json(tx, ctx.institution_id(), *c, today);
            j.erase("counts");
            j.erase("decision");
            items.push_back(j);
        }
        return Response::ok(object { { "items", items } });
    });
}

Result<Response> open_campaign(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto year = in.text("academic_year", Presence::Required, 9);
    auto commission = in.integer("commission_body_id", Presence::Required, 1, INT64_MAX);
    auto grant = in.integer("grant_places", Presence::Required, 0, 100000);
    auto paid = in.integer("paid_places", Presence::Required, 0, 100000);
    auto price = in.integer("price_tenge", Presence::Optional, 0, 100000000);
    auto hours = in.integer("offer_hours", Presence::Optional, 1, 24 * 14);
    std::optional<int> start;
    if (year) {
        start = parse_academic_year(*year);
        if (!start)
            in.add_error("academic_year", "invalid");
    }
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        // ORG-9: the allocating body is a Hostel Allocation Commission.
        auto b = tx.query_one("SELECT template FROM bodies WHERE institution_id = ? AND id = ?", { inst, *commission });
        if (!b)
            return Error::field("commission_body_id", "not_found");
        if (b->str(0) != "hostel_allocation_commission")
            return Error::rule_refusal("ORG-9", "rule.hostel.campaign.not_commission", {}, "commission_body_id");
        if (tx.query_one("SELECT 1 FROM hostel_campaigns WHERE institution_id = ? AND academic_year = ?", { inst, *year }))
            return Error::field("academic_year", "taken");
        int64_t id = tx.next_id();
        // HST-APP-1: applications for the year are accepted until July 1 before it.
        std::string deadline = std::to_string(*start) + "-07-01";
        tx.exec("INSERT INTO hostel_campaigns (institution_id, id, academic_year, commission_body_id, grant_places, paid_places, price_tenge, deadline, offer_hours, "
                "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, id, *year, *commission, *grant, *paid, price.value_or(0), deadline, hours.value_or(24), ctx.user().user_id, ctx.clock().now() });
        modules::audit_change(ctx, tx, "hostel_campaign.create", "hostel_campaign", id, nullptr,
            object { { "academic_year", *year }, { "commission_body_id", *commission }, { "grant_places", *grant }, { "paid_places", *paid }, { "deadline", deadline } });
        return Response::created(store::campaign_json(tx, inst, *store::load_campaign(tx, inst, id), modules::today(ctx)));
    });
}

Result<Response> get_campaign(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto c = store::load_campaign(tx, ctx.institution_id(), id);
        if (!c)
            return Error::not_found();
        return Response::ok(store::campaign_json(tx, ctx.institution_id(), *c, modules::today(ctx)));
    });
}

// HST-PAID-1: the plan of grant and paid places and the year's price.
Result<Response> put_plan(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto grant = in.integer("grant_places", Presence::Required, 0, 100000);
    auto paid = in.integer("paid_places", Presence::Required, 0, 100000);
    auto price = in.integer("price_tenge", Presence::Required, 0, 100000000);
    auto hours = in.integer("offer_hours", Presence::Optional, 1, 24 * 14);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        auto c = store::load_campaign(tx, inst, id);
        if (!c)
            return Error::not_found();
        if (tx.query_one("SELECT 1 FROM hostel_decisions WHERE institution_id = ? AND campaign_id = ? AND kind = 'allocation' AND decided_at IS NOT NULL", { inst, id }))
            return Error { ErrorCode::Conflict, "hostel.campaign.decided" };
        tx.exec("UPDATE hostel_campaigns SET grant_places = ?, paid_places = ?, price_tenge = ?, offer_hours = ? WHERE institution_id = ? AND id = ?",
            { *grant, *paid, *price, hours.value_or(c->offer_hours), inst, id });
        modules::audit_change(ctx, tx, "hostel_campaign.plan", "hostel_campaign", id,
            object { { "grant_places", c->grant_places }, { "paid_places", c->paid_places }, { "price_tenge", c->price_tenge } },
            object { { "grant_places", *grant }, { "paid_places", *paid }, { "price_tenge", *price } });
        return Response::ok(store::campaign_json(tx, inst, *store::load_campaign(tx, inst, id), modules::today(ctx)));
    });
}

// HST-APP-1: the commission extends the deadline for force majeure by an agenda item of kind
// hostel_allocation its own session adopted (MTG-4 held at that vote), with the reason recorded.
Result<Response> extend_deadline(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto until = in.date("until", Presence::Required);
    auto reason = in.text("reason", Presence::Required, 2000, Lines::Multi, 3);
    auto item = in.integer("agenda_item_id", Presence::Required, 1, INT64_MAX);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        auto c = store::load_campaign(tx, inst, id);
        if (!c)
            return Error::not_found();
        if (until->iso() <= c->last_day())
            return Error::field("until", "out_of_range");
        if (bodies::adopting_body(tx, inst, *item, "hostel_allocation") != std::optional<int64_t>(c->commission_body_id))
            return Error::rule_refusal("HST-APP-1", "rule.hostel.campaign.extension_not_adopted", {}, "agenda_item_id");
        tx.exec("UPDATE hostel_campaigns SET extended_until = ?, extension_reason = ?, extension_item_id = ? WHERE institution_id = ? AND id = ?",
            { until->iso(), *reason, *item, inst, id });
        modules::audit_change(ctx, tx, "hostel_campaign.extend", "hostel_campaign", id, object { { "last_day", c->last_day() } },
            object { { "extended_until", until->iso() }, { "reason", *reason }, { "agenda_item_id", *item } });
        return Response::ok(store::campaign_json(tx, inst, *store::load_campaign(tx, inst, id), modules::today(ctx)));
    });
}

}

void detail::register_campaign_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/hostel/campaigns", read_perm, policy::list_campaigns, Body::None, list_campaigns);
    r.router.add("POST", "/api/v1/hostel/campaigns", manage_perm, policy::open_campaign, Body::Json, open_campaign);
    r.router.add("GET", "/api/v1/hostel/campaigns/{id}", perm::Self, policy::read_campaign, Body::None, get_campaign);
    r.router.add("PUT", "/api/v1/hostel/campaigns/{id}/plan", manage_perm, policy::edit_campaign, Body::Json, put_plan);
    r.router.add("POST", "/api/v1/hostel/campaigns/{id}/extension", perm::Self, policy::decide_in_campaign, Body::Json, extend_deadline);
}

}
