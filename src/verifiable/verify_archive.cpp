#include "verifiable/verify_archive.hpp"
#include "verifiable/archive.hpp"
#include "verifiable/json_strict.hpp"
#include "verifiable/tally.hpp"
#include <atomic>
#include <map>
#include <set>
#include <thread>

namespace kenes::verifiable {

namespace json = boost::json;

namespace {

Error fail(std::string why) { return Error { ErrorCode::Validation, {}, {}, {}, {}, 0, "archive: " + why }; }

// check(k) for k in [0, n) on every core. Ballots and credentials are independent of each other.
template <class F> void on_every_core(std::size_t n, F check)
{
    unsigned workers = std::max(1u, std::min(std::thread::hardware_concurrency(), 16u));
    std::atomic<std::size_t> next { 0 };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < workers; ++t)
        pool.emplace_back([&] {
            for (std::size_t k; (k = next++) < n;)
                check(k);
        });
    for (auto& t : pool)
        t.join();
}

struct Event {
    std::string hash;
    std::string type;
    std::optional<std::string> payload;
};

}

Result<ArchiveReport> verify_archive(const std::filesystem::path& path)
{
    auto entries = TRY(read_archive(path));
    std::map<std::string, std::string> data;
    std::vector<Event> events;
    for (std::size_t i = 1; i < entries.size(); ++i) {
        const auto& e = entries[i];
        std::string hash = sha256_hex(e.bytes);
        if (e.name == hash + ".data.json") {
            data[hash] = e.bytes;
            continue;
        }
        if (e.name != hash + ".event.json")
            return fail("entry name is not the hash of its content: " + e.name);
        std::error_code ec;
        auto v = json::parse(e.bytes, ec);
        const auto* o = ec ? nullptr : strict::object(v, { "height", "type" }, { "parent", "payload" });
        auto height = o ? strict::small_int(o->if_contains("height")) : std::nullopt;
        auto type = o ? strict::string(o->if_contains("type")) : std::nullopt;
        if (!height || !type || *height != (long long)events.size())
            return fail("event height or shape: " + e.name);
        auto parent = strict::string(o->if_contains("parent"));
        if (events.empty() ? parent.has_value() : (!parent || *parent != events.back().hash))
            return fail("event parent: " + e.name);
        Event ev { hash, std::string(*type), std::nullopt };
        if (o->contains("payload")) {
            auto p = strict::string(o->if_contains("payload"));
            if (!p || !data.contains(std::string(*p)))
                return fail("payload missing before its event: " + e.name);
            ev.payload = std::string(*p);
        }
        events.push_back(std::move(ev));
    }
    auto payload_of = [&](const Event& e) -> const std::string* {
        return e.payload ? &data.at(*e.payload) : nullptr;
    };
    if (events.empty() || events[0].type != "Setup" || !events[0].payload)
        return fail("no Setup event first");

    // Setup (spec 4.10): the three structures by hash.
    std::error_code ec;
    auto setup = json::parse(*payload_of(events[0]), ec);
    const auto* so = ec ? nullptr : strict::object(setup, { "election", "trustees", "credentials" });
    if (!so)
        return fail("setup_data");
    auto ref = [&](const char* k) -> const std::string* {
        auto h = strict::string(so->if_contains(k));
        return h && data.contains(std::string(*h)) ? &data.at(std::string(*h)) : nullptr;
    };
    const auto *election_text = ref("election"), *trustees_text = ref("trustees"), *creds_text = ref("credentials");
    if (!election_text || !trustees_text || !creds_text)
        return fail("setup_data references");
    auto election = TRY(parse_election(*election_text));
    ElectionContext ctx(election, *election_text);
    auto trustees = TRY(parse_trustees(*trustees_text));
    if (!verify_trustees(trustees))
        return fail("a trustee's key or proof does not verify");
    if (!(election_public_key(trustees) == ctx.election.public_key))
        return fail("election key is not the product of the trustees' keys");
    auto creds_v = json::parse(*creds_text, ec);
    if (ec || !creds_v.is_array())
        return fail("public credentials");
    // Membership of each credential costs an exponentiation: 30,000 of them are worth both cores.
    const auto& cred_values = creds_v.as_array();
    std::vector<char> member(cred_values.size(), 0);
    on_every_core(cred_values.size(), [&](std::size_t k) {
        auto n = strict::number(&cred_values[k]); // plain credentials only: Kenes uses no weights
        member[k] = n && belenios_2048().is_member(*n);
    });
    // A member parsed as a canonical decimal, so its text is the set's key as it is.
    CredentialSet creds;
    for (std::size_t k = 0; k < cred_values.size(); ++k)
        if (!member[k] || !creds.insert(std::string(cred_values[k].as_string())).second)
            return fail("public credential not a distinct group element");

    ArchiveReport report;
    report.uuid = ctx.election.uuid;
    // Ballots are independent: verify them on every core, then check replays in archive order.
    std::size_t first = 1, i = 1;
    for (; i < events.size() && events[i].type == "Ballot"; ++i)
        if (!events[i].payload)
            return fail("Ballot without payload");
    std::vector<std::variant<VerifiedBallot, BallotDefect>> checked(i - first, BallotDefect::malformed);
    on_every_core(checked.size(), [&](std::size_t k) {
        checked[k] = verify_ballot(*payload_of(events[first + k]), ctx, creds);
        // The canonical copy of each ballot's text is not needed here: 30,000 of them are 420 MB.
        if (auto* vb = std::get_if<VerifiedBallot>(&checked[k]))
            std::string().swap(vb->text);
    });
    std::vector<VerifiedBallot> ballots;
    std::set<std::string> seen;
    for (std::size_t k = 0; k < checked.size(); ++k) {
        if (auto* d = std::get_if<BallotDefect>(&checked[k]))
            return fail("ballot " + *events[first + k].payload + ": " + std::string(defect_name(*d)));
        auto& vb = std::get<VerifiedBallot>(checked[k]);
        if (!seen.insert(vb.content_hash).second)
            return fail("ballot replayed: " + *events[first + k].payload);
        ballots.push_back(std::move(vb));
    }
    report.ballots = ballots.size();
    if (i == events.size())
        return report; // still voting
    if (events[i].type != "EndBallots" || events[i].payload)
        return fail("unexpected event " + events[i].type);
    if (++i == events.size())
        return report;

    if (events[i].type != "EncryptedTally" || !events[i].payload)
        return fail("expected EncryptedTally");
    auto sized = json::parse(*payload_of(events[i]), ec);
    const auto* sz = ec ? nullptr : strict::object(sized, { "num_tallied", "total_weight", "encrypted_tally" });
    auto tally_hash = sz ? strict::string(sz->if_contains("encrypted_tally")) : std::nullopt;
    if (!tally_hash || !data.contains(std::string(*tally_hash)))
        return fail("sized_encrypted_tally");
    std::size_t n = 0;
    auto tally = tally_last_ballots(ctx.election, ballots, &n);
    if (serialize(tally) != data.at(std::string(*tally_hash)) || strict::small_int(sz->if_contains("num_tallied")) != (long long)n
        || strict::small_int(sz->if_contains("total_weight")) != (long long)n)
        return fail("encrypted tally differs from the recomputed one");
    report.num_tallied = n;

    Decryptions decryptions;
    for (++i; i < events.size() && events[i].type == "PartialDecryption"; ++i) {
        auto owned = json::parse(payload_of(events[i]) ? *payload_of(events[i]) : "", ec);
        const auto* oo = ec ? nullptr : strict::object(owned, { "owner", "payload" });
        auto owner = oo ? strict::small_int(oo->if_contains("owner")) : std::nullopt;
        auto ph = oo ? strict::string(oo->if_contains("payload")) : std::nullopt;
        if (!owner || !ph || !data.contains(std::string(*ph)))
            return fail("owned_partial_decryption");
        auto key = owner_public_key(trustees, int(*owner));
        auto d = parse_partial_decryption(data.at(std::string(*ph)), tally);
        if (!key || !d || decryptions.contains(int(*owner)) || !verify_partial_decryption(ctx, tally, *key, *d))
            return fail("partial decryption of trustee " + std::to_string(*owner) + " does not verify");
        decryptions[int(*owner)] = std::move(*d);
    }
    if (i == events.size())
        return report;
    if (events[i].type != "Result" || !events[i].payload || i + 1 != events.size())
        return fail("expected Result last");
    auto result = combine(trustees, tally, decryptions, (long long)n);
    if (!result || serialize_result(*result) != *payload_of(events[i]))
        return fail("result differs from the combination of the partial decryptions");
    report.result = std::move(*result);
    return report;
}

}
