// The trustees' key ceremony of an election (issue 13; Belenios spec 3.1.1 "Pedersen", 4.6): the
// commission's members generate their key shares in their own browsers; the server freezes the
// trustee list, routes their messages (opaque strings encrypted to the recipients), checks what it
// can (spec 4.6.6) and assembles the trustees structure and the election public key. It never
// sees a secret. One member: a Single key. Steps out of order are refused with 409.
#include "modules/elections/belenios.hpp"
#include "modules/elections/ceremony.hpp"
#include "modules/elections/elections.hpp"
#include "modules/elections/policy.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "verifiable/group.hpp"
#include "verifiable/tally.hpp"
#include "verifiable/trustees.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kenes::elections {

using namespace http;
using boost::json::array;
using boost::json::object;
namespace vf = verifiable;

namespace {

struct Ceremony {
    int64_t threshold = 0;
    int64_t count = 0;
    bool complete = false;
};

struct TrusteeRow {
    int64_t number = 0;
    int64_t person_id = 0;
    std::string cert, polynomial, vinput, voutput, decryption;
};

std::optional<Ceremony> load_ceremony(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT threshold, trustee_count, completed_at FROM election_key_ceremonies WHERE institution_id = ? AND election_id = ?", { inst, id });
    if (!r)
        return std::nullopt;
    return Ceremony { r->i64(0), r->i64(1), !r->is_null(2) };
}

std::vector<TrusteeRow> load_trustees(db::Tx& tx, int64_t inst, int64_t id)
{
    std::vector<TrusteeRow> out;
    for (auto& r : tx.query("SELECT number, person_id, cert, polynomial, vinput, voutput, decryption FROM election_trustees WHERE institution_id = ? AND election_id = ? "
                            "ORDER BY number",
             { inst, id }))
        out.push_back({ r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6) });
    return out;
}

// The signed-in user's row in the frozen trustee list. A member who joined the commission after
// the list was frozen is not a trustee of this ceremony.
Result<TrusteeRow> own_row(const std::vector<TrusteeRow>& trustees, const Context& ctx)
{
    auto me = ctx.user().person_id;
    auto it = std::find_if(trustees.begin(), trustees.end(), [&](auto& t) { return me && t.person_id == *me; });
    if (it == trustees.end())
        return Error { ErrorCode::Conflict, "election.trustees.not_in_list" };
    return *it;
}

// The step the ceremony waits for: certs (public keys for a Single), polynomials, voutputs, complete.
std::string state_of(const Ceremony& c, const std::vector<TrusteeRow>& ts)
{
    if (c.complete)
        return "complete";
    auto all = [&](auto field) { return std::all_of(ts.begin(), ts.end(), [&](auto& t) { return !(t.*field).empty(); }); };
    if (!all(&TrusteeRow::cert))
        return "certs";
    if (!all(&TrusteeRow::polynomial))
        return "polynomials";
    return "voutputs";
}

std::optional<vf::SignedMsg> parse_signed(const boost::json::value& v)
{
    auto* o = v.if_object();
    if (!o || o->size() != 2 || !o->contains("message") || !o->contains("signature") || !o->at("message").is_string())
        return std::nullopt;
    auto sig = vf::parse_proof(o->at("signature"));
    if (!sig)
        return std::nullopt;
    return vf::SignedMsg { std::string(o->at("message").as_string()), *sig };
}

