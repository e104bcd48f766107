#include "core/json_fields.hpp"
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

using namespace kenes;

static boost::json::object obj(const char* s) { return boost::json::parse(s).as_object(); }

TEST(FieldReader, CollectsEveryProblemPerField)
{
    auto o = obj(R"({"surname":"  ","name":5,"note":"a\u0000b","extra":1,"course":9,"birth":"2007-02-30"})");
    FieldReader in(o);
    EXPECT_FALSE(in.text("surname", Presence::Required, 100));
    EXPECT_FALSE(in.text("name", Presence::Required, 100));
    EXPECT_FALSE(in.text("note", Presence::Optional, 100));
    EXPECT_FALSE(in.integer("course", Presence::Optional, 1, 6));
    EXPECT_FALSE(in.date("birth", Presence::Optional));
    auto st = in.finish();
    ASSERT_FALSE(st.ok());
    std::vector<std::pair<std::string, std::string>> got;
    for (auto& e : st.error().fields)
        got.emplace_back(e.field, e.code);
    std::vector<std::pair<std::string, std::string>> want { { "surname", "required" }, { "name", "wrong_type" }, { "note", "control_chars" },
        { "course", "out_of_range" }, { "birth", "bad_date" }, { "extra", "unknown_field" } };
    EXPECT_EQ(got, want);
}

TEST(FieldReader, LengthsAreCountedInCharactersNotBytes)
{
    auto o = obj(R"({"a":"Әлия","b":"Әлияә"})");
    FieldReader in(o);
    EXPECT_EQ(in.text("a", Presence::Required, 4), "Әлия");
    EXPECT_FALSE(in.text("b", Presence::Required, 4));
    EXPECT_EQ(in.errors().at(0).code, "too_long");
}

TEST(FieldReader, IfGivenRefusesBlankButAllowsAbsent)
{
    auto o = obj(R"({"surname":""})");
    FieldReader in(o);
    EXPECT_FALSE(in.text("surname", Presence::IfGiven, 100));
    EXPECT_FALSE(in.text("name", Presence::IfGiven, 100));
    ASSERT_EQ(in.errors().size(), 1u);
    EXPECT_EQ(in.errors()[0].field, "surname");
}

TEST(FieldReader, NestedObjectsReportDottedPaths)
{
    auto o = obj(R"({"student":{"student_number":"","x":1}})");
    FieldReader in(o);
    auto s = in.object("student", Presence::Optional);
    ASSERT_TRUE(s);
    FieldReader nested(*s, "student");
    nested.text("student_number", Presence::Required, 50);
    in.merge(std::move(nested));
    auto st = in.finish();
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().fields.at(0).field, "student.student_number");
    EXPECT_EQ(st.error().fields.at(1).field, "student.x");
}
