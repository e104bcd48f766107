#pragma once
// Body templates (ORG-1, ORG-2): creating a body from one sets up its kind, its rule preset and
// its nested bodies, as the seeds describe them.
#include "modules/bodies/rules.hpp"
#include <string>
#include <vector>

namespace kenes::bodies {

struct Template {
    std::string id;              // "disciplinary_committee"
    std::string kind;            // assembly, parliament, government, council, secretariat, faction, committee, club, commission, general_meeting
    BodyRules rules;
    std::vector<std::string> positions;    // positions it is staffed with
    std::vector<std::string> non_voting;   // positions without a vote (ORG-9: the secretary)
    struct Child {
        std::string template_id;
        std::string name_key;    // catalog key of the default name
    };
    std::vector<Child> children;
    // Its sessions are seen only by its members, its officers, the administration and the persons
    // a case concerns: the disciplinary, encouragement and hostel commissions decide about minors.
    bool confidential = false;
    // ORG-3: positions a staff member may hold (the head of the Youth Center heads the Secretariat
    // and is Vice-President of the Small Assembly; commissions and the Council (ORG-6) mix staff
    // and students). Every other position is a student's.
    std::vector<std::string> staff_allowed = {};
};

const std::vector<Template>& templates();
const Template* find_template(std::string_view id);

// Positions anywhere (the catalog has "body.position.<p>" for each).
const std::vector<std::string>& all_positions();
// Positions that may convene and run a session (MTG-1): the chair or president, the vice-chair
// with the chair's agreement, and the secretary who keeps the minutes.
bool chairs(std::string_view position);
bool vice_chairs(std::string_view position);

// ORG-3: may a person hold this position of this body? A staff member who is not also a student
// only holds a position open to staff; a student holds any position.
struct Holder {
    bool student = false;
    bool staff = false;
};
bool may_hold(const Template&, std::string_view position, const Holder&);
bool staff_may_hold(const Template&, std::string_view position);

}
