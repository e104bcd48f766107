#include "modules/bodies/templates.hpp"
#include <algorithm>

namespace kenes::bodies {

const std::vector<Template>& templates()
{
    static const std::vector<Template> all = [] {
        std::vector<std::string> council_positions { "chair", "vice_chair", "secretary", "member" };
        std::vector<std::string> commission_positions { "chair", "member", "secretary" };
        std::vector<Template> t;
        // 003 §4.6: President, two Vice-Presidents, Ombudsman, Senate chair, committees, clubs.
        t.push_back({ "student_government", "government", student_government_rules(),
            { "president", "first_vice_president", "second_vice_president", "ombudsman", "senate_chair", "member", "secretary" }, { "secretary" },
            { { "committee", "body.default.committee" }, { "club", "body.default.club" }, { "general_meeting", "body.default.general_meeting" } } });
        // 000: Small Assembly with a Council and a Secretariat headed by the head of the Youth Center.
        t.push_back({ "small_assembly", "assembly", default_rules(), council_positions, {},
            { { "council", "body.default.council" }, { "secretariat", "body.default.secretariat" } } });
        t.push_back({ "council", "council", council_rules(), council_positions, {}, {} });
        t.push_back({ "secretariat", "secretariat", default_rules(), { "head_of_secretariat", "member", "secretary" }, {}, {} });
        // 001 §3: eight factions, each with its club, and the military-patriotic club "Qaisar".
        t.push_back({ "student_parliament", "parliament", default_rules(), council_positions, {},
            { { "faction", "body.default.faction_law" }, { "faction", "body.default.faction_information" }, { "faction", "body.default.faction_sports" },
                { "faction", "body.default.faction_psychology" }, { "faction", "body.default.faction_volunteering" }, { "faction", "body.default.faction_culture" },
                { "faction", "body.default.faction_education" }, { "faction", "body.default.faction_ecology" }, { "club", "body.default.club_qaisar" } } });
        t.push_back({ "faction", "faction", default_rules(), { "faction_head", "member" }, {}, {} });
        t.push_back({ "committee", "committee", default_rules(), { "chair", "member" }, {}, {} });
        t.push_back({ "club", "club", default_rules(), { "chair", "member" }, {}, {} });
        t.push_back({ "general_meeting", "general_meeting", default_rules(), { "chair", "secretary", "member" }, { "secretary" }, {} });
        // 004: collegial commissions; the secretary keeps the minutes and has no vote (ORG-9).
        t.push_back({ "disciplinary_committee", "commission", disciplinary_rules(), commission_positions, { "secretary" }, {}, true });
        t.push_back({ "encouragement_commission", "commission", encouragement_rules(), commission_positions, { "secretary" }, {}, true });
        t.push_back({ "hostel_allocation_commission", "commission", hostel_commission_rules(), commission_positions, { "secretary" }, {}, true });
        // 003 §8.3 (ELEC-COM-1): chair, secretary and members.
        t.push_back({ "election_commission", "commission", default_rules(), commission_positions, {}, {} });
        // 004 hostel rules: a council of residents elected at their general meeting (MTG-8, HST-CNC-1).
        // Its general meeting of residents is created with it: the meeting elects the council's members.
        t.push_back({ "hostel_council", "council", default_rules(), council_positions, {}, { { "general_meeting", "body.default.residents_meeting" } } });
        // DISC-PEN-3: the Teachers Council (pedagogical council) decides exclusions at an
        // extraordinary session; teachers hold its seats, its majorities are the default (MTG-5).
        t.push_back({ "teachers_council", "council", default_rules(), council_positions, {}, {} });
        for (auto& x : t) {
            // ORG-3, ORG-6, ORG-9: collegial commissions, the Council and the Secretariat are
            // staffed by teachers and students alike (the principal chairs the hostel commission).
            if (x.kind == "commission" || x.id == "council" || x.id == "secretariat" || x.id == "teachers_council")
                x.staff_allowed = x.positions;
            else if (x.id == "small_assembly")
                x.staff_allowed = { "vice_chair" };   // ORG-3: the head of the Youth Center
        }
        return t;
    }();
    return all;
}

const Template* find_template(std::string_view id)
{
    for (auto& t : templates())
        if (t.id == id)
            return &t;
    return nullptr;
}

const std::vector<std::string>& all_positions()
{
    static const std::vector<std::string> all = [] {
        std::vector<std::string> v;
        for (auto& t : templates())
            for (auto& p : t.positions)
                if (std::find(v.begin(), v.end(), p) == v.end())
                    v.push_back(p);
        return v;
    }();
    return all;
}

bool chairs(std::string_view p) { return p == "chair" || p == "president" || p == "head_of_secretariat" || p == "faction_head"; }
bool vice_chairs(std::string_view p) { return p == "vice_chair" || p == "first_vice_president" || p == "second_vice_president"; }

bool staff_may_hold(const Template& t, std::string_view position)
{
    return std::find(t.staff_allowed.begin(), t.staff_allowed.end(), position) != t.staff_allowed.end();
}

bool may_hold(const Template& t, std::string_view position, const Holder& h)
{
    return h.student || !h.staff || staff_may_hold(t, position);
}

}
