// What the allocation half puts on "needs you" lists: the family's offer to answer (HST-RES-1)
// and documents still missing (HST-APP-2); the commission's ranking to consider once the
// applications are closed (HST-APP-1).
#include "modules/hostel/allocation_store.hpp"
#include "modules/hostel/policy.hpp"
#include "modules/hostel/routes.hpp"
#include "security/permissions.hpp"
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace kenes::hostel {

using boost::json::object;
using http::Need;

namespace {

std::vector<Need> needs_of(db::Tx& tx, const http::Viewer& v)
{
    std::vector<Need> out;
    int64_t inst = v.user.institution_id;
    auto today = almaty::local_date(v.clock.now()).iso();
    if (v.user.person_id) {
        int64_t me = *v.user.person_id;
        // Offers still open (an expired one is no longer shown: it passes on when next read).
        for (auto& r : tx.query("SELECT o.id, a.id, a.number, o.expires_at FROM hostel_offers o JOIN hostel_applications a ON a.institution_id = o.institution_id AND a.id = o.application_id "
                                "WHERE o.institution_id = ? AND o.state = 'open' AND o.expires_at > ? AND a.student_id IN (SELECT student_id FROM representatives WHERE institution_id = ? "
                                "AND representative_id = ?) ORDER BY o.expires_at, o.id LIMIT 20",
                 { inst, v.clock.now(), inst, me }))
            out.push_back({ "hostel_offer", perm::Self, &policy::answer_offer, r.i64(0), "/hostel/applications/" + std::to_string(r.i64(1)),
                object { { "number", r.i64(2) } }, almaty::iso_datetime(r.i64(3)).substr(0, 16) });
        // Documents missing while the campaign still accepts them.
        for (auto& r : tx.query("SELECT a.id FROM hostel_applications a JOIN hostel_campaigns c ON c.institution_id = a.institution_id AND c.id = a.campaign_id "
                                "WHERE a.institution_id = ? AND a.status = 'registered' AND coalesce(c.extended_until, c.deadline) >= ? AND a.student_id IN "
                                "(SELECT student_id FROM representatives WHERE institution_id = ? AND representative_id = ?) ORDER BY a.id LIMIT 20",
                 { inst, today, inst, me })) {
            auto a = store::load_application(tx, inst, r.i64(0));
            auto missing = rules::missing(rules::checklist(int(a->priority_group), rules::parse_subgroups(a->subgroups)), store::document_kinds_of(tx, inst, a->id));
            if (!missing.empty())
                out.push_back({ "hostel_documents", perm::Self, &policy::edit_application, a->id, "/hostel/applications/" + std::to_string(a->id),
                    object { { "number", a->number }, { "missing", int64_t(missing.size()) } }, "" });
        }
        // The commission: applications closed, the allocation not yet decided.
        for (auto& r : tx.query("SELECT c.id, c.academic_year FROM hostel_campaigns c WHERE c.institution_id = ? AND coalesce(c.extended_until, c.deadline) < ? "
                                "AND NOT EXISTS (SELECT 1 FROM hostel_decisions d WHERE d.institution_id = c.institution_id AND d.campaign_id = c.id AND d.kind = 'allocation' "
                                "AND d.decided_at IS NOT NULL) AND EXISTS (SELECT 1 FROM hostel_applications a WHERE a.institution_id = c.institution_id AND a.campaign_id = c.id "
                                "AND a.status = 'registered') ORDER BY c.academic_year DESC LIMIT 5",
                 { inst, today }))
            out.push_back({ "hostel_ranking", perm::Self, &policy::decide_in_campaign, r.i64(0), "/hostel/campaigns/" + std::to_string(r.i64(0)),
                object { { "year", r.str(1) } }, "" });
    }
    return out;
}

// The overview's hostel section: the student's applications, newest first, and an open offer.
boost::json::value applications_section(db::Tx& tx, const http::Viewer& v, const authz::Facts&, int64_t person)
{
    int64_t inst = v.user.institution_id;
    boost::json::array items;
    for (auto& r : tx.query("SELECT a.id, a.number, c.academic_year, a.status, EXISTS (SELECT 1 FROM hostel_offers o WHERE o.institution_id = a.institution_id "
                            "AND o.application_id = a.id AND o.state = 'open' AND o.expires_at > ?) FROM hostel_applications a JOIN hostel_campaigns c "
                            "ON c.institution_id = a.institution_id AND c.id = a.campaign_id WHERE a.institution_id = ? AND a.student_id = ? "
                            "ORDER BY c.academic_year DESC, a.id DESC LIMIT 5",
             { v.clock.now(), inst, person }))
        items.push_back(object { { "id", r.i64(0) }, { "number", r.i64(1) }, { "academic_year", r.str(2) }, { "status", r.str(3) }, { "offer_open", r.flag(4) } });
    return object { { "applications", items } };
}

}

void detail::register_allocation_contributions(http::Registry& r)
{
    r.needs.push_back({ "hostel_allocation", needs_of });
    r.person_sections.push_back({ "hostel", &policy::person_hostel, applications_section });
}


}
