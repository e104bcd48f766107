#include "docs/pdf.hpp"
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>

namespace kenes::docs {

namespace {
constexpr double page_width = 595.276, page_height = 841.89;   // A4 in points
constexpr double margin = 56.0;
constexpr double text_width = page_width - 2 * margin;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void replace_all(std::string& s, const std::string& from, const std::string& to)
{
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}
}

std::string page_number_text(const std::string& format, int page, int pages)
{
    std::string s = format;
    replace_all(s, "{page}", std::to_string(page));
    replace_all(s, "{pages}", std::to_string(pages));
    return s;
}

struct PdfWriter::Impl {
    // One recording surface per page: replayed into the PDF by finish(), when the number of pages
    // is known. `part` counts restart_page_numbers() calls before the page.
    struct Page {
        cairo_surface_t* recording = nullptr;
        int part = 0;
    };
    std::vector<Page> recorded;
    std::vector<LaidOutPage> laid_out;
    cairo_t* cr = nullptr;
    int part = 0;
    double y = margin;
    std::optional<std::string> page_number_format;
    std::string bytes;
    std::string lang;
    std::optional<std::string> document_title;

    Impl() { new_page(); }
    ~Impl()
    {
        if (cr)
            cairo_destroy(cr);
        for (auto& p : recorded)
            cairo_surface_destroy(p.recording);
    }

    void new_page()
    {
        cairo_rectangle_t extents { 0, 0, page_width, page_height };
        cairo_surface_t* surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
        recorded.push_back({ surface, part });
        laid_out.emplace_back();
        if (cr)
            cairo_destroy(cr);
        cr = cairo_create(surface);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error("cannot create a PDF page");
        y = margin;
    }

