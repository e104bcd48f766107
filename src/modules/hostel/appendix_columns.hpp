#pragma once
// GEN-4: the columns the appendix forms of seed 004 give a student in the hostel's journals
// (appendix 3, the journal of applications; appendix 6, the register of residents): date of
// birth, place of residence, gender, grade, and the father and mother with their contacts.
#include "i18n/catalog.hpp"
#include "storage/database.hpp"
#include <string>
#include <vector>

namespace kenes::hostel::appendix {

struct StudentColumns {
    std::string birth_date, residence, gender, grade, father, mother;
};

// `residence`: the place of residence the application gave (empty: the latest application's).
StudentColumns student_columns(db::Tx&, const Catalog&, Lang, int64_t institution_id, int64_t student_id, std::string residence = {});

// Portrait A4 holds few columns: the student with date of birth, gender and grade in one cell,
// the representatives in one, the place of residence in its own.
std::string student_cell(const std::string& name, const StudentColumns&);
std::string representatives_cell(const Catalog&, Lang, const StudentColumns&);

}
