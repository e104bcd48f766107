#pragma once
// Discipline (seed 004, "Responsibility of students"): the infraction catalogue, incidents, cases
// before the Disciplinary Committee, decisions, the principal's orders and the penalty register.
// Other modules ask it through the functions below, never through its tables.
#include "core/clock.hpp"
#include "http/registry.hpp"
#include "i18n/catalog.hpp"
#include "core/result.hpp"
#include "security/audit.hpp"
#include "storage/database.hpp"
#include <optional>
#include <string>

namespace kenes::discipline {

void register_module(http::Registry&);

// DISC-PEN-6, asked by the elections module (ELEC-ELIG-1): whether the student counts as having a
// penalty on the date.
bool penalty_active_on(db::Tx&, int64_t institution_id, int64_t person_id, const CivilDate&);

// An incident the attendance journal proposes and a curator confirms (DISC-ESC-1: the 4th
// lateness, the 4th unjustified absence in a term). Returns the incident's id.
struct NewIncident {
    int64_t student_id = 0;
    std::string kind_code;                     // a code of the institution's catalogue
    std::string occurred_on;                   // ISO date (Almaty)
    std::string occurred_time;                 // "HH:MM" or empty
    std::string place;
    std::string description;
    std::optional<int64_t> reported_by;        // person id of the reporting staff member
    std::string source = "staff";              // "staff" | "attendance"
};
Result<int64_t> record_incident(db::Tx&, const Clock&, const audit::Actor&, int64_t institution_id, const NewIncident&);

// The demo institution's incidents, phones, a case on the committee's next session and a paper
// penalty (src/app/demo.cpp).
struct DemoPeople {
    int64_t institution_id, committee, meeting, reporter, student, classmate;
};
void seed_demo(db::Tx&, const Clock&, const audit::Actor&, const Catalog&, const DemoPeople&);

}
