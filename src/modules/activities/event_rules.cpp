#include "modules/activities/event_rules.hpp"
#include <cctype>

namespace kenes::activities::rules {

bool valid_start_time(const std::string& t)
{
    if (t.size() != 5 || t[2] != ':')
        return false;
    for (size_t i : { 0, 1, 3, 4 })
        if (!std::isdigit(static_cast<unsigned char>(t[i])))
            return false;
    return std::stoi(t.substr(0, 2)) < 24 && std::stoi(t.substr(3)) < 60;
}

bool has_taken_place(const std::string& held_on, const std::optional<std::string>& starts_at, const std::string& today, const std::string& now)
{
    // ISO dates and HH:MM times compare as text.
    if (held_on != today)
        return held_on < today;
    return starts_at && *starts_at <= now;
}

EventChange compare(const EventFacts& before, const EventFacts& after)
{
    EventChange c;
    c.renamed = before.title != after.title;
    c.redescribed = before.description != after.description;
    c.moved = before.held_on != after.held_on || before.starts_at != after.starts_at;
    c.relocated = before.place != after.place;
    return c;
}

std::string when_text(const std::string& held_on, const std::optional<std::string>& starts_at)
{
    return starts_at ? held_on + " " + *starts_at : held_on;
}

}
