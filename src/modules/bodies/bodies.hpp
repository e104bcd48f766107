#pragma once
// Self-government bodies, their members and their sessions (ORG-*, MTG-*).
#include "http/registry.hpp"
#include "modules/bodies/rules.hpp"
#include "i18n/catalog.hpp"
#include "security/audit.hpp"
#include "security/principal.hpp"
#include "storage/database.hpp"
#include <boost/json/object.hpp>

namespace kenes::bodies {

void register_module(http::Registry&);

// Rules in force for a body on a date (DISC-VER-1: versioned by effective date).
BodyRules rules_on(db::Tx&, int64_t institution_id, int64_t body_id, const std::string& date);
boost::json::object rules_json(const BodyRules&);
Result<BodyRules> parse_rules(const boost::json::object&, const BodyRules& base);

// Creates a body from a template with its nested bodies and rule preset (ORG-2); audits it.
// A body's name in the reader's language: the template's name while it has its key, else the
// typed name (the same in every language).
std::string display_name(const Catalog&, Lang, const std::string& name, const std::optional<std::string>& name_key);
int64_t create_body(db::Tx&, const Clock&, const audit::Actor&, int64_t institution_id, const Catalog&, const std::string& template_id,
    const std::optional<std::string>& name, std::optional<int64_t> parent);

// The small interface other modules use.
bool body_exists(db::Tx&, int64_t institution_id, int64_t body_id);
// The body whose session adopted this agenda item with this kind, if it did.
std::optional<int64_t> adopting_body(db::Tx&, int64_t institution_id, int64_t agenda_item_id, const std::string& kind);
// DISC-PEN-3: whether the agenda item was adopted at an extraordinary session of a body of the template.
bool adopted_at_extraordinary(db::Tx&, int64_t institution_id, int64_t agenda_item_id, const std::string& template_id);

// MTG-1: notifies the chairs of overdue bodies; returns how many notices were new.
int64_t notify_overdue_bodies(db::Database&, const Clock&);

// A case of another module put on the agenda of an open session of the body (MTG-2 kinds:
// "discipline_case", "hostel_allocation", "awards"), with the persons interested in its outcome,
// who are recused from deciding it (MTG-6). Refuses a session of another body (field meeting_id).
// Returns the agenda item's id; audited.
struct CaseItem {
    int64_t meeting_id, body_id;
    std::string kind, title, motion;
    std::vector<int64_t> interested;
};
Result<int64_t> put_on_agenda(db::Tx&, const Clock&, const audit::Actor&, int64_t institution_id, const CaseItem&);
// The outcome of an agenda item once its vote is closed: "adopted", "rejected", or empty.
std::string item_outcome(db::Tx&, int64_t institution_id, int64_t agenda_item_id);
// The draft protocol of a session closed outside a request (demo data), as closing it makes (MTG-7).
void draft_protocol(db::Tx&, const Clock&, int64_t institution_id, int64_t meeting_id);

// The "needs you" entries of this module for one person (sessions, votes, signatures, candidacies).
std::vector<http::Need> needs_of(db::Tx&, const http::Viewer&);
// Its sections of a person's overview: seats and candidacies, sessions ahead.
void register_overview_sections(http::Registry&);

namespace detail {
// Seats a person in a body after the checks every membership passes (ORG-7, ORG-8, ORG-9); audited.
struct Seat {
    int64_t body_id, person_id;
    std::string position;
    std::optional<bool> voting;
    CivilDate starts;
    std::optional<CivilDate> ends;
    bool ex_officio = false;
    std::optional<int64_t> decision_item;   // ORG-6: the Council's decision that seated the candidate
    std::optional<int64_t> founding_act = {};   // ORG-6: the administration's order that staffed the new body
};
Result<boost::json::object> seat_member(db::Tx&, const http::Context&, const Seat&);

void register_body_routes(http::Registry&);
void register_founding_routes(http::Registry&);
// The order that staffed the body (ORG-6), or null.
boost::json::value founding_act_json(db::Tx&, int64_t institution_id, int64_t body_id);
void register_candidate_routes(http::Registry&);
void register_meeting_routes(http::Registry&);
void register_protocol_routes(http::Registry&);
void register_org_chart_routes(http::Registry&);
}

}