object status_json(db::Tx& tx, const Context& ctx, int64_t id)
{
    int64_t inst = ctx.institution_id();
    object out { { "election_id", id } };
    auto c = load_ceremony(tx, inst, id);
    auto me = ctx.user().person_id;
    if (!c) {
        // Who would be the trustees if the ceremony started now.
        out["state"] = "not_started";
        out["kind"] = nullptr;
        out["threshold"] = nullptr;
        out["trustees"] = array {};
        out["my_number"] = nullptr;
        out["certs"] = nullptr;
        out["fingerprint"] = nullptr;
        out["public_key"] = nullptr;
        out["trustees_json"] = nullptr;
        out["tally_ready"] = false;
        out["decryptions"] = 0;
        return out;
    }
    auto ts = load_trustees(tx, inst, id);
    auto state = state_of(*c, ts);
    array trustees;
    std::optional<int64_t> mine;
    for (auto& t : ts) {
        trustees.push_back(object { { "number", t.number }, { "person_id", t.person_id }, { "full_name", people::name_of(tx, inst, t.person_id) },
            { "cert", !t.cert.empty() }, { "polynomial", !t.polynomial.empty() }, { "voutput", !t.voutput.empty() }, { "decryption", !t.decryption.empty() } });
        if (me && *me == t.person_id)
            mine = t.number;
    }
    out["state"] = state;
    out["kind"] = c->count == 1 ? "single" : "pedersen";
    out["threshold"] = c->threshold;
    out["trustees"] = std::move(trustees);
    out["my_number"] = modules::json_or_null(mine);
    if (c->count > 1 && state != "certs") {
        array certs;
        for (auto& t : ts)
            certs.push_back(boost::json::parse(t.cert));
        out["certs"] = std::move(certs);
    } else {
        out["certs"] = nullptr;
    }
    auto done = tx.query_one("SELECT trustees_json, public_key, fingerprint FROM election_key_ceremonies WHERE institution_id = ? AND election_id = ? AND completed_at IS NOT NULL",
        { inst, id });
    out["fingerprint"] = done ? boost::json::value(done->str(2)) : nullptr;
    out["public_key"] = done ? boost::json::value(done->str(1)) : nullptr;
    out["trustees_json"] = done ? boost::json::value(done->str(0)) : nullptr;
    auto b = load_belenios(tx, inst, id);
    out["tally_ready"] = b && b->encrypted_tally.has_value();
    out["decryptions"] = int64_t(std::count_if(ts.begin(), ts.end(), [](auto& t) { return !t.decryption.empty(); }));
    return out;
}

Result<Response> get_status(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        TRY(election_of(tx, ctx, id));
        return Response::ok(status_json(tx, ctx, id));
    });
}

// Starting freezes the trustee list: the persons on the commission today, in the order of their
// person ids. Restarting is allowed until the ceremony completes and discards every message.
Result<Response> start(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto e = TRY(election_of(tx, ctx, id));
        auto old = load_ceremony(tx, inst, id);
        if (old && old->complete)
            return Error { ErrorCode::Conflict, "election.trustees.complete" };
        // The key protects the online ballots: it must exist before the first one.
        if (ctx.clock().now() >= e.cal().voting_opens)
            return Error { ErrorCode::Conflict, "election.trustees.late" };
        auto today = almaty::local_date(ctx.clock().now()).iso();
        std::vector<int64_t> persons;
        for (auto& r : tx.query("SELECT DISTINCT person_id FROM memberships WHERE institution_id = ? AND body_id = ? AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?) "
                                "ORDER BY person_id",
                 { inst, e.commission_body_id, today, today }))
            persons.push_back(r.i64(0));
        if (persons.empty()) {
            Error err { ErrorCode::Validation, "election.trustees.no_members" };
            err.fields.push_back({ "commission_body_id", "no_members", {}, {}, {}, "election.trustees.no_members" });
            return err;
        }
        int64_t n = int64_t(persons.size());
        int64_t threshold = ceremony::threshold_for(int(n));
        tx.exec("DELETE FROM election_trustees WHERE institution_id = ? AND election_id = ?", { inst, id });
        tx.exec("DELETE FROM election_key_ceremonies WHERE institution_id = ? AND election_id = ?", { inst, id });
        auto now = ctx.clock().now();
        tx.exec("INSERT INTO election_key_ceremonies (institution_id, election_id, threshold, trustee_count, started_at, started_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            { inst, id, threshold, n, now, ctx.user().user_id, now });
        array list;
        for (int64_t i = 0; i < n; ++i) {
            tx.exec("INSERT INTO election_trustees (institution_id, election_id, number, person_id) VALUES (?, ?, ?, ?)", { inst, id, i + 1, persons[size_t(i)] });
            list.push_back(object { { "number", i + 1 }, { "person_id", persons[size_t(i)] } });
        }
        modules::audit_change(ctx, tx, old ? "election.trustees.restart" : "election.trustees.start", "election", id, nullptr,
            object { { "trustees", list }, { "threshold", threshold } });
        return status_json(tx, ctx, id);
    }));
    return Response::ok(out);
}

// Every trustee message: lock the ceremony row first (on PostgreSQL the UPDATE holds the row until
// commit, so two trustees posting the last message are serialized and the second sees the first's
// row; SQLite writes one transaction at a time), then check the state and the sender.
struct Locked {
    Ceremony c;
    std::vector<TrusteeRow> trustees;
    TrusteeRow me;
};

