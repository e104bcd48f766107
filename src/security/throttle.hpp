#pragma once
// Sign-in throttling per account and per address, kept in the database so every server process
// sees the same counts.
#include "core/clock.hpp"
#include "storage/database.hpp"
#include <optional>
#include <string>

namespace kenes::throttle {

struct Policy {
    int64_t window_ms = 15 * 60 * 1000;
    int64_t account_failures = 5;
    int64_t address_failures = 30;
};

// Seconds until sign-in is allowed again, or nullopt when it is allowed now.
std::optional<int64_t> blocked_for(db::Tx&, const Clock&, const Policy&, const std::string& login, const std::string& address);
void record_failure(db::Tx&, const Clock&, const Policy&, const std::string& login, const std::string& address);
void record_success(db::Tx&, const std::string& login);

}
