#include "modules/notifications/notifications.hpp"
#include "modules/notifications/policy.hpp"
#include "core/json_fields.hpp"
#include "http/context.hpp"
#include "modules/module_support.hpp"
#include "security/audit.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

namespace kenes::notifications {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

// Whether the person wants mail of this kind: their own choice, else the kind's default.
bool wants_mail(db::Tx& tx, int64_t inst, int64_t person, const std::string& kind)
{
    if (auto r = tx.query_one("SELECT mail FROM notification_settings WHERE institution_id = ? AND person_id = ? AND kind = ?", { inst, person, kind }))
        return r->flag(0);
    auto* k = find_kind(kind);
    return k ? k->mail_by_default : true;
}

}

bool notify(db::Tx& tx, const Clock& clock, const Notice& n)
{
    if (tx.query_one("SELECT 1 FROM notifications WHERE institution_id = ? AND person_id = ? AND dedupe_key = ?", { n.institution_id, n.person_id, n.dedupe_key }))
        return false;
    auto* kind = find_kind(n.kind);
    std::string link = kind ? link_for(*kind, n.params) : std::string();
    // The choice is taken when the notice is made: turning mail off later does not recall a mail
    // already on its way, turning it on does not send old notices.
    std::string mail_status = wants_mail(tx, n.institution_id, n.person_id, n.kind) ? "pending" : "off";
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO notifications (institution_id, id, person_id, kind, dedupe_key, params_json, created_at, link, mail_status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { n.institution_id, id, n.person_id, n.kind, n.dedupe_key, boost::json::serialize(n.params), clock.now(), link, mail_status });
    audit::record(tx, clock, { n.institution_id, { std::nullopt, "system" }, "notification.create", "notification", id, nullptr,
        object { { "person_id", n.person_id }, { "kind", n.kind }, { "mail", mail_status } } });
    return true;
}

int64_t notify_each(db::Tx& tx, const Clock& clock, int64_t inst, const std::vector<int64_t>& persons, const std::string& kind,
    const std::string& dedupe_key, const object& params)
{
    int64_t created = 0;
    std::set<int64_t> seen;
    for (auto p : persons)
        if (seen.insert(p).second)
            created += notify(tx, clock, { inst, p, kind, dedupe_key, params });
    return created;
}

bool mail_pending(db::Tx& tx, int64_t inst, int64_t person, const std::string& dedupe_key)
{
    return tx.query_one("SELECT 1 FROM notifications WHERE institution_id = ? AND person_id = ? AND dedupe_key = ? AND mail_status = 'pending' "
                        "AND mail_attempts = 0",
                 { inst, person, dedupe_key })
        .has_value();
}

