#pragma once
// Pure rules of changing an event (PLAN-2): when an event is over and can no longer change, and
// what a change altered that the people registered for it must hear of. No I/O, so they are
// unit-tested without a server.
#include <optional>
#include <string>

namespace kenes::activities::rules {

// "HH:MM", 00:00 to 23:59.
bool valid_start_time(const std::string&);

// PLAN-2: an event with a start time has taken place once it started; one without, once its
// day is over. `today` is the Almaty date (YYYY-MM-DD), `now` the Almaty time (HH:MM).
bool has_taken_place(const std::string& held_on, const std::optional<std::string>& starts_at, const std::string& today, const std::string& now);

// What people registered for an event see of it.
struct EventFacts {
    std::string title;
    std::string description;
    std::string held_on;
    std::optional<std::string> starts_at;
    std::string place;
};

struct EventChange {
    bool renamed = false;
    bool redescribed = false;
    bool moved = false;       // the date or the start time
    bool relocated = false;   // the place
    bool any() const { return renamed || redescribed || moved || relocated; }
};

EventChange compare(const EventFacts& before, const EventFacts& after);

// The date and time as the notice shows them: "2026-12-10 15:00", or the date alone.
std::string when_text(const std::string& held_on, const std::optional<std::string>& starts_at);

}
