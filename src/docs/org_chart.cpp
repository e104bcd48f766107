#include "docs/org_chart.hpp"
#include "docs/pdf.hpp"
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdexcept>

namespace kenes::docs {

namespace {

constexpr double page_width = 595.276, page_height = 841.89, margin = 40, indent = 26, pad = 8, gap = 12;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

struct Placed {
    const OrgNode* node;
    int depth;
    double height;
    int parent;   // index in the flat list, -1 for roots
};

PangoLayout* text(cairo_t* cr, const std::string& s, const char* font, double width)
{
    PangoLayout* l = pango_cairo_create_layout(cr);
    PangoFontDescription* d = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, d);
    pango_font_description_free(d);
    pango_layout_set_width(l, int(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(l, s.c_str(), int(s.size()));
    return l;
}

double height_of(PangoLayout* l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return double(h) / PANGO_SCALE;
}

double box_width(int depth) { return page_width - 2 * margin - depth * indent; }

std::string body_text(const OrgNode& n)
{
    std::string s;
    for (auto& l : n.lines)
        s += (s.empty() ? "" : "\n") + l;
    return s;
}

// Draws (or, with draw = false, only measures) one box; returns its height.
double box(cairo_t* cr, const OrgNode& n, double x, double y, double w, bool draw)
{
    PangoLayout* t = text(cr, n.title, "DejaVu Sans Bold 10", w - 2 * pad);
    PangoLayout* sub = text(cr, n.subtitle, "DejaVu Sans Oblique 7.5", w - 2 * pad);
    std::string lines = body_text(n);
    PangoLayout* b = lines.empty() ? nullptr : text(cr, lines, "DejaVu Sans 8.5", w - 2 * pad);
    double h = pad + height_of(t) + height_of(sub) + (b ? 4 + height_of(b) : 0) + pad;
    if (draw) {
        cairo_set_source_rgb(cr, 0.93, 0.96, 0.99);
        cairo_rectangle(cr, x, y, w, h);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.16, 0.42, 0.62);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        double ty = y + pad;
        cairo_move_to(cr, x + pad, ty);
        pango_cairo_show_layout(cr, t);
        ty += height_of(t);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        cairo_move_to(cr, x + pad, ty);
        pango_cairo_show_layout(cr, sub);
        ty += height_of(sub) + 4;
        cairo_set_source_rgb(cr, 0, 0, 0);
        if (b) {
            cairo_move_to(cr, x + pad, ty);
            pango_cairo_show_layout(cr, b);
        }
    }
    g_object_unref(t);
    g_object_unref(sub);
    if (b)
        g_object_unref(b);
    return h;
}

void flatten(const std::vector<OrgNode>& nodes, int depth, int parent, std::vector<Placed>& out)
{
    for (auto& n : nodes) {
        int me = int(out.size());
        out.push_back({ &n, depth, 0, parent });
        flatten(n.children, depth + 1, me, out);
    }
}

}

std::string org_chart(const std::string& heading, const std::vector<OrgNode>& roots, ChartFormat format, const std::string& lang)
{
    std::vector<Placed> flat;
    flatten(roots, 0, -1, flat);
    // Measure on a scratch surface first: SVG needs its height up front.
    {
        cairo_surface_t* scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
        cairo_t* cr = cairo_create(scratch);
        for (auto& p : flat)
            p.height = box(cr, *p.node, 0, 0, box_width(p.depth), false);
        cairo_destroy(cr);
        cairo_surface_destroy(scratch);
    }
    double total = margin + 30;
    for (auto& p : flat)
        total += p.height + gap;
    total += margin;

    std::string bytes;
    double surface_height = format == ChartFormat::Svg ? total : page_height;
    cairo_surface_t* surface = format == ChartFormat::Svg ? cairo_svg_surface_create_for_stream(append, &bytes, page_width, surface_height)
                                                          : cairo_pdf_surface_create_for_stream(append, &bytes, page_width, surface_height);
    if (format == ChartFormat::Pdf)
        set_pdf_title(surface, heading);
    cairo_t* cr = cairo_create(surface);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("cannot create the drawing surface");
    PangoLayout* h = text(cr, heading, "DejaVu Sans Bold 14", page_width - 2 * margin);
    cairo_move_to(cr, margin, margin);
    pango_cairo_show_layout(cr, h);
    double y = margin + height_of(h) + 12;
    g_object_unref(h);
    std::vector<double> top(flat.size()), bottom(flat.size());
    std::vector<int> page_of(flat.size());
    int page = 0;
    for (size_t k = 0; k < flat.size(); ++k) {
        auto& p = flat[k];
        if (format == ChartFormat::Pdf && y + p.height > page_height - margin && y > margin + 40) {
            cairo_show_page(cr);
            ++page;
            y = margin;
        }
        double x = margin + p.depth * indent;
        box(cr, *p.node, x, y, box_width(p.depth), true);
        top[k] = y;
        bottom[k] = y + p.height;
        page_of[k] = page;
        // The line from the parent's left side down to this box, when both are on this page.
        if (p.parent >= 0 && page_of[size_t(p.parent)] == page) {
            double px = margin + flat[size_t(p.parent)].depth * indent + indent / 2;
            cairo_set_source_rgb(cr, 0.16, 0.42, 0.62);
            cairo_set_line_width(cr, 0.8);
            cairo_move_to(cr, px, bottom[size_t(p.parent)]);
            cairo_line_to(cr, px, y + 12);
            cairo_line_to(cr, x, y + 12);
            cairo_stroke(cr);
        }
        y += p.height + gap;
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    return format == ChartFormat::Pdf && !lang.empty() ? with_pdf_language(std::move(bytes), lang) : bytes;
}

}
