#pragma once
// Incidents in the database: recording with escalation (DISC-ESC-1), reversal by a correcting
// entry, and the lists the pages show.
#include "modules/discipline/discipline.hpp"
#include "modules/discipline/rules.hpp"
#include <boost/json/object.hpp>
#include <vector>

namespace kenes::discipline::store {

struct IncidentInput {
    std::string kind_code, occurred_on, occurred_time, place, description, source;
    std::optional<int64_t> reported_by;
    std::vector<int64_t> students;
};

int64_t repeat_window_days(db::Tx&, int64_t institution_id);

// Refuses an unknown kind on the date (field kind_code) and persons who are not students.
Result<int64_t> insert_incident(db::Tx&, const Clock&, const audit::Actor&, int64_t institution_id, const IncidentInput&);

// A correcting entry that reverses the incident for every student in it; the original stays.
Result<int64_t> reverse_incident(db::Tx&, const Clock&, const audit::Actor&, int64_t institution_id, int64_t incident_id, const std::string& reason);

// The incident with its students' parts (for staff). `curator`: only the students of the groups
// this person curates (GEN-3: a curator of one class does not learn who else was involved).
std::optional<boost::json::object> incident_json(db::Tx&, int64_t institution_id, int64_t incident_id, std::optional<int64_t> curator = std::nullopt);

// One student's parts of incidents, newest first, without the other students.
boost::json::array student_incidents(db::Tx&, int64_t institution_id, int64_t person_id);

}
