#pragma once
// ORG-11: decisions of the Council and instructions of the President bind the Secretariat. The
// pure rules of an instruction's life: who may move it where, and when it is overdue.
#include <string>
#include <string_view>

namespace kenes::instructions {

// issued -> in_progress -> done; issued or in_progress -> cancelled (by the issuing side only).
enum class Status { Issued, InProgress, Done, Cancelled };
enum class Side { Secretariat, Issuer };   // who asks for the change

std::string_view status_name(Status);
bool parse_status(std::string_view, Status&);

// rule ORG-11: the Secretariat carries an instruction out (in progress, then done); only the issuer
// cancels it; a done or cancelled instruction is final.
bool may_move(Status from, Status to, Side);

// rule ORG-11: overdue when its deadline (YYYY-MM-DD, Almaty) has passed and it is not done or cancelled.
bool overdue(Status, const std::string& deadline, const std::string& today);

// rule ORG-11: who may issue from which body: a decision of a Council (an adopted agenda item of
// one of its sessions), or an instruction of the President (the chair of the Small Assembly or the
// President of the Student Government).
enum class Source { CouncilDecision, President };
bool may_issue_from(Source, std::string_view body_template);
// The secretariat bound by a body's instructions: a child of that body, or its sibling under the same parent.
bool binds(std::string_view secretariat_template, long long secretariat_parent, long long issuer_id, long long issuer_parent);

}

namespace kenes::instructions {

// rule MTG-8: the General Meeting is the supreme body of the Student Government (and of the hostel
// residents): its adopted decision may annul a decision of its executive body (the body it sits
// under, or a body beside it there); no executive body annuls a decision of the General Meeting.
struct DecisionBody {
    std::string template_id;
    long long id = 0, parent = 0;
};
enum class Annulment { Allowed, NotByGeneralMeeting, GeneralMeetingIsSupreme, NotItsExecutive };
Annulment may_annul(const DecisionBody& annulling, const DecisionBody& target);

}
