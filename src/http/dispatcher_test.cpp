#include "http/dispatcher.hpp"
#include "security/crypto.hpp"
#include "security/schema.hpp"
#include "security/sessions.hpp"
#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

using namespace kenes;
using namespace kenes::http;

namespace {

// An object for the policy tests: thing 1 is managed by the caller, thing 2 only belongs to the
// same institution, any other id does not exist.
const authz::ObjectKind thing { "thing", "id",
    [](db::Tx&, const Principal&, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        if (id == 1)
            return authz::Facts {}.add(authz::Rel::SameInstitution).add(authz::Rel::Manager);
        if (id == 2)
            return authz::Facts {}.add(authz::Rel::SameInstitution);
        return std::nullopt;
    },
    "a test object" };
const authz::Policy touch_thing { "thing.touch", &thing, { { authz::Rel::Manager } } };

struct DispatcherTest : ::testing::Test {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("kenes-disp-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<db::Database> db;
    FixedClock clock { 1795305300000 };
    Config config;
    Catalog catalog = Catalog::load(std::filesystem::path(KENES_SOURCE_DIR) / "web/locales");
    Registry registry;
    StaticFiles files;
    Metrics metrics;
    std::unique_ptr<Dispatcher> dispatcher;
    std::string cookie, csrf;
    int writes = 0;
    int public_reads = 0;

    void SetUp() override
    {
        crypto::init();
        std::filesystem::create_directories(dir / "static" / "assets");
        std::ofstream(dir / "static" / "index.html") << "<!doctype html><title>Kenes</title>";
        std::ofstream(dir / "static" / "assets" / "app-1234.js") << "console.log(1)";
        files.load(dir / "static");
        db = db::open_database("sqlite:" + (dir / "t.db").string());
        auto m = db::storage_migrations();
        for (auto& x : security::migrations())
            m.push_back(x);
        db::apply_migrations(*db, m);
        registry.permissions.declare("things.write", { role::Staff });
        registry.router.add("GET", "/api/v1/open", perm::Public, authz::anyone, Body::None, [](Context&) -> Result<Response> { return Response::ok(boost::json::object { { "ok", true } }); });
        registry.router.add("GET", "/api/v1/public/thing", perm::Public, authz::anyone, Body::None, [this](Context&) -> Result<Response> {
            ++public_reads;
            return Response::ok(boost::json::object { { "thing", "public" } });
        });
        registry.router.add("GET", "/api/v1/public/greeting", perm::Public, authz::anyone, Body::None, [](Context& c) -> Result<Response> {
            return Response::ok(boost::json::object { { "lang", lang_code(c.lang) } });
        });
        registry.router.add("GET", "/api/v1/mine", perm::Self, authz::account, Body::None, [](Context& c) -> Result<Response> { return Response::ok(boost::json::object { { "login", c.user().login } }); });
        registry.router.add("POST", "/api/v1/things", "things.write", authz::in_institution, Body::Json, [this](Context& c) -> Result<Response> {
            auto body = TRY(c.json_object());
            ++writes;
            return Response::created(body);
        });
        registry.router.add("POST", "/api/v1/things/{id}/touch", "things.write", touch_thing, Body::Json, [this](Context& c) -> Result<Response> {
            // Reached only after the policy allowed it: the body is parsed here, never before.
            auto body = TRY(c.json_object());
            ++writes;
            return Response::ok(body);
        });
        dispatcher = std::make_unique<Dispatcher>(registry, Services { *db, catalog, clock, config, registry.permissions }, files, metrics);
    }
    void TearDown() override
    {
        db->close();
        std::filesystem::remove_all(dir);
    }

    void sign_in(const std::string& role_name)
    {
        auto s = db->write([&](db::Tx& tx) -> Result<sessions::NewSession> {
            tx.exec("INSERT INTO institutions (id, name, kind, languages, time_zone, created_at) VALUES (1, 'T', 'school', 'kk', 'Asia/Almaty', 0) ON CONFLICT DO NOTHING");
            tx.exec("INSERT INTO users (institution_id, id, login, display_name, search_name, password_hash, created_at) VALUES (1, 5, 'u', 'U', 'u', 'x', 0)");
            tx.exec("INSERT INTO user_roles (institution_id, user_id, role) VALUES (1, 5, ?)", { role_name });
            return sessions::create(tx, clock, 1, 5, 12);
        });
        cookie = "kenes_session=" + s->cookie_value;
        csrf = s->csrf_token;
    }

    Response call(std::string method, std::string target, std::string body = {}, std::vector<std::pair<std::string, std::string>> headers = {})
    {
        Request r { std::move(method), std::move(target), std::move(headers), std::move(body), "127.0.0.1" };
        r.headers.emplace_back("host", "kenes.test");
        if (!cookie.empty())
            r.headers.emplace_back("cookie", cookie);
        return dispatcher->handle(r);
    }
    static boost::json::object problem(const Response& r)
    {
        EXPECT_EQ(r.header("Content-Type"), "application/problem+json; charset=utf-8");
        return boost::json::parse(r.body).as_object();
    }
};

}

TEST_F(DispatcherTest, ProtectedRoutesNeedASessionAndTheRightRole)
{
    EXPECT_EQ(call("GET", "/api/v1/open").status, 200);
    EXPECT_EQ(problem(call("GET", "/api/v1/mine")).at("code"), "unauthenticated");
    sign_in(role::Student);
    EXPECT_EQ(call("GET", "/api/v1/mine").status, 200);
    auto denied = call("POST", "/api/v1/things", "{}", { { "content-type", "application/json" }, { "x-csrf-token", csrf } });
    EXPECT_EQ(denied.status, 403);
    EXPECT_EQ(problem(denied).at("code"), "forbidden");
    EXPECT_EQ(writes, 0);
}

TEST_F(DispatcherTest, StateChangesNeedTheCsrfTokenJsonAndASameOrigin)
{
    sign_in(role::Staff);
    std::vector<std::pair<std::string, std::string>> json { { "content-type", "application/json" } };
    EXPECT_EQ(problem(call("POST", "/api/v1/things", "{}", json)).at("code"), "csrf");
    auto wrong = json;
    wrong.emplace_back("x-csrf-token", csrf + "x");
    EXPECT_EQ(problem(call("POST", "/api/v1/things", "{}", wrong)).at("code"), "csrf");
    auto foreign = json;
    foreign.emplace_back("x-csrf-token", csrf);
    foreign.emplace_back("origin", "https://evil.example");
    EXPECT_EQ(problem(call("POST", "/api/v1/things", "{}", foreign)).at("code"), "csrf");
    EXPECT_EQ(problem(call("POST", "/api/v1/things", "{}", { { "content-type", "text/plain" }, { "x-csrf-token", csrf } })).at("code"), "unsupported_media_type");
    EXPECT_EQ(writes, 0);
    EXPECT_EQ(call("POST", "/api/v1/things", "{\"a\":1}", { { "content-type", "application/json; charset=utf-8" }, { "x-csrf-token", csrf }, { "origin", "http://kenes.test" } }).status, 201);
    EXPECT_EQ(writes, 1);
}

// Finding 12: over https (public_url), the Origin must be the https origin: a page of the same
// host over plain http cannot post, and HSTS is sent.
TEST_F(DispatcherTest, OverHttpsTheOriginCheckComparesTheSchemeAndHstsIsSent)
{
    config.public_url = "https://Kenes.test/";
    apply_public_url(config);
    EXPECT_TRUE(config.secure_cookies);
    sign_in(role::Staff);
    auto post = [&](const char* origin) {
        return call("POST", "/api/v1/things", "{}", { { "content-type", "application/json" }, { "x-csrf-token", csrf }, { "origin", origin } });
    };
    EXPECT_EQ(problem(post("http://kenes.test")).at("code"), "csrf");
    EXPECT_EQ(problem(post("https://kenes.test.evil.example")).at("code"), "csrf");
    auto ok = post("https://kenes.test");
    EXPECT_EQ(ok.status, 201);
    EXPECT_EQ(ok.header("Strict-Transport-Security"), "max-age=31536000");
    EXPECT_EQ(public_origin(config), "https://kenes.test");
}

TEST_F(DispatcherTest, ProblemsAreLocalisedKazakhFirst)
{
    auto kk = problem(call("GET", "/api/v1/nothing"));
    EXPECT_EQ(kk.at("title"), "Табылмады");
    EXPECT_EQ(kk.at("status"), 404);
    auto ru = problem(call("GET", "/api/v1/nothing", {}, { { "accept-language", "ru-RU,ru;q=0.9" } }));
    EXPECT_EQ(ru.at("title"), "Не найдено");
    auto en = call("GET", "/api/v1/nothing", {}, { { "accept-language", "en" } });
    EXPECT_EQ(en.header("Content-Language"), "en");
}

// A shared cache may keep one copy of an answer for every reader only when the language did not
// shape it: Vary names Accept-Language exactly when it did (and ?lang= did not name it instead).
TEST_F(DispatcherTest, VaryNamesAcceptLanguageWhereTheLanguageShapedTheAnswer)
{
    auto vary = [](const Response& r) { return std::string(r.header("Vary")); };
    auto greeting = call("GET", "/api/v1/public/greeting", {}, { { "accept-language", "ru" } });
    EXPECT_EQ(greeting.body, R"({"lang":"ru"})");
    EXPECT_EQ(vary(greeting), "Accept-Language");
    EXPECT_EQ(vary(call("GET", "/api/v1/public/greeting")), "Accept-Language");
    EXPECT_EQ(vary(call("HEAD", "/api/v1/public/greeting")), "Accept-Language");
    auto tag = std::string(greeting.header("ETag"));
    auto not_modified = call("GET", "/api/v1/public/greeting", {}, { { "accept-language", "ru" }, { "if-none-match", tag } });
    EXPECT_EQ(not_modified.status, 304);
    EXPECT_EQ(vary(not_modified), "Accept-Language");
    EXPECT_EQ(vary(call("GET", "/api/v1/public/greeting?lang=en", {}, { { "accept-language", "ru" } })), "");
    auto thing = call("GET", "/api/v1/public/thing", {}, { { "accept-language", "ru" } });
    EXPECT_EQ(vary(thing), "");
    EXPECT_EQ(thing.header("Content-Language"), "");   // in no language
    EXPECT_EQ(greeting.header("Content-Language"), "ru");
    EXPECT_EQ(vary(call("GET", "/api/v1/nothing", {}, { { "accept-language", "ru" } })), "Accept-Language");
    EXPECT_EQ(vary(call("BREW", "/api/v1/public/thing")), "Accept-Language");
    EXPECT_EQ(vary(call("OPTIONS", "/api/v1/public/thing")), "");
    EXPECT_EQ(vary(call("GET", "/assets/app-1234.js")), "");
    EXPECT_EQ(vary(call("GET", "/login")), "Accept");
    EXPECT_EQ(vary(call("GET", "/login", {}, { { "accept", "application/json" } })), "Accept, Accept-Language");
}

TEST_F(DispatcherTest, MalformedJsonAndWrongMethods)
{
    sign_in(role::Staff);
    std::vector<std::pair<std::string, std::string>> h { { "content-type", "application/json" }, { "x-csrf-token", csrf } };
    EXPECT_EQ(problem(call("POST", "/api/v1/things", "{\"a\":", h)).at("code"), "bad_json");
    EXPECT_EQ(problem(call("POST", "/api/v1/things", "[1,2]", h)).at("code"), "bad_request");
    EXPECT_EQ(problem(call("POST", "/api/v1/things", "\"\xff\"", h)).at("code"), "bad_json");   // invalid UTF-8
    auto r = call("DELETE", "/api/v1/things", {}, h);
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("Allow"), "POST, OPTIONS");
    EXPECT_EQ(writes, 0);
}

