#include "security/audit.hpp"
#include "security/crypto.hpp"
#include "security/keys.hpp"
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <sodium.h>

namespace kenes::audit {

using db::Null;
using db::Value;

namespace {

const std::string zero_hash(32, '\0');

std::string material(std::string_view prev_hash, int64_t seq, int64_t at, const Entry& e, std::string_view before_json, std::string_view after_json)
{
    boost::json::array fields {
        seq, at, e.actor.user_id ? boost::json::value(*e.actor.user_id) : boost::json::value(nullptr), e.actor.login, e.action, e.entity,
        e.entity_id ? boost::json::value(*e.entity_id) : boost::json::value(nullptr), before_json, after_json
    };
    std::string m(prev_hash);
    m += boost::json::serialize(fields);
    return m;
}

}

const char* break_name(Break b)
{
    switch (b) {
    case Break::None: return "none";
    case Break::EntryAltered: return "entry_altered";
    case Break::EntryMissing: return "entry_missing";
    case Break::UnkeyedEntry: return "unkeyed_entry";
    case Break::UnknownKey: return "unknown_key";
    case Break::HeadMissing: return "head_missing";
    case Break::HeadMismatch: return "head_mismatch";
    case Break::AnchorMismatch: return "anchor_mismatch";
    case Break::AnchorSignature: return "anchor_signature";
    case Break::AnchorUnreadable: return "anchor_unreadable";
    }
    return "unknown";
}

void start_chain(db::Tx& tx, int64_t institution_id)
{
    // A new chain is keyed from its first entry.
    tx.exec("INSERT INTO audit_heads (institution_id, seq, hash, keyed_from) VALUES (?, 0, ?, 1)", { institution_id, db::Blob { zero_hash } });
}

std::string entry_hash(std::string_view prev_hash, int64_t seq, int64_t at, const Entry& e, std::string_view before_json, std::string_view after_json)
{
    return crypto::token_hash(material(prev_hash, seq, at, e, before_json, after_json));
}

std::string institution_mac_key(std::string_view mac_key, int64_t institution_id)
{
    // The subkey names the institution: a chain copied into another institution does not verify there.
    return keys::derive({ 0, std::string(mac_key) }, "kenes audit mac", institution_id);
}

std::string entry_mac_with_subkey(std::string_view subkey, std::string_view prev_hash, int64_t seq, int64_t at, const Entry& e, std::string_view before_json,
    std::string_view after_json)
{
    std::string m = material(prev_hash, seq, at, e, before_json, after_json);
    std::string out(32, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(), reinterpret_cast<const unsigned char*>(m.data()), m.size(),
        reinterpret_cast<const unsigned char*>(subkey.data()), subkey.size());
    return out;
}

std::string entry_mac(std::string_view mac_key, std::string_view prev_hash, int64_t seq, int64_t at, const Entry& e, std::string_view before_json,
    std::string_view after_json)
{
    std::string subkey = institution_mac_key(mac_key, e.institution_id);
    std::string out = entry_mac_with_subkey(subkey, prev_hash, seq, at, e, before_json, after_json);
    sodium_memzero(subkey.data(), subkey.size());
    return out;
}

int64_t data_version(db::Tx& tx, int64_t institution_id)
{
    auto head = tx.query_one("SELECT seq FROM audit_heads WHERE institution_id = ?", { institution_id });
    return head ? head->i64(0) : 0;
}

int64_t record(db::Tx& tx, const Clock& clock, const Entry& e)
{
    // UPDATE ... RETURNING takes the row lock on PostgreSQL, so concurrent transactions of one
    // institution line up here and the chain never forks.
    auto head = tx.query_one("UPDATE audit_heads SET seq = seq + 1 WHERE institution_id = ? RETURNING seq, hash", { e.institution_id });
    if (!head) {
        // A chain with entries but no head was tampered with: starting over would hide that.
        if (tx.query_one("SELECT 1 FROM audit_log WHERE institution_id = ? LIMIT 1", { e.institution_id }))
            throw std::runtime_error("the audit chain head of institution " + std::to_string(e.institution_id) + " is missing (run kenes audit verify)");
        start_chain(tx, e.institution_id);
        head = tx.query_one("UPDATE audit_heads SET seq = seq + 1 WHERE institution_id = ? RETURNING seq, hash", { e.institution_id });
    }
    int64_t seq = head->i64(0);
    std::string prev = head->blob(1);
    int64_t at = clock.now();
    std::string before = e.before.is_null() ? std::string() : boost::json::serialize(e.before);
    std::string after = e.after.is_null() ? std::string() : boost::json::serialize(e.after);
    auto key = keys::current(keys::Purpose::Mac);
    std::string hash = entry_mac(key.secret, prev, seq, at, e, before, after);
    tx.exec("UPDATE audit_heads SET hash = ? WHERE institution_id = ?", { db::Blob { hash }, e.institution_id });
    tx.exec("INSERT INTO audit_log (institution_id, seq, at, actor_user_id, actor_login, action, entity, entity_id, before_json, after_json, prev_hash, hash, mac_key_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { e.institution_id, seq, at, db::nullable(e.actor.user_id), e.actor.login, e.action, e.entity, db::nullable(e.entity_id),
            before.empty() ? Value(Null {}) : Value(before), after.empty() ? Value(Null {}) : Value(after), db::Blob { prev }, db::Blob { hash },
            int64_t(key.id) });
    return seq;
}

