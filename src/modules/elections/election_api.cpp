// Elections: the calendar (ELEC-DAY-1, ELEC-REG-2, ELEC-CAMP-1), the commission's acts on the
// election as a whole (ELEC-COM-1): publishing the candidate list, approving the ballot form and
// drawing up the voter roll.
#include "core/json_fields.hpp"
#include "modules/elections/policy.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/discipline/discipline.hpp"
#include "modules/elections/elections.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "security/crypto.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <sodium.h>

namespace kenes::elections {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

static std::optional<UnixMillis> opt_ms(const db::Row& r, size_t i) { return r.is_null(i) ? std::nullopt : std::optional(r.i64(i)); }

std::optional<Election> load_election(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT id, academic_year, title, election_day, commission_body_id, government_body_id, list_published_at, ballot_approved_at, "
                          "voting_closed_at, counted_at, results_published_at, roll_cutoff, ballot_json, results_json, tie_decision, ballot_set_hash, "
                          "protocol_snapshot, protocol_hash, protocol_signature, protocol_public_key, protocol_verification, protocol_final_at, title_key "
                          "FROM elections WHERE institution_id = ? AND id = ?",
        { inst, id });
    if (!r)
        return std::nullopt;
    Election e;
    e.id = r->i64(0);
    e.academic_year = r->str(1);
    e.title = r->str(2);
    e.day = *parse_iso_date(r->str(3));
    e.commission_body_id = r->i64(4);
    e.government_body_id = r->i64(5);
    e.list_published_at = opt_ms(*r, 6);
    e.ballot_approved_at = opt_ms(*r, 7);
    e.voting_closed_at = opt_ms(*r, 8);
    e.counted_at = opt_ms(*r, 9);
    e.results_published_at = opt_ms(*r, 10);
    e.roll_cutoff = r->opt_str(11);
    e.ballot_json = r->str(12);
    e.results_json = r->str(13);
    e.tie_decision = r->str(14);
    e.ballot_set_hash = r->str(15);
    e.protocol_snapshot = r->str(16);
    if (!r->is_null(17)) {
        e.protocol_hash = r->blob(17);
        e.protocol_signature = r->blob(18);
        e.protocol_public_key = r->blob(19);
    }
    e.protocol_verification = r->opt_str(20);
    e.protocol_final_at = opt_ms(*r, 21);
    e.title_key = r->opt_str(22);
    return e;
}

std::string phase(const Election& e, UnixMillis now)
{
    auto cal = e.cal();
    if (e.results_published_at)
        return "published";
    if (e.counted_at)
        return "counted";
    if (e.voting_closed_at)
        return "counting";
    if (now >= cal.voting_closes)
        return "awaiting_close";
    if (now >= cal.voting_opens)
        return "voting";
    if (now >= cal.silence_starts)
        return "silence";
    return e.list_published_at ? "campaign" : "registration";
}

Result<Election> election_of(db::Tx& tx, const Context& ctx, int64_t id)
{
    auto e = load_election(tx, ctx.institution_id(), id);
    if (!e)
        return Error::not_found();
    return *e;
}

bool commission_sees(const Context& ctx) { return authz::allows(policy::run_election, ctx.facts); }