TEST_F(DispatcherTest, StaticFilesCachingAndClientRouteFallback)
{
    auto asset = call("GET", "/assets/app-1234.js");
    EXPECT_EQ(asset.status, 200);
    EXPECT_EQ(asset.header("Cache-Control"), "public, max-age=31536000, immutable");
    auto shell = call("GET", "/people/42", {}, { { "accept", "text/html" } });
    EXPECT_EQ(shell.status, 200);
    EXPECT_EQ(shell.header("Cache-Control"), "no-cache");
    EXPECT_NE(shell.body.find("<title>Kenes"), std::string::npos);
    auto etag = std::string(shell.header("ETag"));
    EXPECT_EQ(call("GET", "/", {}, { { "if-none-match", etag } }).status, 304);
    EXPECT_EQ(call("GET", "/assets/missing.js").status, 404);
    for (auto* r : { &asset, &shell }) {
        EXPECT_NE(r->header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
        EXPECT_EQ(r->header("Content-Security-Policy").find("unsafe-inline"), std::string::npos);
        EXPECT_EQ(r->header("X-Content-Type-Options"), "nosniff");
    }
}

TEST_F(DispatcherTest, ExpiredSessionsAreNotSignedIn)
{
    sign_in(role::Staff);
    EXPECT_EQ(call("GET", "/api/v1/mine").status, 200);
    clock.advance(12 * 3600 * 1000);
    EXPECT_EQ(call("GET", "/api/v1/mine").status, 401);
}

TEST(Router, MatchesParametersAndRefusesRoutesWithoutPermissionOrPolicy)
{
    Router r;
    auto none = [](Context&) -> Result<Response> { return Response::no_content(); };
    r.add("GET", "/api/v1/people/{id}", "people.read", authz::in_institution, Body::None, none);
    auto m = r.match("GET", "/api/v1/people/17");
    ASSERT_TRUE(m.route);
    EXPECT_EQ(m.params.at("id"), "17");
    EXPECT_FALSE(r.match("GET", "/api/v1/people/17/x").route);
    EXPECT_EQ(r.match("PUT", "/api/v1/people/17").allowed, std::vector<std::string> { "GET" });
    EXPECT_THROW(r.add("GET", "/x", "", authz::in_institution, Body::None, nullptr), std::logic_error);
    // A policy without grants, a policy whose object the path does not name, a public policy on a
    // signed-in route and the other way round are all refused at registration.
    authz::Policy empty { "x.none", &authz::institution, {} };
    EXPECT_THROW(r.add("GET", "/y", "people.read", empty, Body::None, none), std::logic_error);
    EXPECT_THROW(r.add("GET", "/api/v1/things", "things.write", touch_thing, Body::None, none), std::logic_error);
    EXPECT_THROW(r.add("GET", "/z", "people.read", authz::anyone, Body::None, none), std::logic_error);
    EXPECT_THROW(r.add("GET", "/w", perm::Public, authz::in_institution, Body::None, none), std::logic_error);
}

TEST(Policy, AllowsThroughItsGrantsOnlyAndHonoursUnless)
{
    using authz::Flag;
    using authz::Rel;
    authz::Policy read { "meeting.read", &authz::institution, { { Rel::BodyMember }, { .rel = Rel::SameInstitution, .unless = Flag::Confidential } } };
    EXPECT_FALSE(authz::allows(read, authz::Facts {}));
    EXPECT_TRUE(authz::allows(read, authz::Facts {}.add(Rel::SameInstitution)));
    EXPECT_FALSE(authz::allows(read, authz::Facts {}.add(Rel::SameInstitution).set(Flag::Confidential)));
    EXPECT_TRUE(authz::allows(read, authz::Facts {}.add(Rel::SameInstitution).add(Rel::BodyMember).set(Flag::Confidential)));
    EXPECT_FALSE(authz::allows(read, authz::Facts {}.add(Rel::Administration).add(Rel::Manager)));
    EXPECT_EQ(authz::describe(read), "body member, same institution unless confidential");
}

TEST_F(DispatcherTest, ThePolicyIsAskedBeforeTheHandlerAndRefusesWithoutRunningIt)
{
    sign_in(role::Staff);
    std::vector<std::pair<std::string, std::string>> json { { "content-type", "application/json" }, { "x-csrf-token", csrf } };
    // Not found in the institution: 404, whatever the body says.
    EXPECT_EQ(call("POST", "/api/v1/things/99/touch", "{not json", json).status, 404);
    // Found, but the relationship is missing: 403 before the body is even parsed (it is not JSON).
    auto refused = call("POST", "/api/v1/things/2/touch", "{not json", json);
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(problem(refused).at("code"), "forbidden");
    EXPECT_EQ(writes, 0);
    // Allowed: the handler runs and parses the body.
    EXPECT_EQ(call("POST", "/api/v1/things/1/touch", "{not json", json).status, 400);
    EXPECT_EQ(call("POST", "/api/v1/things/1/touch", "{}", json).status, 200);
    EXPECT_EQ(writes, 1);
}

// Issue 14 item 2: a link to a page of the UI (a QR code's /verify/<code>, /public/..., /login)
// opens for every client that does not ask for JSON in preference to HTML.
TEST_F(DispatcherTest, PagesOfTheUiAnswerEveryClientThatDoesNotPreferJson)
{
    for (auto* path : { "/verify/1P0a1b2c3d", "/public/1", "/login" }) {
        for (auto* accept : { "*/*", "", "text/html", "text/html,application/xhtml+xml,*/*;q=0.8", "application/json, text/html" }) {
            std::vector<std::pair<std::string, std::string>> h;
            if (*accept)
                h.emplace_back("accept", accept);
            auto page = call("GET", path, {}, h);
            EXPECT_EQ(page.status, 200) << path << " Accept: " << accept;
            EXPECT_NE(page.body.find("<title>Kenes"), std::string::npos);
            EXPECT_EQ(page.header("Vary"), "Accept") << path;
        }
        auto json = call("GET", path, {}, { { "accept", "application/json" } });
        EXPECT_EQ(problem(json).at("code"), "not_found");
        EXPECT_EQ(json.header("Vary"), "Accept, Accept-Language");   // the problem is in the reader's language
        EXPECT_EQ(call("GET", path, {}, { { "accept", "application/problem+json" } }).status, 404);
    }
    // A file does not depend on Accept; neither does a missing one.
    auto asset = call("GET", "/assets/app-1234.js", {}, { { "accept", "application/json" } });
    EXPECT_EQ(asset.status, 200);
    EXPECT_EQ(asset.header("Vary"), "");
    EXPECT_EQ(call("GET", "/assets/missing.js", {}, { { "accept", "*/*" } }).status, 404);
    EXPECT_EQ(call("GET", "/favicon.ico").status, 404);
    // The API stays under /api: */* gets JSON there, never the shell.
    EXPECT_EQ(problem(call("GET", "/api/v1/nothing", {}, { { "accept", "*/*" } })).at("code"), "not_found");
}

// Item 3: HEAD is GET without the body: the same status and headers, Content-Length included,
// after the same authentication and policy.
TEST_F(DispatcherTest, HeadAnswersWithTheHeadersOfGet)
{
    for (auto* path : { "/api/v1/public/thing", "/api/v1/mine", "/login", "/assets/app-1234.js", "/api/v1/nothing" }) {
        auto get = call("GET", path, {}, { { "accept", "*/*" } });
        auto head = call("HEAD", path, {}, { { "accept", "*/*" } });
        EXPECT_EQ(head.status, get.status) << path;
        EXPECT_EQ(head.body, "") << path;
        EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size())) << path;
        for (auto* name : { "Content-Type", "ETag", "Cache-Control", "Vary", "Content-Language", "Accept-Ranges" })
            EXPECT_EQ(head.header(name), get.header(name)) << path << " " << name;
    }
    // The GET's authentication and policy run: 401 for nobody, like the GET.
    auto anonymous = call("HEAD", "/api/v1/mine");
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(anonymous.header("Content-Type"), "application/problem+json; charset=utf-8");
    sign_in(role::Student);
    EXPECT_EQ(call("HEAD", "/api/v1/mine").status, 200);
}

