#include "http/server.hpp"
#include "http/client_address.hpp"
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <mutex>
#include <spdlog/spdlog.h>
#include <thread>
#include <unordered_map>

namespace kenes::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// Built outside the coroutines: GCC 12 miscompiles initializer lists inside coroutine bodies.
boost::json::object limit_param(std::string limit)
{
    return boost::json::object { { "limit", std::move(limit) } };
}

struct Connection {
    Connection(tcp::socket s, bool metrics_only) : stream(std::move(s)), metrics_only(metrics_only) {}
    beast::tcp_stream stream;
    bool busy = false;   // a request has been read and its response is not yet written
    bool metrics_only;   // accepted on the metrics listener: serves /metrics and nothing else
};

std::string_view path_of(std::string_view target)
{
    return target.substr(0, target.find('?'));
}

struct Server::Impl {
    Impl(const Config& c, Dispatcher& d, LiveHub* l)
        : config(c)
        , dispatcher(d)
        , live(l)
        , io(int(c.io_threads ? c.io_threads : std::max(1u, std::thread::hardware_concurrency())))
        , readers(c.read_threads ? c.read_threads : std::max(1u, std::thread::hardware_concurrency()))
        , writers(std::max(1u, c.write_threads))
        , acceptor(io)
        , metrics_acceptor(io)
        , signals(io, SIGINT, SIGTERM)
    {
    }

    const Config& config;
    Dispatcher& dispatcher;
    LiveHub* live;
    asio::io_context io;
    asio::thread_pool readers;
    asio::thread_pool writers;
    tcp::acceptor acceptor;
    tcp::acceptor metrics_acceptor;
    asio::signal_set signals;
    std::atomic<bool> stopping { false };
    std::mutex connections_mutex;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;

    asio::awaitable<void> accept_loop(tcp::acceptor& from, bool metrics_only)
    {
        for (;;) {
            auto [ec, socket] = co_await from.async_accept(asio::make_strand(io), use_tuple);
            if (ec) {
                if (stopping || ec == asio::error::operation_aborted)
                    co_return;
                spdlog::warn("accept failed: {}", ec.message());
                continue;
            }
            auto conn = std::make_shared<Connection>(std::move(socket), metrics_only);
            {
                std::lock_guard lk(connections_mutex);
                connections.emplace(conn.get(), conn);
            }
            auto executor = conn->stream.get_executor();
            asio::co_spawn(executor, serve(conn), [this, raw = conn.get()](std::exception_ptr e) {
                if (e) {
                    try { std::rethrow_exception(e); } catch (const std::exception& ex) { spdlog::error("connection failed: {}", ex.what()); }
                }
                std::lock_guard lk(connections_mutex);
                connections.erase(raw);
            });
        }
    }

    size_t body_limit_for(const bhttp::request_parser<bhttp::string_body>& parser) const
    {
        auto& h = parser.get();
        std::string_view target = h.target();
        if (h.method() == bhttp::verb::post && target.starts_with("/api/v1/imports"))
            return config.upload_limit;
        return config.json_body_limit;
    }

    asio::awaitable<void> write_problem(Connection& c, ErrorCode code, Lang lang, boost::json::object params = {})
    {
        Error error;
        error.code = code;
        error.params = std::move(params);
        auto r = dispatcher.problem(error, lang);
        bhttp::response<bhttp::string_body> res { bhttp::status(r.status), 11 };
        for (auto& [k, v] : r.headers)
            res.set(k, v);
        res.body() = std::move(r.body);
        res.keep_alive(false);
        res.prepare_payload();
        c.stream.expires_after(std::chrono::seconds(config.write_timeout_seconds));
        co_await bhttp::async_write(c.stream, res, use_tuple);
    }