CandidateFacts candidate_facts(db::Tx& tx, int64_t inst, const Election& e, int64_t person_id, bool leadership_confirmed, const CivilDate& on)
{
    CandidateFacts f;
    if (auto s = tx.query_one("SELECT coalesce(s.course, g.course), s.academic_debt FROM students s "
                              "LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                              "WHERE s.institution_id = ? AND s.person_id = ? AND s.status = 'studying'",
            { inst, person_id })) {
        f.course = s->is_null(0) ? 0 : int(s->i64(0));
        f.academic_debt = s->flag(1);
    }
    f.penalty_in_force = discipline::penalty_active_on(tx, inst, person_id, on);   // ELEC-ELIG-1 asks discipline (DISC-PEN-6)
    // Leadership experience: a leading position in any body recorded in Kenes, or experience the
    // candidate declared and the commission confirmed (group head, student dean, ...).
    f.leadership_experience = leadership_confirmed
        || tx.query_one("SELECT 1 FROM memberships WHERE institution_id = ? AND person_id = ? AND position IN "
                        "('chair', 'vice_chair', 'president', 'first_vice_president', 'second_vice_president', 'ombudsman', 'senate_chair', "
                        "'head_of_secretariat', 'faction_head')",
            { inst, person_id });
    // ORG-7: consecutive presidencies ending with the academic year before the election's.
    int first_year = std::stoi(e.academic_year.substr(0, 4));
    for (int y = first_year - 1; y >= first_year - 3; --y) {
        auto from = CivilDate { y, 9, 1 }.iso(), to = CivilDate { y + 1, 8, 31 }.iso();
        if (!tx.query_one("SELECT 1 FROM memberships WHERE institution_id = ? AND body_id = ? AND person_id = ? AND position = 'president' "
                          "AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?)",
                { inst, e.government_body_id, person_id, to, from }))
            break;
        ++f.consecutive_presidencies_ending_now;
    }
    return f;
}

std::string new_receipt()
{
    static const char* alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";   // no I, O, 0, 1: read aloud without doubt
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    std::string raw;
    uint32_t acc = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        acc = acc << 8 | b;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            raw += alphabet[(acc >> bits) & 31];
        }
    }
    if (bits > 0)
        raw += alphabet[(acc << (5 - bits)) & 31];
    // 128 bits in 26 characters, shown in groups of four.
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
        if (i && i % 4 == 0)
            out += '-';
        out += raw[i];
    }
    return out;
}

std::vector<BallotName> ballot_candidates(db::Tx& tx, int64_t inst, int64_t election_id, Lang lang)
{
    std::vector<BallotName> names;
    for (auto& r : tx.query("SELECT c.id, p.surname, p.name, coalesce(p.patronymic, '') FROM election_candidates c "
                            "JOIN persons p ON p.institution_id = c.institution_id AND p.id = c.person_id "
                            "WHERE c.institution_id = ? AND c.election_id = ? AND c.status = 'registered' AND c.program_review = 'approved'",
             { inst, election_id }))
        names.push_back({ r.i64(0), r.str(1), r.str(2), r.str(3) });
    return ballot_order(std::move(names), lang);
}

boost::json::object ballot_names(db::Tx& tx, int64_t inst, int64_t election_id)
{
    object ballot;
    for (Lang lang : all_langs) {
        array names;
        for (auto& n : ballot_candidates(tx, inst, election_id, lang))
            names.push_back(object { { "candidate_id", n.candidate_id }, { "surname", n.surname }, { "name", n.name }, { "patronymic", n.patronymic } });
        ballot[lang_code(lang)] = names;
    }
    return ballot;
}

void draw_up_roll(db::Tx& tx, int64_t inst, int64_t election_id)
{
    // Every student studying on the cut-off date: status is kept current by the roster, so the
    // roll is drawn up on the day and its date recorded.
    tx.exec("INSERT INTO voter_roll (institution_id, election_id, person_id, student_number, faculty) "
            "SELECT s.institution_id, ?, s.person_id, s.student_number, coalesce(f.name, '') FROM students s "
            "LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
            "LEFT JOIN faculties f ON f.institution_id = g.institution_id AND f.id = g.faculty_id "
            "WHERE s.institution_id = ? AND s.status = 'studying'",
        { election_id, inst });
}

void mix_ballots(db::Tx& tx, int64_t inst, int64_t election_id)
{
    if (tx.dialect() != db::Dialect::Postgres)
        return;
    // One statement: one transaction id for all ballots, stored in random order.
    tx.exec("WITH moved AS (DELETE FROM ballot_inbox WHERE institution_id = ? AND election_id = ? RETURNING institution_id, election_id, receipt, candidate_id) "
            "INSERT INTO ballots (institution_id, election_id, receipt, candidate_id) SELECT * FROM moved ORDER BY random()",
        { inst, election_id });
}

