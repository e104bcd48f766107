#include "security/audit.hpp"
#include "security/crypto.hpp"
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace kenes::audit {

using db::Null;
using db::Value;

void start_chain(db::Tx& tx, int64_t institution_id)
{
    tx.exec("INSERT INTO audit_heads (institution_id, seq, hash) VALUES (?, 0, ?)", { institution_id, db::Blob { std::string(32, '\0') } });
}

std::string entry_hash(std::string_view prev_hash, int64_t seq, int64_t at, const Entry& e, std::string_view before_json, std::string_view after_json)
{
    boost::json::array fields {
        seq, at, e.actor.user_id ? boost::json::value(*e.actor.user_id) : boost::json::value(nullptr), e.actor.login, e.action, e.entity,
        e.entity_id ? boost::json::value(*e.entity_id) : boost::json::value(nullptr), before_json, after_json
    };
    std::string material(prev_hash);
    material += boost::json::serialize(fields);
    return crypto::token_hash(material);
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
        start_chain(tx, e.institution_id);
        head = tx.query_one("UPDATE audit_heads SET seq = seq + 1 WHERE institution_id = ? RETURNING seq, hash", { e.institution_id });
    }
    int64_t seq = head->i64(0);
    std::string prev = head->blob(1);
    int64_t at = clock.now();
    std::string before = e.before.is_null() ? std::string() : boost::json::serialize(e.before);
    std::string after = e.after.is_null() ? std::string() : boost::json::serialize(e.after);
    std::string hash = entry_hash(prev, seq, at, e, before, after);
    tx.exec("UPDATE audit_heads SET hash = ? WHERE institution_id = ?", { db::Blob { hash }, e.institution_id });
    tx.exec("INSERT INTO audit_log (institution_id, seq, at, actor_user_id, actor_login, action, entity, entity_id, before_json, after_json, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { e.institution_id, seq, at, db::nullable(e.actor.user_id), e.actor.login, e.action, e.entity, db::nullable(e.entity_id),
            before.empty() ? Value(Null {}) : Value(before), after.empty() ? Value(Null {}) : Value(after), db::Blob { prev }, db::Blob { hash } });
    return seq;
}

Verification verify(db::Tx& tx, int64_t institution_id)
{
    Verification v;
    std::string prev(32, '\0');
    int64_t expected_seq = 1;
    constexpr int64_t page = 5000;
    for (int64_t from = 0;;) {
        auto rows = tx.query("SELECT seq, at, actor_user_id, actor_login, action, entity, entity_id, before_json, after_json, prev_hash, hash "
                             "FROM audit_log WHERE institution_id = ? AND seq > ? ORDER BY seq LIMIT ?",
            { institution_id, from, page });
        for (auto& r : rows) {
            int64_t seq = r.i64(0);
            Entry e { institution_id, { r.opt_i64(2), r.str(3) }, r.str(4), r.str(5), r.opt_i64(6) };
            std::string hash = entry_hash(prev, seq, r.i64(1), e, r.str(7), r.str(8));
            if (seq != expected_seq || r.blob(9) != prev || r.blob(10) != hash) {
                v.ok = false;
                v.first_broken_seq = expected_seq <= seq ? expected_seq : seq;
                return v;
            }
            prev = hash;
            ++expected_seq;
            ++v.checked;
            from = seq;
        }
        if (int64_t(rows.size()) < page)
            break;
    }
    // Entries cut off the end leave the head ahead of the log.
    auto head = tx.query_one("SELECT seq, hash FROM audit_heads WHERE institution_id = ?", { institution_id });
    if (head && (head->i64(0) != v.checked || (v.checked > 0 && head->blob(1) != prev))) {
        v.ok = false;
        v.first_broken_seq = v.checked + 1;
    }
    return v;
}

}
