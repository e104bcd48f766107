// The journal's store against a real SQLite database: the per-term counters follow every mark
// (DISC-ESC-1 without scanning), the 4th late day proposes once, a justification lowers the count
// and withdraws the proposal, and excused_reason_on answers DISC-PEN-2.
#include "modules/attendance/attendance.hpp"
#include "modules/attendance/store.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/people/people.hpp"
#include "security/audit.hpp"
#include "security/crypto.hpp"
#include "security/keys.hpp"
#include "security/schema.hpp"
#include "storage/migrations.hpp"
#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace kenes;

namespace {

struct AttendanceStoreTest : ::testing::Test {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("kenes-att-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<db::Database> db;
    FixedClock clock { 1795305300000 };   // 2026-11-22
    audit::Actor actor { std::nullopt, "test" };

    void SetUp() override
    {
        crypto::init();
        keys::install(keys::KeyRing::generate());
        std::filesystem::create_directories(dir);
        db = db::open_database("sqlite:" + (dir / "t.db").string());
        http::Registry r;
        people::register_module(r);
        notifications::register_module(r);
        attendance::register_module(r);
        auto m = db::storage_migrations();
        for (auto& x : security::migrations())
            m.push_back(x);
        for (auto& x : r.migrations)
            m.push_back(x);
        db::apply_migrations(*db, m);
        (void)db->write([](db::Tx& tx) -> Status {
            tx.exec("INSERT INTO institutions (id, name, kind, languages, time_zone, created_at) VALUES (7, 'T', 'school', 'kk', 'Asia/Almaty', 0)");
            audit::start_chain(tx, 7);
            tx.exec("INSERT INTO groups (institution_id, id, name) VALUES (7, 20, '7А')");
            for (int64_t p : { 11, 12 }) {
                tx.exec("INSERT INTO persons (institution_id, id, surname, name, search_key, sort_kk, sort_ru, sort_en, created_at, updated_at) "
                        "VALUES (7, ?, 'Сәрсенова', 'Әлия', 'x', ?, ?, ?, 0, 0)",
                    { p, db::Blob { "a" }, db::Blob { "a" }, db::Blob { "a" } });
                tx.exec("INSERT INTO students (institution_id, person_id, student_number, group_id, status) VALUES (7, ?, ?, 20, 'studying')", { p, "N" + std::to_string(p) });
            }
            return Ok {};
        });
    }
    void TearDown() override
    {
        db->close();
        std::filesystem::remove_all(dir);
    }
    attendance::store::MarkResult mark(const std::string& date, std::vector<attendance::store::Exception> exceptions)
    {
        return db->write([&](db::Tx& tx) { return attendance::store::mark_group(tx, clock, actor, 7, { 20, date, 0, attendance::Mark::Present, exceptions }); }).value();
    }
    int64_t count(const char* column)
    {
        return db->read([&](db::Tx& tx) {
            auto r = tx.query_one(std::string("SELECT ") + column + " FROM attendance_counts WHERE institution_id = 7 AND person_id = 11 AND academic_year = '2026-2027' AND term = 2");
            return r ? r->i64(0) : int64_t(0);
        });
    }
    std::string proposal_status()
    {
        return db->read([&](db::Tx& tx) {
            auto r = tx.query_one("SELECT status FROM attendance_proposals WHERE institution_id = 7 AND person_id = 11 ORDER BY id DESC LIMIT 1");
            return r ? r->str(0) : std::string();
        });
    }
};

using attendance::Mark;

}

TEST_F(AttendanceStoreTest, CountersFollowEveryMarkAndTheFourthLateDayProposesOnce_DISC_ESC_1)
{
    // School preset: the second quarter runs 3 Nov - 28 Dec.
    for (auto d : { "2026-11-16", "2026-11-17", "2026-11-18" })
        EXPECT_TRUE(mark(d, { { 11, Mark::Late, 5 } }).proposals.empty());
    EXPECT_EQ(count("late"), 3);
    // Marking the same day late again (other minutes) counts nothing.
    EXPECT_TRUE(mark("2026-11-18", { { 11, Mark::Late, 9 } }).proposals.empty());
    EXPECT_EQ(count("late"), 3);
    EXPECT_EQ(mark("2026-11-19", { { 11, Mark::Late, std::nullopt } }).proposals.size(), 1u);
    EXPECT_EQ(proposal_status(), "pending");
    EXPECT_TRUE(mark("2026-11-20", { { 11, Mark::Late, std::nullopt } }).proposals.empty());
    EXPECT_EQ(count("late"), 5);
    // Re-marks down to three withdraw the waiting proposal.
    mark("2026-11-20", {});
    mark("2026-11-19", {});
    EXPECT_EQ(count("late"), 3);
    EXPECT_EQ(proposal_status(), "withdrawn");
    // A day out of every term (autumn holidays) is refused.
    auto holiday = db->write([&](db::Tx& tx) { return attendance::store::mark_group(tx, clock, actor, 7, { 20, "2026-10-30", 0, Mark::Present, {} }); });
    EXPECT_FALSE(holiday.ok());
}

TEST_F(AttendanceStoreTest, AJustificationLowersTheCountAndAnswersDisciplinePen2)
{
    for (auto d : { "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19" })
        mark(d, { { 11, Mark::Absent, std::nullopt } });
    EXPECT_EQ(count("unjustified"), 4);
    EXPECT_EQ(proposal_status(), "pending");
    EXPECT_FALSE(db->read([](db::Tx& tx) { return attendance::excused_reason_on(tx, 7, 11, "2026-11-19"); }));
    (void)db->write([&](db::Tx& tx) -> Status {
        tx.exec("INSERT INTO attendance_justifications (institution_id, id, person_id, academic_year, reason, from_date, to_date, status, submitted_at) "
                "VALUES (7, 90, 11, '2026-2027', 'illness', '2026-11-19', '2026-11-23', 'accepted', 0)");
        attendance::store::apply_justification(tx, clock, 7, 90);
        return Ok {};
    });
    EXPECT_EQ(count("unjustified"), 3);
    EXPECT_EQ(count("justified"), 1);
    EXPECT_EQ(proposal_status(), "withdrawn");
    // DISC-PEN-2: ill that day (marked), and on a day of the illness the journal has no mark for yet.
    EXPECT_EQ(db->read([](db::Tx& tx) { return attendance::excused_reason_on(tx, 7, 11, "2026-11-19"); }), std::optional<std::string>("illness"));
    EXPECT_EQ(db->read([](db::Tx& tx) { return attendance::excused_reason_on(tx, 7, 11, "2026-11-23"); }), std::optional<std::string>("illness"));
    EXPECT_FALSE(db->read([](db::Tx& tx) { return attendance::excused_reason_on(tx, 7, 11, "2026-11-18"); }));
    EXPECT_FALSE(db->read([](db::Tx& tx) { return attendance::excused_reason_on(tx, 7, 12, "2026-11-19"); }));
    // A later absence within the justification takes its reason at once.
    mark("2026-11-20", { { 11, Mark::Absent, std::nullopt } });
    EXPECT_EQ(count("unjustified"), 3);
    EXPECT_EQ(count("justified"), 2);
}