namespace {

object calendar_json(const Calendar& c)
{
    return { { "election_day", c.election_day.iso() }, { "voting_opens", almaty::iso_datetime(c.voting_opens) },
        { "voting_closes", almaty::iso_datetime(c.voting_closes) }, { "registration_closes", almaty::iso_datetime(c.registration_closes) },
        { "silence_starts", almaty::iso_datetime(c.silence_starts) } };
}

boost::json::value iso_or_null(const std::optional<UnixMillis>& t) { return t ? boost::json::value(almaty::iso_datetime(*t)) : boost::json::value(nullptr); }

object election_json(db::Tx& tx, int64_t inst, const Election& e, UnixMillis now, const Catalog& catalog, Lang lang)
{
    auto cal = e.cal();
    auto roll = tx.query_one("SELECT count(*), count(voted_via) FROM voter_roll WHERE institution_id = ? AND election_id = ?", { inst, e.id });
    array stations;
    for (auto& s : tx.query("SELECT id, name, counted_at FROM polling_stations WHERE institution_id = ? AND election_id = ? ORDER BY id", { inst, e.id }))
        stations.push_back(object { { "id", s.i64(0) }, { "name", s.str(1) }, { "counted", !s.is_null(2) } });
    object out { { "id", e.id }, { "academic_year", e.academic_year }, { "title", e.title_in(catalog, lang) },
        { "title_from_default", e.title_key.has_value() }, { "calendar", calendar_json(cal) },
        { "phase", phase(e, now) }, { "registration_open", registration_open(cal, now) },
        { "campaigning", campaigning_allowed(cal, e.list_published_at, now) }, { "voting_open", voting_open(cal, now) && e.ballot_approved_at && !e.voting_closed_at },
        { "commission_body_id", e.commission_body_id }, { "government_body_id", e.government_body_id },
        { "list_published_at", iso_or_null(e.list_published_at) }, { "ballot_approved_at", iso_or_null(e.ballot_approved_at) },
        { "voting_closed_at", iso_or_null(e.voting_closed_at) }, { "counted_at", iso_or_null(e.counted_at) },
        { "results_published_at", iso_or_null(e.results_published_at) }, { "roll_cutoff", json_or_null(e.roll_cutoff) },
        { "roll_size", roll->i64(0) }, { "voters_marked", roll->i64(1) }, { "stations", stations }, { "ballot_set_hash", e.ballot_set_hash },
        { "tie_decision", e.tie_decision } };
    out["results"] = e.results_json.empty() ? boost::json::value(nullptr) : boost::json::parse(e.results_json);
    return out;
}

// ELEC-RES-1: the result becomes official on publication; until then only the commission sees it.
object election_for(db::Tx& tx, const Context& ctx, const Election& e)
{
    auto out = election_json(tx, ctx.institution_id(), e, ctx.clock().now(), ctx.services.catalog, ctx.lang);
    // Listed elections are not the route's object: their facts are found here.
    bool commission = authz::allows(policy::run_election, policy::commission_facts(tx, ctx.user(), e.commission_body_id, modules::today(ctx)));
    if (!commission && !e.results_published_at) {
        out["results"] = nullptr;
        out["tie_decision"] = "";
    }
    out["is_commission"] = commission;
    return out;
}

Result<Response> list_elections(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& r : tx.query("SELECT id FROM elections WHERE institution_id = ? ORDER BY academic_year DESC LIMIT 50", { ctx.institution_id() }))
            items.push_back(election_for(tx, ctx, *load_election(tx, ctx.institution_id(), r.i64(0))));
        return Response::ok(object { { "items", items } });
    });
}

Result<Response> get_election(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto e = load_election(tx, ctx.institution_id(), id);
        if (!e)
            return Error::not_found();
        return Response::ok(election_for(tx, ctx, *e));
    });
}

