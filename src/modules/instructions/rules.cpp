#include "modules/instructions/rules.hpp"

namespace kenes::instructions {

std::string_view status_name(Status s)
{
    switch (s) {
    case Status::Issued: return "issued";
    case Status::InProgress: return "in_progress";
    case Status::Done: return "done";
    case Status::Cancelled: return "cancelled";
    }
    return "issued";
}

bool parse_status(std::string_view v, Status& out)
{
    for (auto s : { Status::Issued, Status::InProgress, Status::Done, Status::Cancelled })
        if (status_name(s) == v) {
            out = s;
            return true;
        }
    return false;
}

bool may_move(Status from, Status to, Side side)
{
    // rule ORG-11
    if (from == Status::Done || from == Status::Cancelled)
        return false;
    if (to == Status::Cancelled)
        return side == Side::Issuer;
    if (side != Side::Secretariat)
        return false;
    return (from == Status::Issued && to == Status::InProgress) || (from == Status::InProgress && to == Status::Done);
}

bool overdue(Status s, const std::string& deadline, const std::string& today)
{
    // rule ORG-11: ISO dates compare as strings.
    return (s == Status::Issued || s == Status::InProgress) && deadline < today;
}

bool may_issue_from(Source source, std::string_view t)
{
    // rule ORG-11: the Council decides; the President instructs.
    if (source == Source::CouncilDecision)
        return t == "council";
    return t == "small_assembly" || t == "student_government";
}

bool binds(std::string_view secretariat_template, long long secretariat_parent, long long issuer_id, long long issuer_parent)
{
    if (secretariat_template != "secretariat" || secretariat_parent == 0)
        return false;
    return secretariat_parent == issuer_id || secretariat_parent == issuer_parent;
}

}

namespace kenes::instructions {

Annulment may_annul(const DecisionBody& by, const DecisionBody& target)
{
    // rule MTG-8
    if (target.template_id == "general_meeting")
        return Annulment::GeneralMeetingIsSupreme;
    if (by.template_id != "general_meeting")
        return Annulment::NotByGeneralMeeting;
    if (by.parent == 0)
        return Annulment::NotItsExecutive;
    if (target.id == by.parent || target.parent == by.parent)
        return Annulment::Allowed;
    return Annulment::NotItsExecutive;
}

}
