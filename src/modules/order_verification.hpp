#pragma once
// The public check of a printed principal's order by the code in its QR link (discipline orders,
// hostel orders): whether the snapshot still hashes to its hash and the institution's signature
// holds. Only what the printout itself shows is revealed: number, date, kind, never the student.
#include "http/context.hpp"

namespace kenes::modules {

struct SignedOrders {
    const char* table;      // holds snapshot_json, document_hash, signature, public_key, verification_code
    char tag;               // the code's tag (signing::verification_code)
    const char* document;   // the "document" answered: "discipline_order", "hostel_order"
};

Result<http::Response> verify_order(http::Context&, const SignedOrders&);

}
