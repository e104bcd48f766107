#pragma once
// The infraction catalogue (DISC-CAT-1) as data: the RULEBOOK preset lives in code, effective since
// ever; an institution adds its own kinds and new versions of any kind (another tier from a date,
// or removal), which DISC-VER-1 applies to cases.
#include "i18n/catalog.hpp"
#include "modules/discipline/rules.hpp"
#include "storage/database.hpp"
#include <optional>
#include <string>
#include <vector>

namespace kenes::discipline {

struct PresetKind {
    const char* code;
    Tier tier;
};
const std::vector<PresetKind>& preset_catalogue();

// The preset's versions start on this date (before any data Kenes holds).
inline constexpr const char* preset_effective_from = "2000-01-01";

struct KindInForce {
    std::string code;
    Tier tier;
    std::string effective_from;
    bool preset;                        // named by the locale key "discipline.kind.<code>"
    std::string name_kk, name_ru, name_en;   // typed names of the institution's own kinds
};

// A kind's name in a language: the preset's from the catalog, an own kind's as typed (Kazakh when
// the language's name is empty).
std::string kind_name(const Catalog&, Lang, const KindInForce&);

// Every version of one kind: the preset's and the institution's.
std::vector<KindVersion> kind_versions(db::Tx&, int64_t institution_id, const std::string& code);
// The catalogue in force on a date, in tier order then by code.
std::vector<KindInForce> catalogue_on(db::Tx&, int64_t institution_id, const std::string& iso_date);
// The kind as in force on the date, if it exists then.
std::optional<KindInForce> kind_on(db::Tx&, int64_t institution_id, const std::string& code, const std::string& iso_date);

}
