#include "modules/statements/rules.hpp"
#include <gtest/gtest.h>

using namespace kenes;
using namespace kenes::statements;

TEST(Topics_APL_1, TheSeedsTopicsAndNothingElse)
{
    for (auto t : { "safety", "education", "library", "canteen", "medical", "other_department", "students", "staff" })
        EXPECT_TRUE(is_topic(t)) << t;
    EXPECT_FALSE(is_topic("politics"));
    EXPECT_FALSE(is_topic(""));
}

TEST(WrittenStatement_APL_2, AnAnonymousStatementIsRefused)
{
    EXPECT_EQ(filing_refusal({ std::nullopt, "The canteen serves cold food every Monday." }), "anonymous");
    EXPECT_EQ(filing_refusal({ 0, "The canteen serves cold food every Monday." }), "anonymous");
    EXPECT_EQ(filing_refusal({ 7, "The canteen serves cold food every Monday." }), std::nullopt);
}

TEST(WrittenStatement_APL_2, AStatementWithoutArgumentsIsRefused)
{
    EXPECT_EQ(filing_refusal({ 7, "" }), "no_arguments");
    EXPECT_EQ(filing_refusal({ 7, "   \n\t  " }), "no_arguments");
    EXPECT_EQ(filing_refusal({ 7, "Асхана" }), "no_arguments");              // six letters: not an argument
    EXPECT_EQ(filing_refusal({ 7, "Асхана суық!" }), std::nullopt);          // counted in letters, not bytes
}

TEST(StatementStates_APL_2, RegisteredAssignedInProgressAnsweredClosed)
{
    auto s = State::Registered;
    for (auto [a, want] : std::vector<std::pair<Action, State>> { { Action::Assign, State::Assigned }, { Action::Start, State::InProgress },
             { Action::Answer, State::Answered }, { Action::Close, State::Closed } }) {
        auto t = transition(s, a);
        ASSERT_TRUE(t.to) << action_name(a);
        EXPECT_EQ(*t.to, want);
        s = *t.to;
    }
}

TEST(StatementStates_APL_2, RefusedTransitions)
{
    // Answered only once assigned; closed only once answered; nothing after closed or forwarded.
    EXPECT_FALSE(transition(State::Registered, Action::Answer).to);
    EXPECT_FALSE(transition(State::Registered, Action::Close).to);
    EXPECT_FALSE(transition(State::Registered, Action::Start).to);
    EXPECT_FALSE(transition(State::Answered, Action::Forward).to);
    EXPECT_FALSE(transition(State::Answered, Action::Assign).to);
    for (auto a : { Action::Assign, Action::Start, Action::Answer, Action::Close, Action::Forward }) {
        EXPECT_FALSE(transition(State::Closed, a).to) << action_name(a);
        EXPECT_FALSE(transition(State::Forwarded, a).to) << action_name(a);
    }
    EXPECT_EQ(transition(State::Closed, Action::Answer).refusal, "statements.transition_refused");
    // Forwarded outside the administration's competence before an answer; reassigned while open.
    EXPECT_EQ(*transition(State::Registered, Action::Forward).to, State::Forwarded);
    EXPECT_EQ(*transition(State::InProgress, Action::Forward).to, State::Forwarded);
    EXPECT_EQ(*transition(State::InProgress, Action::Assign).to, State::Assigned);
    for (auto s : { State::Registered, State::Assigned, State::InProgress, State::Answered, State::Closed, State::Forwarded })
        EXPECT_EQ(parse_state(state_name(s)), s);
}

TEST(StatementDeadline_APL_2, WorkingDaysSkipWeekends)
{
    // Friday 2026-12-04 + 15 working days = Friday 2026-12-25.
    EXPECT_EQ(due_date({ 2026, 12, 4 }, 15, true).iso(), "2026-12-25");
    // Saturday + 1 working day = Monday.
    EXPECT_EQ(due_date({ 2026, 12, 5 }, 1, true).iso(), "2026-12-07");
    // Calendar days run through weekends and year ends.
    EXPECT_EQ(due_date({ 2026, 12, 25 }, 10, false).iso(), "2027-01-04");
}

TEST(StatementDeadline_APL_2, OverdueOnlyWhileTheAnswerIsOwed)
{
    CivilDate due { 2026, 12, 10 };
    EXPECT_FALSE(overdue(State::Registered, due, { 2026, 12, 10 }));   // the due day itself is in time
    EXPECT_TRUE(overdue(State::Registered, due, { 2026, 12, 11 }));
    EXPECT_TRUE(overdue(State::InProgress, due, { 2026, 12, 11 }));
    EXPECT_FALSE(overdue(State::Answered, due, { 2027, 1, 11 }));
    EXPECT_FALSE(overdue(State::Closed, due, { 2027, 1, 11 }));
    EXPECT_FALSE(overdue(State::Forwarded, due, { 2027, 1, 11 }));
}

TEST(Reception_APL_3, AMonthWithoutASlotIsFlagged)
{
    std::vector<std::string> slots { "2026-11-30", "2027-01-05" };
    EXPECT_TRUE(month_has_reception(slots, 2026, 11));
    EXPECT_FALSE(month_has_reception(slots, 2026, 12));
    EXPECT_TRUE(month_has_reception(slots, 2027, 1));
    EXPECT_FALSE(month_has_reception({}, 2027, 1));
}

TEST(Reception_APL_3, OnlyASlotAheadCanBeBooked)
{
    EXPECT_TRUE(slot_bookable("2026-12-10T15:00", "2026-12-10T14:59"));
    EXPECT_FALSE(slot_bookable("2026-12-10T15:00", "2026-12-10T15:00"));
    EXPECT_FALSE(slot_bookable("2026-12-09T15:00", "2026-12-10T09:00"));
}
