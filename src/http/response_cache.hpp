#pragma once
// Serialized answers of frequent read-only lists, validated against a data version read in the
// same snapshot as the data would be: the institution's audit-chain head. Every change writes an
// audit entry in its own transaction, so the head moves with every change of the institution's
// data, also when another server process made it. A stale entry is never served; it is replaced.
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace kenes::http {

class ResponseCache {
public:
    explicit ResponseCache(size_t max_bytes = 8 * 1024 * 1024) : m_max_bytes(max_bytes) {}

    std::optional<std::string> find(const std::string& key, int64_t version);
    void store(const std::string& key, int64_t version, std::string body);

private:
    struct Entry {
        int64_t version;
        std::string body;
        std::list<std::string>::iterator lru;
    };
    std::mutex m_mutex;
    std::unordered_map<std::string, Entry> m_entries;
    std::list<std::string> m_lru;   // most recently used first
    size_t m_bytes = 0;
    size_t m_max_bytes;
};


}