namespace {

std::optional<std::string> iso_or_null(const db::Row& r, int i)
{
    if (r.is_null(i))
        return std::nullopt;
    return almaty::iso_datetime(r.i64(i));
}

boost::json::value json_opt(const std::optional<std::string>& s) { return s ? boost::json::value(*s) : boost::json::value(nullptr); }

// Delivery as the person sees it: mail sent (when), waiting, failed (why, after how many
// attempts), off by their choice, or impossible without an address; and when they read it.
object delivery_json(const db::Row& r)
{
    return { { "mail_status", r.str(6) }, { "mailed_at", json_opt(iso_or_null(r, 7)) }, { "mail_attempts", r.i64(8) },
        { "mail_error", r.is_null(9) ? boost::json::value(nullptr) : boost::json::value(r.str(9)) }, { "read_at", json_opt(iso_or_null(r, 4)) } };
}

Result<Response> my_notifications(Context& ctx)
{
    auto page = TRY(ctx.paging());
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        int64_t inst = ctx.institution_id(), person = ctx.user().person_id.value_or(0);
        for (auto& r : tx.query("SELECT id, kind, params_json, created_at, read_at, link, mail_status, mailed_at, mail_attempts, mail_error "
                                "FROM notifications WHERE institution_id = ? AND person_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                 { inst, person, page.limit, page.offset })) {
            auto params = boost::json::parse(r.str(2)).as_object();
            items.push_back(object { { "id", r.i64(0) }, { "kind", r.str(1) }, { "params", params },
                { "message", message(ctx.services.catalog, ctx.lang, "notification.", r.str(1), params) }, { "created_at", almaty::iso_datetime(r.i64(3)) },
                { "read", !r.is_null(4) }, { "link", r.is_null(5) || r.str(5).empty() ? boost::json::value(nullptr) : boost::json::value(r.str(5)) },
                { "delivery", delivery_json(r) } });
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

struct UnreadCount {
    int64_t total, latest, unread;
};

UnreadCount unread_count(db::Tx& tx, int64_t inst, int64_t person)
{
    auto row = tx.query_one("SELECT count(*), coalesce(max(id), 0), coalesce(sum(CASE WHEN read_at IS NULL THEN 1 ELSE 0 END), 0) "
                            "FROM notifications WHERE institution_id = ? AND person_id = ?",
        { inst, person });
    return { row->i64(0), row->i64(1), row->i64(2) };
}

object unread_json(const UnreadCount& c) { return { { "unread", c.unread }, { "latest", c.latest } }; }

// Server-sent events: the unread count whenever it changes, for the bell on every page. A client
// that does not ask for an event stream (Accept) gets the count once, as JSON.
Result<Response> my_notification_events(Context& ctx)
{
    int64_t inst = ctx.institution_id(), person = ctx.user().person_id.value_or(0);
    if (ctx.request.header("accept").find("text/event-stream") == std::string_view::npos)
        return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
            auto r = Response::ok(unread_json(unread_count(tx, inst, person)));
            r.set_header("Vary", "Accept");
            return r;
        });
    Response r;
    r.set_header("Vary", "Accept");
    r.live_topic = "notices:" + std::to_string(inst) + ":" + std::to_string(person);
    db::Database* db = &ctx.db();
    r.live_loader = [db, inst, person](int64_t& version) -> std::optional<std::string> {
        return db->read([&](db::Tx& tx) -> std::optional<std::string> {
            auto c = unread_count(tx, inst, person);
            // A new notice changes the latest id, a read one the count; +1: 0 is "never loaded" to the hub.
            int64_t fingerprint = int64_t(((uint64_t(c.latest) & 0x7F'FFFF'FFFFull) << 24 | (uint64_t(c.unread) & 0xFF'FFFF)) + 1);
            if (fingerprint == version)
                return std::nullopt;
            version = fingerprint;
            return boost::json::serialize(unread_json(c));
        });
    };
    return r;
}

object settings_json(db::Tx& tx, int64_t inst, int64_t person)
{
    array items;
    for (auto& k : kinds())
        items.push_back(object { { "kind", k.key }, { "mail", wants_mail(tx, inst, person, k.key) }, { "mail_by_default", k.mail_by_default } });
    return { { "items", items } };
}

Result<Response> get_settings(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        return Response::ok(settings_json(tx, ctx.institution_id(), ctx.user().person_id.value_or(0)));
    });
}

// One kind's mail on or off for the signed-in person; notices in the app stay whatever the choice.
Result<Response> put_setting(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    std::vector<std::string_view> keys;
    for (auto& k : kinds())
        keys.push_back(k.key);
    auto kind = in.one_of("kind", Presence::Required, keys);
    auto mail = in.boolean("mail", Presence::Required);
    TRY(in.finish());
    int64_t inst = ctx.institution_id(), person = ctx.user().person_id.value_or(0);
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        bool before = wants_mail(tx, inst, person, *kind);
        tx.exec("INSERT INTO notification_settings (institution_id, person_id, kind, mail) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (institution_id, person_id, kind) DO UPDATE SET mail = excluded.mail",
            { inst, person, *kind, int64_t(*mail) });
        modules::audit_change(ctx, tx, "notification.settings", "person", person, object { { "kind", *kind }, { "mail", before } },
            object { { "kind", *kind }, { "mail", *mail } });
        return settings_json(tx, inst, person);
    }));
    return Response::ok(out);
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
    // The page where the person acts; the delivery record (REP-1 will show families what reached
    // them); per person and kind, mail on or off.
    r.migrations.push_back({ 720, "notice links, delivery record and settings", R"sql(
ALTER TABLE notifications ADD COLUMN link TEXT;
ALTER TABLE notifications ADD COLUMN mail_status TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE notifications ADD COLUMN mail_error TEXT;
UPDATE notifications SET mail_status = 'sent' WHERE mailed_at IS NOT NULL;
CREATE INDEX notifications_mail ON notifications (mail_status, created_at);
CREATE TABLE notification_settings (
    institution_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    mail INTEGER NOT NULL,
    PRIMARY KEY (institution_id, person_id, kind)
);
)sql" });
    r.router.add("GET", "/api/v1/me/notifications", perm::Self, authz::account, Body::None, my_notifications);
    r.router.add("GET", "/api/v1/me/notifications/events", perm::Self, authz::account, Body::None, my_notification_events);
    r.router.add("POST", "/api/v1/me/notifications/{id}/read", perm::Self, policy::read_own, Body::Json, mark_read);
    r.router.add("GET", "/api/v1/me/notification-settings", perm::Self, authz::account, Body::None, get_settings);
    r.router.add("PUT", "/api/v1/me/notification-settings", perm::Self, authz::account, Body::Json, put_setting);
    register_deliveries(r);
}

}
