#include "modules/audit/audit_api.hpp"
#include "core/clock.hpp"
#include "http/context.hpp"
#include <chrono>
#include "security/anchors.hpp"
#include "security/audit.hpp"
#include "security/crypto.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

namespace kenes::audit_log {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

constexpr const char* read_perm = "audit.read";

boost::json::value parse_or_null(const std::optional<std::string>& s)
{
    if (!s || s->empty())
        return nullptr;
    boost::system::error_code ec;
    auto v = boost::json::parse(*s, ec);
    return ec ? boost::json::value(*s) : v;
}

Result<Response> list_entries(Context& ctx)
{
    auto page = TRY(ctx.paging());
    std::string where = " WHERE institution_id = ?";
    db::Params params { ctx.institution_id() };
    std::vector<FieldError> errors;
    auto text_filter = [&](const char* name, const char* column) {
        if (auto v = ctx.query_param(name); v && !v->empty()) {
            if (v->size() > 100)
                errors.push_back({ name, "too_long", { { "max", 100 } } });
            where += std::string(" AND ") + column + " = ?";
            params.push_back(*v);
        }
    };
    text_filter("action", "action");
    text_filter("entity", "entity");
    if (auto v = ctx.query_param("actor_id"); v && !v->empty()) {
        if (v->size() > 18 || !std::all_of(v->begin(), v->end(), ::isdigit))
            errors.push_back({ "actor_id", "invalid" });
        else {
            where += " AND actor_user_id = ?";
            params.push_back(int64_t(std::stoll(*v)));
        }
    }
    if (auto v = ctx.query_param("entity_id"); v && !v->empty()) {
        if (v->size() > 18 || !std::all_of(v->begin(), v->end(), ::isdigit))
            errors.push_back({ "entity_id", "invalid" });
        else {
            where += " AND entity_id = ?";
            params.push_back(int64_t(std::stoll(*v)));
        }
    }
    // Dates are Almaty calendar days: from 00:00 of `from` to the end of `to`.
    auto day_start = [](const CivilDate& d) {
        namespace c = std::chrono;
        auto days = c::sys_days(c::year_month_day(c::year(d.year), c::month(d.month), c::day(d.day)));
        int64_t utc = c::duration_cast<c::milliseconds>(days.time_since_epoch()).count();
        return utc - int64_t(almaty::offset_seconds(utc)) * 1000;
    };
    if (auto v = ctx.query_param("from"); v && !v->empty()) {
        if (auto d = parse_iso_date(*v)) {
            where += " AND at >= ?";
            params.push_back(day_start(*d));
        } else
            errors.push_back({ "from", "bad_date" });
    }
    if (auto v = ctx.query_param("to"); v && !v->empty()) {
        if (auto d = parse_iso_date(*v)) {
            where += " AND at < ?";
            params.push_back(day_start(*d) + 24 * 3600 * 1000);
        } else
            errors.push_back({ "to", "bad_date" });
    }
    if (!errors.empty())
        return Error::validation(std::move(errors));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        int64_t total = tx.query_one("SELECT count(*) FROM audit_log" + where, params)->i64(0);
        auto list_params = params;
        list_params.push_back(page.limit);
        list_params.push_back(page.offset);
        array items;
        for (auto& r : tx.query("SELECT seq, at, actor_user_id, actor_login, action, entity, entity_id, before_json, after_json, hash FROM audit_log"
                     + where + " ORDER BY seq DESC LIMIT ? OFFSET ?",
                 list_params))
            items.push_back(object { { "seq", r.i64(0) }, { "at", almaty::iso_datetime(r.i64(1)) },
                { "actor_id", r.is_null(2) ? boost::json::value(nullptr) : boost::json::value(r.i64(2)) }, { "actor_login", r.str(3) },
                { "action", r.str(4) }, { "entity", r.str(5) }, { "entity_id", r.is_null(6) ? boost::json::value(nullptr) : boost::json::value(r.i64(6)) },
                { "before", parse_or_null(r.opt_str(7)) }, { "after", parse_or_null(r.opt_str(8)) }, { "hash", crypto::to_hex(r.blob(9)) } });
        return Response::ok(object { { "items", items }, { "total", total }, { "limit", page.limit }, { "offset", page.offset } });
    });
}

Result<Response> verify_chain(Context& ctx)
{
    auto v = ctx.db().read([&](db::Tx& tx) { return audit::verify(tx, ctx.institution_id()); });
    object out { { "ok", v.ok }, { "checked", v.checked }, { "keyed_from", v.keyed_from }, { "anchors_checked", v.anchors_checked } };
    if (v.first_broken_seq)
        out["first_broken_seq"] = *v.first_broken_seq;
    if (!v.ok)
        out["reason"] = audit::break_name(v.reason);
    return Response::ok(out);
}

// The latest signed checkpoint of the institution's chain, for its public page: anyone can keep
// it and later ask the institution to show that the anchored entry is still in its log.
Result<Response> public_anchor(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    bool exists = ctx.db().read([&](db::Tx& tx) { return tx.query_one("SELECT 1 FROM institutions WHERE id = ?", { inst }).has_value(); });
    if (!exists)
        return Error::not_found();
    auto a = anchors::latest(inst);
    return Response::ok(object { { "anchor", a ? boost::json::value(anchors::to_json(*a)) : boost::json::value(nullptr) } });
}

}

void register_module(Registry& r)
{
    r.permissions.declare(read_perm, { role::InstitutionAdmin });
    r.router.add("GET", "/api/v1/audit", read_perm, authz::in_institution, Body::None, list_entries);
    r.router.add("GET", "/api/v1/audit/verify", read_perm, authz::in_institution, Body::None, verify_chain);
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/audit-anchor", perm::Public, authz::anyone, Body::None, public_anchor);
    // Every instance may run it: an unchanged head is not anchored twice by one process.
    r.jobs.push_back({ "audit-anchor", std::chrono::minutes(10), [](db::Database& db, const Clock& clock) { anchors::checkpoint_all(db, clock); } });
}

}
