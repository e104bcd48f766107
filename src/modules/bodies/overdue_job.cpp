// MTG-1: a scheduled notice to the chair of every body whose last session is older than its
// maximum interval (once per such period: the notice is keyed by the last session's date).
#include "modules/bodies/bodies.hpp"
#include "modules/bodies/templates.hpp"
#include "modules/notifications/notifications.hpp"
#include <spdlog/spdlog.h>

namespace kenes::bodies {

int64_t notify_overdue_bodies(db::Database& db, const Clock& clock)
{
    std::string today = almaty::local_date(clock.now()).iso();
    auto r = db.write([&](db::Tx& tx) -> Result<int64_t> {
        int64_t sent = 0;
        // MTG-1: only sessions already held count; one convened for next week does not.
        for (auto& b : tx.query("SELECT b.institution_id, b.id, b.name, b.created_at, (SELECT max(m.held_on) FROM meetings m WHERE m.institution_id = b.institution_id "
                                "AND m.body_id = b.id AND m.held_on || 'T' || m.starts_at <= ?) FROM bodies b ORDER BY b.institution_id, b.id",
                 { almaty::iso_datetime(clock.now()).substr(0, 16) })) {
            int64_t inst = b.i64(0), body = b.i64(1);
            auto last = b.opt_str(4);
            auto rules = rules_on(tx, inst, body, today);
            if (!overdue(rules, last, almaty::local_date(b.i64(3)).iso(), today))
                continue;
            for (auto& chair : tx.query("SELECT person_id, position FROM memberships WHERE institution_id = ? AND body_id = ? AND starts_on <= ? "
                                        "AND (ends_on IS NULL OR ends_on >= ?)",
                     { inst, body, today, today })) {
                if (!chairs(chair.str(1)))
                    continue;
                std::string since = last.value_or("never");
                std::string created_on = almaty::local_date(b.i64(3)).iso();
                // A body that never met has no last session to name: its notice says so and counts
                // from the day it was created.
                boost::json::object params { { "body", b.str(2) }, { "body_id", body }, { "months", whole_months_between(last.value_or(created_on), today) } };
                if (last)
                    params["last_session"] = *last;
                else
                    params["created_on"] = created_on;
                sent += notifications::notify(tx, clock,
                    { inst, chair.i64(0), last ? "body_overdue" : "body_never_met", "body.overdue:" + std::to_string(body) + ":" + since, params });
            }
        }
        return sent;
    });
    if (r.ok() && r.value() > 0)
        spdlog::info("overdue bodies: {} chair(s) notified (MTG-1)", r.value());
    return r.ok() ? r.value() : 0;
}

}
