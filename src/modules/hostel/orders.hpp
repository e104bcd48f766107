#pragma once
// The principal's hostel orders (seed 004 hostel rules): the allocation of places after the
// commission's decision, settlement (HST-REG-1), a reprimand or an eviction for violations
// (HST-VIOL-2), an eviction (HST-EV-2), vacating for a priority student (HST-BUMP-1). Each is a
// frozen snapshot numbered per academic year, signed by the institution (Ed25519 over its SHA-256,
// as protocols and discipline orders), verifiable at /verify/<code>, rendered as PDF in kk/ru/en.
#include "core/result.hpp"
#include "http/context.hpp"
#include "http/registry.hpp"
#include "security/audit.hpp"
#include <boost/json/object.hpp>

namespace kenes::hostel::orders {

enum class Kind { Allocation, Settlement, Reprimand, Eviction, Bumping };

// What an order says, language-neutral; the PDF words it in the reader's language.
//   students: [{ "person_id", "name", "group", "grade", "line" }] where "line" is what the order
//             says of this student, a code the PDF translates: "grant", "paid", "reserve",
//             "refused", "settle", "reprimand", "evict", "vacate"; optional "room", "place",
//             "reason" (an HST-EV-1 reason code), "vacate_by" (ISO date), "deviation" (typed text).
//   grounds:  typed text (the facts: a violation, the head's submission).
//   decision: optional { "body", "held_on", "protocol" } of the commission's session.
//   academic_year: the year of the places.
struct Draft {
    Kind kind;
    std::optional<int64_t> person_id;       // the student, for orders about one student
    std::optional<int64_t> decision_id;     // hostel_decisions.id, for allocation and bumping
    std::string issued_on;                  // ISO date (Almaty)
    boost::json::object content;
};
struct Issued {
    int64_t id;
    std::string number;   // "N/2026-2027"
};
// Numbers, snapshots, signs and audits the order; the student's representatives are notified.
Issued issue(db::Tx&, const http::Context&, Draft);
// The same by an actor outside a request (demo data, the command line).
Issued issue(db::Tx&, const Clock&, const audit::Actor&, int64_t institution_id, Draft);

boost::json::object order_json(db::Tx&, int64_t institution_id, int64_t order_id);

// GET /api/v1/hostel/orders/{id}, .../pdf (the student, representatives, curator, the head, the
// administration, the commission for its decisions) and the public check by code.
void register_routes(http::Registry&);

}
