// kenes: the server and its administration commands.
#include "app/demo.hpp"
#include "app/modules.hpp"
#include "app/policy_table.hpp"
#include "core/config.hpp"
#include "http/dispatcher.hpp"
#include "http/server.hpp"
#include "i18n/catalog.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/elections/belenios.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/people/people.hpp"
#include "modules/people/xlsx_reader.hpp"
#include "security/anchors.hpp"
#include "security/audit.hpp"
#include "security/crypto.hpp"
#include "security/password_policy.hpp"
#include "security/keys.hpp"
#include "security/signing.hpp"
#include "security/sessions.hpp"
#include "storage/sqlite/backup.hpp"
#include <CLI/CLI.hpp>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <iostream>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sstream>
#include <sys/resource.h>

using namespace kenes;

namespace {

struct Options {
    std::string config_file;
    std::string database;
    std::string locales_dir;
    std::string data_dir;
    std::string key_file;
};

Config load_config(const Options& o)
{
    Config c;
    if (!o.config_file.empty())
        apply_toml(c, o.config_file);
    apply_environment(c);
    if (!o.database.empty())
        c.database = o.database;
    if (!o.locales_dir.empty())
        c.locales_dir = o.locales_dir;
    if (!o.data_dir.empty())
        c.data_dir = o.data_dir;
    if (!o.key_file.empty())
        c.key_file = o.key_file;
    resolve_data_paths(c);
    apply_public_url(c);
    return c;
}

// The key file and the anchor file, for every command that opens the database: refuses to go on
// when the database was written with keys the file does not hold (keys::KeyFileError).
void open_keys(const Config& c, db::Database& db)
{
    bool created = false;
    auto ring = keys::open_for_database(db, c.key_file, &created);
    if (created)
        spdlog::warn("created the key file {}: back it up, apart from the database (docs/operations.md)", c.key_file.string());
    keys::install(std::move(ring), c.key_file);
    anchors::install(c.audit_anchor_file);
    if (int n = signing::wrap_plain_keys(db))
        spdlog::info("wrapped {} signing key(s) with the key file", n);
    // The first anchors pin the plain-hashed part of chains from before keying right away.
    if (created)
        anchors::checkpoint_all(db, SystemClock {});
}

std::unique_ptr<db::Database> open_and_migrate(const Config& c, const http::Registry& r)
{
    auto db = db::open_database(c.database, { c.sqlite_synchronous, c.sqlite_readers, c.postgres_pool });
    auto applied = db::apply_migrations(*db, r.migrations);
    if (!applied.empty())
        spdlog::info("applied {} migration(s)", applied.size());
    open_keys(c, *db);
    return db;
}

int64_t institution_by_option(db::Database& db, int64_t given)
{
    if (given > 0)
        return given;
    auto ids = db.read([](db::Tx& tx) { return tx.query("SELECT id FROM institutions ORDER BY id"); });
    if (ids.size() != 1)
        throw CLI::ValidationError("--institution", "there are " + std::to_string(ids.size()) + " institutions: name one with --institution ID");
    return ids[0].i64(0);
}

void print_demo_logins(const std::vector<app::DemoLogin>& logins)
{
    std::cout << "Demo logins (password: " << app::demo_password << "):\n";
    for (auto& l : logins)
        std::cout << "  " << l.login << std::string(12 - std::min<size_t>(11, l.login.size()), ' ') << l.role << " - " << l.who << "\n";
}

// Each connection is a file descriptor; live viewers keep theirs open. The soft limit is often
// 1024 while the hard one is far higher.
void raise_open_files_limit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

int serve(const Config& config)
{
    raise_open_files_limit();
    auto started = std::chrono::steady_clock::now();
    http::Metrics metrics;
    auto registry = app::build_registry(metrics);
    auto catalog = Catalog::load(config.locales_dir);
    auto common_passwords = password_policy::CommonPasswords::load(common_passwords_path(config));
    auto db = open_and_migrate(config, *registry);
    SystemClock system_clock;
    std::unique_ptr<FileClock> test_clock;
    if (const char* path = std::getenv("KENES_CLOCK_FILE")) {
        spdlog::warn("the clock is read from {} (KENES_CLOCK_FILE): for test servers only", path);
        test_clock = std::make_unique<FileClock>(path);
    }
    const Clock& clock = test_clock ? static_cast<const Clock&>(*test_clock) : system_clock;
    http::StaticFiles files;
    files.load(config.static_dir);
    if (files.size() == 0)
        spdlog::warn("no web UI found in {} (run: make web)", config.static_dir.string());
    http::ResponseCache cache;
    http::LiveHub live;
    http::Dispatcher dispatcher(*registry, { *db, catalog, clock, config, registry->permissions, &cache, &common_passwords }, files, metrics);
    int exit_code = 0;
    {
        std::unique_ptr<notifications::MailWorker> mailer;
        if (!config.smtp_url.empty())
            mailer = std::make_unique<notifications::MailWorker>(*db, clock, catalog,
                notifications::MailSettings { { config.smtp_url, config.smtp_user, config.smtp_password }, config.smtp_from, config.public_url },
                std::chrono::seconds(2));
        http::Server server(config, dispatcher, &live);
        for (auto& job : registry->jobs)
            server.schedule(job.name, job.interval, [&, run = job.run] { run(*db, clock); });
        uint16_t port = server.listen();
        if (!config.metrics_listen.empty())
            spdlog::info("metrics are served without a token on http://{}/metrics", config.metrics_listen);
        server.run([&] {
            auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
            spdlog::info("Kenes is serving http://{}:{}/ ({} ms to start)", config.bind, port, ms);
        });
    }
    db->close();
    spdlog::info("stopped");
    return exit_code;
}

// The same password rules as the API, with the reason in English for the command line.
void check_cli_password(const Config& config, const std::string& password, const password_policy::Owner& owner)
{
    static const std::map<password_policy::Refusal, const char*> reasons {
        { password_policy::Refusal::TooShort, "at least 10 characters" },
        { password_policy::Refusal::Common, "too common: it is among the first passwords guessed" },
        { password_policy::Refusal::Repeated, "a repetition (aaaaaaaaaa, 1212121212) is guessed at once" },
        { password_policy::Refusal::Sequence, "a run along the keyboard or the alphabet (1234567890, qwertyuiop) is guessed at once" },
        { password_policy::Refusal::ContainsLogin, "contains the login" },
        { password_policy::Refusal::ContainsName, "contains the person's name" },
    };
    auto common = password_policy::CommonPasswords::load(common_passwords_path(config));
    if (auto refusal = password_policy::check(password, owner, common))
        throw CLI::ValidationError("--password", reasons.at(*refusal));
}

std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int import_roster(const Config& config, int64_t institution, const std::string& file, bool dry_run, Lang lang)
{
    http::Metrics metrics;
    auto registry = app::build_registry(metrics);
    auto catalog = Catalog::load(config.locales_dir);
    auto db = open_and_migrate(config, *registry);
    SystemClock clock;
    int64_t inst = institution_by_option(*db, institution);
    auto fail = [&](const Error& e) {
        for (auto& f : e.fields)
            std::cerr << (f.line ? "line " + std::to_string(*f.line) + ", " : "") << (f.column ? "column \"" + *f.column + "\", " : "") << f.field << ": "
                      << catalog.format(lang, f.message_key.empty() ? "field." + f.code : f.message_key, f.params) << "\n";
        return 1;
    };
    auto bytes = read_file(file);
    Result<std::vector<people::csv::Record>> records = std::vector<people::csv::Record> {};
    std::string encoding = "xlsx";
    if (people::xlsx::looks_like_xlsx(bytes))
        records = people::xlsx::read_first_sheet(bytes);
    else {
        auto decoded = people::csv::decode(bytes);
        if (!decoded.ok())
            return fail(decoded.error());
        encoding = people::csv::encoding_name(decoded->encoding);
        records = people::csv::parse(decoded->text, people::csv::detect_delimiter(decoded->text));
    }
    if (!records.ok())
        return fail(records.error());
    if (records->size() < 2) {
        std::cerr << catalog.format(lang, "import.empty") << "\n";
        return 1;
    }
    auto mapping = people::roster::suggest_mapping(records.value()[0].fields);
    if (auto errors = people::roster::check_mapping(mapping, records.value()[0].fields.size()); !errors.empty())
        return fail(Error::validation(errors));
    auto parsed = people::roster::parse_rows(records.value(), mapping);
    if (!parsed.errors.empty())
        return fail(Error::validation(parsed.errors));
    std::cout << "encoding " << encoding << ", " << parsed.rows.size() << " rows\n";
    if (dry_run)
        return 0;
    audit::Actor actor { std::nullopt, "system" };
    auto summary = db->write([&](db::Tx& tx) -> Result<boost::json::object> {
        auto s = people::apply_roster(tx, clock, actor, inst, parsed.rows);
        audit::record(tx, clock, { inst, actor, "import.commit", "import", std::nullopt, nullptr, s });
        return s;
    });
    std::cout << boost::json::serialize(summary.value()) << "\n";
    db->close();
    return 0;
}

std::vector<int64_t> institutions_of(db::Database& db, int64_t given)
{
    std::vector<int64_t> out;
    if (given > 0)
        return { given };
    for (auto& row : db.read([](db::Tx& tx) { return tx.query("SELECT id FROM institutions ORDER BY id"); }))
        out.push_back(row.i64(0));
    return out;
}

const char* break_text(audit::Break b)
{
    using audit::Break;
    switch (b) {
    case Break::None: return "intact";
    case Break::EntryAltered: return "the entry was altered, or the chain re-computed without the key";
    case Break::EntryMissing: return "the entry is missing";
    case Break::UnkeyedEntry: return "the entry carries no MAC although the chain is keyed from an earlier entry";
    case Break::UnknownKey: return "the entry names a MAC key the key file does not hold";
    case Break::HeadMissing: return "the chain head is missing";
    case Break::HeadMismatch: return "the chain head does not match the last entry (entries cut off the end?)";
    case Break::AnchorMismatch: return "an anchored head is no longer in the chain (entries cut and the head rewound, or the chain re-computed)";
    case Break::AnchorSignature: return "an anchor's signature does not verify with the institution's key";
    case Break::AnchorUnreadable: return "the anchor file has lines that are not anchors";
    }
    return "unknown";
}

int verify_chains(db::Database& db, int64_t institution)
{
    int code = 0;
    for (int64_t inst : institutions_of(db, institution)) {
        auto v = db.read([&](db::Tx& tx) { return audit::verify(tx, inst); });
        if (v.ok) {
            std::cout << "institution " << inst << ": " << v.checked << " entries, chain intact (keyed from entry " << v.keyed_from << ", "
                      << v.anchors_checked << " anchors checked)\n";
        } else {
            std::cout << "institution " << inst << ": chain broken" << (v.first_broken_seq ? " at entry " + std::to_string(*v.first_broken_seq) : "") << ": "
                      << break_text(v.reason) << " [" << audit::break_name(v.reason) << "] (" << v.checked << " entries verified before it)\n";
            code = 1;
        }
    }
    return code;
}

// New keys of each purpose: the file is written first (so the database never names a key that is
// not on disk), then every signing key is rewrapped and each institution's chain records the rotation.
int rotate_keys(const Config& config, db::Database& db, const Clock& clock)
{
    auto ring = keys::load(config.key_file);
    ring.rotate();
    keys::save(config.key_file, ring);
    keys::install(ring, config.key_file);
    (void)keys::open_for_database(db, config.key_file);   // records the new keys' check values
    int mac_id = ring.current(keys::Purpose::Mac).id, wrap_id = ring.current(keys::Purpose::Wrap).id;
    auto rewrapped = db.write([&](db::Tx& tx) -> Result<int> {
        int n = signing::rewrap_all(tx);
        for (auto& row : tx.query("SELECT id FROM institutions ORDER BY id"))
            audit::record(tx, clock, { row.i64(0), { std::nullopt, "system" }, "keys.rotate", "institution", row.i64(0), nullptr,
                                         boost::json::object { { "mac_key_id", mac_id }, { "wrap_key_id", wrap_id } } });
        return n;
    });
    std::cout << "key file " << config.key_file.string() << ": MAC key " << mac_id << " and wrapping key " << wrap_id << " added; "
              << rewrapped.value() << " signing key(s) rewrapped. Back up the key file again and copy it to every server, then restart them.\n";
    return 0;
}

}