    PangoLayout* layout(const std::string& text, const char* font, double width)
    {
        PangoLayout* l = pango_cairo_create_layout(cr);
        PangoFontDescription* d = pango_font_description_from_string(font);
        pango_layout_set_font_description(l, d);
        pango_font_description_free(d);
        pango_layout_set_width(l, int(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(l, text.c_str(), int(text.size()));
        return l;
    }

    static double height_of(PangoLayout* l)
    {
        int w, h;
        pango_layout_get_size(l, &w, &h);
        return double(h) / PANGO_SCALE;
    }

    // Draws a layout at (x, y) of the current page and notes its text for pages(). The layout
    // may have been measured on the page before a break: it is moved to this page's context.
    void show(PangoLayout* l, double x, double at_y)
    {
        pango_cairo_update_layout(cr, l);
        cairo_move_to(cr, x, at_y);
        pango_cairo_show_layout(cr, l);
        laid_out.back().texts.emplace_back(pango_layout_get_text(l));
    }

    // Starts a new page when `h` points do not fit on this one (never on an empty page: what
    // is taller than a page is drawn anyway). Says whether it did.
    bool ensure_room(double h)
    {
        if (y + h > page_height - margin && y > margin) {
            new_page();
            return true;
        }
        return false;
    }

    void text_block(const std::string& text, const char* font, double space_after)
    {
        PangoLayout* l = layout(text, font, text_width);
        double h = height_of(l);
        ensure_room(h);
        show(l, margin, y);
        g_object_unref(l);
        y += h + space_after;
    }

    // The page numbers "k / n", n counted per part.
    void write_footers()
    {
        if (!page_number_format)
            return;
        std::vector<int> pages_in_part(size_t(part) + 1, 0);
        for (auto& p : recorded)
            ++pages_in_part[size_t(p.part)];
        int page = 0;
        for (size_t k = 0; k < recorded.size(); ++k) {
            page = k > 0 && recorded[k].part == recorded[k - 1].part ? page + 1 : 1;
            laid_out[k].footer = page_number_text(*page_number_format, page, pages_in_part[size_t(recorded[k].part)]);
        }
    }

    // Replays the recorded pages into the PDF, each with its footer in the bottom margin, below
    // anything the layout puts on the page.
    std::string write_pdf()
    {
        cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &bytes, page_width, page_height);
        if (document_title)
            set_pdf_title(surface, *document_title);
        cairo_t* pdf = cairo_create(surface);
        for (size_t k = 0; k < recorded.size(); ++k) {
            cairo_set_source_surface(pdf, recorded[k].recording, 0, 0);
            cairo_paint(pdf);
            if (!laid_out[k].footer.empty()) {
                cairo_set_source_rgb(pdf, 0.25, 0.25, 0.25);
                PangoLayout* l = pango_cairo_create_layout(pdf);
                PangoFontDescription* d = pango_font_description_from_string("DejaVu Sans 8");
                pango_layout_set_font_description(l, d);
                pango_font_description_free(d);
                pango_layout_set_width(l, int(text_width * PANGO_SCALE));
                pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
                pango_layout_set_text(l, laid_out[k].footer.c_str(), int(laid_out[k].footer.size()));
                cairo_move_to(pdf, margin, page_height - margin + 22);
                pango_cairo_show_layout(pdf, l);
                g_object_unref(l);
            }
            cairo_show_page(pdf);
        }
        cairo_status_t status = cairo_status(pdf);
        cairo_destroy(pdf);
        cairo_surface_finish(surface);
        if (status == CAIRO_STATUS_SUCCESS)
            status = cairo_surface_status(surface);
        cairo_surface_destroy(surface);
        if (status != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error(std::string("cannot write the PDF: ") + cairo_status_to_string(status));
        return lang.empty() ? std::move(bytes) : with_pdf_language(std::move(bytes), lang);
    }
};

PdfWriter::PdfWriter() : m_impl(std::make_unique<Impl>()) {}
PdfWriter::~PdfWriter() = default;

void PdfWriter::title(const std::string& s)
{
    if (!m_impl->document_title)
        m_impl->document_title = s;
    m_impl->text_block(s, "DejaVu Sans Bold 15", 10);
}
void PdfWriter::language(const std::string& lang) { m_impl->lang = lang; }
void PdfWriter::document_title(const std::string& s) { m_impl->document_title = s; }

void set_pdf_title(void* surface, const std::string& title)
{
    // One line: the document information has no room for the title's line breaks.
    std::string line = title;
    for (auto& ch : line)
        if (ch == '\n' || ch == '\r' || ch == '\t')
            ch = ' ';
    cairo_pdf_surface_set_metadata(static_cast<cairo_surface_t*>(surface), CAIRO_PDF_METADATA_TITLE, line.c_str());
}

std::string with_pdf_language(std::string pdf, const std::string& lang)
{
    // The tag is written as a literal string: only letters, digits and '-' are let through.
    for (char ch : lang)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-')
            return pdf;
    size_t startxref = pdf.rfind("startxref");
    size_t trailer = pdf.rfind("trailer", startxref);
    if (startxref == std::string::npos || trailer == std::string::npos)
        return pdf;
    long prev = std::strtol(pdf.c_str() + startxref + 9, nullptr, 10);
    std::string dict = pdf.substr(trailer, startxref - trailer);
    auto number_after = [&](const std::string& key) -> long {
        size_t at = dict.find(key);
        return at == std::string::npos ? -1 : std::strtol(dict.c_str() + at + key.size(), nullptr, 10);
    };
    long size = number_after("/Size"), root = number_after("/Root"), info = number_after("/Info");
    if (prev <= 0 || size <= 0 || root <= 0)
        return pdf;
    std::string header = std::to_string(root) + " 0 obj";
    size_t obj = std::string::npos;
    for (size_t at = pdf.find(header); at != std::string::npos; at = pdf.find(header, at + 1))
        if (at == 0 || pdf[at - 1] == '\n' || pdf[at - 1] == '\r')
            obj = at;
    if (obj == std::string::npos)
        return pdf;
    size_t end = pdf.find("endobj", obj);
    if (end == std::string::npos)
        return pdf;
    std::string body = pdf.substr(obj + header.size(), end - obj - header.size());
    size_t close = body.rfind(">>");
    if (close == std::string::npos || body.find("/Type /Catalog") == std::string::npos || body.find("/Lang") != std::string::npos)
        return pdf;
    body.insert(close, "/Lang (" + lang + ")\n");
    if (pdf.back() != '\n')
        pdf += '\n';
    size_t offset = pdf.size();
    pdf += header + body + "endobj\n";
    size_t xref = pdf.size();
    char entry[21];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", offset);
    pdf += "xref\n" + std::to_string(root) + " 1\n" + entry;
    pdf += "trailer\n<< /Size " + std::to_string(size) + " /Root " + std::to_string(root) + " 0 R";
    if (info > 0)
        pdf += " /Info " + std::to_string(info) + " 0 R";
    pdf += " /Prev " + std::to_string(prev) + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}
void PdfWriter::heading(const std::string& s) { m_impl->text_block(s, "DejaVu Sans Bold 11.5", 5); }
void PdfWriter::paragraph(const std::string& s) { m_impl->text_block(s, "DejaVu Sans 10.5", 5); }
void PdfWriter::small(const std::string& s) { m_impl->text_block(s, "DejaVu Sans 8", 3); }
void PdfWriter::space(double points) { m_impl->y += points; }

void PdfWriter::keep_together(double points) { m_impl->ensure_room(points); }

void PdfWriter::cut_line()
{
    auto& i = *m_impl;
    i.ensure_room(14);
    const double dashes[] = { 4.0, 3.0 };
    cairo_save(i.cr);
    cairo_set_source_rgb(i.cr, 0.5, 0.5, 0.5);
    cairo_set_line_width(i.cr, 0.6);
    cairo_set_dash(i.cr, dashes, 2, 0);
    cairo_move_to(i.cr, margin / 2, i.y + 6);
    cairo_line_to(i.cr, page_width - margin / 2, i.y + 6);
    cairo_stroke(i.cr);
    cairo_restore(i.cr);
    i.y += 14;
}

void PdfWriter::number_pages(std::string format) { m_impl->page_number_format = std::move(format); }

void PdfWriter::page_break() { m_impl->new_page(); }

void PdfWriter::restart_page_numbers()
{
    ++m_impl->part;
    m_impl->new_page();
}

namespace {
constexpr double cell_pad = 4;

// One table row laid out: a layout per cell and the height of the tallest.
struct Row {
    std::vector<PangoLayout*> cells;
    double height = 0;
    Row() = default;
    Row(const Row&) = delete;
    Row& operator=(const Row&) = delete;
    ~Row()
    {
        for (auto* l : cells)
            g_object_unref(l);
    }
};
}

void PdfWriter::table(const std::vector<std::vector<std::string>>& rows, const std::vector<double>& widths, bool header, double points)
{
    auto& i = *m_impl;
    // Pango reads "9.5" whatever the C locale's decimal separator: built from integers.
    long tenths = std::lround(points * 10);
    const std::string size = std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
    const std::string bold = "DejaVu Sans Bold " + size, plain = "DejaVu Sans " + size;
    auto lay_out = [&](size_t r, Row& row) {
        for (size_t c = 0; c < rows[r].size() && c < widths.size(); ++c) {
            auto* l = i.layout(rows[r][c], header && r == 0 ? bold.c_str() : plain.c_str(), widths[c] * text_width - 2 * cell_pad);
            row.height = std::max(row.height, Impl::height_of(l) + 2 * cell_pad);
            row.cells.push_back(l);
        }
    };
    auto draw = [&](const Row& row) {
        double x = margin;
        cairo_set_line_width(i.cr, 0.5);
        for (size_t c = 0; c < row.cells.size(); ++c) {
            double w = widths[c] * text_width;
            cairo_rectangle(i.cr, x, i.y, w, row.height);
            cairo_stroke(i.cr);
            i.show(row.cells[c], x + cell_pad, i.y + cell_pad);
            x += w;
        }
        i.y += row.height;
    };
    Row head;
    if (header && !rows.empty())
        lay_out(0, head);
    for (size_t r = header ? 1 : 0; r < rows.size(); ++r) {
        Row row;
        lay_out(r, row);
        if (r == 1 && header) {
            // The header goes to the next page with the first row rather than stay alone at the foot.
            i.ensure_room(head.height + row.height);
            draw(head);
        } else if (i.ensure_room(row.height) && header) {
            // A reader of page 3 sees what the columns are without turning back.
            draw(head);
        }
        draw(row);
    }
    if (header && rows.size() == 1) {
        i.ensure_room(head.height);
        draw(head);
    }
    i.y += 8;
}

void PdfWriter::qr(const std::string& text, const std::string& caption, const char* caption_font)
{
    auto& i = *m_impl;
    QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        throw std::runtime_error("QR encoding failed");
    constexpr double size = qr_height - 8;
    double module = size / code->width;
    i.ensure_room(qr_height);
    cairo_set_source_rgb(i.cr, 0, 0, 0);
    for (int row = 0; row < code->width; ++row)
        for (int col = 0; col < code->width; ++col)
            if (code->data[row * code->width + col] & 1)
                cairo_rectangle(i.cr, margin + col * module, i.y + row * module, module, module);
    cairo_fill(i.cr);
    QRcode_free(code);
    PangoLayout* l = i.layout(caption, caption_font, text_width - size - 12);
    i.show(l, margin + size + 12, i.y);
    g_object_unref(l);
    i.y += qr_height;
}

void PdfWriter::bar_chart(const std::string& title, const std::vector<std::string>& labels, const std::vector<double>& values)
{
    auto& i = *m_impl;
    constexpr double chart_height = 150, label_height = 30;
    heading(title);
    i.ensure_room(chart_height + label_height + 10);
    double max = 0;
    for (double v : values)
        max = std::max(max, v);
    size_t n = std::max<size_t>(1, values.size());
    double slot = text_width / double(n), bar = slot * 0.6;
    double base = i.y + chart_height;
    cairo_set_line_width(i.cr, 0.7);
    cairo_set_source_rgb(i.cr, 0.4, 0.4, 0.4);
    cairo_move_to(i.cr, margin, base);
    cairo_line_to(i.cr, margin + text_width, base);
    cairo_stroke(i.cr);
    for (size_t k = 0; k < values.size(); ++k) {
        double h = max > 0 ? (chart_height - 14) * values[k] / max : 0;
        double x = margin + k * slot + (slot - bar) / 2;
        cairo_set_source_rgb(i.cr, 0.16, 0.42, 0.62);
        cairo_rectangle(i.cr, x, base - h, bar, h);
        cairo_fill(i.cr);
        cairo_set_source_rgb(i.cr, 0, 0, 0);
        char value[32];
        std::snprintf(value, sizeof value, "%g", values[k]);
        PangoLayout* v = i.layout(value, "DejaVu Sans 7.5", slot);
        pango_layout_set_alignment(v, PANGO_ALIGN_CENTER);
        i.show(v, margin + k * slot, base - h - 11);
        g_object_unref(v);
        PangoLayout* l = i.layout(k < labels.size() ? labels[k] : "", "DejaVu Sans 7", slot);
        pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
        i.show(l, margin + k * slot, base + 3);
        g_object_unref(l);
    }
    i.y = base + label_height + 8;
}

std::string PdfWriter::finish()
{
    auto& i = *m_impl;
    cairo_destroy(i.cr);
    i.cr = nullptr;
    i.write_footers();
    return i.write_pdf();
}

const std::vector<LaidOutPage>& PdfWriter::pages() const { return m_impl->laid_out; }

}