// Item 4: If-None-Match by the weak comparison, for lists and *, on the API's public answers.
TEST_F(DispatcherTest, PublicAnswersCarryAnEtagAndRevalidate)
{
    auto first = call("GET", "/api/v1/public/thing");
    auto tag = std::string(first.header("ETag"));
    ASSERT_FALSE(tag.empty());
    EXPECT_EQ(call("GET", "/api/v1/public/thing").header("ETag"), tag);
    for (auto inm : { tag, "W/" + tag, "\"nope\", " + tag, std::string("*") }) {
        auto again = call("GET", "/api/v1/public/thing", {}, { { "if-none-match", inm } });
        EXPECT_EQ(again.status, 304) << inm;
        EXPECT_EQ(again.body, "");
        EXPECT_EQ(again.header("ETag"), tag);
        EXPECT_EQ(again.header("Content-Type"), "");
        auto head = call("HEAD", "/api/v1/public/thing", {}, { { "if-none-match", inm } });
        EXPECT_EQ(head.status, 304) << inm;
        EXPECT_EQ(head.header("Content-Length"), "");   // 0 would claim the 200 is empty
    }
    EXPECT_EQ(call("GET", "/api/v1/public/thing", {}, { { "if-none-match", "\"nope\"" } }).status, 200);
    // Signed-in answers are no-store and get no tag; * does not turn them into a 304.
    sign_in(role::Student);
    auto mine = call("GET", "/api/v1/mine", {}, { { "if-none-match", "*" } });
    EXPECT_EQ(mine.status, 200);
    EXPECT_EQ(mine.header("ETag"), "");
}

