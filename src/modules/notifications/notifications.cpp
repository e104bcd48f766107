#include "modules/notifications/notifications.hpp"
#include "modules/notifications/policy.hpp"
#include "core/json_fields.hpp"
#include "http/context.hpp"
#include "modules/module_support.hpp"
#include "security/audit.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kenes::notifications {

using namespace http;
using boost::json::array;
using boost::json::object;

bool notify(db::Tx& tx, const Clock& clock, const Notice& n)
{
    if (tx.query_one("SELECT 1 FROM notifications WHERE institution_id = ? AND person_id = ? AND dedupe_key = ?", { n.institution_id, n.person_id, n.dedupe_key }))
        return false;
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO notifications (institution_id, id, person_id, kind, dedupe_key, params_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        { n.institution_id, id, n.person_id, n.kind, n.dedupe_key, boost::json::serialize(n.params), clock.now() });
    audit::record(tx, clock, { n.institution_id, { std::nullopt, "system" }, "notification.create", "notification", id, nullptr,
        object { { "person_id", n.person_id }, { "kind", n.kind } } });
    return true;
}

namespace {

Result<Response> my_notifications(Context& ctx)
{
    auto page = TRY(ctx.paging());
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        int64_t inst = ctx.institution_id(), person = ctx.user().person_id.value_or(0);
        for (auto& r : tx.query("SELECT id, kind, params_json, created_at, read_at FROM notifications WHERE institution_id = ? AND person_id = ? "
                                "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                 { inst, person, page.limit, page.offset })) {
            auto params = boost::json::parse(r.str(2)).as_object();
            items.push_back(object { { "id", r.i64(0) }, { "kind", r.str(1) }, { "params", params },
                { "message", ctx.services.catalog.format(ctx.lang, "notification." + r.str(1), params) }, { "created_at", almaty::iso_datetime(r.i64(3)) },
                { "read", !r.is_null(4) } });
        }
        int64_t unread = tx.query_one("SELECT count(*) FROM notifications WHERE institution_id = ? AND person_id = ? AND read_at IS NULL", { inst, person })->i64(0);
        return Response::ok(object { { "items", items }, { "unread", unread }, { "limit", page.limit }, { "offset", page.offset } });
    });
}

Result<Response> mark_read(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    TRY(in.finish());
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        if (tx.exec("UPDATE notifications SET read_at = ? WHERE institution_id = ? AND id = ? AND person_id = ? AND read_at IS NULL",
                { ctx.clock().now(), ctx.institution_id(), id, ctx.user().person_id.value_or(0) })
            == 0)
            return Error::not_found();
        modules::audit_change(ctx, tx, "notification.read", "notification", id, nullptr, nullptr);
        return Ok {};
    }));
    return Response::no_content();
}

}

void register_module(Registry& r)
{
    r.migrations.push_back({ 700, "notifications", R"sql(
CREATE TABLE notifications (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    params_json TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT,
    PRIMARY KEY (institution_id, id)
);
CREATE UNIQUE INDEX notifications_dedupe ON notifications (institution_id, person_id, dedupe_key);
CREATE INDEX notifications_person ON notifications (institution_id, person_id, created_at);
)sql" });
    r.migrations.push_back({ 710, "notification e-mail", R"sql(
ALTER TABLE notifications ADD COLUMN mailed_at BIGINT;
ALTER TABLE notifications ADD COLUMN mail_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN mail_claimed_until BIGINT;
)sql" });
    r.router.add("GET", "/api/v1/me/notifications", perm::Self, authz::account, Body::None, my_notifications);
    r.router.add("POST", "/api/v1/me/notifications/{id}/read", perm::Self, policy::read_own, Body::Json, mark_read);
}

}
