#pragma once
// What the residence side's route files share.
#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/context.hpp"
#include "http/registry.hpp"
#include "modules/hostel/orders.hpp"
#include <optional>
#include <string>
#include <utility>

namespace kenes::hostel::detail {

// The principal's order of a settlement, reprimand or eviction: a number typed from the paper
// order wins; otherwise the order is issued (orders::issue) and its id and number returned. A
// number is required when no order could be issued (`field` names it).
Result<std::pair<std::optional<int64_t>, std::string>> order_for(db::Tx&, const http::Context&, const std::optional<std::string>& typed, orders::Draft,
    const char* field);

// The body of a request for the principal's order of a reprimand or an eviction: its date (not in
// the future) and, for a paper order, its number.
struct OrderFields {
    CivilDate issued_on;
    std::optional<std::string> number;
};
Result<OrderFields> read_order_fields(http::Context&);

// Evictions (HST-EV-1, HST-EV-2), registered with the violations.
void register_eviction_routes(http::Registry&);

}