Result<Locked> lock_for(db::Tx& tx, const Context& ctx, int64_t id, const char* expected_state)
{
    int64_t inst = ctx.institution_id();
    TRY(election_of(tx, ctx, id));
    tx.exec("UPDATE election_key_ceremonies SET updated_at = ? WHERE institution_id = ? AND election_id = ?", { ctx.clock().now(), inst, id });
    auto c = load_ceremony(tx, inst, id);
    if (!c)
        return Error { ErrorCode::Conflict, "election.trustees.not_started" };
    auto ts = load_trustees(tx, inst, id);
    auto me = TRY(own_row(ts, ctx));
    if (state_of(*c, ts) != expected_state)
        return Error { ErrorCode::Conflict, "election.trustees.wrong_step", { { "state", state_of(*c, ts) } } };
    return Locked { *c, ts, me };
}

// A trustee's message the server could not verify: 422 naming the field.
Error bad(std::string field, std::string code = "invalid")
{
    Error e { ErrorCode::Validation, "election.trustees.rejected" };
    e.fields.push_back({ std::move(field), std::move(code) });
    return e;
}

// A trustee's message carries exactly one field: any other is refused as unknown.
Status only_field(const object& body, std::string_view name)
{
    for (auto& [k, v] : body)
        if (k != name)
            return bad(std::string(k), "unknown_field");
    return Ok {};
}

// Stores the trustees structure and the election key: the ceremony is complete and immutable.
std::string store_completed(db::Tx& tx, int64_t inst, int64_t id, UnixMillis now, const vf::Trustees& trustees)
{
    auto text = vf::serialize(trustees);
    auto key = vf::election_public_key(trustees).str();
    auto fp = vf::sha256_b64(text);
    tx.exec("UPDATE election_key_ceremonies SET trustees_json = ?, public_key = ?, fingerprint = ?, completed_at = ? WHERE institution_id = ? AND election_id = ?",
        { text, key, fp, now, inst, id });
    return fp;
}

void complete(db::Tx& tx, const Context& ctx, int64_t id, const vf::Trustees& trustees)
{
    auto fp = store_completed(tx, ctx.institution_id(), id, ctx.clock().now(), trustees);
    modules::audit_change(ctx, tx, "election.trustees.complete", "election", id, nullptr,
        object { { "fingerprint", fp }, { "public_key", vf::election_public_key(trustees).str() } });
}

// n = 1 (spec 4.5): the one trustee's public key with its proof of knowledge.
Result<Response> post_public_key(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto l = TRY(lock_for(tx, ctx, id, "certs"));
        if (l.c.count != 1)
            return Error { ErrorCode::Conflict, "election.trustees.wrong_step", { { "state", "certs" } } };
        TRY(only_field(body, "public_key"));
        auto* v = body.if_contains("public_key");
        auto key = v ? vf::parse_trustee_public_key(*v) : std::nullopt;
        if (!key || !vf::verify_trustee_public_key(*key))
            return bad("public_key");
        auto text = boost::json::serialize(vf::to_json(*key));
        tx.exec("UPDATE election_trustees SET cert = ?, voutput = ?, cert_at = ? WHERE institution_id = ? AND election_id = ? AND number = ?",
            { text, text, ctx.clock().now(), inst, id, l.me.number });
        modules::audit_change(ctx, tx, "election.trustees.public_key", "election", id, nullptr, object { { "number", l.me.number }, { "public_key", key->public_key.str() } });
        complete(tx, ctx, id, vf::Trustees { *key });
        return status_json(tx, ctx, id);
    }));
    return Response::ok(out);
}

// Step 1 (spec 4.6.2): a certificate signed with its own verification key, one per trustee.
Result<Response> post_cert(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto l = TRY(lock_for(tx, ctx, id, "certs"));
        if (l.c.count == 1)
            return Error { ErrorCode::Conflict, "election.trustees.wrong_step", { { "state", "certs" } } };
        if (!l.me.cert.empty())
            return Error { ErrorCode::Conflict, "election.trustees.already_sent" };
        TRY(only_field(body, "cert"));
        auto* v = body.if_contains("cert");
        auto cert = v ? parse_signed(*v) : std::nullopt;
        if (!cert || !vf::verify_cert(*cert))
            return bad("cert");
        auto text = boost::json::serialize(vf::to_json(*cert));
        for (auto& t : l.trustees)
            if (t.cert == text)
                return bad("cert", "duplicate");
        tx.exec("UPDATE election_trustees SET cert = ?, cert_at = ? WHERE institution_id = ? AND election_id = ? AND number = ?",
            { text, ctx.clock().now(), inst, id, l.me.number });
        modules::audit_change(ctx, tx, "election.trustees.cert", "election", id, nullptr, object { { "number", l.me.number }, { "cert", text } });
        return status_json(tx, ctx, id);
    }));
    return Response::ok(out);
}

