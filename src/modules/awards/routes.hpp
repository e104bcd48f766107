#pragma once
// The awards module's route groups and permissions, for module.cpp.
#include "http/registry.hpp"

namespace kenes::awards {

// Awards, the commission's sessions (with the body policies), one's own record: everyone.
inline constexpr const char* read_perm = "awards.read";
// Recording nominations and their discussions: staff (Shanyrak leaders, the pedagogical meeting's secretary).
inline constexpr const char* nominate_perm = "awards.nominate";
// The principal (AWD-1, AWD-5): kinds, Shanyrak membership, awards with their orders, publication.
inline constexpr const char* manage_perm = "awards.manage";

namespace detail {
void register_nomination_routes(http::Registry&);   // kinds, Shanyrak members, deadline, nominations
void register_session_routes(http::Registry&);      // the commission's scoring sessions
void register_award_routes(http::Registry&);        // awards, orders, certificates, the public page, the overview section
}

}
