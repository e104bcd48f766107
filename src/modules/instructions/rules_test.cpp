#include "modules/instructions/rules.hpp"
#include <gtest/gtest.h>

using namespace kenes::instructions;

TEST(Instructions, ORG_11_secretariat_carries_out_in_order)
{
    EXPECT_TRUE(may_move(Status::Issued, Status::InProgress, Side::Secretariat));
    EXPECT_TRUE(may_move(Status::InProgress, Status::Done, Side::Secretariat));
    EXPECT_FALSE(may_move(Status::Issued, Status::Done, Side::Secretariat));
    EXPECT_FALSE(may_move(Status::InProgress, Status::Issued, Side::Secretariat));
    EXPECT_FALSE(may_move(Status::Done, Status::InProgress, Side::Secretariat));
}

TEST(Instructions, ORG_11_only_the_issuer_cancels)
{
    EXPECT_FALSE(may_move(Status::Issued, Status::Cancelled, Side::Secretariat));
    EXPECT_TRUE(may_move(Status::Issued, Status::Cancelled, Side::Issuer));
    EXPECT_TRUE(may_move(Status::InProgress, Status::Cancelled, Side::Issuer));
    EXPECT_FALSE(may_move(Status::Done, Status::Cancelled, Side::Issuer));
    EXPECT_FALSE(may_move(Status::Issued, Status::InProgress, Side::Issuer));
}

TEST(Instructions, ORG_11_overdue_after_the_deadline_until_done)
{
    EXPECT_TRUE(overdue(Status::Issued, "2026-12-01", "2026-12-02"));
    EXPECT_TRUE(overdue(Status::InProgress, "2026-12-01", "2026-12-02"));
    EXPECT_FALSE(overdue(Status::Issued, "2026-12-02", "2026-12-02"));   // due today is not late
    EXPECT_FALSE(overdue(Status::Done, "2026-12-01", "2026-12-05"));
    EXPECT_FALSE(overdue(Status::Cancelled, "2026-12-01", "2026-12-05"));
}

TEST(Instructions, ORG_11_council_decides_president_instructs)
{
    EXPECT_TRUE(may_issue_from(Source::CouncilDecision, "council"));
    EXPECT_FALSE(may_issue_from(Source::CouncilDecision, "club"));
    EXPECT_TRUE(may_issue_from(Source::President, "small_assembly"));
    EXPECT_TRUE(may_issue_from(Source::President, "student_government"));
    EXPECT_FALSE(may_issue_from(Source::President, "council"));
}

TEST(Instructions, ORG_11_binds_the_secretariat_of_the_same_assembly)
{
    EXPECT_TRUE(binds("secretariat", 10, 11, 10));    // the Council's sibling
    EXPECT_TRUE(binds("secretariat", 10, 10, 0));     // the Small Assembly's child
    EXPECT_FALSE(binds("secretariat", 20, 11, 10));   // another assembly's
    EXPECT_FALSE(binds("club", 10, 11, 10));
    EXPECT_FALSE(binds("secretariat", 0, 11, 0));
}

TEST(Annulments, MTG_8_general_meeting_annuls_its_executive)
{
    DecisionBody gm { "general_meeting", 3, 1 };
    EXPECT_EQ(may_annul(gm, { "student_government", 1, 0 }), Annulment::Allowed);   // the body it sits under
    EXPECT_EQ(may_annul(gm, { "committee", 4, 1 }), Annulment::Allowed);             // beside it in the Student Government
    EXPECT_EQ(may_annul(gm, { "council", 9, 8 }), Annulment::NotItsExecutive);      // another organisation's
    EXPECT_EQ(may_annul({ "general_meeting", 3, 0 }, { "council", 9, 0 }), Annulment::NotItsExecutive);
}

TEST(Annulments, MTG_8_the_executive_never_annuls_the_general_meeting)
{
    EXPECT_EQ(may_annul({ "student_government", 1, 0 }, { "general_meeting", 3, 1 }), Annulment::GeneralMeetingIsSupreme);
    EXPECT_EQ(may_annul({ "general_meeting", 5, 1 }, { "general_meeting", 3, 1 }), Annulment::GeneralMeetingIsSupreme);
    EXPECT_EQ(may_annul({ "council", 2, 0 }, { "club", 7, 0 }), Annulment::NotByGeneralMeeting);
}
