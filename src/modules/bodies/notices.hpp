#pragma once
// The notices of bodies, sessions and protocols: who is told of what. Each is called inside the
// transaction of the change it tells of. Only the body's members hear of its sessions; of a
// confidential commission's agenda nothing but "a session was convened" leaves the app (GEN-3).
#include "core/clock.hpp"
#include "storage/database.hpp"
#include <string>

namespace kenes::bodies::notices {

void register_kinds();
void meeting_convened(db::Tx&, const Clock&, int64_t institution_id, int64_t meeting_id);
void agenda_item_added(db::Tx&, const Clock&, int64_t institution_id, int64_t meeting_id, int64_t item_id, const std::string& title);
void vote_opened(db::Tx&, const Clock&, int64_t institution_id, int64_t item_id);
void protocol_to_sign(db::Tx&, const Clock&, int64_t institution_id, int64_t meeting_id);
void protocol_final(db::Tx&, const Clock&, int64_t institution_id, int64_t meeting_id);
void membership_added(db::Tx&, const Clock&, int64_t institution_id, int64_t membership_id);
void membership_ended(db::Tx&, const Clock&, int64_t institution_id, int64_t membership_id);
// state: "proposed", "accepted" or "rejected"
void candidacy_changed(db::Tx&, const Clock&, int64_t institution_id, int64_t candidate_id, const std::string& state);
// MTG-7: reminders to the members present who have not signed a protocol after 24 h and 72 h.
int64_t remind_signatures(db::Database&, const Clock&);

}