// Item 5: OPTIONS lists a path's methods without authenticating or running a handler; unknown
// methods are 501; a file takes GET and HEAD only.
TEST_F(DispatcherTest, OptionsAllowAndUnknownMethods)
{
    auto options = call("OPTIONS", "/api/v1/public/thing");
    EXPECT_EQ(options.status, 204);
    EXPECT_EQ(options.header("Allow"), "GET, HEAD, OPTIONS");
    EXPECT_EQ(options.body, "");
    EXPECT_EQ(public_reads, 0);
    EXPECT_EQ(call("OPTIONS", "/api/v1/things").header("Allow"), "POST, OPTIONS");
    EXPECT_EQ(call("OPTIONS", "/api/v1/things/7/touch").header("Allow"), "POST, OPTIONS");
    EXPECT_EQ(call("OPTIONS", "/api/v1/mine").status, 204);   // no session needed to read the method list
    EXPECT_EQ(problem(call("OPTIONS", "/api/v1/nothing")).at("code"), "not_found");
    EXPECT_EQ(call("OPTIONS", "*").status, 204);

    for (auto* path : { "/login", "/assets/app-1234.js", "/" }) {
        auto o = call("OPTIONS", path);
        EXPECT_EQ(o.status, 204) << path;
        EXPECT_EQ(o.header("Allow"), "GET, HEAD, OPTIONS");
        for (auto* method : { "POST", "PUT", "PATCH", "DELETE" }) {
            auto r = call(method, path, "{}", { { "content-type", "application/json" } });
            EXPECT_EQ(problem(r).at("code"), "method_not_allowed") << method << " " << path;
            EXPECT_EQ(r.header("Allow"), "GET, HEAD, OPTIONS");
        }
    }
    EXPECT_EQ(call("OPTIONS", "/assets/missing.js").status, 404);
    EXPECT_EQ(call("POST", "/assets/missing.js").status, 404);

    for (auto* method : { "BREW", "PROPFIND", "TRACE", "CONNECT", "get" }) {
        for (auto* path : { "/api/v1/public/thing", "/api/v1/nothing", "/login", "/assets/app-1234.js" }) {
            auto r = call(method, path);
            EXPECT_EQ(r.status, 501) << method << " " << path;
            EXPECT_EQ(problem(r).at("code"), "not_implemented");
        }
    }
    EXPECT_EQ(public_reads, 0);
    EXPECT_EQ(writes, 0);
}

