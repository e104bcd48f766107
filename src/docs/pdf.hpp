#pragma once
// A4 documents as PDF (cairo + pango): headings, paragraphs, tables, a QR code, page breaks.
// Fonts come from fontconfig; DejaVu (fonts-dejavu-core) covers Kazakh Cyrillic.
#include <memory>
#include <string>
#include <vector>

namespace kenes::docs {

class PdfWriter {
public:
    PdfWriter();
    ~PdfWriter();
    PdfWriter(const PdfWriter&) = delete;
    PdfWriter& operator=(const PdfWriter&) = delete;

    void title(const std::string&);
    void heading(const std::string&);
    void paragraph(const std::string&);
    void small(const std::string&);
    // Rows of cells; widths are fractions of the text width. The first row is bold when `header`.
    void table(const std::vector<std::vector<std::string>>& rows, const std::vector<double>& widths, bool header = true);
    // A QR code of `text` with a caption beside it (in `caption_font`, a Pango font description).
    void qr(const std::string& text, const std::string& caption, const char* caption_font = "DejaVu Sans 8");
    void space(double points);
    // Starts a new page (a second original of the same document, ...).
    void page_break();
    // Starts a new page unless `points` still fit on this one: what follows stays together (a
    // cut-out slip of an activation sheet).
    void keep_together(double points);
    // A dashed line across the page to cut along.
    void cut_line();
    // A bar chart: one bar per label, the value written above it.
    void bar_chart(const std::string& title, const std::vector<std::string>& labels, const std::vector<double>& values);
    // Ends the document and returns the PDF bytes.
    std::string finish();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}