    // After refusing an oversized body, read (and drop) what the client is still sending for a
    // moment, so it can read the 413 instead of failing on a reset connection.
    asio::awaitable<void> drain(Connection& c, beast::flat_buffer& buffer)
    {
        beast::error_code ignored;
        c.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        buffer.clear();
        size_t drained = 0;
        c.stream.expires_after(std::chrono::seconds(2));
        while (drained < 4 * config.upload_limit) {
            auto [ec, n] = co_await c.stream.async_read_some(buffer.prepare(64 * 1024), use_tuple);
            if (ec)
                break;
            drained += n;
        }
    }

    asio::awaitable<void> serve(std::shared_ptr<Connection> conn)
    {
        Connection& c = *conn;
        beast::flat_buffer buffer;
        auto remote = [&] {
            beast::error_code ec;
            auto ep = c.stream.socket().remote_endpoint(ec);
            return ec ? std::string("unknown") : ep.address().to_string();
        }();
        while (!stopping) {
            // A fresh parser per request: Beast parsers are single-use.
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(std::uint32_t(config.header_limit));
            // The header read already checks Content-Length against body_limit, so start with the
            // largest limit and narrow it once the target is known.
            parser.body_limit(std::max(config.json_body_limit, config.upload_limit));
            c.stream.expires_after(std::chrono::seconds(config.read_timeout_seconds));
            auto [ec, n] = co_await bhttp::async_read_header(c.stream, buffer, parser, use_tuple);
            if (ec) {
                if (ec == bhttp::error::body_limit) {
                    co_await write_problem(c, ErrorCode::TooLarge, Lang::Kk, limit_param(std::to_string(config.upload_limit / (1024 * 1024)) + " MiB"));
                    co_await drain(c, buffer);
                } else if (ec == bhttp::error::header_limit)
                    co_await write_problem(c, ErrorCode::HeaderTooLarge, Lang::Kk, limit_param(std::to_string(config.header_limit / 1024) + " KiB"));
                else if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout && ec != asio::error::operation_aborted
                    && ec != asio::error::connection_reset && ec != asio::error::eof)
                    co_await write_problem(c, ErrorCode::BadRequest, Lang::Kk);
                break;
            }
            parser.body_limit(body_limit_for(parser));
            Lang lang = negotiate_lang(std::string_view(parser.get()[bhttp::field::accept_language])).value_or(Lang::Kk);
            if (parser.get()[bhttp::field::expect] == "100-continue") {
                bhttp::response<bhttp::empty_body> cont { bhttp::status::continue_, 11 };
                c.stream.expires_after(std::chrono::seconds(config.write_timeout_seconds));
                auto [wec, wn] = co_await bhttp::async_write(c.stream, cont, use_tuple);
                if (wec)
                    break;
            }
            // An upload of 10 MiB over a slow school connection needs more than the usual deadline.
            bool upload = body_limit_for(parser) == config.upload_limit;
            c.stream.expires_after(std::chrono::seconds(upload ? config.upload_timeout_seconds : config.read_timeout_seconds));
            auto [bec, bn] = co_await bhttp::async_read(c.stream, buffer, parser, use_tuple);
            if (bec) {
                if (bec == bhttp::error::body_limit) {
                    co_await write_problem(c, ErrorCode::TooLarge, lang, limit_param(std::to_string(body_limit_for(parser) / (1024 * 1024)) + " MiB"));
                    co_await drain(c, buffer);
                }
                else if (bec != beast::error::timeout && bec != asio::error::operation_aborted && bec != bhttp::error::end_of_stream)
                    co_await write_problem(c, ErrorCode::BadRequest, lang);
                break;
            }
            c.busy = true;
            auto msg = parser.release();
            bool keep_alive = msg.keep_alive();
            Request req;
            req.method = std::string(msg.method_string());
            req.target = std::string(msg.target());
            req.remote_address = remote;
            req.headers.reserve(16);
            for (auto& field : msg) {
                std::string name(field.name_string());
                for (auto& ch : name)
                    ch = char(std::tolower(static_cast<unsigned char>(ch)));
                req.headers.emplace_back(std::move(name), std::string(field.value()));
            }
            req.body = std::move(msg.body());
            req.remote_address = client_address(remote, req.header("x-forwarded-for"), config.trusted_proxies);

            Response r;
            auto run_on = [&](asio::thread_pool& pool) {
                return asio::co_spawn(pool, [&]() -> asio::awaitable<Response> { co_return dispatcher.handle(req); }, asio::use_awaitable);
            };
            if (c.metrics_only || path_of(req.target) == "/metrics")
                r = metrics_gate(c, req, lang);
            else
                switch (dispatcher.lane(req)) {
                case Dispatcher::Lane::Io: r = dispatcher.handle(req); break;
                case Dispatcher::Lane::Read: r = co_await run_on(readers); break;
                case Dispatcher::Lane::Write: r = co_await run_on(writers); break;
                }

            if (!r.live_topic.empty() && live) {
                co_await stream_events(c, r);
                c.busy = false;
                break;
            }
            bool keep = keep_alive && !stopping;
            beast::error_code wec;
            c.stream.expires_after(std::chrono::seconds(config.write_timeout_seconds));
            if (msg.method() == bhttp::verb::head) {
                // The headers GET would send, as the dispatcher made them (Content-Length of the
                // GET's body, or none for a 304 or a stream), and no body.
                bhttp::response<bhttp::empty_body> res { bhttp::status(r.status), msg.version() };
                for (auto& [k, v] : r.headers)
                    res.set(k, v);
                res.keep_alive(keep);
                auto [ec, wn] = co_await bhttp::async_write(c.stream, res, use_tuple);
                wec = ec;
            } else if (auto file = open_download(r)) {
                // Long enough for the whole file at 256 KiB/s on top of the usual write timeout.
                c.stream.expires_after(std::chrono::seconds(config.write_timeout_seconds + file->size() / (256 * 1024)));
                bhttp::response<bhttp::file_body> res { bhttp::status(r.status), msg.version() };
                for (auto& [k, v] : r.headers)
                    res.set(k, v);
                res.body() = std::move(*file);
                res.keep_alive(keep);
                res.prepare_payload();
                auto [ec, wn] = co_await bhttp::async_write(c.stream, res, use_tuple);
                wec = ec;
            } else {
                if (r.file) // a download whose file is gone: answer as if it never existed
                    r = dispatcher.problem(Error::not_found(), lang);
                bhttp::response<bhttp::string_body> res { bhttp::status(r.status), msg.version() };
                for (auto& [k, v] : r.headers)
                    res.set(k, v);
                res.body() = std::move(r.body);
                res.keep_alive(keep);
                res.prepare_payload();
                // Beast writes "Content-Length: 0" for these too; RFC 9110 section 8.6 forbids it
                // on a 204, and on a 304 it would claim the 200's content is empty.
                if (r.status == 204 || r.status == 304)
                    res.erase(bhttp::field::content_length);
                auto [ec, wn] = co_await bhttp::async_write(c.stream, res, use_tuple);
                wec = ec;
            }
            c.busy = false;
            if (wec || !keep)
                break;
        }
        beast::error_code ignored;
        c.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        c.stream.socket().close(ignored);
    }

    // The open file of a download response, or nothing (no file, or it cannot be opened).
    static std::optional<bhttp::file_body::value_type> open_download(const Response& r)
    {
        if (!r.file)
            return std::nullopt;
        bhttp::file_body::value_type body;
        beast::error_code ec;
        body.open(r.file->c_str(), beast::file_mode::scan, ec);
        if (ec)
            return std::nullopt;
        return body;
    }

    // /metrics is decided here, before the dispatcher: the dispatcher refuses any bearer token that
    // is not an API token, and the metrics token is none. Once accepted, the token is taken off the
    // request.
    Response metrics_gate(const Connection& c, Request& req, Lang lang)
    {
        if (path_of(req.target) != "/metrics")
            return dispatcher.problem(Error::not_found(), lang);
        switch (metrics_access(config.metrics_token, c.metrics_only, req.header("authorization"))) {
        case MetricsAccess::Serve:
            std::erase_if(req.headers, [](auto& h) { return h.first == "authorization"; });
            return dispatcher.handle(req);
        case MetricsAccess::NotFound:
            return dispatcher.problem(Error::not_found(), lang);
        case MetricsAccess::Unauthorized:
            break;
        }
        auto r = dispatcher.problem(Error { ErrorCode::Unauthenticated }, lang);
        r.set_header("WWW-Authenticate", "Bearer realm=\"kenes-metrics\"");
        return r;
    }

    // A server-sent event stream: the current payload at once, then each change, at most one
    // message a second (changes in between are coalesced into the latest), and a comment line as
    // a heartbeat every 15 s so proxies keep the connection.
    asio::awaitable<void> stream_events(Connection& c, Response& r)
    {
        auto topic = live->subscribe(r.live_topic, std::move(r.live_loader));
        if (topic->current().first == 0)
            co_await asio::co_spawn(readers, [&]() -> asio::awaitable<void> { live->refresh(*topic); co_return; }, asio::use_awaitable);
        // The hub may post a wake-up just as the stream ends: the timer is shared and the posted
        // handler holds only a weak reference, so it never touches a timer that is gone.
        auto executor = c.stream.get_executor();
        auto wake = std::make_shared<asio::steady_timer>(executor);
        uint64_t ticket = topic->watch([weak = std::weak_ptr<asio::steady_timer>(wake), executor] {
            asio::post(executor, [weak] {
                if (auto timer = weak.lock())
                    timer->cancel();
            });
        });
        std::string head = "HTTP/1.1 200 OK\r\nConnection: close\r\n";
        auto own = event_stream_headers();
        for (auto& [k, v] : own)
            head += k + ": " + v + "\r\n";
        for (auto& [k, v] : r.headers)
            if (std::none_of(own.begin(), own.end(), [&](auto& o) { return o.first == k; }))
                head += k + ": " + v + "\r\n";
        head += "\r\n";
        auto write = [&](std::string text) -> asio::awaitable<bool> {
            c.stream.expires_after(std::chrono::seconds(config.write_timeout_seconds));
            auto [ec, n] = co_await asio::async_write(c.stream, asio::buffer(text), use_tuple);
            co_return !ec;
        };
        using clock = std::chrono::steady_clock;
        uint64_t sent = 0;
        auto last_send = clock::now() - std::chrono::seconds(2);
        bool ok = co_await write(head);
        while (ok && !stopping) {
            auto [sequence, payload] = topic->current();
            auto now = clock::now();
            if (sequence != sent && now - last_send >= std::chrono::seconds(1)) {
                ok = co_await write("event: update\ndata: " + payload + "\n\n");
                sent = sequence;
                last_send = now;
                continue;
            }
            auto until = sequence != sent ? last_send + std::chrono::seconds(1) : now + std::chrono::seconds(15);
            wake->expires_at(until);
            auto [ec] = co_await wake->async_wait(use_tuple);
            if (!ec && sequence == sent && topic->current().first == sent)
                ok = co_await write(": heartbeat\n\n");
        }
        topic->unwatch(ticket);
    }

    struct ScheduledJob {
        std::string name;
        std::chrono::seconds interval;
        std::function<void()> run;
    };
    std::vector<ScheduledJob> jobs;

    std::vector<std::shared_ptr<asio::steady_timer>> job_timers;

    asio::awaitable<void> run_job(ScheduledJob job, std::shared_ptr<asio::steady_timer> timer_ptr)
    {
        auto& timer = *timer_ptr;
        auto wait = std::chrono::seconds(5);
        while (!stopping) {
            timer.expires_after(wait);
            co_await timer.async_wait(use_tuple);
            if (stopping)
                break;
            co_await asio::co_spawn(writers, [&]() -> asio::awaitable<void> {
                try {
                    job.run();
                } catch (const std::exception& e) {
                    spdlog::error("job {} failed: {}", job.name, e.what());
                }
                co_return;
            }, asio::use_awaitable);
            wait = job.interval;
        }
    }

    // Reloads the watched topics four times a second on a read worker.
    asio::awaitable<void> poll_live()
    {
        asio::steady_timer timer(io);
        while (!stopping) {
            timer.expires_after(std::chrono::milliseconds(250));
            co_await timer.async_wait(use_tuple);
            if (stopping)
                break;
            if (live->topic_count() > 0)
                co_await asio::co_spawn(readers, [&]() -> asio::awaitable<void> { live->refresh_all(); co_return; }, asio::use_awaitable);
        }
    }

    void begin_shutdown()
    {
        if (stopping.exchange(true))
            return;
        spdlog::info("shutting down: finishing requests in flight");
        beast::error_code ignored;
        acceptor.close(ignored);
        metrics_acceptor.close(ignored);
        signals.cancel(ignored);
        if (live)
            live->wake_all();
        for (auto& t : job_timers)
            asio::post(io, [t] { t->cancel(); });
        std::lock_guard lk(connections_mutex);
        for (auto& [raw, weak] : connections) {
            if (auto conn = weak.lock())
                asio::post(conn->stream.get_executor(), [conn] {
                    // Idle keep-alive connections are closed; busy ones close after their response.
                    if (!conn->busy) {
                        beast::error_code ignored;   // the connection may have closed meanwhile
                        conn->stream.socket().cancel(ignored);
                    }
                });
        }
    }
};

