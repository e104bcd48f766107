#pragma once
// Helpers for the verifiable tests: the sample files from a real belenios-tool 2.0 run, and
// belenios-tool itself run in a temporary directory.
#include <filesystem>
#include <string>
#include <vector>

namespace kenes::verifiable::testing {

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);
std::filesystem::path testdata(const std::string& name);

struct ToolRun {
    int exit_code = -1;
    std::string out; // stdout
    std::string err; // stderr (belenios-tool reports "I: all checks passed" there)
    std::string all() const { return out + err; }
};
bool have_belenios_tool();
// Runs `belenios-tool <args>` with BELENIOS_USE_URANDOM=1 in `dir`, feeding `input` on stdin.
ToolRun belenios_tool(const std::filesystem::path& dir, const std::string& args, const std::string& input = {});

// A fresh empty temporary directory, removed when the object goes out of scope.
struct TempDir {
    std::filesystem::path path;
    TempDir();
    ~TempDir();
};

}
