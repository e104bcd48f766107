#include "security/signing.hpp"
#include <sodium.h>

namespace kenes::signing {

Signature sign(db::Tx& tx, int64_t institution_id, std::string_view message)
{
    auto key = tx.query_one("SELECT public_key, secret_key FROM institution_keys WHERE institution_id = ?", { institution_id });
    std::string pk, sk;
    if (key) {
        pk = key->blob(0);
        sk = key->blob(1);
    } else {
        pk.resize(crypto_sign_PUBLICKEYBYTES);
        sk.resize(crypto_sign_SECRETKEYBYTES);
        crypto_sign_keypair(reinterpret_cast<unsigned char*>(pk.data()), reinterpret_cast<unsigned char*>(sk.data()));
        tx.exec("INSERT INTO institution_keys (institution_id, public_key, secret_key) VALUES (?, ?, ?)", { institution_id, db::Blob { pk }, db::Blob { sk } });
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

}
