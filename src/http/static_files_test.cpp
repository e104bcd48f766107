#include "http/static_files.hpp"
#include <gtest/gtest.h>
#include <fstream>

using namespace kenes::http;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, std::string_view body)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << body;
}

std::string header(const Response& r, std::string_view name)
{
    return std::string(r.header(name));
}

class StaticFilesTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("kenes-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-"
                                             + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        write(m_dir / "index.html", "<html>shell</html>");
        write(m_dir / "assets/app-1a2b.js", "plain-js");
        write(m_dir / "assets/app-1a2b.js.gz", "gzip-js");
        write(m_dir / "assets/app-1a2b.js.br", "brotli-js");
        write(m_dir / "assets/style-3c4d.css", "plain-css");
        write(m_dir / "assets/orphan-5e6f.js.br", "no plain file");
        m_files.load(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path m_dir;
    StaticFiles m_files;
};

}

TEST_F(StaticFilesTest, VariantsAreNotFilesOfTheirOwn)
{
    EXPECT_EQ(m_files.size(), 3u);
    EXPECT_FALSE(m_files.serve("/assets/app-1a2b.js.gz", "", false));
    EXPECT_FALSE(m_files.serve("/assets/orphan-5e6f.js", "", false));
}

TEST_F(StaticFilesTest, SendsTheBestVariantWithItsOwnEtag)
{
    auto br = *m_files.serve("/assets/app-1a2b.js", "", false, "gzip, br");
    EXPECT_EQ(br.body, "brotli-js");
    EXPECT_EQ(header(br, "Content-Encoding"), "br");
    EXPECT_EQ(header(br, "Vary"), "Accept-Encoding");
    EXPECT_EQ(header(br, "Content-Type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(header(br, "Cache-Control"), "public, max-age=31536000, immutable");

    auto gz = *m_files.serve("/assets/app-1a2b.js", "", false, "gzip");
    EXPECT_EQ(gz.body, "gzip-js");
    EXPECT_EQ(header(gz, "Content-Encoding"), "gzip");

    auto plain = *m_files.serve("/assets/app-1a2b.js", "", false, "");
    EXPECT_EQ(plain.body, "plain-js");
    EXPECT_EQ(header(plain, "Content-Encoding"), "");
    EXPECT_EQ(header(plain, "Vary"), "Accept-Encoding");

    EXPECT_NE(header(br, "ETag"), header(gz, "ETag"));
    EXPECT_NE(header(br, "ETag"), header(plain, "ETag"));
    EXPECT_NE(header(gz, "ETag"), header(plain, "ETag"));
}

TEST_F(StaticFilesTest, RevalidatesPerVariant)
{
    auto br = *m_files.serve("/assets/app-1a2b.js", "", false, "br");
    auto again = *m_files.serve("/assets/app-1a2b.js", header(br, "ETag"), false, "br");
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(again.body, "");
    EXPECT_EQ(header(again, "Content-Encoding"), "br");
    // The brotli tag does not match the gzip variant: the client gets the gzip bytes in full.
    auto gz = *m_files.serve("/assets/app-1a2b.js", header(br, "ETag"), false, "gzip");
    EXPECT_EQ(gz.status, 200);
    EXPECT_EQ(gz.body, "gzip-js");
}

TEST_F(StaticFilesTest, AFileWithoutVariantsIsSentPlainAndDoesNotVary)
{
    auto css = *m_files.serve("/assets/style-3c4d.css", "", false, "br, gzip");
    EXPECT_EQ(css.body, "plain-css");
    EXPECT_EQ(header(css, "Content-Encoding"), "");
    EXPECT_EQ(header(css, "Vary"), "");
    auto shell = *m_files.serve("/people/12", "", true, "br");
    EXPECT_EQ(shell.body, "<html>shell</html>");
    EXPECT_EQ(header(shell, "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, IfNoneMatchComparesWeaklyAndTakesListsAndTheStar)
{
    auto plain = *m_files.serve("/assets/app-1a2b.js", "", false, "");
    auto tag = header(plain, "ETag");
    EXPECT_EQ(m_files.serve("/assets/app-1a2b.js", "W/" + tag, false, "")->status, 304);
    EXPECT_EQ(m_files.serve("/assets/app-1a2b.js", "\"other\", " + tag, false, "")->status, 304);
    EXPECT_EQ(m_files.serve("/assets/app-1a2b.js", "*", false, "")->status, 304);
    EXPECT_EQ(m_files.serve("/assets/app-1a2b.js", "\"other\", W/\"more\"", false, "")->status, 200);
}

TEST_F(StaticFilesTest, OneRangeOfTheVariantSentWithContentRange)
{
    auto plain = *m_files.serve({ .path = "/assets/app-1a2b.js", .ranges = true, .range = "bytes=2-4" });
    EXPECT_EQ(plain.status, 206);
    EXPECT_EQ(plain.body, "ain");
    EXPECT_EQ(header(plain, "Content-Range"), "bytes 2-4/8");
    EXPECT_EQ(header(plain, "Accept-Ranges"), "bytes");
    EXPECT_EQ(header(plain, "Content-Type"), "text/javascript; charset=utf-8");
    // The range counts in the bytes that are sent: the brotli variant's.
    auto br = *m_files.serve({ .path = "/assets/app-1a2b.js", .ranges = true, .range = "bytes=-2", .accept_encoding = "br" });
    EXPECT_EQ(br.status, 206);
    EXPECT_EQ(br.body, "js");
    EXPECT_EQ(header(br, "Content-Range"), "bytes 7-8/9");
    EXPECT_EQ(header(br, "Content-Encoding"), "br");
    auto tail = *m_files.serve({ .path = "/assets/app-1a2b.js", .ranges = true, .range = "bytes=6-" });
    EXPECT_EQ(tail.body, "js");
    EXPECT_EQ(header(tail, "Content-Range"), "bytes 6-7/8");
}

TEST_F(StaticFilesTest, RangesOutsideTheFileSeveralRangesAndHead)
{
    auto outside = *m_files.serve({ .path = "/assets/app-1a2b.js", .ranges = true, .range = "bytes=8-" });
    EXPECT_EQ(outside.status, 416);
    EXPECT_EQ(outside.body, "");
    EXPECT_EQ(header(outside, "Content-Range"), "bytes */8");
    auto several = *m_files.serve({ .path = "/assets/app-1a2b.js", .ranges = true, .range = "bytes=0-1,4-5" });
    EXPECT_EQ(several.status, 200);
    EXPECT_EQ(several.body, "plain-js");
    // Range is defined for GET only: a HEAD gets the whole representation's headers.
    auto head = *m_files.serve({ .path = "/assets/app-1a2b.js", .ranges = false, .range = "bytes=0-1" });
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(header(head, "Content-Range"), "");
    EXPECT_EQ(header(head, "Accept-Ranges"), "bytes");
}

TEST_F(StaticFilesTest, IfRangeSendsThePartOnlyForTheSameStrongTag)
{
    auto tag = header(*m_files.serve("/assets/app-1a2b.js", "", false, ""), "ETag");
    auto same = *m_files.serve({ .path = "/assets/app-1a2b.js", .ranges = true, .range = "bytes=0-1", .if_range = tag });
    EXPECT_EQ(same.status, 206);
    EXPECT_EQ(same.body, "pl");
    for (std::string other : { std::string("\"changed\""), "W/" + tag, std::string("Sun, 06 Dec 2026 02:00:00 GMT") }) {
        auto full = *m_files.serve({ .path = "/assets/app-1a2b.js", .ranges = true, .range = "bytes=0-1", .if_range = other });
        EXPECT_EQ(full.status, 200) << other;
        EXPECT_EQ(full.body, "plain-js") << other;
    }
    // The brotli tag does not stand for the plain bytes.
    auto br_tag = header(*m_files.serve("/assets/app-1a2b.js", "", false, "br"), "ETag");
    EXPECT_EQ(m_files.serve({ .path = "/assets/app-1a2b.js", .ranges = true, .range = "bytes=0-1", .if_range = br_tag })->status, 200);
}

TEST_F(StaticFilesTest, ClientRoutesAreExtensionlessPathsOutsideAssets)
{
    EXPECT_TRUE(m_files.is_client_route("/login"));
    EXPECT_TRUE(m_files.is_client_route("/verify/1P0a1b2c"));
    EXPECT_TRUE(m_files.is_client_route("/public/1/elections/2"));
    EXPECT_FALSE(m_files.is_client_route("/"));
    EXPECT_FALSE(m_files.is_client_route("/index.html"));
    EXPECT_FALSE(m_files.is_client_route("/assets/app-1a2b.js"));
    EXPECT_FALSE(m_files.is_client_route("/assets/missing"));
    EXPECT_FALSE(m_files.is_client_route("/favicon.ico"));
    EXPECT_TRUE(m_files.exists("/login", true));
    EXPECT_FALSE(m_files.exists("/login", false));
    EXPECT_TRUE(m_files.exists("/assets/app-1a2b.js", false));
}
