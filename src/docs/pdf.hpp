#pragma once
// A4 documents as PDF (cairo + pango): headings, paragraphs, tables, a QR code, page breaks.
// Fonts come from fontconfig; DejaVu (fonts-dejavu-core) covers Kazakh Cyrillic.
//
// Pages are laid out first and written to the PDF only in finish(): a page number "2 / 5" needs
// the count of pages, which is known only once everything is laid out. Each page is recorded
// (a cairo recording surface, vector and text kept as they are) and replayed into the PDF with
// its footer.
#include <memory>
#include <string>
#include <vector>

namespace kenes::docs {

// What one laid-out page shows, in drawing order: every text drawn on it (cells one by one) and
// its footer. Lets tests see where the layout broke pages without parsing the PDF.
struct LaidOutPage {
    std::vector<std::string> texts;
    std::string footer;   // empty when the document has no page numbers
};

class PdfWriter {
public:
    PdfWriter();
    ~PdfWriter();
    PdfWriter(const PdfWriter&) = delete;
    PdfWriter& operator=(const PdfWriter&) = delete;

    // Writes a page number at the foot of every page. `format` names {page} and {pages}; the
    // default "1 / 3" needs no words, so no language.
    void number_pages(std::string format = "{page} / {pages}");
    // The document's language (a BCP 47 tag: "kk", "ru", "en"), written as /Lang in the catalog:
    // screen readers and search engines read the text in it.
    void language(const std::string&);
    // The Title in the document information; without it, the text of the first title().
    void document_title(const std::string&);
    void title(const std::string&);
    void heading(const std::string&);
    void paragraph(const std::string&);
    void small(const std::string&);
    // Rows of cells; widths are fractions of the text width. With `header` the first row is bold,
    // is kept on the same page as the row after it and is repeated at the top of every page the
    // table continues on.
    // `points`: the font size of the cells; a table of many narrow columns (a register) uses a
    // smaller one so that names and words fit their column instead of breaking mid-word.
    void table(const std::vector<std::vector<std::string>>& rows, const std::vector<double>& widths, bool header = true, double points = 9.5);
    // A QR code of `text` with a caption beside it (in `caption_font`, a Pango font description),
    // `qr_height` points tall with the space after it.
    static constexpr double qr_height = 104;
    void qr(const std::string& text, const std::string& caption, const char* caption_font = "DejaVu Sans 8");
    void space(double points);
    // Starts a new page (a second original of the same document, ...).
    void page_break();
    // Starts a new page on which page numbers start again at 1, counted to the end of that part:
    // the second original of a protocol is a document of its own.
    void restart_page_numbers();
    // Starts a new page unless `points` still fit on this one: what follows stays together (a
    // cut-out slip of an activation sheet).
    void keep_together(double points);
    // A dashed line across the page to cut along.
    void cut_line();
    // A bar chart: one bar per label, the value written above it.
    void bar_chart(const std::string& title, const std::vector<std::string>& labels, const std::vector<double>& values);
    // Ends the document and returns the PDF bytes.
    std::string finish();
    // The pages as laid out, footers included once finish() has run.
    const std::vector<LaidOutPage>& pages() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Sets the Title of a PDF surface's document information (cairo escapes it).
void set_pdf_title(void* cairo_pdf_surface, const std::string& title);

// A PDF as cairo wrote it with /Lang added to its catalog. cairo 1.16 has no API for it, so the
// catalog is rewritten as an incremental update (PDF 32000-1 7.5.6): the new catalog object, an
// xref section for it and a trailer pointing back to cairo's (/Prev) are appended, so every
// offset cairo wrote stays valid. Returns the PDF unchanged when its trailer is not understood.
std::string with_pdf_language(std::string pdf, const std::string& lang);

// "{page} / {pages}" filled in: the footer of page `page` of a part of `pages` pages.
std::string page_number_text(const std::string& format, int page, int pages);

}
