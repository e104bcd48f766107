#include "core/config.hpp"
#include <algorithm>
#include <cstdlib>
#include <vector>
#include <limits>
#include <stdexcept>
#include <toml++/toml.h>

namespace kenes {

namespace {

// A key that is present with a value of the wrong type is an error, not a silent default.
template<class T>
void set_from(const toml::table& t, std::string_view key, T& out)
{
    if (!t.contains(key))
        return;
    auto v = t[key].value_exact<T>();
    if (!v)
        throw std::runtime_error(std::string(key) + " has the wrong type");
    out = *v;
}

void set_path(const toml::table& t, std::string_view key, std::filesystem::path& out)
{
    std::string s = out.string();
    set_from(t, key, s);
    out = s;
}

template<class T>
void set_number(const toml::table& t, std::string_view key, T& out)
{
    int64_t v = int64_t(out);
    set_from(t, key, v);
    if (v < 0 || uint64_t(v) > uint64_t(std::numeric_limits<T>::max()))
        throw std::runtime_error(std::string(key) + " is out of range");
    out = T(v);
}

const char* env(const char* name)
{
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
}

unsigned long env_number(const char* name, unsigned long fallback)
{
    const char* v = env(name);
    if (!v)
        return fallback;
    char* end = nullptr;
    unsigned long n = std::strtoul(v, &end, 10);
    if (*end)
        throw std::runtime_error(std::string(name) + " is not a number");
    return n;
}

}

void apply_toml(Config& c, const std::filesystem::path& file)
{
    toml::table t;
    try {
        t = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(file.string() + ": " + std::string(e.description()));
    }
    set_from(t, "database", c.database);
    set_from(t, "bind", c.bind);
    set_number(t, "port", c.port);
    set_path(t, "static_dir", c.static_dir);
    set_path(t, "locales_dir", c.locales_dir);
    set_path(t, "common_passwords_file", c.common_passwords_file);
    set_number(t, "io_threads", c.io_threads);
    set_number(t, "read_threads", c.read_threads);
    set_number(t, "write_threads", c.write_threads);
    set_number(t, "header_limit", c.header_limit);
    set_number(t, "json_body_limit", c.json_body_limit);
    set_number(t, "upload_limit", c.upload_limit);
    set_number(t, "read_timeout_seconds", c.read_timeout_seconds);
    set_number(t, "write_timeout_seconds", c.write_timeout_seconds);
    set_number(t, "upload_timeout_seconds", c.upload_timeout_seconds);
    if (auto* proxies = t["trusted_proxies"].as_array()) {
        c.trusted_proxies.clear();
        for (auto& p : *proxies) {
            auto s = p.value<std::string>();
            if (!s)
                throw std::runtime_error("trusted_proxies must be a list of addresses");
            c.trusted_proxies.push_back(*s);
        }
    }
    set_from(t, "secure_cookies", c.secure_cookies);
    set_from(t, "public_url", c.public_url);
    set_number(t, "session_hours", c.session_hours);
    set_from(t, "sqlite_synchronous", c.sqlite_synchronous);
    set_number(t, "sqlite_readers", c.sqlite_readers);
    set_number(t, "postgres_pool", c.postgres_pool);
    set_from(t, "smtp_url", c.smtp_url);
    set_from(t, "smtp_from", c.smtp_from);
    set_from(t, "smtp_user", c.smtp_user);
    set_from(t, "smtp_password", c.smtp_password);
    set_from(t, "log_level", c.log_level);
    set_from(t, "access_log", c.access_log);
    set_path(t, "data_dir", c.data_dir);
    set_path(t, "key_file", c.key_file);
    set_path(t, "audit_anchor_file", c.audit_anchor_file);
    set_from(t, "metrics_token", c.metrics_token);
    set_from(t, "metrics_listen", c.metrics_listen);
}

void resolve_data_paths(Config& c)
{
    if (c.data_dir.empty()) {
        if (c.database.starts_with("sqlite:"))
            c.data_dir = std::filesystem::path(c.database.substr(7)).parent_path();
        else
            c.data_dir = "data";
        if (c.data_dir.empty())
            c.data_dir = ".";
    }
    if (c.key_file.empty())
        c.key_file = c.data_dir / "keys" / "kenes.keys";
    if (c.audit_anchor_file.empty())
        c.audit_anchor_file = c.data_dir / "audit-anchors.log";
}

void apply_public_url(Config& c)
{
    if (c.public_url.rfind("https://", 0) == 0)
        c.secure_cookies = true;
}

std::string public_origin(const Config& c)
{
    auto scheme = c.public_url.find("://");
    if (scheme == std::string::npos)
        return {};
    auto path = c.public_url.find('/', scheme + 3);
    std::string origin = c.public_url.substr(0, path);
    std::transform(origin.begin(), origin.end(), origin.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    return origin;
}

std::optional<std::pair<std::string, uint16_t>> parse_listen_address(std::string_view s)
{
    size_t colon = s.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == s.size() || s.size() - colon - 1 > 5)
        return std::nullopt;
    std::string host(s.substr(0, colon));
    if (host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    unsigned port = 0;
    for (char ch : s.substr(colon + 1)) {
        if (ch < '0' || ch > '9')
            return std::nullopt;
        port = port * 10 + unsigned(ch - '0');
    }
    if (host.empty() || port == 0 || port > 65535)
        return std::nullopt;
    return std::pair { host, uint16_t(port) };
}

void validate(const Config& c)
{
    static const std::vector<std::string> levels { "trace", "debug", "info", "warn", "error", "critical", "off" };
    if (std::find(levels.begin(), levels.end(), c.log_level) == levels.end())
        throw std::runtime_error("log_level must be one of trace, debug, info, warn, error, critical, off");
    if (c.sqlite_synchronous != "FULL" && c.sqlite_synchronous != "NORMAL" && c.sqlite_synchronous != "EXTRA")
        throw std::runtime_error("sqlite_synchronous must be FULL, EXTRA or NORMAL");
    if (!c.smtp_url.empty() && c.smtp_url.rfind("smtp://", 0) != 0 && c.smtp_url.rfind("smtps://", 0) != 0)
        throw std::runtime_error("smtp_url must start with smtp:// or smtps://");
    if (c.port == 0)
        throw std::runtime_error("port must be between 1 and 65535");
    if (!c.public_url.empty() && c.public_url.rfind("https://", 0) != 0 && c.public_url.rfind("http://", 0) != 0)
        throw std::runtime_error("public_url must start with https:// (or http:// for a test server)");
    // The token is compared in constant time, but a short one can be guessed.
    if (!c.metrics_token.empty() && c.metrics_token.size() < 16)
        throw std::runtime_error("metrics_token must have at least 16 characters");
    if (!c.metrics_listen.empty() && !parse_listen_address(c.metrics_listen))
        throw std::runtime_error("metrics_listen must be an address and a port, e.g. 127.0.0.1:9100");
}

std::filesystem::path common_passwords_path(const Config& c)
{
    return c.common_passwords_file.empty() ? c.locales_dir / "common-passwords.txt" : c.common_passwords_file;
}

void apply_environment(Config& c)
{
    if (auto v = env("KENES_DATABASE")) c.database = v;
    if (auto v = env("KENES_BIND")) c.bind = v;
    auto port = env_number("KENES_PORT", c.port);
    if (port > 65535)
        throw std::runtime_error("KENES_PORT is out of range");
    c.port = uint16_t(port);
    if (auto v = env("KENES_STATIC_DIR")) c.static_dir = v;
    if (auto v = env("KENES_LOCALES_DIR")) c.locales_dir = v;
    if (auto v = env("KENES_COMMON_PASSWORDS_FILE")) c.common_passwords_file = v;
    c.io_threads = unsigned(env_number("KENES_IO_THREADS", c.io_threads));
    c.read_threads = unsigned(env_number("KENES_READ_THREADS", c.read_threads));
    c.write_threads = unsigned(env_number("KENES_WRITE_THREADS", c.write_threads));
    if (auto v = env("KENES_PUBLIC_URL")) c.public_url = v;
    if (auto v = env("KENES_SECURE_COOKIES")) c.secure_cookies = std::string_view(v) == "1" || std::string_view(v) == "true";
    if (auto v = env("KENES_SQLITE_SYNCHRONOUS")) c.sqlite_synchronous = v;
    if (auto v = env("KENES_LOG_LEVEL")) c.log_level = v;
    if (auto v = env("KENES_SMTP_URL")) c.smtp_url = v;
    if (auto v = env("KENES_SMTP_PASSWORD")) c.smtp_password = v;
    if (auto v = env("KENES_DATA_DIR")) c.data_dir = v;
    if (auto v = env("KENES_KEY_FILE")) c.key_file = v;
    if (auto v = env("KENES_AUDIT_ANCHOR_FILE")) c.audit_anchor_file = v;
    if (auto v = env("KENES_METRICS_TOKEN")) c.metrics_token = v;
    if (auto v = env("KENES_METRICS_LISTEN")) c.metrics_listen = v;
}

}