// ELEC-COM-1: an election is run by a body made from the election commission template; the
// winner takes office in a Student Government body (ORG-7).
Result<Response> create_election(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto year = in.text("academic_year", Presence::Required, 9);
    auto title = in.text("title", Presence::Optional, 200);
    auto commission = in.integer("commission_body_id", Presence::Required, 1, INT64_MAX);
    auto government = in.integer("government_body_id", Presence::Required, 1, INT64_MAX);
    auto day = in.date("election_day", Presence::Optional);
    int first_year = 0;
    if (year) {
        if (year->size() != 9 || (*year)[4] != '-' || !std::all_of(year->begin(), year->begin() + 4, ::isdigit)
            || !std::all_of(year->begin() + 5, year->end(), ::isdigit) || std::stoi(year->substr(5)) != std::stoi(year->substr(0, 4)) + 1)
            in.add_error("academic_year", "invalid");
        else
            first_year = std::stoi(year->substr(0, 4));
    }
    TRY(in.finish());
    // ELEC-DAY-1: the last Friday of September unless the commission sets another day.
    CivilDate election_day = day ? *day : default_election_day(first_year);
    if (academic_year_of(election_day) != *year)
        return Error::field("election_day", "invalid");
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto c = tx.query_one("SELECT template FROM bodies WHERE institution_id = ? AND id = ?", { inst, *commission });
        if (!c || c->str(0) != "election_commission")
            return Error::rule_refusal("ELEC-COM-1", "rule.election_commission", {}, "commission_body_id");
        auto g = tx.query_one("SELECT template FROM bodies WHERE institution_id = ? AND id = ?", { inst, *government });
        if (!g || g->str(0) != "student_government")
            return Error::field("government_body_id", "invalid");
        if (tx.query_one("SELECT 1 FROM elections WHERE institution_id = ? AND academic_year = ?", { inst, *year }))
            return Error { ErrorCode::Conflict, {}, {}, {}, { FieldError { "academic_year", "duplicate" } } };
        // The new election's object is its commission: only its members (or the administration) create it.
        if (!authz::allows(policy::run_election, policy::commission_facts(tx, ctx.user(), *commission, modules::today(ctx))))
            return Error::forbidden();
        int64_t id = tx.next_id();
        // Without a typed title the default one is kept as its key and reads in each language;
        // the Kazakh words are stored too, for exports and search.
        std::optional<std::string> title_key = title ? std::nullopt : std::optional<std::string>("election.default_title");
        tx.exec("INSERT INTO elections (institution_id, id, academic_year, title, election_day, commission_body_id, government_body_id, created_at, title_key) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, id, *year, title.value_or(ctx.services.catalog.format(Lang::Kk, "election.default_title", { { "year", *year } })), election_day.iso(),
                *commission, *government, ctx.clock().now(), db::nullable(title_key) });
        modules::audit_change(ctx, tx, "election.create", "election", id, nullptr,
            object { { "academic_year", *year }, { "election_day", election_day.iso() }, { "commission_body_id", *commission } });
        return election_json(tx, inst, *load_election(tx, inst, id), ctx.clock().now(), ctx.services.catalog, ctx.lang);
    }));
    return Response::created(out);
}

// The commission may move election day while the candidate list is not yet published.
Result<Response> patch_election(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto day = in.date("election_day", Presence::Required);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto e = TRY(election_of(tx, ctx, id));
        if (academic_year_of(*day) != e.academic_year)
            return Error::field("election_day", "invalid");
        if (e.list_published_at)
            return Error { ErrorCode::Conflict, "election.list_published" };
        tx.exec("UPDATE elections SET election_day = ? WHERE institution_id = ? AND id = ?", { day->iso(), inst, id });
        modules::audit_change(ctx, tx, "election.update", "election", id, object { { "election_day", e.day.iso() } }, object { { "election_day", day->iso() } });
        return election_json(tx, inst, *load_election(tx, inst, id), ctx.clock().now(), ctx.services.catalog, ctx.lang);
    }));
    return Response::ok(out);
}

