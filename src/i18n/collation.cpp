#include "i18n/collation.hpp"
#include <memory>
#include <stdexcept>
#include <unicode/coll.h>

namespace kenes::collation {

static const icu::Collator& collator(Lang lang)
{
    // ICU collators are safe to share between threads for const operations.
    static const auto make = [](const char* locale) {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale(locale), status));
        if (U_FAILURE(status))
            throw std::runtime_error("ICU collator unavailable");
        c->setStrength(icu::Collator::TERTIARY);
        return c;
    };
    static const std::unique_ptr<icu::Collator> collators[3] = { make("kk"), make("ru"), make("en") };
    return *collators[int(lang)];
}

std::string sort_key(Lang lang, std::string_view utf8)
{
    auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), int32_t(utf8.size())));
    auto& c = collator(lang);
    int32_t n = c.getSortKey(u, nullptr, 0);
    std::string key(size_t(n), '\0');
    c.getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), n);
    if (!key.empty() && key.back() == '\0')
        key.pop_back();
    return key;
}

std::string name_sort_key(Lang lang, std::string_view surname, std::string_view name, std::string_view patronymic)
{
    // A tab sorts before every letter, so "Ан" + name sorts before "Ана" + name.
    std::string full;
    full.append(surname).append("\t").append(name).append("\t").append(patronymic);
    return sort_key(lang, full);
}

}