// Step 3 (spec 4.6.4): the trustee's polynomial; the server checks the coefexps are signed with the
// trustee's verification key and there is one secret for each trustee. When the last polynomial
// arrives, step 4 runs here in the same transaction: every trustee's vinput.
Result<Response> post_polynomial(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto l = TRY(lock_for(tx, ctx, id, "polynomials"));
        if (!l.me.polynomial.empty())
            return Error { ErrorCode::Conflict, "election.trustees.already_sent" };
        TRY(only_field(body, "polynomial"));
        auto* p = body.if_contains("polynomial");
        if (!p || !p->is_object())
            return bad("polynomial");
        auto shape = ceremony::check_polynomial_shape(p->as_object(), int(l.c.count));
        if (!shape.ok)
            return bad("polynomial." + shape.field);
        auto signed_coefexps = parse_signed(p->as_object().at("coefexps"));
        auto cert = parse_signed(boost::json::parse(l.me.cert));
        auto vk = cert ? vf::verify_cert(*cert) : std::nullopt;
        if (!signed_coefexps || !vk || !vf::verify_coefexps(*signed_coefexps, *vk, int(l.c.threshold)))
            return bad("polynomial.coefexps");
        object stored = p->as_object();
        stored["coefexps"] = vf::to_json(*signed_coefexps);
        auto text = boost::json::serialize(stored);
        tx.exec("UPDATE election_trustees SET polynomial = ?, polynomial_at = ? WHERE institution_id = ? AND election_id = ? AND number = ?",
            { text, ctx.clock().now(), inst, id, l.me.number });
        modules::audit_change(ctx, tx, "election.trustees.polynomial", "election", id, nullptr, object { { "number", l.me.number }, { "polynomial", text } });
        l.me.polynomial = text;
        std::vector<object> all;
        for (auto& t : l.trustees) {
            if (t.number == l.me.number)
                t.polynomial = text;
            if (t.polynomial.empty())
                return status_json(tx, ctx, id);
            all.push_back(boost::json::parse(t.polynomial).as_object());
        }
        for (auto& t : l.trustees)
            tx.exec("UPDATE election_trustees SET vinput = ? WHERE institution_id = ? AND election_id = ? AND number = ?",
                { boost::json::serialize(ceremony::vinput_for(int(t.number), all)), inst, id, t.number });
        modules::audit_change(ctx, tx, "election.trustees.vinputs", "election", id, nullptr, object { { "trustees", l.c.count } });
        return status_json(tx, ctx, id);
    }));
    return Response::ok(out);
}

// Step 5 input: the trustee's own vinput, nobody else's.
Result<Response> get_vinput(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        TRY(election_of(tx, ctx, id));
        auto c = load_ceremony(tx, ctx.institution_id(), id);
        if (!c)
            return Error { ErrorCode::Conflict, "election.trustees.not_started" };
        auto ts = load_trustees(tx, ctx.institution_id(), id);
        auto me = TRY(own_row(ts, ctx));
        if (c->count == 1 || me.vinput.empty())
            return Error { ErrorCode::Conflict, "election.trustees.wrong_step", { { "state", state_of(*c, ts) } } };
        return Response::ok(object { { "number", me.number }, { "vinput", boost::json::parse(me.vinput) } });
    });
}

