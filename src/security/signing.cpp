#include "security/signing.hpp"
#include "security/keys.hpp"
#include "security/crypto.hpp"
#include <algorithm>
#include <cctype>
#include <sodium.h>
#include <stdexcept>

namespace kenes::signing {

namespace {

// The plain secret key of a stored row (public_key, secret_key, wrap_key_id).
std::string secret_of(int64_t institution_id, const db::Row& row)
{
    if (row.is_null(2))
        return row.blob(1);
    auto key = keys::find(keys::Purpose::Wrap, int(row.i64(2)));
    auto plain = key ? keys::unwrap(*key, institution_id, row.blob(1)) : std::nullopt;
    if (!plain || plain->size() != crypto_sign_SECRETKEYBYTES)
        throw std::runtime_error("the signing key of institution " + std::to_string(institution_id) + " cannot be unwrapped with the key file "
            + keys::installed_file().string() + " (wrapping key " + std::to_string(row.i64(2)) + "): it is not this database's key file");
    return *plain;
}

void store_wrapped(db::Tx& tx, int64_t institution_id, const std::string& secret)
{
    auto key = keys::current(keys::Purpose::Wrap);
    tx.exec("UPDATE institution_keys SET secret_key = ?, wrap_key_id = ? WHERE institution_id = ?",
        { db::Blob { keys::wrap(key, institution_id, secret) }, int64_t(key.id), institution_id });
}

}

Signature sign(db::Tx& tx, int64_t institution_id, std::string_view message)
{
    auto row = tx.query_one("SELECT public_key, secret_key, wrap_key_id FROM institution_keys WHERE institution_id = ?", { institution_id });
    std::string pk, sk;
    if (row) {
        pk = row->blob(0);
        sk = secret_of(institution_id, *row);
        if (row->is_null(2))
            store_wrapped(tx, institution_id, sk);
    } else {
        pk.resize(crypto_sign_PUBLICKEYBYTES);
        sk.resize(crypto_sign_SECRETKEYBYTES);
        crypto_sign_keypair(reinterpret_cast<unsigned char*>(pk.data()), reinterpret_cast<unsigned char*>(sk.data()));
        auto key = keys::current(keys::Purpose::Wrap);
        tx.exec("INSERT INTO institution_keys (institution_id, public_key, secret_key, wrap_key_id) VALUES (?, ?, ?, ?)",
            { institution_id, db::Blob { pk }, db::Blob { keys::wrap(key, institution_id, sk) }, int64_t(key.id) });
    }
    std::string sig(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
        reinterpret_cast<const unsigned char*>(sk.data()));
    sodium_memzero(sk.data(), sk.size());
    return { pk, sig };
}

bool verify(std::string_view pk, std::string_view message, std::string_view sig)
{
    if (pk.size() != crypto_sign_PUBLICKEYBYTES || sig.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()), reinterpret_cast<const unsigned char*>(message.data()),
               message.size(), reinterpret_cast<const unsigned char*>(pk.data()))
        == 0;
}

std::string sha256(std::string_view bytes)
{
    std::string out(crypto_hash_sha256_BYTES, '\0');
    crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return out;
}

int wrap_plain_keys(db::Database& db)
{
    auto done = db.write([](db::Tx& tx) -> Result<int> {
        int n = 0;
        for (auto& row : tx.query("SELECT institution_id, secret_key FROM institution_keys WHERE wrap_key_id IS NULL")) {
            std::string sk = row.blob(1);
            store_wrapped(tx, row.i64(0), sk);
            sodium_memzero(sk.data(), sk.size());
            ++n;
        }
        return n;
    });
    return done.value();
}

int rewrap_all(db::Tx& tx)
{
    int n = 0;
    for (auto& row : tx.query("SELECT public_key, secret_key, wrap_key_id, institution_id FROM institution_keys ORDER BY institution_id")) {
        int64_t inst = row.i64(3);
        std::string sk = secret_of(inst, row);
        store_wrapped(tx, inst, sk);
        sodium_memzero(sk.data(), sk.size());
        ++n;
    }
    return n;
}

std::string verification_code(int64_t institution_id, char tag)
{
    return std::to_string(institution_id) + tag + crypto::to_hex(crypto::random_token()).substr(0, 24);
}

std::optional<int64_t> institution_of_code(std::string_view code, char tag)
{
    auto at = code.find(tag);
    if (code.size() > 64 || at == std::string_view::npos || at == 0 || at > 18
        || !std::all_of(code.begin(), code.begin() + long(at), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    return std::stoll(std::string(code.substr(0, at)));
}

}
