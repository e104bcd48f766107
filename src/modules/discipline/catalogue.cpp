#include "modules/discipline/catalogue.hpp"
#include <algorithm>
#include <map>

namespace kenes::discipline {

const std::vector<PresetKind>& preset_catalogue()
{
    // DISC-CAT-1, in the order of the regulation. Repetition (of minor and of major infractions) is
    // not a kind: escalation computes it (DISC-ESC-1).
    static const std::vector<PresetKind> kinds {
        { "lesson_misbehaviour", Tier::Minor }, { "lateness", Tier::Minor }, { "uniform", Tier::Minor }, { "headwear_indoors", Tier::Minor },
        { "homework", Tier::Minor }, { "eating_outside_canteen", Tier::Minor }, { "misbehaviour", Tier::Minor }, { "littering", Tier::Minor },
        { "phone_in_lesson", Tier::Minor }, { "computer_misuse", Tier::Minor },
        { "gambling", Tier::Major }, { "leaving_without_notice", Tier::Major }, { "unjustified_absences", Tier::Major },
        { "inadvertent_damage", Tier::Major }, { "state_symbols", Tier::Major }, { "offending_dignity", Tier::Major },
        { "obscene_language", Tier::Major }, { "defaming_materials", Tier::Major }, { "personal_data", Tier::Major },
        { "academic_dishonesty", Tier::Major }, { "refusing_useful_work", Tier::Major },
        { "discrimination", Tier::Expulsion }, { "inciting_hatred", Tier::Expulsion }, { "substances", Tier::Expulsion },
        { "weapons", Tier::Expulsion }, { "valuables", Tier::Expulsion }, { "intentional_damage", Tier::Expulsion },
        { "harm", Tier::Expulsion }, { "theft", Tier::Expulsion },
    };
    return kinds;
}

namespace {

const PresetKind* preset(const std::string& code)
{
    for (auto& k : preset_catalogue())
        if (code == k.code)
            return &k;
    return nullptr;
}

struct StoredVersion {
    std::string code, effective_from;
    std::optional<Tier> tier;
    std::string name_kk, name_ru, name_en;
};

std::vector<StoredVersion> stored(db::Tx& tx, int64_t inst, const std::string* code, const std::string& until)
{
    std::string sql = "SELECT code, effective_from, tier, name_kk, name_ru, name_en FROM infraction_kinds WHERE institution_id = ? AND effective_from <= ?";
    std::vector<db::Value> params { inst, until };
    if (code) {
        sql += " AND code = ?";
        params.push_back(*code);
    }
    std::vector<StoredVersion> out;
    for (auto& r : tx.query(sql + " ORDER BY code, effective_from", params))
        out.push_back({ r.str(0), r.str(1), r.is_null(2) ? std::nullopt : parse_tier(r.str(2)), r.str(3), r.str(4), r.str(5) });
    return out;
}

}

std::string kind_name(const Catalog& catalog, Lang lang, const KindInForce& k)
{
    if (k.preset)
        return catalog.format(lang, "discipline.kind." + k.code);
    const std::string& typed = lang == Lang::Kk ? k.name_kk : lang == Lang::Ru ? k.name_ru : k.name_en;
    return typed.empty() ? k.name_kk : typed;
}

std::vector<KindVersion> kind_versions(db::Tx& tx, int64_t inst, const std::string& code)
{
    std::vector<KindVersion> out;
    if (auto p = preset(code))
        out.push_back({ preset_effective_from, p->tier });
    for (auto& v : stored(tx, inst, &code, "9999-12-31"))
        out.push_back({ v.effective_from, v.tier });
    return out;
}

std::vector<KindInForce> catalogue_on(db::Tx& tx, int64_t inst, const std::string& date)
{
    // The latest version of each code on the date; removed kinds drop out.
    std::map<std::string, KindInForce> latest;
    std::map<std::string, bool> removed;
    for (auto& p : preset_catalogue())
        latest[p.code] = { p.code, p.tier, preset_effective_from, true, {}, {}, {} };
    for (auto& v : stored(tx, inst, nullptr, date)) {   // ordered by effective_from per code
        bool is_preset = preset(v.code) != nullptr;
        removed[v.code] = !v.tier;
        if (v.tier)
            latest[v.code] = { v.code, *v.tier, v.effective_from, is_preset, v.name_kk, v.name_ru, v.name_en };
    }
    std::vector<KindInForce> out;
    for (auto& [code, k] : latest)
        if (!removed[code])
            out.push_back(k);
    std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.tier < b.tier; });
    return out;
}

std::optional<KindInForce> kind_on(db::Tx& tx, int64_t inst, const std::string& code, const std::string& date)
{
    for (auto& k : catalogue_on(tx, inst, date))
        if (k.code == code)
            return k;
    return std::nullopt;
}

}
