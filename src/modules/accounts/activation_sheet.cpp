// The activation sheet: one cut-out slip per person with their name, login, code and a QR code
// that opens the activation page with both filled in, in the institution's language.
#include "docs/pdf.hpp"
#include "modules/accounts/activation.hpp"

namespace kenes::accounts::activation {

std::string render_sheet(const Catalog& c, Lang lang, const std::string& institution_name, const std::string& base_url, const std::vector<Slip>& slips)
{
    docs::PdfWriter pdf;
    pdf.language(std::string(lang_code(lang)));
    pdf.title(c.format(lang, "activation.sheet.title"));
    pdf.small(institution_name);
    pdf.small(c.format(lang, "activation.sheet.instructions", { { "url", base_url + "/activate" } }));
    if (slips.empty())
        pdf.paragraph(c.format(lang, "activation.sheet.empty"));
    pdf.cut_line();
    for (auto& s : slips) {
        // A slip is never split across two pages: it is cut out and handed over whole.
        pdf.keep_together(150);
        pdf.heading(s.full_name);
        if (!s.caption.empty())
            pdf.small(s.representative ? c.format(lang, "activation.sheet.representative_of", { { "child", s.caption } }) : s.caption);
        std::string url = base_url + "/activate?login=" + s.login + "&code=" + s.code;
        // Monospaced and larger than the rest: the code is typed by hand when the QR is not used.
        pdf.qr(url, c.format(lang, "activation.sheet.slip",
                        { { "login", s.login }, { "code", s.code }, { "expires", display_date(s.expires_at) }, { "url", base_url + "/activate" } }),
            "DejaVu Sans Mono 10");
        pdf.cut_line();
    }
    return pdf.finish();
}

}
