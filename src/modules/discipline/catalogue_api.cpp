// The infraction catalogue (DISC-CAT-1) and its versions (DISC-VER-1), with the repeat window of
// escalation (DISC-ESC-1).
#include "core/json_fields.hpp"
#include "modules/discipline/catalogue.hpp"
#include "modules/discipline/incident_store.hpp"
#include "modules/discipline/policy.hpp"
#include "modules/discipline/routes.hpp"
#include "modules/module_support.hpp"
#include <boost/json/array.hpp>

namespace kenes::discipline {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

Result<Response> get_catalogue(Context& ctx)
{
    std::string on = modules::today(ctx);
    if (auto q = ctx.query_param("on")) {
        auto d = parse_iso_date(*q);
        if (!d)
            return Error::field("on", "invalid");
        on = d->iso();
    }
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& k : catalogue_on(tx, ctx.institution_id(), on))
            items.push_back(object { { "code", k.code }, { "tier", tier_name(k.tier) }, { "name", kind_name(ctx.services.catalog, ctx.lang, k) }, { "preset", k.preset },
                { "effective_from", k.preset ? boost::json::value() : boost::json::value(k.effective_from) } });
        return Response::ok(object { { "on", on }, { "items", items }, { "repeat_window_days", store::repeat_window_days(tx, ctx.institution_id()) } });
    });
}

// A new version of a kind from a date: another tier, or removal (tier null). A kind the preset
// does not have needs its names in the three languages.
Result<Response> add_version(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto code = in.text("code", Presence::Required, 64, Lines::Single, 2);
    std::optional<std::string> tier;
    if (!in.is_null("tier"))
        tier = in.one_of("tier", Presence::Required, { "minor", "major", "expulsion" });
    else
        in.text("tier", Presence::Optional, 1);   // marks it read
    auto from = in.date("effective_from", Presence::Required);
    auto kk = in.text("name_kk", Presence::Optional, 200);
    auto ru = in.text("name_ru", Presence::Optional, 200);
    auto en = in.text("name_en", Presence::Optional, 200);
    if (code)
        for (char ch : *code)
            if (!(std::islower(static_cast<unsigned char>(ch)) || ch == '_' || std::isdigit(static_cast<unsigned char>(ch))))
                in.add_error("code", "invalid");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        bool known = !kind_versions(tx, inst, *code).empty();
        if (!known && (!tier || !kk || !ru || !en))
            return Error::field(!tier ? "tier" : !kk ? "name_kk" : !ru ? "name_ru" : "name_en", "required");
        if (tx.query_one("SELECT 1 FROM infraction_kinds WHERE institution_id = ? AND code = ? AND effective_from = ?", { inst, *code, from->iso() }))
            return Error::field("effective_from", "taken");
        // A later version of an own kind keeps its names.
        std::string n_kk = kk.value_or(""), n_ru = ru.value_or(""), n_en = en.value_or("");
        if (known && !kk)
            if (auto prev = tx.query_one("SELECT name_kk, name_ru, name_en FROM infraction_kinds WHERE institution_id = ? AND code = ? ORDER BY effective_from DESC LIMIT 1",
                    { inst, *code }))
                n_kk = prev->str(0), n_ru = prev->str(1), n_en = prev->str(2);
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO infraction_kinds (institution_id, id, code, tier, name_kk, name_ru, name_en, effective_from, created_by, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, id, *code, tier ? db::Value(*tier) : db::Value(), n_kk, n_ru, n_en, from->iso(), ctx.user().user_id, ctx.clock().now() });
        object after { { "code", *code }, { "tier", tier ? boost::json::value(*tier) : boost::json::value() }, { "effective_from", from->iso() } };
        modules::audit_change(ctx, tx, "discipline.catalogue_version", "infraction_kind", id, nullptr, after);
        return after;
    }));
    return Response::created(out);
}

Result<Response> put_settings(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto days = in.integer("repeat_window_days", Presence::Required, 1, 3660);
    TRY(in.finish());
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        auto before = store::repeat_window_days(tx, ctx.institution_id());
        tx.exec("UPDATE institutions SET repeat_window_days = ? WHERE id = ?", { *days, ctx.institution_id() });
        modules::audit_change(ctx, tx, "discipline.settings", "institution", ctx.institution_id(), object { { "repeat_window_days", before } },
            object { { "repeat_window_days", *days } });
        return Ok {};
    }));
    return Response::ok(object { { "repeat_window_days", *days } });
}

}

void detail::register_catalogue_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/discipline/catalogue", perm::Self, policy::read_catalogue, Body::None, get_catalogue);
    r.router.add("POST", "/api/v1/discipline/catalogue/versions", manage_perm, policy::manage_catalogue, Body::Json, add_version);
    r.router.add("PUT", "/api/v1/discipline/settings", manage_perm, policy::manage_catalogue, Body::Json, put_settings);
}

}
