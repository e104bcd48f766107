#include "modules/activities/event_store.hpp"

namespace kenes::activities::store {

std::optional<StoredEvent> find_event(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT id, title, description, held_on, starts_at, place, cancelled_at, revision FROM events WHERE institution_id = ? AND id = ?",
        { inst, id });
    if (!r)
        return std::nullopt;
    return StoredEvent { r->i64(0), { r->str(1), r->str(2), r->str(3), r->opt_str(4), r->str(5) }, !r->is_null(6), r->i64(7) };
}

void update_event(db::Tx& tx, int64_t inst, int64_t id, const rules::EventFacts& f, int64_t now)
{
    tx.exec("UPDATE events SET title = ?, description = ?, held_on = ?, starts_at = ?, place = ?, revision = revision + 1, changed_at = ? WHERE institution_id = ? AND id = ?",
        { f.title, f.description, f.held_on, db::nullable(f.starts_at), f.place, now, inst, id });
}

void cancel_event(db::Tx& tx, int64_t inst, int64_t id, const std::string& reason, int64_t now)
{
    tx.exec("UPDATE events SET cancelled_at = ?, cancel_reason = ?, revision = revision + 1, changed_at = ? WHERE institution_id = ? AND id = ?",
        { now, reason, now, inst, id });
}

bool is_cancelled(db::Tx& tx, int64_t inst, int64_t id)
{
    return tx.query_one("SELECT 1 FROM events WHERE institution_id = ? AND id = ? AND cancelled_at IS NOT NULL", { inst, id }).has_value();
}

std::vector<int64_t> registered_persons(db::Tx& tx, int64_t inst, int64_t event_id)
{
    std::vector<int64_t> out;
    for (auto& r : tx.query("SELECT person_id FROM event_participants WHERE institution_id = ? AND event_id = ? ORDER BY person_id", { inst, event_id }))
        out.push_back(r.i64(0));
    return out;
}

}