// Step 5 output (spec 4.6.6): the trustee's verification key must be g^(sum of the shares), i.e.
// match everyone's commitments at j, with a valid proof of knowledge. The private_key part is
// encrypted to the trustee and kept for the decryption. The last one completes (spec 4.6.7).
Result<Response> post_voutput(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto l = TRY(lock_for(tx, ctx, id, "voutputs"));
        if (!l.me.voutput.empty())
            return Error { ErrorCode::Conflict, "election.trustees.already_sent" };
        TRY(only_field(body, "voutput"));
        auto* v = body.if_contains("voutput");
        auto* o = v ? v->if_object() : nullptr;
        if (!o || o->size() != 2 || !o->contains("private_key") || !o->at("private_key").is_string() || o->at("private_key").as_string().empty())
            return bad("voutput.private_key");
        auto key = o->contains("public_key") ? vf::parse_trustee_public_key(o->at("public_key")) : std::nullopt;
        std::vector<std::vector<vf::Num>> coefexps;
        std::vector<vf::SignedMsg> signed_coefexps, certs;
        for (auto& t : l.trustees) {
            auto cert = parse_signed(boost::json::parse(t.cert));
            auto c = parse_signed(boost::json::parse(t.polynomial).as_object().at("coefexps"));
            auto vk = vf::verify_cert(*cert);
            coefexps.push_back(*vf::verify_coefexps(*c, *vk, int(l.c.threshold)));
            signed_coefexps.push_back(*c);
            certs.push_back(*cert);
        }
        if (!key || !vf::verify_voutput_key(*key, int(l.me.number), coefexps))
            return bad("voutput.public_key");
        object stored { { "private_key", o->at("private_key") }, { "public_key", vf::to_json(*key) } };
        auto text = boost::json::serialize(stored);
        tx.exec("UPDATE election_trustees SET voutput = ?, voutput_at = ? WHERE institution_id = ? AND election_id = ? AND number = ?",
            { text, ctx.clock().now(), inst, id, l.me.number });
        modules::audit_change(ctx, tx, "election.trustees.voutput", "election", id, nullptr,
            object { { "number", l.me.number }, { "verification_key", key->public_key.str() } });
        vf::ThresholdParameters params { int(l.c.threshold), certs, signed_coefexps, {} };
        for (auto& t : l.trustees) {
            auto out_text = t.number == l.me.number ? text : t.voutput;
            if (out_text.empty())
                return status_json(tx, ctx, id);
            params.verification_keys.push_back(*vf::parse_trustee_public_key(boost::json::parse(out_text).at("public_key")));
        }
        complete(tx, ctx, id, vf::Trustees { params });
        return status_json(tx, ctx, id);
    }));
    return Response::ok(out);
}


// After the close (spec 4.18): what a trustee's browser needs to decrypt its share of the tally,
// including, for a threshold trustee, their own decryption key as encrypted to them in step 5.
Result<Response> get_tally(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        TRY(election_of(tx, ctx, id));
        int64_t inst = ctx.institution_id();
        auto c = load_ceremony(tx, inst, id);
        auto b = load_belenios(tx, inst, id);
        if (!c || !c->complete || !b || !b->encrypted_tally)
            return Error { ErrorCode::Conflict, "election.trustees.no_tally" };
        auto me = TRY(own_row(load_trustees(tx, inst, id), ctx));
        boost::json::value dkey = nullptr;
        if (c->count > 1 && !me.voutput.empty()) {
            auto voutput = boost::json::parse(me.voutput);
            if (auto* k = voutput.as_object().if_contains("private_key"))
                dkey = *k;
        }
        return Response::ok(object { { "number", me.number }, { "kind", c->count == 1 ? "single" : "pedersen" }, { "election", b->election_json },
            { "encrypted_tally", *b->encrypted_tally }, { "private_key", dkey }, { "decrypted", !me.decryption.empty() } });
    });
}

// A trustee's partial decryption: every factor proven against the trustee's published key
// (spec 4.18) before it is kept. It is stored as we serialise it, which is what the archive holds.
Result<Response> post_decryption(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    TRY(only_field(body, "partial_decryption"));
    auto* v = body.if_contains("partial_decryption");
    if (!v || !v->is_string())
        return bad("partial_decryption");
    std::string text(v->as_string());
    auto b = ctx.db().read([&](db::Tx& tx) { return load_belenios(tx, inst, id); });
    if (!b || !b->encrypted_tally)
        return Error { ErrorCode::Conflict, "election.trustees.no_tally" };
    // The checks (an exponentiation per factor and proof) run before the write transaction.
    auto election = vf::parse_election(b->election_json);
    if (!election.ok())
        return Error::internal("stored election does not parse");
    vf::ElectionContext ectx(*election, b->election_json);
    auto tally = vf::parse_encrypted_tally(*b->encrypted_tally, *election);
    auto trustees = vf::parse_trustees(b->trustees_json);
    if (!tally || !trustees.ok())
        return Error::internal("stored tally or trustees do not parse");
    auto pd = vf::parse_partial_decryption(text, *tally);
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto l = TRY(lock_for(tx, ctx, id, "complete"));
        if (!l.me.decryption.empty())
            return Error { ErrorCode::Conflict, "election.trustees.already_sent" };
        auto key = vf::owner_public_key(*trustees, int(l.me.number));
        if (!pd || !key || !vf::verify_partial_decryption(ectx, *tally, *key, *pd))
            return bad("partial_decryption");
        tx.exec("UPDATE election_trustees SET decryption = ?, decryption_at = ? WHERE institution_id = ? AND election_id = ? AND number = ?",
            { vf::serialize(*pd), ctx.clock().now(), inst, id, l.me.number });
        modules::audit_change(ctx, tx, "election.trustees.decryption", "election", id, nullptr, object { { "number", l.me.number } });
        return status_json(tx, ctx, id);
    }));
    return Response::ok(out);
}

}

