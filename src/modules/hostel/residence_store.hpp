#pragma once
// The residence side's queries (seed 004, hostel rules): residents' register lines, places, the
// family of a student, and the JSON the pages read.
#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kenes::hostel::store {

struct Place {
    int64_t id;
    std::string label, room_number, gender, hostel_name;
    int64_t room_id, floor;
    bool out_of_use;
};
std::optional<Place> place(db::Tx&, int64_t inst, int64_t place_id);
// Whether a resident lives on the place now (their line not closed by an eviction).
bool place_taken(db::Tx&, int64_t inst, int64_t place_id);
std::string place_text(const Place&);   // "Hostel, room 12, place A"

// The person's open line of the register, if any.
std::optional<int64_t> active_resident(db::Tx&, int64_t inst, int64_t person_id);
std::vector<int64_t> representatives(db::Tx&, int64_t inst, int64_t student);
std::vector<int64_t> student_and_representatives(db::Tx&, int64_t inst, int64_t student);

// HST-EV-2: an eviction ordered (or vacated) bars the person from the door.
bool barred_at_door(db::Tx&, int64_t inst, int64_t person_id);

// A register line with the student's name and the place; `full` adds the certificate, damage,
// relocations, leaves, violations and evictions.
enum class Detail { Line, Full };
std::optional<boost::json::object> resident_json(db::Tx&, int64_t inst, int64_t id, Detail);
boost::json::object violation_json(db::Tx&, int64_t inst, const db::Row&);
inline constexpr const char* violation_columns = "id, resident_id, person_id, academic_year, occurred_at, description, nature, severity, circumstances, behaviour, "
                                                 "ordinal, measure, familiarised_at, familiarised_how, representative_notified_at, explanation, explanation_at, "
                                                 "order_number, order_date, order_id, eviction_id";
std::optional<boost::json::object> violation_by_id(db::Tx&, int64_t inst, int64_t id);
std::optional<boost::json::object> eviction_json(db::Tx&, int64_t inst, int64_t id);
boost::json::object leave_json(const db::Row&);
inline constexpr const char* leave_columns = "id, resident_id, reason, leave_on, return_on, accompanying_name, accompanying_document, applied_at, departed_at, "
                                             "departed_with, returned_at, returned_with, state";

}