TEST_F(DispatcherTest, RangesOfStaticFiles)
{
    auto part = call("GET", "/assets/app-1234.js", {}, { { "range", "bytes=0-6" } });
    EXPECT_EQ(part.status, 206);
    EXPECT_EQ(part.body, "console");
    EXPECT_EQ(part.header("Content-Range"), "bytes 0-6/14");
    auto outside = call("GET", "/assets/app-1234.js", {}, { { "range", "bytes=14-" }, { "accept-language", "en" } });
    EXPECT_EQ(problem(outside).at("code"), "range_not_satisfiable");
    EXPECT_EQ(outside.status, 416);
    EXPECT_EQ(outside.header("Content-Range"), "bytes */14");
    EXPECT_EQ(outside.header("ETag"), "");
    // API answers are not ranged.
    EXPECT_EQ(call("GET", "/api/v1/public/thing", {}, { { "range", "bytes=0-1" } }).status, 200);
}

TEST(Router, AllowListsHeadWhereGetIsAndAlwaysOptions)
{
    EXPECT_EQ(allow_header({ "GET" }), "GET, HEAD, OPTIONS");
    EXPECT_EQ(allow_header({ "POST", "GET", "DELETE" }), "GET, HEAD, POST, DELETE, OPTIONS");
    EXPECT_EQ(allow_header({ "PATCH" }), "PATCH, OPTIONS");
    EXPECT_EQ(allow_header({ "GET", "GET", "OPTIONS" }), "GET, HEAD, OPTIONS");
    EXPECT_EQ(allow_header({}), "OPTIONS");
}

// The head of an event stream is its headers: no events, no length, and the server does not
// keep the connection streaming.
TEST_F(DispatcherTest, HeadOfAnEventStreamIsItsHeadersOnly)
{
    registry.router.add("GET", "/api/v1/stream", perm::Public, authz::anyone, Body::None, [](Context&) -> Result<Response> {
        Response r;
        r.live_topic = "test";
        r.live_loader = [](int64_t&) -> std::optional<std::string> { return std::string("{}"); };
        return r;
    });
    auto get = call("GET", "/api/v1/stream");
    EXPECT_EQ(get.live_topic, "test");
    auto head = call("HEAD", "/api/v1/stream");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.live_topic, "");
    EXPECT_FALSE(head.live_loader);
    EXPECT_EQ(head.header("Content-Type"), "text/event-stream; charset=utf-8");
    EXPECT_EQ(head.header("Cache-Control"), "no-store");
    EXPECT_EQ(head.header("Content-Length"), "");
}
