// The network layer against real sockets: keep-alive, a slow client cut off at the read deadline,
// and a graceful stop that lets the request in flight finish.
#include "http/server.hpp"
#include "security/crypto.hpp"
#include <arpa/inet.h>
#include <chrono>
#include <filesystem>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace kenes;
using namespace kenes::http;
using namespace std::chrono_literals;

namespace {

int connect_to(uint16_t port)
{
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a {};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    timeval tv { 5, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

void send_all(int fd, const std::string& s) { ASSERT_EQ(::send(fd, s.data(), s.size(), MSG_NOSIGNAL), ssize_t(s.size())); }

// Reads until the peer closes or `until` appears; returns what arrived.
std::string read_until(int fd, const std::string& until = {})
{
    std::string got;
    char buf[4096];
    for (;;) {
        if (!until.empty() && got.find(until) != std::string::npos)
            return got;
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            return got;
        got.append(buf, size_t(n));
    }
}

struct ServerTest : ::testing::Test {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("kenes-srv-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<db::Database> db;
    FixedClock clock { 1795305300000 };
    Config config;
    Catalog catalog = Catalog::load(std::filesystem::path(KENES_SOURCE_DIR) / "web/locales");
    Registry registry;
    StaticFiles files;
    Metrics metrics;
    std::unique_ptr<Dispatcher> dispatcher;
    std::unique_ptr<Server> server;
    std::thread runner;
    uint16_t port = 0;
    std::atomic<bool> slow_started { false };

    void SetUp() override
    {
        crypto::init();
        std::filesystem::create_directories(dir);
        db = db::open_database("sqlite:" + (dir / "t.db").string());
        config.port = 0;
        config.read_timeout_seconds = 1;
        config.io_threads = 2;
        registry.router.add("GET", "/api/v1/fast", perm::Public, authz::anyone, Body::None, [](Context&) -> Result<Response> { return Response::text(200, "fast"); });
        registry.router.add("GET", "/api/v1/slow", perm::Public, authz::anyone, Body::None, [this](Context&) -> Result<Response> {
            slow_started = true;
            std::this_thread::sleep_for(500ms);
            return Response::text(200, "slow-done");
        });
        dispatcher = std::make_unique<Dispatcher>(registry, Services { *db, catalog, clock, config, registry.permissions }, files, metrics);
        server = std::make_unique<Server>(config, *dispatcher);
        port = server->listen();
        runner = std::thread([this] { server->run(); });
    }
    void TearDown() override
    {
        server->stop();
        if (runner.joinable())
            runner.join();
        db->close();
        std::filesystem::remove_all(dir);
    }
};

}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection)
{
    int fd = connect_to(port);
    ASSERT_GE(fd, 0);
    for (int i = 0; i < 3; ++i) {
        send_all(fd, "GET /api/v1/fast HTTP/1.1\r\nHost: t\r\n\r\n");
        auto got = read_until(fd, "fast");
        EXPECT_NE(got.find("HTTP/1.1 200"), std::string::npos) << got;
    }
    ::close(fd);
}

TEST_F(ServerTest, ASlowClientIsCutOffAtTheReadDeadline)
{
    int fd = connect_to(port);
    ASSERT_GE(fd, 0);
    send_all(fd, "GET /api/v1/fast HTTP/1.1\r\nHost: t\r\n");   // the header never ends
    auto started = std::chrono::steady_clock::now();
    auto got = read_until(fd);
    auto waited = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(got.find("200"), std::string::npos);
    EXPECT_LT(waited, 3s);   // closed by the 1 s deadline, not by the test's 5 s receive timeout
    ::close(fd);
    // ... and others are still served.
    int other = connect_to(port);
    send_all(other, "GET /api/v1/fast HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    EXPECT_NE(read_until(other).find("fast"), std::string::npos);
    ::close(other);
}

TEST_F(ServerTest, StopLetsTheRequestInFlightFinishAndRefusesNewConnections)
{
    int fd = connect_to(port);
    ASSERT_GE(fd, 0);
    int idle = connect_to(port);   // an idle keep-alive connection is closed at once
    send_all(fd, "GET /api/v1/slow HTTP/1.1\r\nHost: t\r\n\r\n");
    while (!slow_started)
        std::this_thread::sleep_for(5ms);
    server->stop();
    auto got = read_until(fd);
    EXPECT_NE(got.find("HTTP/1.1 200"), std::string::npos) << got;
    EXPECT_NE(got.find("slow-done"), std::string::npos);
    EXPECT_NE(got.find("Connection: close"), std::string::npos);
    EXPECT_EQ(read_until(idle), "");
    runner.join();   // run() returns once the in-flight request is done
    EXPECT_EQ(connect_to(port), -1);
    ::close(fd);
    ::close(idle);
}

// HEAD on the wire: GET's Content-Length and no body, so the next response on the connection
// starts right after the header (issue 14 item 3); BREW is 501 and the connection goes on.
TEST_F(ServerTest, HeadSendsTheLengthOfGetAndNoBody)
{
    int fd = connect_to(port);
    ASSERT_GE(fd, 0);
    send_all(fd, "HEAD /api/v1/fast HTTP/1.1\r\nHost: t\r\n\r\n");
    auto head = read_until(fd, "\r\n\r\n");
    EXPECT_NE(head.find("HTTP/1.1 200"), std::string::npos) << head;
    EXPECT_NE(head.find("Content-Length: 4\r\n"), std::string::npos) << head;
    EXPECT_EQ(head.substr(head.find("\r\n\r\n") + 4), "");
    send_all(fd, "BREW /api/v1/fast HTTP/1.1\r\nHost: t\r\n\r\n");
    auto brew = read_until(fd, "\"code\":\"not_implemented\"}");
    EXPECT_EQ(brew.rfind("HTTP/1.1 501", 0), 0u) << brew;
    send_all(fd, "OPTIONS /api/v1/fast HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    auto options = read_until(fd);
    EXPECT_EQ(options.rfind("HTTP/1.1 204", 0), 0u) << options;
    EXPECT_NE(options.find("Allow: GET, HEAD, OPTIONS\r\n"), std::string::npos) << options;
    EXPECT_EQ(options.find("Content-Length"), std::string::npos) << options;   // RFC 9110 section 8.6
    ::close(fd);
}

TEST(Metrics, OnlyTheBearerOfTheTokenOrTheMetricsListenerSeesThem)
{
    crypto::init();
    const std::string token = "0123456789abcdef0123";
    EXPECT_EQ(metrics_access("", false, ""), MetricsAccess::NotFound);
    EXPECT_EQ(metrics_access("", false, "Bearer " + token), MetricsAccess::NotFound);
    EXPECT_EQ(metrics_access("", true, ""), MetricsAccess::Serve);
    EXPECT_EQ(metrics_access(token, true, ""), MetricsAccess::Serve);
    EXPECT_EQ(metrics_access(token, false, ""), MetricsAccess::Unauthorized);
    EXPECT_EQ(metrics_access(token, false, "Bearer " + token), MetricsAccess::Serve);
    EXPECT_EQ(metrics_access(token, false, "bearer " + token), MetricsAccess::Serve);
    EXPECT_EQ(metrics_access(token, false, "Bearer " + token + "x"), MetricsAccess::Unauthorized);
    EXPECT_EQ(metrics_access(token, false, "Bearer " + token.substr(1)), MetricsAccess::Unauthorized);
    EXPECT_EQ(metrics_access(token, false, "Basic " + token), MetricsAccess::Unauthorized);
    EXPECT_EQ(metrics_access(token, false, "Bearer "), MetricsAccess::Unauthorized);
}
