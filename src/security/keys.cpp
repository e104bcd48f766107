#include "security/keys.hpp"
#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <mutex>
#include <sodium.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kenes::keys {

namespace {

constexpr const char* format_name = "kenes-keys-1";
constexpr size_t key_bytes = 32;

std::string random_secret()
{
    std::string s(key_bytes, '\0');
    randombytes_buf(s.data(), s.size());
    return s;
}

std::string to_base64(std::string_view bytes)
{
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::optional<std::string> from_base64(std::string_view text)
{
    std::string out(text.size(), '\0');
    size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr, &len, nullptr,
            sodium_base64_VARIANT_ORIGINAL)
        != 0)
        return std::nullopt;
    out.resize(len);
    return out;
}

std::optional<std::vector<Key>> parse_keys(const boost::json::value* list)
{
    if (!list || !list->is_array() || list->as_array().empty())
        return std::nullopt;
    std::vector<Key> keys;
    for (auto& v : list->as_array()) {
        auto* o = v.if_object();
        if (!o || !o->contains("id") || !o->contains("key") || !o->at("id").is_int64() || !o->at("key").is_string())
            return std::nullopt;
        int64_t id = o->at("id").as_int64();
        auto secret = from_base64(o->at("key").as_string());
        if (id < 1 || id > 1'000'000 || !secret || secret->size() != key_bytes)
            return std::nullopt;
        if (std::any_of(keys.begin(), keys.end(), [&](const Key& k) { return k.id == id; }))
            return std::nullopt;
        keys.push_back({ int(id), *secret });
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) { return a.id < b.id; });
    return keys;
}

boost::json::array keys_json(const std::vector<Key>& keys)
{
    boost::json::array out;
    for (auto& k : keys)
        out.push_back(boost::json::object { { "id", k.id }, { "key", to_base64(k.secret) } });
    return out;
}

void add_key(std::vector<Key>& keys)
{
    keys.push_back({ keys.empty() ? 1 : keys.back().id + 1, random_secret() });
}

std::string errno_text() { return std::strerror(errno); }

// Creates the directory (and its parents) when missing; the directory holding the keys itself gets 0700.
void make_private_directory(const std::filesystem::path& dir)
{
    if (dir.empty() || std::filesystem::exists(dir))
        return;
    make_private_directory(dir.parent_path());
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        throw KeyFileError("cannot create the directory " + dir.string() + ": " + errno_text());
}

// Writes a new file with mode 0600 (whatever the umask) and syncs it.
void write_private_file(const std::filesystem::path& path, const std::string& text)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw KeyFileError("cannot create " + path.string() + ": " + errno_text());
    bool ok = ::fchmod(fd, 0600) == 0;
    for (size_t done = 0; ok && done < text.size();) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        done += n > 0 ? size_t(n) : 0;
    }
    ok = ok && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
        std::filesystem::remove(path);
        throw KeyFileError("cannot write " + path.string() + ": " + errno_text());
    }
}

std::filesystem::path temporary_beside(const std::filesystem::path& file)
{
    unsigned char r[8];
    randombytes_buf(r, sizeof r);
    char hex[17];
    sodium_bin2hex(hex, sizeof hex, r, sizeof r);
    return file.parent_path() / (file.filename().string() + ".tmp-" + hex);
}

void sync_directory(const std::filesystem::path& dir)
{
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

struct Installed {
    std::mutex mutex;
    std::shared_ptr<const KeyRing> ring;
    std::filesystem::path file;
};

Installed& installed_state()
{
    static Installed state;
    return state;
}

std::shared_ptr<const KeyRing> installed_ring()
{
    auto& s = installed_state();
    std::lock_guard lk(s.mutex);
    if (!s.ring)
        throw std::logic_error("no keys are installed (keys::install must run at start-up)");
    return s.ring;
}

}

const char* purpose_name(Purpose p) { return p == Purpose::Mac ? "mac" : "wrap"; }

KeyRing KeyRing::generate()
{
    KeyRing r;
    add_key(r.m_mac);
    add_key(r.m_wrap);
    return r;
}