Server::Server(const Config& c, Dispatcher& d, LiveHub* live) : m_impl(std::make_unique<Impl>(c, d, live)) {}

Server::~Server()
{
    m_impl->readers.join();
    m_impl->writers.join();
}

uint16_t Server::listen()
{
    auto& i = *m_impl;
    tcp::endpoint ep(asio::ip::make_address(i.config.bind), i.config.port);
    i.acceptor.open(ep.protocol());
    i.acceptor.set_option(asio::socket_base::reuse_address(true));
    i.acceptor.bind(ep);
    i.acceptor.listen(asio::socket_base::max_listen_connections);
    if (auto metrics = parse_listen_address(i.config.metrics_listen)) {
        tcp::endpoint mep(asio::ip::make_address(metrics->first), metrics->second);
        i.metrics_acceptor.open(mep.protocol());
        i.metrics_acceptor.set_option(asio::socket_base::reuse_address(true));
        i.metrics_acceptor.bind(mep);
        i.metrics_acceptor.listen();
    }
    return i.acceptor.local_endpoint().port();
}

void Server::run(const std::function<void()>& on_ready)
{
    auto& i = *m_impl;
    i.signals.async_wait([this](beast::error_code ec, int) {
        if (!ec)
            m_impl->begin_shutdown();
    });
    asio::co_spawn(i.io, i.accept_loop(i.acceptor, false), asio::detached);
    if (i.metrics_acceptor.is_open())
        asio::co_spawn(i.io, i.accept_loop(i.metrics_acceptor, true), asio::detached);
    if (i.live)
        asio::co_spawn(i.io, i.poll_live(), asio::detached);
    for (auto& job : i.jobs) {
        auto timer = std::make_shared<asio::steady_timer>(i.io);
        i.job_timers.push_back(timer);
        asio::co_spawn(i.io, i.run_job(job, timer), asio::detached);
    }
    if (on_ready)
        on_ready();
    unsigned n = i.config.io_threads ? i.config.io_threads : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < n; ++t)
        threads.emplace_back([&] { i.io.run(); });
    i.io.run();
    for (auto& t : threads)
        t.join();
    i.readers.join();
    i.writers.join();
}

void Server::schedule(std::string name, std::chrono::seconds interval, std::function<void()> job)
{
    m_impl->jobs.push_back({ std::move(name), interval, std::move(job) });
}

void Server::stop()
{
    asio::post(m_impl->io, [this] { m_impl->begin_shutdown(); });
}

}
