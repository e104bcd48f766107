// What reached a person: the notices sent to them, whether their mail went out or failed and why,
// and when they read them. The administration and the curator of the person's group see it (REP-1
// will show families what was sent to them); it is personal data, often a minor's, so each reading
// is audited (GEN-3). Only each notice's title is shown: the sentence may name what a confidential
// commission keeps to its members, the title (the mail's subject) never does.
#include "modules/notifications/notifications.hpp"
#include "core/clock.hpp"
#include "http/context.hpp"
#include "modules/module_support.hpp"
#include "modules/notifications/policy.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

namespace kenes::notifications {

using namespace http;
using boost::json::array;
using boost::json::object;
using boost::json::value;

namespace {

struct DeliveryRow {
    int64_t id;
    std::string kind;
    object params;
    int64_t created_at;
    std::string mail_status;   // pending, sent, failed, off, or no_address (pending with nowhere to go)
    std::optional<int64_t> mailed_at;
    int64_t mail_attempts;
    std::optional<std::string> mail_error;
    std::optional<int64_t> read_at;
};

struct DeliveryPage {
    std::vector<DeliveryRow> rows;
    int64_t total;
};

// Store: a person's notices, newest first. A notice waiting for mail to a person without an
// address waits for nothing (the mailer skips them): it is reported as such, not as pending.
DeliveryPage deliveries_of(db::Tx& tx, int64_t inst, int64_t person, const Paging& page)
{
    DeliveryPage out;
    for (auto& r : tx.query("SELECT n.id, n.kind, n.params_json, n.created_at, "
                            "CASE WHEN n.mail_status = 'pending' AND (p.email IS NULL OR p.email = '') THEN 'no_address' ELSE n.mail_status END, "
                            "n.mailed_at, n.mail_attempts, n.mail_error, n.read_at "
                            "FROM notifications n JOIN persons p ON p.institution_id = n.institution_id AND p.id = n.person_id "
                            "WHERE n.institution_id = ? AND n.person_id = ? ORDER BY n.created_at DESC, n.id DESC LIMIT ? OFFSET ?",
             { inst, person, page.limit, page.offset }))
        out.rows.push_back({ r.i64(0), r.str(1), boost::json::parse(r.str(2)).as_object(), r.i64(3), r.str(4), r.opt_i64(5), r.i64(6),
            r.opt_str(7), r.opt_i64(8) });
    out.total = tx.query_one("SELECT count(*) FROM notifications WHERE institution_id = ? AND person_id = ?", { inst, person })->i64(0);
    return out;
}

value iso_or_null(const std::optional<int64_t>& millis) { return millis ? value(almaty::iso_datetime(*millis)) : value(nullptr); }

object delivery_item(const DeliveryRow& d, const Catalog& catalog, Lang lang)
{
    // A sent mail's last failed attempt is history, not a reason.
    bool show_error = d.mail_error && d.mail_status != "sent";
    return { { "id", d.id }, { "kind", d.kind }, { "title", message(catalog, lang, "mail.subject.", d.kind, d.params) },
        { "created_at", almaty::iso_datetime(d.created_at) },
        { "delivery",
            object { { "mail_status", d.mail_status }, { "mailed_at", iso_or_null(d.mailed_at) }, { "mail_attempts", d.mail_attempts },
                { "mail_error", show_error ? value(*d.mail_error) : value(nullptr) }, { "read_at", iso_or_null(d.read_at) } } } };
}

Result<Response> person_deliveries(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto page = TRY(ctx.paging());
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto found = deliveries_of(tx, ctx.institution_id(), id, page);
        array items;
        for (auto& d : found.rows)
            items.push_back(delivery_item(d, ctx.services.catalog, ctx.lang));
        // GEN-3: whose delivery record was read, by whom, in the transaction that read it.
        modules::audit_change(ctx, tx, "person.read_notice_deliveries", "person", id, nullptr,
            object { { "limit", page.limit }, { "offset", page.offset } });
        return object { { "items", items }, { "total", found.total }, { "limit", page.limit }, { "offset", page.offset } };
    }));
    return Response::ok(out);
}

}

void register_deliveries(Registry& r)
{
    r.router.add("GET", "/api/v1/people/{id}/notice-deliveries", "people.read", policy::person_deliveries, Body::None, person_deliveries);
}

}
