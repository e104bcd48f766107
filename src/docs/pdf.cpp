#include "docs/pdf.hpp"
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
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
}

struct PdfWriter::Impl {
    std::string bytes;
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    double y = margin;

    Impl()
    {
        surface = cairo_pdf_surface_create_for_stream(append, &bytes, page_width, page_height);
        cr = cairo_create(surface);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error("cannot create a PDF surface");
    }
    ~Impl()
    {
        if (cr)
            cairo_destroy(cr);
        if (surface)
            cairo_surface_destroy(surface);
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

    void ensure_room(double h)
    {
        if (y + h > page_height - margin && y > margin) {
            cairo_show_page(cr);
            y = margin;
        }
    }

    void text_block(const std::string& text, const char* font, double space_after)
    {
        PangoLayout* l = layout(text, font, text_width);
        double h = height_of(l);
        ensure_room(h);
        cairo_move_to(cr, margin, y);
        pango_cairo_show_layout(cr, l);
        g_object_unref(l);
        y += h + space_after;
    }
};

PdfWriter::PdfWriter() : m_impl(std::make_unique<Impl>()) {}
PdfWriter::~PdfWriter() = default;

void PdfWriter::title(const std::string& s) { m_impl->text_block(s, "DejaVu Sans Bold 15", 10); }
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

void PdfWriter::page_break()
{
    cairo_show_page(m_impl->cr);
    m_impl->y = margin;
}

void PdfWriter::table(const std::vector<std::vector<std::string>>& rows, const std::vector<double>& widths, bool header)
{
    auto& i = *m_impl;
    constexpr double pad = 4;
    for (size_t r = 0; r < rows.size(); ++r) {
        std::vector<PangoLayout*> cells;
        double row_height = 0;
        for (size_t c = 0; c < rows[r].size() && c < widths.size(); ++c) {
            auto* l = i.layout(rows[r][c], header && r == 0 ? "DejaVu Sans Bold 9.5" : "DejaVu Sans 9.5", widths[c] * text_width - 2 * pad);
            row_height = std::max(row_height, Impl::height_of(l) + 2 * pad);
            cells.push_back(l);
        }
        i.ensure_room(row_height);
        double x = margin;
        cairo_set_line_width(i.cr, 0.5);
        for (size_t c = 0; c < cells.size(); ++c) {
            double w = widths[c] * text_width;
            cairo_rectangle(i.cr, x, i.y, w, row_height);
            cairo_stroke(i.cr);
            cairo_move_to(i.cr, x + pad, i.y + pad);
            pango_cairo_show_layout(i.cr, cells[c]);
            g_object_unref(cells[c]);
            x += w;
        }
        i.y += row_height;
    }
    i.y += 8;
}

void PdfWriter::qr(const std::string& text, const std::string& caption, const char* caption_font)
{
    auto& i = *m_impl;
    QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        throw std::runtime_error("QR encoding failed");
    constexpr double size = 96;
    double module = size / code->width;
    i.ensure_room(size + 8);
    cairo_set_source_rgb(i.cr, 0, 0, 0);
    for (int row = 0; row < code->width; ++row)
        for (int col = 0; col < code->width; ++col)
            if (code->data[row * code->width + col] & 1)
                cairo_rectangle(i.cr, margin + col * module, i.y + row * module, module, module);
    cairo_fill(i.cr);
    QRcode_free(code);
    PangoLayout* l = i.layout(caption, caption_font, text_width - size - 12);
    cairo_move_to(i.cr, margin + size + 12, i.y);
    pango_cairo_show_layout(i.cr, l);
    g_object_unref(l);
    i.y += size + 8;
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
        cairo_move_to(i.cr, margin + k * slot, base - h - 11);
        pango_cairo_show_layout(i.cr, v);
        g_object_unref(v);
        PangoLayout* l = i.layout(k < labels.size() ? labels[k] : "", "DejaVu Sans 7", slot);
        pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
        cairo_move_to(i.cr, margin + k * slot, base + 3);
        pango_cairo_show_layout(i.cr, l);
        g_object_unref(l);
    }
    i.y = base + label_height + 8;
}

std::string PdfWriter::finish()
{
    auto& i = *m_impl;
    cairo_destroy(i.cr);
    i.cr = nullptr;
    cairo_surface_finish(i.surface);
    cairo_surface_destroy(i.surface);
    i.surface = nullptr;
    return std::move(i.bytes);
}

}