ChainChecker::ChainChecker(int64_t institution_id, Head head, int64_t required_keyed_from, MacKeyLookup keys, std::vector<anchors::Anchor> anchor_list,
    std::optional<std::string> public_key)
    : m_institution_id(institution_id)
    , m_head(std::move(head))
    , m_keys(std::move(keys))
    , m_anchors(std::move(anchor_list))
    , m_public_key(std::move(public_key))
    , m_prev(zero_hash)
{
    m_result.keyed_from = m_head.keyed_from;
    // Raising keyed_from would pass re-chained entries off as plain ones from before keying.
    if (m_head.keyed_from != required_keyed_from) {
        fail(Break::HeadMismatch, std::min(m_head.keyed_from, required_keyed_from));
        return;
    }
    std::sort(m_anchors.begin(), m_anchors.end(), [](auto& a, auto& b) { return a.seq < b.seq; });
    for (auto& a : m_anchors) {
        // Anchors are signed with the institution's key; a key replaced in the database shows here.
        if (a.institution_id != m_institution_id || !m_public_key || a.public_key != *m_public_key || !anchors::signature_valid(a)) {
            fail(Break::AnchorSignature, a.seq);
            return;
        }
        // keyed_from never changes once set: raising it to pass off re-chained entries as old ones shows here.
        if (a.keyed_from != m_head.keyed_from || (a.seq == 0 && a.hash != zero_hash)) {
            fail(Break::AnchorMismatch, std::max<int64_t>(a.seq, 1));
            return;
        }
    }
    m_result.anchors_checked = int64_t(m_anchors.size());
}

bool ChainChecker::fail(Break reason, int64_t seq)
{
    if (m_result.ok) {
        m_result.ok = false;
        m_result.reason = reason;
        m_result.first_broken_seq = seq;
    }
    return false;
}

bool ChainChecker::feed(const StoredEntry& s)
{
    if (!m_result.ok)
        return false;
    if (s.seq != m_expected_seq)
        return fail(s.seq > m_expected_seq ? Break::EntryMissing : Break::EntryAltered, std::min(s.seq, m_expected_seq));
    if (s.prev_hash != m_prev)
        return fail(Break::EntryAltered, s.seq);
    std::string expected;
    if (s.seq >= m_head.keyed_from) {
        if (!s.mac_key_id)
            return fail(Break::UnkeyedEntry, s.seq);
        auto subkey = m_subkeys.find(*s.mac_key_id);
        if (subkey == m_subkeys.end()) {
            auto key = m_keys(*s.mac_key_id);
            if (!key)
                return fail(Break::UnknownKey, s.seq);
            subkey = m_subkeys.emplace(*s.mac_key_id, institution_mac_key(*key, m_institution_id)).first;
        }
        expected = entry_mac_with_subkey(subkey->second, m_prev, s.seq, s.at, s.entry, s.before_json, s.after_json);
    } else {
        if (s.mac_key_id)
            return fail(Break::EntryAltered, s.seq);
        expected = entry_hash(m_prev, s.seq, s.at, s.entry, s.before_json, s.after_json);
    }
    if (!crypto::constant_time_equal(expected, s.hash))
        return fail(Break::EntryAltered, s.seq);
    for (; m_next_anchor < m_anchors.size() && m_anchors[m_next_anchor].seq <= s.seq; ++m_next_anchor)
        if (m_anchors[m_next_anchor].seq == s.seq && m_anchors[m_next_anchor].hash != s.hash)
            return fail(Break::AnchorMismatch, s.seq);
    m_prev = s.hash;
    ++m_expected_seq;
    ++m_result.checked;
    return true;
}