int main(int argc, char** argv)
{
    spdlog::set_default_logger(spdlog::stderr_color_mt("kenes"));
    crypto::init();
    CLI::App cli { "Kenes: student self-government platform" };
    cli.require_subcommand(1);
    cli.fallthrough();   // "kenes serve --db ..." as well as "kenes --db ... serve"
    Options opt;
    cli.add_option("--config", opt.config_file, "TOML configuration file")->check(CLI::ExistingFile);
    cli.add_option("--db", opt.database, "Database: sqlite:PATH or postgresql://user@host:port/db");
    cli.add_option("--locales-dir", opt.locales_dir, "Directory with kk.json, ru.json, en.json");
    cli.add_option("--data-dir", opt.data_dir, "Directory of the key file and the audit anchors (default: the SQLite database's, or data)");
    cli.add_option("--key-file", opt.key_file, "Key file (default: DATA_DIR/keys/kenes.keys)");

    auto* serve_cmd = cli.add_subcommand("serve", "Run the HTTP server");
    std::optional<uint16_t> port;
    std::string bind, static_dir;
    std::optional<unsigned> io_threads, read_threads, write_threads;
    bool quiet = false;
    serve_cmd->add_option("--port", port, "TCP port (default 8080)");
    serve_cmd->add_option("--bind", bind, "Address to listen on (default 127.0.0.1)");
    serve_cmd->add_option("--static-dir", static_dir, "Built web UI (default web/dist)");
    serve_cmd->add_option("--io-threads", io_threads, "I/O threads (default: cores)");
    serve_cmd->add_option("--read-threads", read_threads, "Threads for API reads (default: cores)");
    serve_cmd->add_option("--write-threads", write_threads, "Threads for API writes (default 16)");
    serve_cmd->add_flag("--no-access-log", quiet, "Do not log every request");

    auto* migrate_cmd = cli.add_subcommand("migrate", "Apply database migrations");
    auto* demo_cmd = cli.add_subcommand("demo", "Create the demo institution unless it exists, and print the demo logins");
    int demo_students = 300;
    demo_cmd->add_option("--students", demo_students, "Number of students")->check(CLI::Range(1, 100000));

    auto* import_cmd = cli.add_subcommand("import", "Import a roster CSV (same engine as the web import)");
    std::string import_file;
    int64_t institution = 0;
    bool dry_run = false;
    std::string lang_code_opt = "en";
    import_cmd->add_option("file", import_file, "CSV file")->required()->check(CLI::ExistingFile);
    import_cmd->add_option("--institution", institution, "Institution id (needed when there are several)");
    import_cmd->add_flag("--dry-run", dry_run, "Check the file and report, write nothing");
    import_cmd->add_option("--lang", lang_code_opt, "Language of messages: kk, ru, en")->check(CLI::IsMember({ "kk", "ru", "en" }));

    auto* user_cmd = cli.add_subcommand("user", "Manage users");
    user_cmd->require_subcommand(1);
    auto* user_create = user_cmd->add_subcommand("create", "Create a user");
    auto* user_reset = user_cmd->add_subcommand("reset-password", "Set a new password (signs the user out everywhere)");
    auto* user_grant = user_cmd->add_subcommand("grant", "Grant a role");
    std::string login, password, display_name, role_name;
    std::vector<std::string> roles;
    user_create->add_option("--login", login)->required();
    user_create->add_option("--password", password)->required();
    user_create->add_option("--name", display_name, "Display name")->required();
    user_create->add_option("--role", roles, "Role (repeatable)");
    user_create->add_option("--institution", institution);
    user_reset->add_option("--login", login)->required();
    user_reset->add_option("--password", password)->required();
    user_grant->add_option("--login", login)->required();
    user_grant->add_option("--role", role_name)->required();

    auto* backup_cmd = cli.add_subcommand("backup", "Consistent online backup (SQLite) or the pg_dump command (PostgreSQL)");
    std::string backup_to;
    backup_cmd->add_option("--to", backup_to, "Target file")->required();

    auto* audit_cmd = cli.add_subcommand("audit", "Audit log");
    audit_cmd->require_subcommand(1);
    auto* audit_verify = audit_cmd->add_subcommand("verify", "Check each chain against the key file and the anchors; reports the first broken link");
    audit_verify->add_option("--institution", institution);
    auto* audit_anchor = audit_cmd->add_subcommand("anchor", "Sign each institution's chain head and append it to the anchor file");
    audit_anchor->add_option("--institution", institution);

    auto* election_cmd = cli.add_subcommand("election", "Elections");
    election_cmd->require_subcommand(1);
    auto* export_belenios = election_cmd->add_subcommand("export-belenios", "Write a verifiable election as a Belenios archive (DIR/<uuid>.bel) for belenios-tool election verify --dir DIR");
    int64_t election_id = 0;
    std::string export_dir;
    export_belenios->add_option("--election", election_id, "Election id")->required();
    export_belenios->add_option("--out", export_dir, "Directory")->required();

    auto* keys_cmd = cli.add_subcommand("keys", "The key file (audit MAC keys, signing key wrapping)");
    keys_cmd->require_subcommand(1);
    auto* keys_rotate = keys_cmd->add_subcommand("rotate", "Add new keys: new audit entries use the new MAC key, signing keys are rewrapped");

    auto* jobs_cmd = cli.add_subcommand("jobs", "Scheduled jobs (the server runs them by itself)");
    jobs_cmd->require_subcommand(1);
    auto* jobs_run = jobs_cmd->add_subcommand("run", "Run a job now (e.g. overdue-bodies)");
    std::string job_name;
    jobs_run->add_option("name", job_name, "Job name")->required();
    auto* routes_cmd = cli.add_subcommand("routes", "Print every route with its permission and object policy (JSON)");
    auto* policies_cmd = cli.add_subcommand("policies", "Print the policy table: who may do what to which object (Markdown, as in docs/architecture.md)");
    auto* roles_cmd = cli.add_subcommand("roles", "Print every role with its permissions (JSON)");

    CLI11_PARSE(cli, argc, argv);

    try {
        Config config = load_config(opt);
        if (port) config.port = *port;
        if (!bind.empty()) config.bind = bind;
        if (!static_dir.empty()) config.static_dir = static_dir;
        if (io_threads) config.io_threads = *io_threads;
        if (read_threads) config.read_threads = *read_threads;
        if (write_threads) config.write_threads = *write_threads;
        if (quiet) config.access_log = false;
        validate(config);
        spdlog::set_level(spdlog::level::from_str(config.log_level));

        http::Metrics metrics;
        if (*policies_cmd) {
            std::cout << app::policy_table(*app::build_registry(metrics));
            return 0;
        }
        if (*routes_cmd || *roles_cmd) {
            auto r = app::build_registry(metrics);
            boost::json::value out;
            if (*routes_cmd) {
                boost::json::array routes;
                for (auto& route : r->router.routes())
                    routes.push_back(app::route_json(route));
                out = routes;
            } else {
                boost::json::object roles_json;
                for (auto& role : r->permissions.roles()) {
                    boost::json::array perms;
                    for (auto& p : r->permissions.permissions_of(role))
                        perms.emplace_back(p);
                    roles_json[role] = perms;
                }
                out = roles_json;
            }
            std::cout << boost::json::serialize(out) << "\n";
            return 0;
        }
        if (*serve_cmd)
            return serve(config);
        if (*import_cmd)
            return import_roster(config, institution, import_file, dry_run, *parse_lang(lang_code_opt));
        if (*backup_cmd) {
            if (!config.database.starts_with("sqlite:")) {
                // The URL may hold a password: it is not echoed; pg_dump reads it from the variable.
                std::cout << "KENES_DATABASE='<the database URL>' pg_dump --format=custom --file=" << backup_to << " \"$KENES_DATABASE\"\n";
                return 0;
            }
            db::backup_sqlite(config.database.substr(7), backup_to);
            std::cout << "backup written to " << backup_to << "\n";
            return 0;
        }

        auto registry = app::build_registry(metrics);
        auto db = open_and_migrate(config, *registry);
        SystemClock clock;
        int code = 0;
        if (*migrate_cmd) {
            std::cout << "database is up to date\n";
        } else if (*demo_cmd) {
            print_demo_logins(app::create_demo(*db, clock, Catalog::load(config.locales_dir), demo_students));
        } else if (*user_create) {
            int64_t inst = institution_by_option(*db, institution);
            for (auto& r : roles)
                if (!registry->permissions.role_exists(r))
                    throw CLI::ValidationError("--role", "unknown role " + r);
            if (!accounts::valid_login(login))
                throw CLI::ValidationError("--login", "3-64 characters: lower-case letters, digits, . _ - @");
            check_cli_password(config, password, { login, { display_name } });
            accounts::NewUser u { inst, login, crypto::hash_password(password), display_name, std::nullopt, roles };
            auto r = db->write([&](db::Tx& tx) -> Result<int64_t> {
                if (tx.query_one("SELECT 1 FROM login_directory WHERE login = ?", { login }))
                    return Error { ErrorCode::Conflict };
                return accounts::create_user(tx, clock, { std::nullopt, "system" }, u);
            });
            if (!r.ok())
                throw CLI::ValidationError("--login", "the login " + login + " is taken");
            std::cout << "user " << login << " created with id " << r.value() << "\n";
        } else if (*user_reset || *user_grant) {
            if (*user_grant && !registry->permissions.role_exists(role_name))
                throw CLI::ValidationError("--role", "unknown role " + role_name);
            if (*user_reset) {
                auto owner = db->read([&](db::Tx& tx) -> std::optional<password_policy::Owner> {
                    auto u = tx.query_one("SELECT u.institution_id, u.display_name, u.person_id FROM login_directory d "
                                          "JOIN users u ON u.institution_id = d.institution_id AND u.id = d.user_id WHERE d.login = ?",
                        { login });
                    if (!u)
                        return std::nullopt;
                    return accounts::password_owner(tx, u->i64(0), login, u->str(1), u->opt_i64(2));
                });
                if (owner)
                    check_cli_password(config, password, *owner);
            }
            std::string hash = *user_reset ? crypto::hash_password(password) : "";
            auto r = db->write([&](db::Tx& tx) -> Status {
                auto u = tx.query_one("SELECT institution_id, user_id FROM login_directory WHERE login = ?", { login });
                if (!u)
                    return Error::not_found();
                int64_t inst = u->i64(0), id = u->i64(1);
                audit::Actor system { std::nullopt, "system" };
                // Tokens end with the password they were made under, and with the roles they acted with.
                if (*user_reset) {
                    tx.exec("UPDATE users SET password_hash = ? WHERE institution_id = ? AND id = ?", { hash, inst, id });
                    sessions::remove_all_of_user(tx, inst, id);
                    int64_t revoked = sessions::revoke_api_tokens_of_user(tx, inst, id);
                    audit::record(tx, clock, { inst, system, "user.password_reset", "user", id, nullptr,
                        revoked ? boost::json::value(boost::json::object { { "tokens_revoked", revoked } }) : nullptr });
                } else {
                    boost::json::object after { { "role", role_name } };
                    if (tx.exec("INSERT INTO user_roles (institution_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", { inst, id, role_name }) > 0)
                        if (int64_t revoked = sessions::revoke_api_tokens_of_user(tx, inst, id))
                            after["tokens_revoked"] = revoked;
                    audit::record(tx, clock, { inst, system, "user.grant", "user", id, nullptr, after });
                }
                return Ok {};
            });
            if (!r.ok()) {
                std::cerr << "no user with login " << login << "\n";
                code = 1;
            } else {
                std::cout << "done\n";
            }
        } else if (*jobs_run) {
            auto it = std::find_if(registry->jobs.begin(), registry->jobs.end(), [&](auto& j) { return j.name == job_name; });
            if (it == registry->jobs.end()) {
                std::string names;
                for (auto& j : registry->jobs)
                    names += (names.empty() ? "" : ", ") + j.name;
                throw CLI::ValidationError("name", "unknown job " + job_name + " (jobs: " + names + ")");
            }
            // A test moves the time of a job run as it moves a test server's (reminders after 24 h).
            std::unique_ptr<FileClock> job_clock;
            if (const char* path = std::getenv("KENES_CLOCK_FILE"))
                job_clock = std::make_unique<FileClock>(path);
            it->run(*db, job_clock ? static_cast<const Clock&>(*job_clock) : clock);
            std::cout << "job " << job_name << " done\n";
        } else if (*export_belenios) {
            auto file = elections::export_belenios(*db, election_id, export_dir);
            if (!file.ok()) {
                std::cerr << "election " << election_id << ": " << (file.error().code == ErrorCode::NotFound ? "not found" : "not verifiable, or its voting codes are not issued yet") << "\n";
                code = 1;
            } else {
                std::cout << file->string() << "\n";
            }
        } else if (*audit_verify) {
            code = verify_chains(*db, institution);
        } else if (*audit_anchor) {
            for (int64_t inst : institutions_of(*db, institution)) {
                auto a = anchors::checkpoint(*db, clock, inst, true);
                if (a)
                    std::cout << "institution " << inst << ": anchored entry " << a->seq << " (" << crypto::to_hex(a->hash) << ") in " << config.audit_anchor_file.string() << "\n";
                else {
                    std::cout << "institution " << inst << ": not anchored (no chain head: run kenes audit verify)\n";
                    code = 1;
                }
            }
        } else if (*keys_rotate) {
            code = rotate_keys(config, *db, clock);
        }
        db->close();
        return code;
    } catch (const CLI::Error& e) {
        return cli.exit(e);
    } catch (const std::exception& e) {
        std::cerr << "kenes: " << e.what() << "\n";
        return 1;
    }
}
