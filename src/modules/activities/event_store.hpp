#pragma once
// The SQL of changing and cancelling events (PLAN-2), kept out of the handlers.
#include "modules/activities/event_rules.hpp"
#include "storage/database.hpp"
#include <optional>
#include <string>
#include <vector>

namespace kenes::activities::store {

struct StoredEvent {
    int64_t id;
    rules::EventFacts facts;
    bool cancelled;
    int64_t revision;
};

std::optional<StoredEvent> find_event(db::Tx&, int64_t institution_id, int64_t id);
// Writes the visible fields and counts the revision up (the calendar's SEQUENCE).
void update_event(db::Tx&, int64_t institution_id, int64_t id, const rules::EventFacts&, int64_t now);
void cancel_event(db::Tx&, int64_t institution_id, int64_t id, const std::string& reason, int64_t now);
bool is_cancelled(db::Tx&, int64_t institution_id, int64_t id);
// Everyone registered for the event (participants and organisers), once each.
std::vector<int64_t> registered_persons(db::Tx&, int64_t institution_id, int64_t event_id);

}
