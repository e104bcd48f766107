#pragma once
// Attendance (seed 004, "Registering absent lessons"): the journal per group and day, justified
// reasons (ATT-1), the representatives' acknowledgements (REP-2) and escalation (DISC-ESC-1).
#include "http/registry.hpp"
#include "storage/database.hpp"
#include <optional>
#include <string>

namespace kenes::attendance {

void register_module(http::Registry&);

// DISC-PEN-2, asked by discipline: the justified reason (ATT-1 code: "illness", "doctor",
// "family", "olympiad", "external") for which the student is absent on the date, if any.
std::optional<std::string> excused_reason_on(db::Tx&, int64_t institution_id, int64_t person_id, const std::string& iso_date);

// The academic calendar, asked by awards (AWD-3, AWD-4): the last day of the academic year's last
// term ("" when the year has no terms), from the institution's terms or the preset.
std::string last_day_of_year(db::Tx&, int64_t institution_id, const std::string& academic_year);

}
