#include "http/metrics.hpp"
#include "security/crypto.hpp"
#include <algorithm>
#include <cctype>
#include <sstream>

namespace kenes::http {

MetricsAccess metrics_access(std::string_view configured_token, bool metrics_listener, std::string_view authorization)
{
    if (metrics_listener)
        return MetricsAccess::Serve;
    if (configured_token.empty())
        return MetricsAccess::NotFound;
    constexpr std::string_view scheme = "Bearer ";
    if (authorization.size() <= scheme.size() || !std::equal(scheme.begin(), scheme.end(), authorization.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
        return MetricsAccess::Unauthorized;
    // Hashing first makes the comparison independent of the presented token's length.
    bool same = crypto::constant_time_equal(crypto::token_hash(authorization.substr(scheme.size())), crypto::token_hash(configured_token));
    return same ? MetricsAccess::Serve : MetricsAccess::Unauthorized;
}

void Metrics::record(const std::string& route, int status, uint64_t micros)
{
    size_t b = 0;
    while (b < bounds_micros.size() && micros > bounds_micros[b])
        ++b;
    std::lock_guard lk(m_mutex);
    auto it = m_requests.find(KeyView { route, status });
    if (it == m_requests.end())
        it = m_requests.emplace(Key { route, status }, 0).first;
    it->second++;
    m_latency[b]++;
    m_latency_sum_micros += micros;
    m_latency_count++;
}

std::string Metrics::render(const db::WriteStats& w) const
{
    std::ostringstream out;
    std::lock_guard lk(m_mutex);
    out << "# HELP kenes_http_requests_total HTTP requests by route and status.\n# TYPE kenes_http_requests_total counter\n";
    for (auto& [key, n] : m_requests)
        out << "kenes_http_requests_total{route=\"" << key.route << "\",status=\"" << key.status << "\"} " << n << "\n";
    out << "# HELP kenes_http_request_duration_seconds Time in the dispatcher, from routing to the response (excludes waiting for a worker thread).\n# TYPE kenes_http_request_duration_seconds histogram\n";
    uint64_t cumulative = 0;
    for (size_t i = 0; i < bounds_micros.size(); ++i) {
        cumulative += m_latency[i];
        out << "kenes_http_request_duration_seconds_bucket{le=\"" << double(bounds_micros[i]) / 1e6 << "\"} " << cumulative << "\n";
    }
    cumulative += m_latency[bounds_micros.size()];
    out << "kenes_http_request_duration_seconds_bucket{le=\"+Inf\"} " << cumulative << "\n";
    out << "kenes_http_request_duration_seconds_sum " << double(m_latency_sum_micros) / 1e6 << "\n";
    out << "kenes_http_request_duration_seconds_count " << m_latency_count << "\n";

    out << "# HELP kenes_db_write_transactions_total Write transactions committed (rolled-back ones are not counted).\n# TYPE kenes_db_write_transactions_total counter\n";
    out << "kenes_db_write_transactions_total " << w.transactions << "\n";
    out << "# HELP kenes_db_commits_total Database commits (one commit can carry a batch of transactions).\n# TYPE kenes_db_commits_total counter\n";
    out << "kenes_db_commits_total " << w.commits << "\n";
    out << "# HELP kenes_db_write_batch_size Transactions per commit.\n# TYPE kenes_db_write_batch_size histogram\n";
    cumulative = 0;
    for (size_t i = 0; i < 8; ++i) {
        cumulative += w.batch_size_buckets[i];
        if (i < 7)
            out << "kenes_db_write_batch_size_bucket{le=\"" << ((1u << (i + 1)) - 1) << "\"} " << cumulative << "\n";
    }
    out << "kenes_db_write_batch_size_bucket{le=\"+Inf\"} " << cumulative << "\n";
    out << "kenes_db_write_batch_size_sum " << w.transactions << "\nkenes_db_write_batch_size_count " << w.commits << "\n";
    out << "# HELP kenes_db_commit_duration_seconds Commit latency including fsync.\n# TYPE kenes_db_commit_duration_seconds histogram\n";
    cumulative = 0;
    uint64_t bound = 250;
    for (size_t i = 0; i < 10; ++i, bound *= 2) {
        cumulative += w.commit_latency_buckets[i];
        if (i < 9)
            out << "kenes_db_commit_duration_seconds_bucket{le=\"" << double(bound) / 1e6 << "\"} " << cumulative << "\n";
    }
    out << "kenes_db_commit_duration_seconds_bucket{le=\"+Inf\"} " << cumulative << "\n";
    out << "kenes_db_commit_duration_seconds_sum " << double(w.commit_micros_total) / 1e6 << "\nkenes_db_commit_duration_seconds_count " << w.commits << "\n";
    return out.str();
}

}