// ELEC-CAMP-1: publishing the list of registered candidates opens the campaign. ELEC-1: the
// election has alternative candidates, so at least two; ELEC-CAMP-3: every program reviewed.
Result<Response> publish_candidates(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto e = TRY(election_of(tx, ctx, id));
        if (e.list_published_at)
            return Error { ErrorCode::Conflict, "election.list_published" };
        auto now = ctx.clock().now();
        if (now >= e.cal().silence_starts)
            return Error::rule_refusal("ELEC-CAMP-1", "rule.campaign_closed");
        if (tx.query_one("SELECT 1 FROM election_candidates WHERE institution_id = ? AND election_id = ? AND status = 'registered' AND program_review = 'pending'",
                { inst, id }))
            return Error::rule_refusal("ELEC-CAMP-3", "rule.programs_unreviewed");
        if (ballot_candidates(tx, inst, id, Lang::Kk).size() < 2)
            return Error::rule_refusal("ELEC-1", "rule.alternative_candidates");
        tx.exec("UPDATE elections SET list_published_at = ? WHERE institution_id = ? AND id = ?", { now, inst, id });
        modules::audit_change(ctx, tx, "election.publish_candidates", "election", id, nullptr, object { { "published_at", almaty::iso_datetime(now) } });
        return election_json(tx, inst, *load_election(tx, inst, id), now, ctx.services.catalog, ctx.lang);
    }));
    return Response::ok(out);
}

// ELEC-COM-1, ELEC-DAY-3: the commission approves the ballot form (the candidates in the
// alphabetical order of each language, frozen from now on), and the voter roll is drawn up from
// the students studying on the cut-off date (ELEC-1).
Result<Response> approve_ballot(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto cutoff = in.date("roll_cutoff", Presence::Optional);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto e = TRY(election_of(tx, ctx, id));
        if (!e.list_published_at)
            return Error { ErrorCode::Conflict, "election.list_not_published" };
        if (e.ballot_approved_at)
            return Error { ErrorCode::Conflict, "election.ballot_approved" };
        auto now = ctx.clock().now();
        if (now >= e.cal().voting_opens)
            return Error::rule_refusal("ELEC-DAY-1", "rule.voting_started");
        auto ballot = ballot_names(tx, inst, id);
        std::string cut = cutoff ? cutoff->iso() : modules::today(ctx);
        draw_up_roll(tx, inst, id);
        tx.exec("UPDATE elections SET ballot_json = ?, ballot_approved_at = ?, roll_cutoff = ? WHERE institution_id = ? AND id = ?",
            { boost::json::serialize(ballot), now, cut, inst, id });
        auto size = tx.query_one("SELECT count(*) FROM voter_roll WHERE institution_id = ? AND election_id = ?", { inst, id })->i64(0);
        modules::audit_change(ctx, tx, "election.approve_ballot", "election", id, nullptr, object { { "ballot", ballot }, { "roll_cutoff", cut }, { "roll_size", size } });
        return election_json(tx, inst, *load_election(tx, inst, id), now, ctx.services.catalog, ctx.lang);
    }));
    return Response::ok(out);
}

Result<Response> add_station(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto name = in.text("name", Presence::Required, 200, Lines::Single, 1);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto e = TRY(election_of(tx, ctx, id));
        if (e.voting_closed_at)
            return Error { ErrorCode::Conflict, "election.closed" };
        int64_t sid = tx.next_id();
        tx.exec("INSERT INTO polling_stations (institution_id, id, election_id, name) VALUES (?, ?, ?, ?)", { inst, sid, id, *name });
        modules::audit_change(ctx, tx, "election.station", "polling_station", sid, nullptr, object { { "election_id", id }, { "name", *name } });
        return object { { "id", sid }, { "name", *name }, { "counted", false } };
    }));
    return Response::created(out);
}

}

void detail::register_election_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/elections", read_perm, authz::in_institution, Body::None, list_elections);
    r.router.add("POST", "/api/v1/elections", run_perm, authz::in_institution, Body::Json, create_election);
    r.router.add("GET", "/api/v1/elections/{id}", read_perm, policy::read_election, Body::None, get_election);
    r.router.add("PATCH", "/api/v1/elections/{id}", run_perm, policy::run_election, Body::Json, patch_election);
    r.router.add("POST", "/api/v1/elections/{id}/publish-candidates", run_perm, policy::run_election, Body::Json, publish_candidates);
    r.router.add("POST", "/api/v1/elections/{id}/ballot/approve", run_perm, policy::run_election, Body::Json, approve_ballot);
    r.router.add("POST", "/api/v1/elections/{id}/stations", run_perm, policy::run_election, Body::Json, add_station);
}

}
