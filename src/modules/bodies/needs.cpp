// What the bodies module puts on a member's "needs you" list: sessions of their bodies in the
// coming week, votes open for them, protocols waiting for their signature, and, for the officers
// of a body, candidacies to put before it. The gathering asks each entry's policy before showing it.
#include "modules/bodies/bodies.hpp"
#include "modules/bodies/policy.hpp"

namespace kenes::bodies {

using boost::json::object;
using http::Need;

namespace {

// A member "on D": the seat had begun and had not ended on the session's date.
constexpr const char* seated_on_held_on = "ms.institution_id = m.institution_id AND ms.body_id = m.body_id AND ms.person_id = ? "
                                          "AND ms.starts_on <= m.held_on AND (ms.ends_on IS NULL OR ms.ends_on >= m.held_on)";

constexpr int64_t week_millis = 7 * 24 * 3600 * 1000LL;

void sessions_this_week(db::Tx& tx, const http::Viewer& v, int64_t inst, int64_t me, UnixMillis now, std::vector<Need>& out)
{
    std::string from = almaty::local_date(now).iso(), to = almaty::local_date(now + week_millis).iso();
    for (auto& r : tx.query(std::string("SELECT m.id, m.number, m.held_on, m.place, b.name, b.name_key FROM meetings m JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id "
                                        "WHERE m.institution_id = ? AND m.status <> 'closed' AND m.held_on >= ? AND m.held_on <= ? "
                                        "AND EXISTS (SELECT 1 FROM memberships ms WHERE ")
                     + seated_on_held_on + ") ORDER BY m.held_on, m.id LIMIT 20",
             { inst, from, to, me }))
        out.push_back({ "session", "bodies.read", &policy::read_meeting, r.i64(0), "/meetings/" + std::to_string(r.i64(0)),
            object { { "body", display_name(v.catalog, v.lang, r.str(4), r.opt_str(5)) }, { "number", r.i64(1) }, { "date", r.str(2) }, { "place", r.str(3) } }, r.str(2) });
}

// MTG-5: a vote waits for a voting member who is present, not recused and has not voted yet.
void votes_open(db::Tx& tx, const http::Viewer& v, int64_t inst, int64_t me, std::vector<Need>& out)
{
    for (auto& r : tx.query(std::string("SELECT i.id, i.title, m.id, b.name, b.name_key FROM agenda_items i "
                                        "JOIN meetings m ON m.institution_id = i.institution_id AND m.id = i.meeting_id "
                                        "JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id "
                                        "JOIN attendance a ON a.institution_id = m.institution_id AND a.meeting_id = m.id AND a.person_id = ? AND a.present = 1 "
                                        "WHERE i.institution_id = ? AND i.vote_status = 'open' "
                                        "AND EXISTS (SELECT 1 FROM memberships ms WHERE ")
                     + seated_on_held_on + " AND ms.voting = 1) "
                                           "AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.institution_id = i.institution_id AND v.item_id = i.id AND v.person_id = ?) "
                                           "AND NOT EXISTS (SELECT 1 FROM interests x WHERE x.institution_id = i.institution_id AND x.item_id = i.id AND x.person_id = ?) "
                                           "ORDER BY i.id LIMIT 20",
             { me, inst, me, me, me }))
        out.push_back({ "vote", "self", &policy::vote_on_item, r.i64(0), "/meetings/" + std::to_string(r.i64(2)),
            object { { "title", r.str(1) }, { "body", display_name(v.catalog, v.lang, r.str(3), r.opt_str(4)) } }, "" });
}

// MTG-7: every member present signs the protocol; it is final when all have.
void signatures_pending(db::Tx& tx, const http::Viewer& v, int64_t inst, int64_t me, std::vector<Need>& out)
{
    for (auto& r : tx.query("SELECT m.id, m.number, m.held_on, b.name, b.name_key FROM protocols p "
                            "JOIN meetings m ON m.institution_id = p.institution_id AND m.id = p.meeting_id "
                            "JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id "
                            "JOIN attendance a ON a.institution_id = m.institution_id AND a.meeting_id = m.id AND a.person_id = ? AND a.present = 1 "
                            "WHERE p.institution_id = ? AND p.status = 'draft' "
                            "AND NOT EXISTS (SELECT 1 FROM protocol_signatures s WHERE s.institution_id = p.institution_id AND s.meeting_id = p.meeting_id AND s.person_id = ?) "
                            "ORDER BY m.held_on, m.id LIMIT 20",
             { me, inst, me }))
        out.push_back({ "signature", "self", &policy::sign_protocol, r.i64(0), "/meetings/" + std::to_string(r.i64(0)) + "#protocol",
            object { { "body", display_name(v.catalog, v.lang, r.str(3), r.opt_str(4)) }, { "number", r.i64(1) }, { "date", r.str(2) } }, "" });
}

// ORG-6: candidacies proposed to a body wait for its officers to put them before a session.
void candidacies_to_consider(db::Tx& tx, const http::Viewer& v, int64_t inst, const CivilDate& today, int64_t me, std::vector<Need>& out)
{
    std::string d = today.iso();
    for (auto& r : tx.query("SELECT b.id, b.name, count(*), b.name_key FROM membership_candidates c JOIN bodies b ON b.institution_id = c.institution_id AND b.id = c.body_id "
                            "WHERE c.institution_id = ? AND c.status = 'proposed' AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.institution_id = b.institution_id "
                            "AND ms.body_id = b.id AND ms.person_id = ? AND ms.starts_on <= ? AND (ms.ends_on IS NULL OR ms.ends_on >= ?)) "
                            "GROUP BY b.id, b.name, b.name_key ORDER BY b.id LIMIT 20",
             { inst, me, d, d }))
        out.push_back({ "membership_candidates", "meetings.run", &policy::run_body, r.i64(0), "/bodies/" + std::to_string(r.i64(0)) + "#candidates",
            object { { "body", display_name(v.catalog, v.lang, r.str(1), r.opt_str(3)) }, { "count", r.i64(2) } }, "" });
}

}

std::vector<Need> needs_of(db::Tx& tx, const http::Viewer& v)
{
    auto& p = v.user;
    auto& clock = v.clock;
    std::vector<Need> out;
    if (!p.person_id)
        return out;
    auto today = almaty::local_date(clock.now());
    sessions_this_week(tx, v, p.institution_id, *p.person_id, clock.now(), out);
    votes_open(tx, v, p.institution_id, *p.person_id, out);
    signatures_pending(tx, v, p.institution_id, *p.person_id, out);
    candidacies_to_consider(tx, v, p.institution_id, today, *p.person_id, out);
    return out;
}

}
