#include "core/config.hpp"
#include <cstdlib>
#include <stdexcept>
#include <toml++/toml.h>

namespace kenes {

namespace {

template<class T>
void set_from(const toml::table& t, std::string_view key, T& out)
{
    if (auto v = t[key].value<T>())
        out = *v;
}

void set_path(const toml::table& t, std::string_view key, std::filesystem::path& out)
{
    if (auto v = t[key].value<std::string>())
        out = *v;
}

template<class T>
void set_number(const toml::table& t, std::string_view key, T& out)
{
    if (auto v = t[key].value<int64_t>()) {
        if (*v < 0)
            throw std::runtime_error(std::string(key) + " must not be negative");
        out = T(*v);
    }
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
    set_number(t, "io_threads", c.io_threads);
    set_number(t, "read_threads", c.read_threads);
    set_number(t, "write_threads", c.write_threads);
    set_number(t, "header_limit", c.header_limit);
    set_number(t, "json_body_limit", c.json_body_limit);
    set_number(t, "upload_limit", c.upload_limit);
    set_number(t, "read_timeout_seconds", c.read_timeout_seconds);
    set_number(t, "write_timeout_seconds", c.write_timeout_seconds);
    set_from(t, "secure_cookies", c.secure_cookies);
    set_number(t, "session_hours", c.session_hours);
    set_from(t, "sqlite_synchronous", c.sqlite_synchronous);
    set_number(t, "sqlite_readers", c.sqlite_readers);
    set_number(t, "postgres_pool", c.postgres_pool);
    set_from(t, "log_level", c.log_level);
    set_from(t, "access_log", c.access_log);
}

void apply_environment(Config& c)
{
    if (auto v = env("KENES_DATABASE")) c.database = v;
    if (auto v = env("KENES_BIND")) c.bind = v;
    c.port = uint16_t(env_number("KENES_PORT", c.port));
    if (auto v = env("KENES_STATIC_DIR")) c.static_dir = v;
    if (auto v = env("KENES_LOCALES_DIR")) c.locales_dir = v;
    c.io_threads = unsigned(env_number("KENES_IO_THREADS", c.io_threads));
    c.read_threads = unsigned(env_number("KENES_READ_THREADS", c.read_threads));
    c.write_threads = unsigned(env_number("KENES_WRITE_THREADS", c.write_threads));
    if (auto v = env("KENES_SECURE_COOKIES")) c.secure_cookies = std::string_view(v) == "1" || std::string_view(v) == "true";
    if (auto v = env("KENES_SQLITE_SYNCHRONOUS")) c.sqlite_synchronous = v;
    if (auto v = env("KENES_LOG_LEVEL")) c.log_level = v;
}

}
