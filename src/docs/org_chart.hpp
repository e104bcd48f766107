#pragma once
// The institution's bodies as a drawn tree (ORG-2): each body a box with who holds which
// position, nested bodies indented below it and joined by lines. One drawing, two formats: SVG
// for the screen (it scales to a phone's width) and PDF (A4 pages) for print.
#include <string>
#include <vector>

namespace kenes::docs {

struct OrgNode {
    std::string title;                   // body name
    std::string subtitle;                // its kind, in the reader's language
    std::vector<std::string> lines;      // "Chair — Сәрсенова Әлия"
    std::vector<OrgNode> children;
};

enum class ChartFormat { Svg, Pdf };
// `lang` (kk, ru, en) is the PDF's /Lang; the heading is its Title.
std::string org_chart(const std::string& heading, const std::vector<OrgNode>& roots, ChartFormat, const std::string& lang = "");

}
