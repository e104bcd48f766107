#pragma once
// The digest rule, pure: at most one mail per kind per person an hour; what arrives in between
// waits for the next one and goes out in it.
#include <cstdint>
#include <optional>

namespace kenes::notifications {

constexpr int64_t digest_window_millis = 3600 * 1000LL;

// Whether a mail of a kind may go to a person now, given when the last one of that kind went.
inline bool may_mail_now(std::optional<int64_t> last_mailed_at, int64_t now)
{
    return !last_mailed_at || now - *last_mailed_at >= digest_window_millis;
}

// Delay before another attempt after `attempts` failed ones: 30 s, 1 min, 2 min, ... (a relay that
// is down is not hammered; one that hiccuped is retried soon).
inline int64_t retry_delay_millis(int64_t attempts)
{
    return 30'000LL << (attempts < 1 ? 0 : attempts > 6 ? 5 : attempts - 1);
}

}
