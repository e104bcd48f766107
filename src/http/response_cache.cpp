#include "http/response_cache.hpp"

namespace kenes::http {

std::optional<std::string> ResponseCache::find(const std::string& key, int64_t version)
{
    std::lock_guard lk(m_mutex);
    auto it = m_entries.find(key);
    if (it == m_entries.end() || it->second.version != version)
        return std::nullopt;
    m_lru.splice(m_lru.begin(), m_lru, it->second.lru);
    return it->second.body;
}

void ResponseCache::store(const std::string& key, int64_t version, std::string body)
{
    if (body.size() > m_max_bytes / 8)
        return;
    std::lock_guard lk(m_mutex);
    if (auto it = m_entries.find(key); it != m_entries.end()) {
        m_bytes -= it->second.body.size();
        m_lru.erase(it->second.lru);
        m_entries.erase(it);
    }
    m_lru.push_front(key);
    m_bytes += body.size();
    m_entries.emplace(key, Entry { version, std::move(body), m_lru.begin() });
    while (m_bytes > m_max_bytes && !m_lru.empty()) {
        auto victim = m_entries.find(m_lru.back());
        m_bytes -= victim->second.body.size();
        m_entries.erase(victim);
        m_lru.pop_back();
    }
}

}