Verification ChainChecker::finish()
{
    if (!m_result.ok)
        return m_result;
    int64_t last = m_result.checked;
    // Entries cut off the end leave the head ahead of the log; keyed_from only ever names the next entry.
    if (m_head.seq != last || (last > 0 && m_head.hash != m_prev) || m_head.keyed_from < 1 || m_head.keyed_from > m_head.seq + 1)
        fail(Break::HeadMismatch, last + 1);
    // An anchored head beyond the last entry: the tail was cut and the head rewound.
    else if (!m_anchors.empty() && m_anchors.back().seq > last)
        fail(Break::AnchorMismatch, last + 1);
    return m_result;
}

Verification verify(db::Tx& tx, int64_t institution_id)
{
    auto file = anchors::installed_file();
    return verify(tx, institution_id, file.empty() ? anchors::FileContents {} : anchors::read_file(file, institution_id));
}

Verification verify(db::Tx& tx, int64_t institution_id, const anchors::FileContents& anchor_file)
{
    auto head = tx.query_one("SELECT seq, hash, keyed_from FROM audit_heads WHERE institution_id = ?", { institution_id });
    if (!head) {
        // Never a skipped check: without its head a chain cannot be trusted at all.
        Verification v;
        v.ok = false;
        v.reason = Break::HeadMissing;
        auto last = tx.query_one("SELECT max(seq) FROM audit_log WHERE institution_id = ?", { institution_id });
        v.first_broken_seq = (last && !last->is_null(0) ? last->i64(0) : 0) + 1;
        return v;
    }
    auto pk = tx.query_one("SELECT public_key FROM institution_keys WHERE institution_id = ?", { institution_id });
    ChainChecker checker(institution_id, { head->i64(0), head->blob(1), head->i64(2) }, keys::keyed_from(institution_id),
        [](int id) -> std::optional<std::string> {
            auto k = keys::find(keys::Purpose::Mac, id);
            return k ? std::optional(k->secret) : std::nullopt;
        },
        anchor_file.anchors, pk ? std::optional(pk->blob(0)) : std::nullopt);
    constexpr int64_t page = 5000;
    bool going = true;
    for (int64_t from = 0; going;) {
        auto rows = tx.query("SELECT seq, at, actor_user_id, actor_login, action, entity, entity_id, before_json, after_json, prev_hash, hash, mac_key_id "
                             "FROM audit_log WHERE institution_id = ? AND seq > ? ORDER BY seq LIMIT ?",
            { institution_id, from, page });
        for (auto& r : rows) {
            StoredEntry s { r.i64(0), r.i64(1), { institution_id, { r.opt_i64(2), r.str(3) }, r.str(4), r.str(5), r.opt_i64(6) }, r.str(7), r.str(8),
                r.blob(9), r.blob(10), r.is_null(11) ? std::nullopt : std::optional<int>(int(r.i64(11))) };
            if (!(going = checker.feed(s)))
                break;
            from = s.seq;
        }
        if (int64_t(rows.size()) < page)
            break;
    }
    auto v = checker.finish();
    if (v.ok && anchor_file.unreadable_lines > 0) {
        v.ok = false;
        v.reason = Break::AnchorUnreadable;
    }
    return v;
}

}
