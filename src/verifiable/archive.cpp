#include "verifiable/archive.hpp"
#include "verifiable/group.hpp"
#include <boost/json.hpp>
#include <cstring>

namespace kenes::verifiable {

namespace json = boost::json;

static Error io_error(std::string why) { return Error::internal("archive: " + why); }

Result<ArchiveWriter> ArchiveWriter::create(const std::filesystem::path& path, long long timestamp)
{
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f)
        return io_error("cannot create " + path.string());
    ArchiveWriter w(f, timestamp);
    std::string header = R"({"version":1,"timestamp":")" + std::to_string(timestamp) + "\"}";
    TRY(w.write_entry("BELENIOS", header));
    return w;
}

Result<std::vector<ArchiveEntry>> read_archive(const std::filesystem::path& path)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return io_error("cannot open " + path.string());
    std::vector<ArchiveEntry> out;
    char h[512];
    bool ok = true;
    while (std::fread(h, 1, 512, f) == 512) {
        if (h[0] == '\0')
            break; // end-of-archive blocks (belenios-tool writes none)
        ArchiveEntry e;
        e.name.assign(h, strnlen(h, 100));
        char size_field[13] = {};
        std::memcpy(size_field, h + 124, 12);
        unsigned long long size = std::strtoull(size_field, nullptr, 8);
        e.bytes.resize(size);
        std::size_t padded = (size + 511) / 512 * 512;
        if (size > (1ull << 30) || std::fread(e.bytes.data(), 1, size, f) != size
            || std::fseek(f, long(padded - size), SEEK_CUR) != 0) {
            ok = false;
            break;
        }
        out.push_back(std::move(e));
    }
    std::fclose(f);
    if (!ok || out.empty() || out[0].name != "BELENIOS")
        return io_error("not a Belenios archive: " + path.string());
    return out;
}

Result<ArchiveWriter> ArchiveWriter::open(const std::filesystem::path& path)
{
    auto entries = TRY(read_archive(path));
    std::error_code ec;
    auto header = json::parse(entries[0].bytes, ec);
    const auto* ts = ec || !header.is_object() ? nullptr : header.as_object().if_contains("timestamp");
    if (!ts || !ts->is_string())
        return io_error("archive header without timestamp");
    long long timestamp = std::atoll(ts->as_string().c_str());
    std::string last;
    int height = -1;
    for (const auto& e : entries) {
        if (!e.name.ends_with(".event.json"))
            continue;
        auto v = json::parse(e.bytes, ec);
        const auto* hgt = ec || !v.is_object() ? nullptr : v.as_object().if_contains("height");
        if (!hgt || !hgt->is_int64())
            return io_error("bad event " + e.name);
        if (hgt->as_int64() > height) {
            height = int(hgt->as_int64());
            last = e.name.substr(0, e.name.size() - std::string_view(".event.json").size());
        }
    }
    std::FILE* f = std::fopen(path.c_str(), "ab");
    if (!f)
        return io_error("cannot append to " + path.string());
    ArchiveWriter w(f, timestamp);
    w.m_last_event = std::move(last);
    w.m_height = height;
    return w;
}

ArchiveWriter::ArchiveWriter(ArchiveWriter&& o) noexcept
    : m_file(o.m_file)
    , m_timestamp(o.m_timestamp)
    , m_last_event(std::move(o.m_last_event))
    , m_height(o.m_height)
{
    o.m_file = nullptr;
}

ArchiveWriter& ArchiveWriter::operator=(ArchiveWriter&& o) noexcept
{
    if (this != &o) {
        if (m_file)
            std::fclose(m_file);
        m_file = o.m_file;
        o.m_file = nullptr;
        m_timestamp = o.m_timestamp;
        m_last_event = std::move(o.m_last_event);
        m_height = o.m_height;
    }
    return *this;
}

ArchiveWriter::~ArchiveWriter()
{
    if (m_file)
        std::fclose(m_file);
}

// One old-style (pre-POSIX, no "ustar" magic) tar entry like belenios-tool writes: mode 0644,
// uid/gid 0, the archive's timestamp as mtime, content padded to 512 bytes; no end-of-archive
// blocks, so the file stays appendable.
Status ArchiveWriter::write_entry(const std::string& name, std::string_view bytes)
{
    char h[512];
    std::memset(h, 0, sizeof h);
    std::memcpy(h, name.data(), std::min<std::size_t>(name.size(), 99));
    std::snprintf(h + 100, 8, "%07o", 0644);
    std::snprintf(h + 108, 8, "%07o", 0);
    std::snprintf(h + 116, 8, "%07o", 0);
    std::snprintf(h + 124, 12, "%011llo", (unsigned long long)bytes.size());
    std::snprintf(h + 136, 12, "%011llo", (unsigned long long)m_timestamp);
    h[156] = '0';
    std::memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : h)
        sum += c;
    std::snprintf(h + 148, 8, "%06o", sum); // "%06o\0" then the space already there
    h[155] = ' ';
    static const char zeros[512] = {};
    std::size_t pad = (512 - bytes.size() % 512) % 512;
    if (std::fwrite(h, 1, 512, m_file) != 512 || std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size()
        || std::fwrite(zeros, 1, pad, m_file) != pad || std::fflush(m_file) != 0)
        return io_error("write failed");
    return Ok {};
}

Result<std::string> ArchiveWriter::add_data(std::string_view bytes)
{
    std::string hash = sha256_hex(bytes);
    TRY(write_entry(hash + ".data.json", bytes));
    return hash;
}

Result<std::string> ArchiveWriter::add_event(std::string_view type, std::optional<std::string> payload)
{
    json::object e;
    if (m_height >= 0)
        e["parent"] = m_last_event;
    e["height"] = m_height + 1;
    e["type"] = type;
    if (payload)
        e["payload"] = *payload;
    std::string text = json::serialize(e);
    std::string hash = sha256_hex(text);
    TRY(write_entry(hash + ".event.json", text));
    m_last_event = hash;
    ++m_height;
    return hash;
}

Status ArchiveWriter::setup(std::string_view election, std::string_view trustees, std::string_view credentials)
{
    json::object s;
    s["election"] = TRY(add_data(election));
    s["trustees"] = TRY(add_data(trustees));
    s["credentials"] = TRY(add_data(credentials));
    TRY(add_event("Setup", TRY(add_data(json::serialize(s)))));
    return Ok {};
}

Status ArchiveWriter::ballot(std::string_view ballot)
{
    TRY(add_event("Ballot", TRY(add_data(ballot))));
    return Ok {};
}

Status ArchiveWriter::end_ballots()
{
    TRY(add_event("EndBallots", std::nullopt));
    return Ok {};
}

Status ArchiveWriter::encrypted_tally(std::string_view tally, std::size_t num_tallied, std::size_t total_weight)
{
    std::string h = TRY(add_data(tally));
    json::object o;
    o["num_tallied"] = num_tallied;
    o["total_weight"] = total_weight;
    o["encrypted_tally"] = h;
    TRY(add_event("EncryptedTally", TRY(add_data(json::serialize(o)))));
    return Ok {};
}

Status ArchiveWriter::partial_decryption(int owner, std::string_view decryption)
{
    std::string h = TRY(add_data(decryption));
    json::object o;
    o["owner"] = owner;
    o["payload"] = h;
    TRY(add_event("PartialDecryption", TRY(add_data(json::serialize(o)))));
    return Ok {};
}

Status ArchiveWriter::result(std::string_view result)
{
    TRY(add_event("Result", TRY(add_data(result))));
    return Ok {};
}

}
