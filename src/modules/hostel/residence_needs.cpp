// What the residence side puts on "needs you": the representative's certificate to sign (HST-REG-1),
// a violation to sign (the student) or explain (HST-VIOL-1); for the head, bypass sheets to complete
// and evictions past their day to vacate (HST-EV-2).
#include "modules/hostel/policy.hpp"
#include "modules/hostel/routes.hpp"
#include "modules/people/people.hpp"
#include <boost/json/object.hpp>

namespace kenes::hostel {

using boost::json::object;
using http::Need;

namespace {

const char* my_students = "(r.person_id = ? OR r.person_id IN (SELECT student_id FROM representatives WHERE institution_id = ? AND representative_id = ?))";

void family_needs(db::Tx& tx, int64_t inst, int64_t me, std::vector<Need>& out)
{
    for (auto& c : tx.query("SELECT r.id, r.person_id FROM hostel_certificates c JOIN hostel_residents r ON r.institution_id = c.institution_id AND r.id = c.resident_id "
                            "WHERE c.institution_id = ? AND c.signed_at IS NULL AND r.evicted_on IS NULL AND r.person_id IN "
                            "(SELECT student_id FROM representatives WHERE institution_id = ? AND representative_id = ?) ORDER BY r.id LIMIT 20",
             { inst, inst, me }))
        out.push_back({ "hostel_certificate_sign", apply_perm, &policy::sign_certificate, c.i64(0), "/hostel/residents/" + std::to_string(c.i64(0)),
            object { { "student", people::name_of(tx, inst, c.i64(1)) } }, "" });
    for (auto& v : tx.query(std::string("SELECT v.id, v.person_id, v.familiarised_at, v.explanation_at, v.occurred_at FROM hostel_violations v JOIN hostel_residents r "
                                        "ON r.institution_id = v.institution_id AND r.id = v.resident_id WHERE v.institution_id = ? AND ")
                     + my_students + " AND (v.familiarised_at IS NULL OR v.explanation_at IS NULL) ORDER BY v.occurred_at, v.id LIMIT 20",
             { inst, me, inst, me })) {
        object params { { "student", people::name_of(tx, inst, v.i64(1)) }, { "date", almaty::local_date(v.i64(4)).iso() } };
        auto link = "/hostel/violations/" + std::to_string(v.i64(0));
        if (v.i64(1) == me && v.is_null(2))
            out.push_back({ "hostel_violation_sign", read_perm, &policy::familiarise_violation, v.i64(0), link, params, "" });
        if (v.is_null(3))
            out.push_back({ "hostel_violation_explain", read_perm, &policy::explain_violation, v.i64(0), link, params, "" });
    }
}

void head_needs(db::Tx& tx, int64_t inst, const std::string& today, std::vector<Need>& out)
{
    for (auto& e : tx.query("SELECT id, person_id FROM hostel_evictions WHERE institution_id = ? AND state = 'submitted' ORDER BY submitted_at, id LIMIT 20", { inst }))
        out.push_back({ "hostel_bypass_sheet", manage_perm, &policy::manage_eviction, e.i64(0), "/hostel/evictions/" + std::to_string(e.i64(0)),
            object { { "student", people::name_of(tx, inst, e.i64(1)) } }, "" });
    for (auto& e : tx.query("SELECT id, person_id, vacate_by FROM hostel_evictions WHERE institution_id = ? AND state = 'ordered' AND vacate_by < ? ORDER BY vacate_by, id LIMIT 20",
             { inst, today }))
        out.push_back({ "hostel_vacate_overdue", manage_perm, &policy::manage_eviction, e.i64(0), "/hostel/evictions/" + std::to_string(e.i64(0)),
            object { { "student", people::name_of(tx, inst, e.i64(1)) }, { "vacate_by", e.str(2) } }, e.str(2) });
}

std::vector<Need> needs_of(db::Tx& tx, const http::Viewer& v)
{
    std::vector<Need> out;
    if (v.user.person_id)
        family_needs(tx, v.user.institution_id, *v.user.person_id, out);
    if (v.user.can(manage_perm))
        head_needs(tx, v.user.institution_id, almaty::local_date(v.clock.now()).iso(), out);
    return out;
}

}

void detail::register_residence_contributions(http::Registry& r)
{
    r.needs.push_back({ "hostel_residence", needs_of });
}

}
