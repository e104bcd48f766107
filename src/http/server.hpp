#pragma once
#include "core/config.hpp"
#include "http/dispatcher.hpp"
#include "http/live.hpp"
#include <chrono>
#include <functional>
#include <string>
#include <memory>

namespace kenes::http {

// HTTP/1.1 with keep-alive over Boost.Beast and Asio coroutines: one io_context on N threads, a
// strand per connection, a fresh parser per request with header and body limits, a deadline on
// every read and write (a slow client cannot hold a connection), and handlers that touch the
// database run on a separate worker pool so the I/O threads never block.
class Server {
public:
    Server(const Config&, Dispatcher&, LiveHub* live = nullptr);
    ~Server();

    // Binds the listening socket (throws with the reason when it cannot) and returns the port.
    uint16_t listen();
    // Serves until SIGINT/SIGTERM or stop(), then stops accepting, lets in-flight requests finish,
    // closes idle connections, and returns.
    void run(const std::function<void()>& on_ready = {});
    void stop();
    // Runs `job` on a write worker a few seconds after start and then every `interval`, until stop.
    void schedule(std::string name, std::chrono::seconds interval, std::function<void()> job);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}