std::optional<KeyRing> KeyRing::parse(std::string_view text)
{
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (ec || !v.is_object())
        return std::nullopt;
    auto& o = v.as_object();
    if (!o.contains("format") || o.at("format") != format_name)
        return std::nullopt;
    auto mac = parse_keys(o.if_contains("mac"));
    auto wrap = parse_keys(o.if_contains("wrap"));
    if (!mac || !wrap)
        return std::nullopt;
    KeyRing r;
    r.m_mac = std::move(*mac);
    r.m_wrap = std::move(*wrap);
    if (auto* k = o.if_contains("keyed_from")) {
        if (!k->is_object())
            return std::nullopt;
        for (auto& [inst, seq] : k->as_object()) {
            char* end = nullptr;
            std::string id(inst);
            long long n = std::strtoll(id.c_str(), &end, 10);
            if (id.empty() || *end || !seq.is_int64() || seq.as_int64() < 1)
                return std::nullopt;
            r.m_keyed_from[n] = seq.as_int64();
        }
    }
    return r;
}

std::string KeyRing::serialize() const
{
    boost::json::object o { { "format", format_name }, { "mac", keys_json(m_mac) }, { "wrap", keys_json(m_wrap) } };
    if (!m_keyed_from.empty()) {
        boost::json::object k;
        for (auto& [inst, seq] : m_keyed_from)
            k[std::to_string(inst)] = seq;
        o["keyed_from"] = std::move(k);
    }
    return boost::json::serialize(o) + "\n";
}

const Key& KeyRing::current(Purpose p) const { return all(p).back(); }

const Key* KeyRing::find(Purpose p, int id) const
{
    for (auto& k : all(p))
        if (k.id == id)
            return &k;
    return nullptr;
}

int64_t KeyRing::keyed_from(int64_t institution_id) const
{
    auto it = m_keyed_from.find(institution_id);
    return it == m_keyed_from.end() ? 1 : it->second;
}

void KeyRing::set_keyed_from(std::map<int64_t, int64_t> m) { m_keyed_from = std::move(m); }

void KeyRing::rotate()
{
    add_key(m_mac);
    add_key(m_wrap);
}

KeyRing load(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw KeyFileError("cannot read the key file " + file.string());
    std::stringstream ss;
    ss << in.rdbuf();
    auto ring = KeyRing::parse(ss.str());
    if (!ring)
        throw KeyFileError("the key file " + file.string() + " is damaged or not a Kenes key file");
    return std::move(*ring);
}

void save(const std::filesystem::path& file, const KeyRing& ring)
{
    make_private_directory(file.parent_path());
    auto tmp = temporary_beside(file);
    write_private_file(tmp, ring.serialize());
    if (::rename(tmp.c_str(), file.c_str()) != 0) {
        std::filesystem::remove(tmp);
        throw KeyFileError("cannot replace " + file.string() + ": " + errno_text());
    }
    sync_directory(file.parent_path());
}

bool create_if_missing(const std::filesystem::path& file, const KeyRing& ring)
{
    make_private_directory(file.parent_path());
    auto tmp = temporary_beside(file);
    write_private_file(tmp, ring.serialize());
    // link() fails when the name exists: the file is created whole or not at all, never replaced.
    int rc = ::link(tmp.c_str(), file.c_str());
    int err = errno;
    std::filesystem::remove(tmp);
    if (rc != 0 && err != EEXIST)
        throw KeyFileError("cannot create " + file.string() + ": " + std::strerror(err));
    sync_directory(file.parent_path());
    return rc == 0;
}

std::string check_value(const Key& k)
{
    static constexpr std::string_view text = "kenes key check value";
    std::string out(16, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
        reinterpret_cast<const unsigned char*>(k.secret.data()), k.secret.size());
    return out;
}

