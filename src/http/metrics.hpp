#pragma once
// Prometheus text exposition: requests by route and status, a latency histogram, and the
// database's write batch sizes and commit latency.
#include "storage/database.hpp"
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace kenes::http {

// Who may read /metrics, which shows live counts (online votes during an election). The metrics
// listener (metrics_listen, meant for loopback) serves it to whoever reaches it. The public
// listener serves it only to "Authorization: Bearer <metrics_token>", compared in constant time,
// and answers 404 when no token is configured, as if there were no such page.
enum class MetricsAccess { Serve, NotFound, Unauthorized };
MetricsAccess metrics_access(std::string_view configured_token, bool metrics_listener, std::string_view authorization);

class Metrics {
public:
    void record(const std::string& route, int status, uint64_t micros);
    std::string render(const db::WriteStats&) const;

private:
    static constexpr std::array<uint64_t, 12> bounds_micros { 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 1000000 };
    mutable std::mutex m_mutex;
    struct Key {
        std::string route;
        int status;
    };
    struct KeyLess {
        using is_transparent = void;
        template<class A, class B>
        bool operator()(const A& a, const B& b) const
        {
            return std::tie(a.route, a.status) < std::tie(b.route, b.status);
        }
    };
    struct KeyView {
        std::string_view route;
        int status;
    };
    std::map<Key, uint64_t, KeyLess> m_requests;
    std::array<uint64_t, bounds_micros.size() + 1> m_latency {};
    uint64_t m_latency_sum_micros = 0;
    uint64_t m_latency_count = 0;
};

}