// The demo election's ceremony, completed with keys generated here: real ceremonies run in the
// trustees' browsers and the server never holds a share; the demo has nobody to run it, so
// `make run` shows the finished state. The secrets are returned (decimal) for the demo's own
// decryption and never stored.
std::vector<std::string> seed_demo_key_ceremony(db::Tx& tx, UnixMillis now, int64_t inst, int64_t election_id, const std::vector<int64_t>& members)
{
    int n = int(members.size());
    if (n == 0)
        return {};
    std::vector<std::string> secrets;
    tx.exec("INSERT INTO election_key_ceremonies (institution_id, election_id, threshold, trustee_count, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        { inst, election_id, int64_t(ceremony::threshold_for(n)), int64_t(n), now, now });
    vf::Trustees trustees;
    std::vector<std::string> certs(members.size()), polynomials(members.size()), voutputs(members.size());
    if (n == 1) {
        auto single = vf::generate_single_trustee();
        secrets.push_back(single.private_key.str());
        certs[0] = voutputs[0] = boost::json::serialize(vf::to_json(single.public_key));
        trustees.push_back(single.public_key);
    } else {
        auto p = vf::generate_pedersen_trustees(n, ceremony::threshold_for(n));
        for (auto& share : p.shares)
            secrets.push_back(share.str());
        for (size_t i = 0; i < size_t(n); ++i) {
            certs[i] = boost::json::serialize(vf::to_json(p.parameters.certs[i]));
            // Only the public parts: the demo has no encrypted shares to route.
            polynomials[i] = boost::json::serialize(object { { "coefexps", vf::to_json(p.parameters.coefexps[i]) } });
            voutputs[i] = boost::json::serialize(object { { "public_key", vf::to_json(p.parameters.verification_keys[i]) } });
        }
        trustees.push_back(p.parameters);
    }
    for (size_t i = 0; i < size_t(n); ++i)
        tx.exec("INSERT INTO election_trustees (institution_id, election_id, number, person_id, cert, cert_at, polynomial, polynomial_at, voutput, voutput_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, election_id, int64_t(i + 1), members[i], certs[i], now, n == 1 ? std::string() : polynomials[i], now, voutputs[i], now });
    store_completed(tx, inst, election_id, now, trustees);
    return secrets;
}

void detail::register_trustee_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/elections/{id}/trustees", run_perm, policy::key_ceremony, Body::None, get_status);
    r.router.add("POST", "/api/v1/elections/{id}/trustees/start", run_perm, policy::key_ceremony, Body::Json, start);
    r.router.add("POST", "/api/v1/elections/{id}/trustees/public-key", run_perm, policy::act_as_trustee, Body::Json, post_public_key);
    r.router.add("POST", "/api/v1/elections/{id}/trustees/cert", run_perm, policy::act_as_trustee, Body::Json, post_cert);
    r.router.add("POST", "/api/v1/elections/{id}/trustees/polynomial", run_perm, policy::act_as_trustee, Body::Json, post_polynomial);
    r.router.add("GET", "/api/v1/elections/{id}/trustees/vinput", run_perm, policy::act_as_trustee, Body::None, get_vinput);
    r.router.add("POST", "/api/v1/elections/{id}/trustees/voutput", run_perm, policy::act_as_trustee, Body::Json, post_voutput);
    r.router.add("GET", "/api/v1/elections/{id}/trustees/tally", run_perm, policy::act_as_trustee, Body::None, get_tally);
    r.router.add("POST", "/api/v1/elections/{id}/trustees/decryption", run_perm, policy::act_as_trustee, Body::Json, post_decryption);
}

}