KeyRing open_for_database(db::Database& db, const std::filesystem::path& file, bool* created)
{
    if (created)
        *created = false;
    if (!std::filesystem::exists(file)) {
        bool expected = db.read([](db::Tx& tx) {
            return tx.query_one("SELECT 1 FROM kenes_key_checks LIMIT 1").has_value()
                || tx.query_one("SELECT 1 FROM institution_keys WHERE wrap_key_id IS NOT NULL LIMIT 1").has_value()
                || tx.query_one("SELECT 1 FROM audit_heads WHERE keyed_from <= seq LIMIT 1").has_value();
        });
        if (expected)
            throw KeyFileError("the key file " + file.string()
                + " is missing, but the database holds audit entries and signing keys made with it. Restore the key file from its backup "
                  "(or set key_file to where it is); a new key file cannot verify or unwrap them.");
        auto ring = KeyRing::generate();
        std::map<int64_t, int64_t> older;
        for (auto& row : db.read([](db::Tx& tx) { return tx.query("SELECT institution_id, keyed_from FROM audit_heads WHERE keyed_from > 1"); }))
            older[row.i64(0)] = row.i64(1);
        ring.set_keyed_from(std::move(older));
        bool made = create_if_missing(file, ring);
        if (created)
            *created = made;
    }
    KeyRing ring = load(file);
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 077))
        throw KeyFileError("the key file " + file.string() + " is readable by other users: chmod 600 it");
    auto checked = db.write([&](db::Tx& tx) -> Result<std::string> {
        for (Purpose p : { Purpose::Mac, Purpose::Wrap }) {
            for (auto& row : tx.query("SELECT key_id, check_value FROM kenes_key_checks WHERE purpose = ?", { std::string(purpose_name(p)) })) {
                const Key* k = ring.find(p, int(row.i64(0)));
                if (!k)
                    return std::string("the key file " + file.string() + " lacks the " + purpose_name(p) + " key " + std::to_string(row.i64(0))
                        + " the database was written with: it is an older or another copy. Use the current key file.");
                if (check_value(*k) != row.blob(1))
                    return std::string("the key file " + file.string() + " does not match this database (" + purpose_name(p) + " key "
                        + std::to_string(k->id) + " differs): it belongs to another installation. Use this database's key file.");
            }
            for (auto& k : ring.all(p))
                tx.exec("INSERT INTO kenes_key_checks (purpose, key_id, check_value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    { std::string(purpose_name(p)), int64_t(k.id), db::Blob { check_value(k) } });
        }
        return std::string();
    });
    if (!checked.value().empty())
        throw KeyFileError(checked.value());
    return ring;
}

void install(KeyRing ring, std::filesystem::path file)
{
    auto& s = installed_state();
    std::lock_guard lk(s.mutex);
    s.ring = std::make_shared<const KeyRing>(std::move(ring));
    s.file = std::move(file);
}

bool installed()
{
    auto& s = installed_state();
    std::lock_guard lk(s.mutex);
    return s.ring != nullptr;
}

Key current(Purpose p) { return installed_ring()->current(p); }

std::optional<Key> find(Purpose p, int id)
{
    if (auto* k = installed_ring()->find(p, id))
        return *k;
    auto& s = installed_state();
    std::lock_guard lk(s.mutex);
    if (s.file.empty())
        return std::nullopt;
    try {
        auto fresh = std::make_shared<const KeyRing>(load(s.file));
        // Only a file that still holds every key already known replaces the ring.
        for (Purpose q : { Purpose::Mac, Purpose::Wrap })
            for (auto& k : s.ring->all(q))
                if (auto* f = fresh->find(q, k.id); !f || f->secret != k.secret)
                    return std::nullopt;
        s.ring = fresh;
    } catch (const KeyFileError&) {
        return std::nullopt;
    }
    if (auto* k = s.ring->find(p, id))
        return *k;
    return std::nullopt;
}

int64_t keyed_from(int64_t institution_id) { return installed_ring()->keyed_from(institution_id); }

std::filesystem::path installed_file()
{
    auto& s = installed_state();
    std::lock_guard lk(s.mutex);
    return s.file;
}

std::string derive(const Key& k, std::string_view context, int64_t institution_id)
{
    std::string material(context);
    material += '\0';
    material += std::to_string(institution_id);
    std::string out(32, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(), reinterpret_cast<const unsigned char*>(material.data()), material.size(),
        reinterpret_cast<const unsigned char*>(k.secret.data()), k.secret.size());
    return out;
}

std::string wrap(const Key& k, int64_t institution_id, std::string_view plain)
{
    std::string key = derive(k, "kenes signing key wrap", institution_id);
    std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(out.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
        reinterpret_cast<const unsigned char*>(key.data()));
    sodium_memzero(key.data(), key.size());
    return out;
}

std::optional<std::string> unwrap(const Key& k, int64_t institution_id, std::string_view wrapped)
{
    if (wrapped.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return std::nullopt;
    std::string key = derive(k, "kenes signing key wrap", institution_id);
    std::string out(wrapped.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    auto* nonce = reinterpret_cast<const unsigned char*>(wrapped.data());
    int rc = crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()), nonce + crypto_secretbox_NONCEBYTES,
        wrapped.size() - crypto_secretbox_NONCEBYTES, nonce, reinterpret_cast<const unsigned char*>(key.data()));
    sodium_memzero(key.data(), key.size());
    if (rc != 0)
        return std::nullopt;
    return out;
}

}
