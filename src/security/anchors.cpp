#include "security/anchors.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <mutex>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kenes::anchors {

namespace {

std::optional<std::string> from_hex(std::string_view hex, size_t bytes)
{
    std::string out(bytes, '\0');
    size_t len = 0;
    if (hex.size() != bytes * 2
        || sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0
        || len != bytes)
        return std::nullopt;
    return out;
}

std::optional<int64_t> int_field(const boost::json::object& o, std::string_view name)
{
    auto* v = o.if_contains(name);
    if (!v || !v->is_int64())
        return std::nullopt;
    return v->as_int64();
}

std::optional<std::string> hex_field(const boost::json::object& o, std::string_view name, size_t bytes)
{
    auto* v = o.if_contains(name);
    if (!v || !v->is_string())
        return std::nullopt;
    return from_hex(v->as_string(), bytes);
}

// Appends one line under an exclusive lock, first ending a line a crash may have left unfinished.
void append_line(const std::filesystem::path& file, const std::string& line)
{
    if (file.has_parent_path())
        std::filesystem::create_directories(file.parent_path());
    int fd = ::open(file.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        throw std::runtime_error("cannot open the anchor file " + file.string() + ": " + std::strerror(errno));
    ::flock(fd, LOCK_EX);
    std::string text = line + "\n";
    struct stat st {};
    char last = '\n';
    if (::fstat(fd, &st) == 0 && st.st_size > 0 && ::pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n')
        text = "\n" + text;
    bool ok = ::write(fd, text.data(), text.size()) == ssize_t(text.size()) && ::fsync(fd) == 0;
    int err = errno;
    ::flock(fd, LOCK_UN);
    ::close(fd);
    if (!ok)
        throw std::runtime_error("cannot append to the anchor file " + file.string() + ": " + std::strerror(err));
}

// What the process knows of the installed file: the latest anchor per institution up to an offset.
struct Installed {
    std::mutex mutex;
    std::filesystem::path file;
    ino_t inode = 0;
    int64_t offset = 0;
    std::map<int64_t, Anchor> latest;

    void refresh()
    {
        struct stat st {};
        if (file.empty() || ::stat(file.c_str(), &st) != 0) {
            latest.clear();
            offset = 0;
            inode = 0;
            return;
        }
        if (st.st_ino != inode || st.st_size < offset) {   // replaced or truncated: read it again
            latest.clear();
            offset = 0;
            inode = st.st_ino;
        }
        if (st.st_size == offset)
            return;
        std::ifstream in(file, std::ios::binary);
        in.seekg(offset);
        std::string line;
        while (std::getline(in, line)) {
            if (in.eof())   // an unfinished last line: read it once it is whole
                break;
            offset += int64_t(line.size()) + 1;
            if (auto a = parse_line(line))
                latest[a->institution_id] = std::move(*a);
        }
    }
};

Installed& installed_state()
{
    static Installed state;
    return state;
}

}

std::string signed_message(const Anchor& a)
{
    return "kenes audit anchor v1\ninstitution " + std::to_string(a.institution_id) + "\nseq " + std::to_string(a.seq) + "\nhash " + crypto::to_hex(a.hash)
        + "\nkeyed_from " + std::to_string(a.keyed_from) + "\nat " + std::to_string(a.at) + "\n";
}

bool signature_valid(const Anchor& a) { return signing::verify(a.public_key, signed_message(a), a.signature); }

std::string to_line(const Anchor& a)
{
    boost::json::object o { { "institution_id", a.institution_id }, { "seq", a.seq }, { "hash", crypto::to_hex(a.hash) }, { "keyed_from", a.keyed_from },
        { "at", a.at }, { "public_key", crypto::to_hex(a.public_key) }, { "signature", crypto::to_hex(a.signature) } };
    return boost::json::serialize(o);
}

std::optional<Anchor> parse_line(std::string_view line)
{
    boost::system::error_code ec;
    auto v = boost::json::parse(line, ec);
    if (ec || !v.is_object())
        return std::nullopt;
    auto& o = v.as_object();
    auto inst = int_field(o, "institution_id");
    auto seq = int_field(o, "seq");
    auto keyed_from = int_field(o, "keyed_from");
    auto at = int_field(o, "at");
    auto hash = hex_field(o, "hash", 32);
    auto pk = hex_field(o, "public_key", 32);
    auto sig = hex_field(o, "signature", 64);
    if (!inst || !seq || !keyed_from || !at || !hash || !pk || !sig || *seq < 0 || *keyed_from < 1)
        return std::nullopt;
    return Anchor { *inst, *seq, *hash, *keyed_from, *at, *pk, *sig };
}

boost::json::object to_json(const Anchor& a)
{
    return boost::json::object { { "seq", a.seq }, { "hash", crypto::to_hex(a.hash) }, { "keyed_from", a.keyed_from }, { "at", almaty::iso_datetime(a.at) },
        { "public_key", crypto::to_hex(a.public_key) }, { "signature", crypto::to_hex(a.signature) }, { "signed_message", signed_message(a) } };
}

FileContents read_file(const std::filesystem::path& file, std::optional<int64_t> institution_id)
{
    FileContents out;
    std::ifstream in(file, std::ios::binary);
    std::string line;
    while (in && std::getline(in, line)) {
        if (line.empty())
            continue;
        auto a = parse_line(line);
        if (!a)
            ++out.unreadable_lines;
        else if (!institution_id || a->institution_id == *institution_id)
            out.anchors.push_back(std::move(*a));
    }
    return out;
}

void install(std::filesystem::path file)
{
    auto& s = installed_state();
    std::lock_guard lk(s.mutex);
    s.file = std::move(file);
    s.latest.clear();
    s.offset = 0;
    s.inode = 0;
}

std::filesystem::path installed_file()
{
    auto& s = installed_state();
    std::lock_guard lk(s.mutex);
    return s.file;
}

std::optional<Anchor> latest(int64_t institution_id)
{
    auto& s = installed_state();
    std::lock_guard lk(s.mutex);
    s.refresh();
    auto it = s.latest.find(institution_id);
    if (it == s.latest.end())
        return std::nullopt;
    return it->second;
}

std::optional<Anchor> checkpoint(db::Database& db, const Clock& clock, int64_t institution_id, bool always)
{
    auto file = installed_file();
    if (file.empty())
        return std::nullopt;
    auto previous = latest(institution_id);
    auto head = db.read([&](db::Tx& tx) { return tx.query_one("SELECT seq, hash, keyed_from FROM audit_heads WHERE institution_id = ?", { institution_id }); });
    if (!head) {
        spdlog::warn("institution {} has no audit chain head: not anchored (run kenes audit verify)", institution_id);
        return std::nullopt;
    }
    if (!always && previous && previous->seq == head->i64(0) && previous->hash == head->blob(1) && previous->keyed_from == head->i64(2))
        return std::nullopt;
    // The head is read again in the signing transaction: the anchor states a head that existed.
    auto signed_anchor = db.write([&](db::Tx& tx) -> Result<std::optional<Anchor>> {
        auto h = tx.query_one("SELECT seq, hash, keyed_from FROM audit_heads WHERE institution_id = ?", { institution_id });
        if (!h)
            return std::optional<Anchor>();
        Anchor a { institution_id, h->i64(0), h->blob(1), h->i64(2), clock.now(), {}, {} };
        auto sig = signing::sign(tx, institution_id, signed_message(a));
        a.public_key = sig.public_key;
        a.signature = sig.signature;
        return std::optional<Anchor>(std::move(a));
    });
    auto a = signed_anchor.value();
    if (a)
        append_line(file, to_line(*a));
    return a;
}

int checkpoint_all(db::Database& db, const Clock& clock)
{
    auto ids = db.read([](db::Tx& tx) { return tx.query("SELECT id FROM institutions ORDER BY id"); });
    int written = 0;
    for (auto& row : ids)
        if (checkpoint(db, clock, row.i64(0), false))
            ++written;
    return written;
}

}
