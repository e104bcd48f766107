#pragma once
// Settings: built-in defaults, then a TOML file, then KENES_* environment variables, then flags.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kenes {

struct Config {
    std::string database = "sqlite:data/kenes.db";   // or postgresql://user@host:port/db
    std::string bind = "127.0.0.1";
    uint16_t port = 8080;
    std::filesystem::path static_dir = "web/dist";
    std::filesystem::path locales_dir = "web/locales";
    // Passwords refused as too common, one a line. Empty: common-passwords.txt in locales_dir,
    // which is shipped with the catalogs.
    std::filesystem::path common_passwords_file;
    unsigned io_threads = 0;                         // 0: number of cores
    // Reads are short and CPU-bound: one thread per core avoids context switches (measured: 20.9k
    // vs 32.2k requests/s for 8 vs 2 threads on 2 cores). Writes mostly wait for a group commit or
    // hash a password, so they get many threads of their own, and a slow write never delays reads.
    unsigned read_threads = 0;                       // 0: number of cores
    unsigned write_threads = 16;
    size_t header_limit = 8 * 1024;
    size_t json_body_limit = 1024 * 1024;
    size_t upload_limit = 10 * 1024 * 1024;
    unsigned read_timeout_seconds = 15;
    unsigned write_timeout_seconds = 15;
    unsigned upload_timeout_seconds = 300;           // whole body of an upload
    // Addresses of reverse proxies whose X-Forwarded-For names the real client (for sign-in
    // throttling per address). Empty: the peer address is the client.
    std::vector<std::string> trusted_proxies;
    bool secure_cookies = false;                     // set when served behind TLS
    std::string public_url;                          // e.g. https://kenes.example.kz (QR codes); empty: from Host
    unsigned session_hours = 12;
    std::string sqlite_synchronous = "FULL";         // FULL (default, durable) or NORMAL
    unsigned sqlite_readers = 8;
    unsigned postgres_pool = 8;
    // Outgoing e-mail (notices): smtp://host:587 (STARTTLS when offered) or smtps://host:465.
    // Empty: notices stay in the app only.
    std::string smtp_url;
    std::string smtp_from = "Kenes <no-reply@localhost>";
    std::string smtp_user;
    std::string smtp_password;
    std::string log_level = "info";
    bool access_log = true;
    // Files kept outside the database: the key file (audit MAC keys, the key that wraps the
    // institutions' signing keys) and the append-only audit anchor file. Empty: resolve_data_paths
    // puts them in the data directory, which is the SQLite database's directory, or "data" for
    // PostgreSQL.
    std::filesystem::path data_dir;
    std::filesystem::path key_file;                  // default <data_dir>/keys/kenes.keys
    std::filesystem::path audit_anchor_file;         // default <data_dir>/audit-anchors.log
    // /metrics shows live counts (online votes during an election): on the public listener it is
    // served only to "Authorization: Bearer <metrics_token>" (404 when no token is set).
    // metrics_listen ("127.0.0.1:9100") adds a listener that serves only /metrics, without a token.
    std::string metrics_token;
    std::string metrics_listen;
};

// Fills in data_dir, key_file and audit_anchor_file when they are empty (see above).
void resolve_data_paths(Config&);
// Served over https (public_url): cookies are Secure and HSTS is sent, whatever secure_cookies says.
void apply_public_url(Config&);
// The origin ("https://kenes.example.kz") browsers send for pages of public_url; empty without one.
std::string public_origin(const Config&);
// "127.0.0.1:9100" or "[::1]:9100" as address and port; nullopt when it is not one.
std::optional<std::pair<std::string, uint16_t>> parse_listen_address(std::string_view);

// Applies a TOML file (missing keys keep their value). Throws std::runtime_error with the reason.
void apply_toml(Config&, const std::filesystem::path& file);
// Refuses values that cannot work (unknown log level, ...), with the reason.
void validate(const Config&);
// The list of common passwords to load: common_passwords_file, or the one beside the catalogs.
std::filesystem::path common_passwords_path(const Config&);
// Applies KENES_DATABASE, KENES_PORT, KENES_BIND, KENES_STATIC_DIR, KENES_LOCALES_DIR, ...
void apply_environment(Config&);

}
