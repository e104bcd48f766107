#pragma once
// People: persons, students, staff, legal representatives, and the roster import.
#include "http/registry.hpp"
#include "modules/people/roster.hpp"
#include "security/audit.hpp"
#include "security/principal.hpp"
#include "storage/database.hpp"
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>

namespace kenes::people {

void register_module(http::Registry&);

// Personal data of minors and families (GEN-3): birth date, gender, contacts, representatives.
enum class Sensitive { Shown, Hidden };

struct PersonFields {
    std::string surname, name;
    std::optional<std::string> patronymic, birth_date, gender, email, phone;
};
struct StudentFields {
    std::string student_number;
    std::optional<int64_t> course, grade, group_id;
    std::string status = "studying";
    bool academic_debt = false;
};

// The small interface other modules use.
// "Surname Name Patronymic" (no patronymic when there is none), from the three values or from
// a row holding surname, name and patronymic from column `at` on.
std::string full_name(const std::string& surname, const std::string& name, const std::optional<std::string>& patronymic);
std::string full_name(const db::Row&, size_t at);
bool exists(db::Tx&, int64_t institution_id, int64_t person_id);
// Whether the person is a student (of any status) of the institution.
bool is_student(db::Tx&, int64_t institution_id, int64_t person_id);
// The person's full name; empty when there is no such person.
std::string name_of(db::Tx&, int64_t institution_id, int64_t person_id);
boost::json::object person_detail(db::Tx&, int64_t institution_id, int64_t person_id, Sensitive);
boost::json::array children_of(db::Tx&, int64_t institution_id, int64_t person_id);

// Writes (callers audit). Sort and search keys are derived here.
int64_t insert_person(db::Tx&, const Clock&, int64_t institution_id, const PersonFields&);
void update_person(db::Tx&, const Clock&, int64_t institution_id, int64_t person_id, const PersonFields&);
void put_student(db::Tx&, int64_t institution_id, int64_t person_id, const StudentFields&);
// A student who left (expelled, graduated) keeps no working account: it is disabled with its
// sessions and tokens, each audited as user.deactivate in the caller's transaction.
void deactivate_if_left(db::Tx&, const Clock&, const audit::Actor&, int64_t institution_id, int64_t person_id, const std::string& status);
void put_staff(db::Tx&, int64_t institution_id, int64_t person_id, const std::string& position);
void link_representative(db::Tx&, int64_t institution_id, int64_t student_id, int64_t representative_id, const std::string& kind);

// Imports checked roster rows (API and `kenes import`): students found by student number are
// updated, others created; representatives matched by name per student. Audits each person.
// Returns {created, updated, representatives, new_groups}.
// Writes the rows (all of them, in the caller's transaction); rows without a student number are
// matched or numbered first (resolve_student_numbers).
boost::json::object apply_roster(db::Tx&, const Clock&, const audit::Actor&, int64_t institution_id, std::vector<roster::Row>);
void resolve_student_numbers(db::Tx&, int64_t institution_id, int year, std::vector<roster::Row>&);

// May this principal see the sensitive data of this person? Asks policy::read_sensitive.
bool may_see_sensitive(db::Tx&, const Principal&, int64_t person_id);

namespace detail {
void register_person_routes(http::Registry&);
void register_import_routes(http::Registry&);
}

}
