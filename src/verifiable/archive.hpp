#pragma once
// The public election archive, the `.bel` file of belenios-tool 2.0 (Belenios spec 4.4): an
// append-only old-style tar of a BELENIOS header, content-addressed data files
// `<sha256 hex>.data.json` and a chain of `.event.json` events (parent, height, type, payload).
// `belenios-tool election verify --dir` checks it.
#include "core/result.hpp"
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kenes::verifiable {

struct ArchiveEntry {
    std::string name;
    std::string bytes;
};
// All entries of an archive in order (for reopening it and for verifiers).
Result<std::vector<ArchiveEntry>> read_archive(const std::filesystem::path& path);

class ArchiveWriter {
public:
    // Creates (truncates) the archive and writes its header {"version":1,"timestamp":"<seconds>"}.
    // Every tar entry carries `timestamp` as its mtime, as belenios-tool does.
    static Result<ArchiveWriter> create(const std::filesystem::path& path, long long timestamp);
    // Reopens an archive (ours or belenios-tool's) to append to it, e.g. after a server restart:
    // reads its timestamp and the last event of the chain.
    static Result<ArchiveWriter> open(const std::filesystem::path& path);
    ArchiveWriter(ArchiveWriter&& o) noexcept;
    ArchiveWriter& operator=(ArchiveWriter&& o) noexcept;
    ~ArchiveWriter();

    // Event sequence of spec 4.4. Texts are stored byte for byte (their hashes name the files).
    Status setup(std::string_view election, std::string_view trustees, std::string_view public_credentials);
    Status ballot(std::string_view ballot);
    Status end_ballots();
    // Stores the tally and {"num_tallied","total_weight","encrypted_tally":<hash>} as the payload.
    Status encrypted_tally(std::string_view tally, std::size_t num_tallied, std::size_t total_weight);
    // Stores the decryption and {"owner":n,"payload":<hash>} as the payload.
    Status partial_decryption(int owner, std::string_view decryption);
    Status result(std::string_view result);

    // Low level: a data file (returns its hash) and an event referring to an optional payload.
    Result<std::string> add_data(std::string_view bytes);
    Result<std::string> add_event(std::string_view type, std::optional<std::string> payload);

    int height() const { return m_height; }
    const std::string& last_event() const { return m_last_event; }

private:
    ArchiveWriter(std::FILE* f, long long timestamp)
        : m_file(f)
        , m_timestamp(timestamp)
    {
    }
    Status write_entry(const std::string& name, std::string_view bytes);

    std::FILE* m_file = nullptr;
    long long m_timestamp = 0;
    std::string m_last_event; // hash of the previous event
    int m_height = -1;
};

}
