#pragma once
// Live updates over server-sent events. A topic (e.g. one session, in one language) has a loader
// that, given the version it knows, returns a new serialized payload only when the data changed.
// The server polls each topic that has viewers a few times a second, on a worker thread: one
// query per topic, whatever the number of viewers, and also changes made by another server
// process are seen. Each viewer gets at most one message per second (coalescing), so the cost
// grows with viewers, not with viewers times changes.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kenes::http {

class LiveHub {
public:
    // Returns the new payload and sets `version` when the data changed since `version`.
    using Loader = std::function<std::optional<std::string>(int64_t& version)>;

    class Topic {
    public:
        std::pair<uint64_t, std::string> current();   // (sequence, payload); sequence 0: not loaded yet
        uint64_t watch(std::function<void()> wake);     // registers a viewer; returns its ticket
        void unwatch(uint64_t ticket);
        size_t viewers();

    private:
        friend class LiveHub;
        Loader m_loader;
        std::mutex m_mutex;
        int64_t m_version = -1;
        uint64_t m_sequence = 0;
        std::string m_payload;
        std::map<uint64_t, std::function<void()>> m_viewers;
        uint64_t m_next_ticket = 1;
        std::chrono::steady_clock::time_point m_idle_since = std::chrono::steady_clock::now();
    };

    std::shared_ptr<Topic> subscribe(const std::string& key, Loader loader);
    // Reloads every topic with viewers (blocking: call on a worker thread) and wakes viewers of
    // the changed ones; forgets topics nobody has watched for a while.
    void refresh_all();
    void refresh(Topic&);
    size_t topic_count();
    // Wakes every viewer (shutdown: they see the server stopping and end their streams).
    void wake_all();

private:
    std::mutex m_mutex;
    std::map<std::string, std::shared_ptr<Topic>> m_topics;
};

}
