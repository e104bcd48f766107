#include "http/live.hpp"
#include <spdlog/spdlog.h>

namespace kenes::http {

std::pair<uint64_t, std::string> LiveHub::Topic::current()
{
    std::lock_guard lk(m_mutex);
    return { m_sequence, m_payload };
}

uint64_t LiveHub::Topic::watch(std::function<void()> wake)
{
    std::lock_guard lk(m_mutex);
    uint64_t ticket = m_next_ticket++;
    m_viewers.emplace(ticket, std::move(wake));
    return ticket;
}

void LiveHub::Topic::unwatch(uint64_t ticket)
{
    std::lock_guard lk(m_mutex);
    m_viewers.erase(ticket);
    if (m_viewers.empty())
        m_idle_since = std::chrono::steady_clock::now();
}

size_t LiveHub::Topic::viewers()
{
    std::lock_guard lk(m_mutex);
    return m_viewers.size();
}

std::shared_ptr<LiveHub::Topic> LiveHub::subscribe(const std::string& key, Loader loader)
{
    std::lock_guard lk(m_mutex);
    auto& t = m_topics[key];
    if (!t) {
        t = std::make_shared<Topic>();
        t->m_loader = std::move(loader);
    }
    return t;
}

void LiveHub::refresh(Topic& t)
{
    int64_t version;
    {
        std::lock_guard lk(t.m_mutex);
        version = t.m_version;
    }
    std::optional<std::string> payload;
    try {
        payload = t.m_loader(version);
    } catch (const std::exception& e) {
        spdlog::warn("live update failed: {}", e.what());
        return;
    }
    if (!payload)
        return;
    std::vector<std::function<void()>> wake;
    {
        std::lock_guard lk(t.m_mutex);
        t.m_version = version;
        t.m_payload = std::move(*payload);
        ++t.m_sequence;
        for (auto& [ticket, w] : t.m_viewers)
            wake.push_back(w);
    }
    for (auto& w : wake)
        w();
}

void LiveHub::refresh_all()
{
    std::vector<std::shared_ptr<Topic>> active;
    {
        std::lock_guard lk(m_mutex);
        auto now = std::chrono::steady_clock::now();
        for (auto it = m_topics.begin(); it != m_topics.end();) {
            auto& t = it->second;
            bool watched, idle;
            {
                std::lock_guard tl(t->m_mutex);
                watched = !t->m_viewers.empty();
                idle = !watched && now - t->m_idle_since > std::chrono::seconds(30);
            }
            if (idle) {
                it = m_topics.erase(it);
                continue;
            }
            if (watched)
                active.push_back(t);
            ++it;
        }
    }
    for (auto& t : active)
        refresh(*t);
}

void LiveHub::wake_all()
{
    std::vector<std::function<void()>> wake;
    {
        std::lock_guard lk(m_mutex);
        for (auto& [key, t] : m_topics) {
            std::lock_guard tl(t->m_mutex);
            for (auto& [ticket, w] : t->m_viewers)
                wake.push_back(w);
        }
    }
    for (auto& w : wake)
        w();
}

size_t LiveHub::topic_count()
{
    std::lock_guard lk(m_mutex);
    return m_topics.size();
}

}
