// Notices of bodies, sessions and protocols (issue "Notices"): the kinds, who receives each, and
// the session invitation's agenda and iCalendar attachment.
#include "modules/bodies/notices.hpp"
#include "docs/ical.hpp"
#include "modules/notifications/notifications.hpp"
#include <boost/json/parse.hpp>
#include <chrono>

namespace kenes::bodies::notices {

using boost::json::object;
using notifications::notify_each;

namespace {

struct MeetingFacts {
    int64_t id, body_id, number;
    std::string held_on, place, body;
    bool confidential;
    std::string starts_at;   // Almaty "HH:MM" (MTG-1), for the invitation; read when the mail goes out, so a moved start is in it
    object params() const
    {
        return { { "meeting_id", id }, { "body_id", body_id }, { "number", number }, { "held_on", held_on }, { "place", place }, { "body", body } };
    }
};

std::optional<MeetingFacts> meeting_facts(db::Tx& tx, int64_t inst, int64_t meeting_id)
{
    auto r = tx.query_one("SELECT m.id, m.body_id, m.number, m.held_on, m.place, b.name, b.confidential, m.starts_at FROM meetings m "
                          "JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id WHERE m.institution_id = ? AND m.id = ?",
        { inst, meeting_id });
    if (!r)
        return std::nullopt;
    return MeetingFacts { r->i64(0), r->i64(1), r->i64(2), r->str(3), r->str(4), r->str(5), r->flag(6), r->str(7) };
}

std::vector<int64_t> persons(const db::Rows& rows)
{
    std::vector<int64_t> out;
    for (auto& r : rows)
        out.push_back(r.i64(0));
    return out;
}

// The members of the body on the session's date: only they hear of its sessions.
std::vector<int64_t> members_on(db::Tx& tx, int64_t inst, int64_t body_id, const std::string& date)
{
    return persons(tx.query("SELECT person_id FROM memberships WHERE institution_id = ? AND body_id = ? AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?) "
                            "ORDER BY id",
        { inst, body_id, date, date }));
}

std::vector<int64_t> present_signers(db::Tx& tx, int64_t inst, int64_t meeting_id, bool unsigned_only)
{
    auto p = tx.query_one("SELECT snapshot_json FROM protocols WHERE institution_id = ? AND meeting_id = ?", { inst, meeting_id });
    if (!p)
        return {};
    std::vector<int64_t> out;
    auto snap = boost::json::parse(p->str(0)).as_object();
    for (auto& person : snap["present"].as_array()) {
        int64_t id = person.as_object().at("person_id").as_int64();
        if (unsigned_only && tx.query_one("SELECT 1 FROM protocol_signatures WHERE institution_id = ? AND meeting_id = ? AND person_id = ?", { inst, meeting_id, id }))
            continue;
        out.push_back(id);
    }
    return out;
}

std::string key(const std::string& what, int64_t id, const std::string& more = "") { return what + ":" + std::to_string(id) + (more.empty() ? "" : ":" + more); }

// The session invitation: the agenda as it stands when the mail goes out (of a confidential
// commission only that it is on the session's page, GEN-3) and the session as an iCalendar event.
notifications::MailDetails invitation(db::Tx& tx, int64_t inst, const object& params, Lang lang, const Catalog& catalog)
{
    notifications::MailDetails out;
    auto id = params.if_contains("meeting_id");
    if (!id || !id->is_int64())
        return out;
    auto m = meeting_facts(tx, inst, id->as_int64());
    if (!m)
        return out;
    if (m->confidential) {
        out.text = catalog.format(lang, "mail.agenda.confidential");
    } else {
        auto items = tx.query("SELECT position, title FROM agenda_items WHERE institution_id = ? AND meeting_id = ? ORDER BY position, id", { inst, m->id });
        out.text = catalog.format(lang, items.empty() ? "mail.agenda.none" : "mail.agenda.title");
        for (auto& i : items)
            out.text += "\n" + std::to_string(i.i64(0)) + ". " + i.str(1);
    }
    std::string summary = m->body + " - " + catalog.format(lang, "protocol.title", { { "number", m->number } });
    auto event = docs::session_event(m->id, m->held_on, m->starts_at, summary, m->place, inst);
    out.attachments.push_back({ "session-" + std::to_string(m->id) + ".ics", "text/calendar; charset=UTF-8; method=PUBLISH",
        docs::calendar(m->body, { event }, std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count()) });
    return out;
}

}

void register_kinds()
{
    using notifications::register_kind;
    // Two minutes for the secretary to write the agenda the invitation lists.
    register_kind({ "meeting_convened", true, "/meetings/{meeting_id}", invitation, 2 * 60 * 1000 });
    register_kind({ "meeting_agenda", true, "/meetings/{meeting_id}" });
    register_kind({ "vote_open", true, "/meetings/{meeting_id}" });
    register_kind({ "signature_needed", true, "/meetings/{meeting_id}" });
    register_kind({ "signature_reminder", true, "/meetings/{meeting_id}" });
    register_kind({ "protocol_final", true, "/meetings/{meeting_id}" });
    register_kind({ "membership_added", true, "/bodies/{body_id}" });
    register_kind({ "membership_removed", true, "/bodies/{body_id}" });
    register_kind({ "council_candidacy", true, "/bodies/{body_id}" });
    register_kind({ "body_overdue", true, "/bodies/{body_id}" });
    register_kind({ "body_never_met", true, "/bodies/{body_id}" });
}

void meeting_convened(db::Tx& tx, const Clock& clock, int64_t inst, int64_t meeting_id)
{
    auto m = meeting_facts(tx, inst, meeting_id);
    notify_each(tx, clock, inst, members_on(tx, inst, m->body_id, m->held_on), "meeting_convened", key("meeting.convened", meeting_id), m->params());
}

void agenda_item_added(db::Tx& tx, const Clock& clock, int64_t inst, int64_t meeting_id, int64_t item_id, const std::string& title)
{
    auto m = meeting_facts(tx, inst, meeting_id);
    // GEN-3: a confidential commission's items name minors' cases; its members read them in the app.
    if (m->confidential)
        return;
    auto params = m->params();
    params["title"] = title;
    // An invitation not mailed yet will list this item: no second notice for it.
    std::vector<int64_t> told;
    for (auto p : members_on(tx, inst, m->body_id, m->held_on))
        if (!notifications::mail_pending(tx, inst, p, key("meeting.convened", meeting_id)))
            told.push_back(p);
    notify_each(tx, clock, inst, told, "meeting_agenda", key("agenda.item", item_id), params);
}

void vote_opened(db::Tx& tx, const Clock& clock, int64_t inst, int64_t item_id)
{
    auto item = tx.query_one("SELECT meeting_id, position FROM agenda_items WHERE institution_id = ? AND id = ?", { inst, item_id });
    auto m = meeting_facts(tx, inst, item->i64(0));
    // Those who may vote: voting members present, not recused from this item (MTG-6).
    auto voters = persons(tx.query("SELECT ms.person_id FROM memberships ms JOIN attendance a ON a.institution_id = ms.institution_id AND a.meeting_id = ? "
                                   "AND a.person_id = ms.person_id AND a.present = 1 WHERE ms.institution_id = ? AND ms.body_id = ? AND ms.voting = 1 "
                                   "AND ms.starts_on <= ? AND (ms.ends_on IS NULL OR ms.ends_on >= ?) AND NOT EXISTS (SELECT 1 FROM interests i "
                                   "WHERE i.institution_id = ms.institution_id AND i.item_id = ? AND i.person_id = ms.person_id) ORDER BY ms.id",
        { m->id, inst, m->body_id, m->held_on, m->held_on, item_id }));
    auto params = m->params();
    params["item"] = item->i64(1);
    notify_each(tx, clock, inst, voters, "vote_open", key("vote.open", item_id), params);
}

void protocol_to_sign(db::Tx& tx, const Clock& clock, int64_t inst, int64_t meeting_id)
{
    auto m = meeting_facts(tx, inst, meeting_id);
    notify_each(tx, clock, inst, present_signers(tx, inst, meeting_id, false), "signature_needed", key("protocol.sign", meeting_id), m->params());
}

void protocol_final(db::Tx& tx, const Clock& clock, int64_t inst, int64_t meeting_id)
{
    auto m = meeting_facts(tx, inst, meeting_id);
    notify_each(tx, clock, inst, members_on(tx, inst, m->body_id, m->held_on), "protocol_final", key("protocol.final", meeting_id), m->params());
}

void membership_added(db::Tx& tx, const Clock& clock, int64_t inst, int64_t membership_id)
{
    auto r = tx.query_one("SELECT ms.person_id, ms.body_id, b.name, ms.starts_on FROM memberships ms JOIN bodies b ON b.institution_id = ms.institution_id "
                          "AND b.id = ms.body_id WHERE ms.institution_id = ? AND ms.id = ?",
        { inst, membership_id });
    notifications::notify(tx, clock, { inst, r->i64(0), "membership_added", key("membership.added", membership_id),
        object { { "body_id", r->i64(1) }, { "body", r->str(2) }, { "starts_on", r->str(3) } } });
}

void membership_ended(db::Tx& tx, const Clock& clock, int64_t inst, int64_t membership_id)
{
    auto r = tx.query_one("SELECT ms.person_id, ms.body_id, b.name, ms.ends_on FROM memberships ms JOIN bodies b ON b.institution_id = ms.institution_id "
                          "AND b.id = ms.body_id WHERE ms.institution_id = ? AND ms.id = ?",
        { inst, membership_id });
    notifications::notify(tx, clock, { inst, r->i64(0), "membership_removed", key("membership.ended", membership_id),
        object { { "body_id", r->i64(1) }, { "body", r->str(2) }, { "ends_on", r->is_null(3) ? std::string() : r->str(3) } } });
}

void candidacy_changed(db::Tx& tx, const Clock& clock, int64_t inst, int64_t candidate_id, const std::string& state)
{
    auto r = tx.query_one("SELECT c.person_id, c.body_id, b.name FROM membership_candidates c JOIN bodies b ON b.institution_id = c.institution_id "
                          "AND b.id = c.body_id WHERE c.institution_id = ? AND c.id = ?",
        { inst, candidate_id });
    // The catalog's messages choose their wording by number (=0, =1, other), as they have no select.
    int64_t code = state == "proposed" ? 0 : state == "accepted" ? 1 : 2;
    notifications::notify(tx, clock, { inst, r->i64(0), "council_candidacy", key("candidacy", candidate_id, state),
        object { { "body_id", r->i64(1) }, { "body", r->str(2) }, { "state", code } } });
}

int64_t remind_signatures(db::Database& db, const Clock& clock)
{
    auto r = db.write([&](db::Tx& tx) -> Result<int64_t> {
        int64_t sent = 0, now = clock.now();
        for (auto& p : tx.query("SELECT institution_id, meeting_id, created_at FROM protocols WHERE status = 'draft' ORDER BY institution_id, meeting_id")) {
            int64_t inst = p.i64(0), meeting = p.i64(1), waited = now - p.i64(2);
            for (int64_t hours : { 24, 72 }) {
                if (waited < hours * 3600 * 1000)
                    continue;
                auto m = meeting_facts(tx, inst, meeting);
                auto params = m->params();
                params["hours"] = hours;
                sent += notify_each(tx, clock, inst, present_signers(tx, inst, meeting, true), "signature_reminder",
                    key("protocol.remind", meeting, std::to_string(hours)), params);
            }
        }
        return sent;
    });
    return r.ok() ? r.value() : 0;
}

}
