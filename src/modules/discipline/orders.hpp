#pragma once
// The principal's orders (DISC-PEN-4, DISC-PEN-5): a frozen snapshot signed by the institution
// (Ed25519 over its SHA-256, as protocols), verifiable by its QR code, rendered as PDF.
#include "core/result.hpp"
#include "http/context.hpp"
#include "http/registry.hpp"
#include <boost/json/object.hpp>

namespace kenes::discipline::orders {

// Issues an order about a penalty entry: kind "penalty" or "withdrawal". Numbered per academic
// year; audited; the student and representatives are notified. Returns the order's id.
int64_t issue(db::Tx&, const http::Context&, const std::string& kind, std::optional<int64_t> case_id, int64_t penalty_id, int64_t person_id,
    const std::string& issued_on, boost::json::object content);

boost::json::object order_json(db::Tx&, int64_t institution_id, int64_t order_id);
std::string render_pdf(const Catalog&, Lang, const boost::json::object& snapshot, const std::string& verify_url, const std::string& hash_hex,
    const std::string& signature_hex);

void register_routes(http::Registry&);

}
