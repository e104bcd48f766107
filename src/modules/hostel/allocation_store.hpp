#pragma once
// The allocation half's queries: campaigns, applications with their explanation, documents,
// decisions and offers. Callers audit their changes.
#include "core/clock.hpp"
#include "http/context.hpp"
#include "modules/hostel/allocation_rules.hpp"
#include "storage/database.hpp"
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>

namespace kenes::hostel::store {

struct Campaign {
    int64_t id = 0;
    std::string academic_year;
    int64_t commission_body_id = 0;
    int64_t grant_places = 0, paid_places = 0, price_tenge = 0;
    std::string deadline;
    std::optional<std::string> extended_until, extension_reason;
    std::optional<int64_t> extension_item_id;
    int64_t offer_hours = 24;
    // HST-APP-1: the last day applications are accepted (Almaty), the extension if any.
    const std::string& last_day() const { return extended_until ? *extended_until : deadline; }
    bool accepting(const std::string& today) const { return today <= last_day(); }
};
std::optional<Campaign> load_campaign(db::Tx&, int64_t inst, int64_t id);
boost::json::object campaign_json(db::Tx&, int64_t inst, const Campaign&, const std::string& today);

struct Application {
    int64_t id = 0, campaign_id = 0, number = 0, student_id = 0;
    int64_t grade = 0;
    std::string gender;
    std::optional<int64_t> applicant_id;
    std::string channel;
    int64_t priority_group = 5;
    std::string subgroups, home_locality;
    bool wants_paid = false;
    std::string form;
    bool consent_inspection = false, undertaking_to_vacate = false;
    int64_t registered_at = 0;
    std::string status, status_reason;
    rules::Applicant applicant() const;
};
std::optional<Application> load_application(db::Tx&, int64_t inst, int64_t id);
// The applications of a campaign with these statuses (all when empty), journal order.
std::vector<Application> applications_of(db::Tx&, int64_t inst, int64_t campaign_id, const std::vector<std::string>& statuses = {});

// HST-APP-2: the uploaded kinds of an application.
std::vector<std::string> document_kinds_of(db::Tx&, int64_t inst, int64_t application_id);
boost::json::array checklist_json(const Application&, const std::vector<std::string>& uploaded);

// Why the applicant stands where they stand: from the adopted decision's line when there is one,
// else from the ranking of the campaign's registered applications now (HST-PRI-1..3).
boost::json::object standing_json(const rules::Standing&, size_t of);
boost::json::value explanation(db::Tx&, int64_t inst, const Application&);

// The full application as the family and the commission see it.
boost::json::object application_json(db::Tx&, int64_t inst, const Application&);
// A journal line (appendix 3).
boost::json::object journal_line(db::Tx&, int64_t inst, const Application&);

// HST-RES-1: offers past their deadline expire and pass to the next on the reserve list, each
// change audited as the system's; evaluated on reads and actions (no timer).
void sweep_offers(db::Tx&, const http::Context&);
// The next reserve applicant of the campaign whose gender fits, not yet offered.
std::optional<int64_t> offer_next(db::Tx&, const http::Context&, int64_t campaign_id, int64_t place_id, const std::string& gender);
std::optional<boost::json::object> open_offer_json(db::Tx&, int64_t inst, int64_t application_id);

// Representatives of a student (their person ids).
std::vector<int64_t> representatives_of(db::Tx&, int64_t inst, int64_t student_id);

}
