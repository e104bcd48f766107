#include "modules/order_verification.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include <boost/json/parse.hpp>

namespace kenes::modules {

using boost::json::object;

Result<http::Response> verify_order(http::Context& ctx, const SignedOrders& orders)
{
    auto code = ctx.params.at("code");
    auto institution = signing::institution_of_code(code, orders.tag);
    if (!institution)
        return Error::not_found();
    int64_t inst = *institution;
    return ctx.db().read([&](db::Tx& tx) -> Result<http::Response> {
        auto r = tx.query_one(std::string("SELECT snapshot_json, document_hash, signature, public_key FROM ") + orders.table
                + " WHERE institution_id = ? AND verification_code = ?",
            { inst, code });
        if (!r)
            return Error::not_found();
        std::string snap = r->str(0), hash = r->blob(1);
        bool intact = signing::sha256(snap) == hash && signing::verify(r->blob(3), hash, r->blob(2));
        auto s = boost::json::parse(snap).as_object();
        return http::Response::ok(object { { "valid", intact }, { "document", orders.document }, { "institution", s["institution"] }, { "number", s["number"] },
            { "kind", s["kind"] }, { "issued_on", s["issued_on"] }, { "document_hash", crypto::to_hex(hash) }, { "signature", crypto::to_hex(r->blob(2)) },
            { "public_key", crypto::to_hex(r->blob(3)) } });
    });
}

}
