#pragma once
// Queries of the statements module shared by its handlers, notices and needs.
#include "i18n/catalog.hpp"
#include "modules/statements/rules.hpp"
#include "storage/database.hpp"
#include <boost/json/object.hpp>

namespace kenes::statements::store {

struct Term {
    int days = default_answer_days;
    bool working = default_working_days;
};
std::string institution_name(db::Tx&, int64_t institution_id);
Term answer_term(db::Tx&, int64_t institution_id);
// "12/2026": the number of the year's register.
std::string number_of(db::Tx&, int64_t institution_id, int64_t statement_id);
boost::json::object statement_json(db::Tx&, int64_t institution_id, int64_t id, const CivilDate& today);
// The persons a statement's answer goes to: the filer, the student, the student's representatives (REP-1).
std::vector<int64_t> addressees(db::Tx&, int64_t institution_id, int64_t statement_id);
std::vector<int64_t> representatives_of(db::Tx&, int64_t institution_id, int64_t student);
// Whether the person is a legal representative of the student (acts on behalf of their own child).
bool represents(db::Tx&, int64_t institution_id, int64_t representative, int64_t student);
// The next number of the year's register of statements or complaints.
int64_t next_number(db::Tx&, const char* table, int64_t institution_id, int year);

}
