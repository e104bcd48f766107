// Not a test suite: the helpers of test_support.hpp, compiled only into kenes_tests.
#include "verifiable/test_support.hpp"
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace kenes::verifiable::testing {

std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const std::filesystem::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::filesystem::path testdata(const std::string& name)
{
    return std::filesystem::path(KENES_SOURCE_DIR) / "src/verifiable/testdata" / name;
}

bool have_belenios_tool() { return std::system("command -v belenios-tool >/dev/null 2>&1") == 0; }

ToolRun belenios_tool(const std::filesystem::path& dir, const std::string& args, const std::string& input)
{
    auto in = dir / ".stdin";
    write_file(in, input);
    std::string cmd = "cd '" + dir.string() + "' && BELENIOS_USE_URANDOM=1 belenios-tool " + args + " < .stdin 2> .stderr";
    ToolRun run;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p)
        return run;
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0)
        run.out.append(buf.data(), n);
    int status = pclose(p);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = read_file(dir / ".stderr");
    return run;
}

TempDir::TempDir()
{
    std::string templ = (std::filesystem::temp_directory_path() / "kenes-verifiable-XXXXXX").string();
    if (!mkdtemp(templ.data()))
        throw std::runtime_error("mkdtemp failed");
    path = templ;
}

TempDir::~TempDir()
{
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

}
