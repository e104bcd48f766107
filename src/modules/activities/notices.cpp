#include "modules/activities/notices.hpp"
#include "modules/activities/event_store.hpp"
#include "modules/notifications/notifications.hpp"

namespace kenes::activities::notices {

using boost::json::object;

namespace {

// Every change is a notice of its own: the revision makes its key unique, and repeating the same
// request cannot notify twice because an identical PATCH changes no revision.
std::string key(const char* what, int64_t event_id, int64_t revision)
{
    return std::string(what) + ":" + std::to_string(event_id) + ":" + std::to_string(revision);
}

int64_t revision_of(db::Tx& tx, int64_t inst, int64_t event_id) { return store::find_event(tx, inst, event_id)->revision; }

}

void register_kinds()
{
    using notifications::register_kind;
    register_kind({ "event_changed", true, "/events/{event_id}" });
    register_kind({ "event_cancelled", true, "/events/{event_id}" });
}

void event_changed(db::Tx& tx, const Clock& clock, int64_t inst, int64_t event_id, const rules::EventFacts& before, const rules::EventFacts& after)
{
    auto change = rules::compare(before, after);
    if (!change.any())
        return;
    // The catalog's messages choose their sentences by number (=1 said, other not), as they have no select.
    object params { { "event_id", event_id }, { "title", after.title }, { "old_title", before.title }, { "renamed", int64_t(change.renamed) },
        { "moved", int64_t(change.moved) }, { "old_when", rules::when_text(before.held_on, before.starts_at) },
        { "new_when", rules::when_text(after.held_on, after.starts_at) }, { "relocated", int64_t(change.relocated) }, { "old_place", before.place },
        { "new_place", after.place }, { "redescribed", int64_t(change.redescribed) } };
    notifications::notify_each(tx, clock, inst, store::registered_persons(tx, inst, event_id), "event_changed",
        key("event.changed", event_id, revision_of(tx, inst, event_id)), params);
}

void event_cancelled(db::Tx& tx, const Clock& clock, int64_t inst, int64_t event_id, const rules::EventFacts& event, const std::string& reason)
{
    object params { { "event_id", event_id }, { "title", event.title }, { "when", rules::when_text(event.held_on, event.starts_at) }, { "place", event.place },
        { "reason", reason } };
    notifications::notify_each(tx, clock, inst, store::registered_persons(tx, inst, event_id), "event_cancelled", key("event.cancelled", event_id, 0), params);
}

}
