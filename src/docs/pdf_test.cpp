#include "docs/pdf.hpp"
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace kenes;
using docs::PdfWriter;

namespace {

const std::vector<std::string> header { "Аты-жөні", "Лауазымы" };

// One header row and `n` one-line rows: about 33 fit on a page of A4 under the margins.
std::vector<std::vector<std::string>> members(int n)
{
    std::vector<std::vector<std::string>> rows { header };
    for (int k = 1; k <= n; ++k)
        rows.push_back({ "Мүше " + std::to_string(k), "мүше" });
    return rows;
}

// The text of each page of a PDF as poppler reads it (pages end with a form feed).
std::vector<std::string> pdf_pages(const std::string& bytes)
{
    auto path = std::filesystem::temp_directory_path() / ("kenes-pdf-test-" + std::to_string(getpid()) + ".pdf");
    std::ofstream(path, std::ios::binary) << bytes;
    std::string text;
    if (FILE* p = popen(("pdftotext -enc UTF-8 " + path.string() + " - 2>&1").c_str(), "r")) {
        char buf[4096];
        for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;)
            text.append(buf, n);
        pclose(p);
    }
    std::filesystem::remove(path);
    std::vector<std::string> pages;
    size_t from = 0;
    for (size_t ff; (ff = text.find('\f', from)) != std::string::npos; from = ff + 1)
        pages.push_back(text.substr(from, ff - from));
    return pages;
}

bool has(const std::vector<std::string>& texts, const std::string& s) { return std::find(texts.begin(), texts.end(), s) != texts.end(); }

}

TEST(PdfWriter, PageNumberTextFillsPageAndCount)
{
    EXPECT_EQ(docs::page_number_text("{page} / {pages}", 2, 3), "2 / 3");
    EXPECT_EQ(docs::page_number_text("бет {page}, барлығы {pages}", 10, 12), "бет 10, барлығы 12");
}

TEST(PdfWriter, ThreePageTableIsNumberedAndRepeatsItsHeaderOnEveryPage)
{
    PdfWriter pdf;
    pdf.number_pages();
    pdf.title("Хаттама № 1");
    pdf.table(members(80), { 0.6, 0.4 });
    std::string bytes = pdf.finish();
    auto& pages = pdf.pages();
    ASSERT_EQ(pages.size(), 3u);
    int row = 0;
    for (size_t p = 0; p < pages.size(); ++p) {
        EXPECT_EQ(pages[p].footer, std::to_string(p + 1) + " / 3");
        auto& t = pages[p].texts;
        // The header first on the page (after the title on page 1), then the rows in order.
        size_t at = p == 0 ? 1 : 0;
        ASSERT_GE(t.size(), at + 4);
        EXPECT_EQ(t[at], header[0]) << "page " << p + 1;
        EXPECT_EQ(t[at + 1], header[1]) << "page " << p + 1;
        EXPECT_EQ(std::count(t.begin(), t.end(), header[0]), 1) << "page " << p + 1;
        for (size_t k = at + 2; k < t.size(); k += 2)
            EXPECT_EQ(t[k], "Мүше " + std::to_string(++row));
    }
    EXPECT_EQ(row, 80) << "every row once";

    // The PDF itself: three pages, each with its number and the header, as a reader extracts it.
    auto text = pdf_pages(bytes);
    ASSERT_EQ(text.size(), 3u) << "pdftotext (poppler-utils) reads the document";
    for (size_t p = 0; p < text.size(); ++p) {
        // pdftotext drops the narrow spaces around the slash.
        EXPECT_NE(text[p].find(std::to_string(p + 1) + "/3"), std::string::npos) << text[p];
        EXPECT_NE(text[p].find(header[0]), std::string::npos) << text[p];
        EXPECT_NE(text[p].find(header[1]), std::string::npos) << text[p];
    }
}

TEST(PdfWriter, HeaderIsNotLeftAloneAtTheFootOfAPage)
{
    PdfWriter pdf;
    // Room for the header row (about 20 points) but not for the header and a row.
    pdf.space(700);
    pdf.table(members(2), { 0.6, 0.4 });
    pdf.finish();
    auto& pages = pdf.pages();
    ASSERT_EQ(pages.size(), 2u);
    EXPECT_TRUE(pages[0].texts.empty());
    EXPECT_EQ(pages[1].texts, (std::vector<std::string> { header[0], header[1], "Мүше 1", "мүше", "Мүше 2", "мүше" }));
}

TEST(PdfWriter, TableWithoutHeaderRepeatsNothing)
{
    PdfWriter pdf;
    auto rows = members(60);
    rows.erase(rows.begin());
    pdf.table(rows, { 0.6, 0.4 }, false);
    pdf.finish();
    auto& pages = pdf.pages();
    ASSERT_EQ(pages.size(), 2u);
    EXPECT_EQ(pages[1].texts.front(), "Мүше " + std::to_string(pages[0].texts.size() / 2 + 1));
    EXPECT_FALSE(has(pages[1].texts, "Мүше 1"));
}

TEST(PdfWriter, NoPageNumbersUnlessAsked)
{
    PdfWriter pdf;
    pdf.table(members(60), { 0.6, 0.4 });
    auto text = pdf_pages(pdf.finish());
    ASSERT_EQ(pdf.pages().size(), 2u);
    for (auto& p : pdf.pages())
        EXPECT_EQ(p.footer, "");
    ASSERT_EQ(text.size(), 2u);
    EXPECT_EQ(text[0].find("1/2"), std::string::npos);
}

TEST(PdfWriter, NumbersStartAgainForEachOriginal)
{
    PdfWriter pdf;
    pdf.number_pages();
    pdf.paragraph("Бірінші дана");
    pdf.restart_page_numbers();
    pdf.paragraph("Екінші дана");
    pdf.table(members(50), { 0.6, 0.4 });
    pdf.finish();
    std::vector<std::string> footers;
    for (auto& p : pdf.pages())
        footers.push_back(p.footer);
    EXPECT_EQ(footers, (std::vector<std::string> { "1 / 1", "1 / 2", "2 / 2" }));
}

TEST(PdfWriter, TitleAndLanguageAreInTheMetadataAndTheCatalog)
{
    docs::PdfWriter pdf;
    pdf.language("kk");
    pdf.title("Хаттама № 3");
    pdf.paragraph("Мәтін");
    auto bytes = pdf.finish();
    EXPECT_NE(bytes.find("/Title"), std::string::npos);
    // /Lang in an incremental update: a second catalog, an xref of one entry, /Prev to cairo's.
    auto lang = bytes.find("/Lang (kk)");
    ASSERT_NE(lang, std::string::npos);
    EXPECT_NE(bytes.find("/Prev ", lang), std::string::npos);
    EXPECT_EQ(bytes.substr(bytes.size() - 6), "%%EOF\n");
    EXPECT_EQ(bytes.find("/Lang", lang + 1), std::string::npos) << "one /Lang";
}

TEST(PdfWriter, LanguageIsNotAddedToWhatIsNotUnderstood)
{
    EXPECT_EQ(docs::with_pdf_language("not a pdf", "kk"), "not a pdf");
    EXPECT_EQ(docs::with_pdf_language("%PDF-1.4\ntrailer\n<< /Size 3 >>\nstartxref\n9\n%%EOF\n", "kk"), "%PDF-1.4\ntrailer\n<< /Size 3 >>\nstartxref\n9\n%%EOF\n");
    EXPECT_EQ(docs::with_pdf_language("x", "k) /JS (x"), "x") << "only a language tag is written";
}
