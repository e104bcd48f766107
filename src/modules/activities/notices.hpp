#pragma once
// The notices of events (issue "Notices", kind "an event I registered for changed"): only the
// people registered for the event hear of its changes and its cancellation, in the transaction
// of the change, so a notice exists exactly when the change does.
#include "core/clock.hpp"
#include "modules/activities/event_rules.hpp"
#include "storage/database.hpp"
#include <string>

namespace kenes::activities::notices {

void register_kinds();
// Nothing is sent when nothing visible changed.
void event_changed(db::Tx&, const Clock&, int64_t institution_id, int64_t event_id, const rules::EventFacts& before, const rules::EventFacts& after);
void event_cancelled(db::Tx&, const Clock&, int64_t institution_id, int64_t event_id, const rules::EventFacts&, const std::string& reason);

}
