#include "app/demo.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/accounts/activation.hpp"
#include "modules/attendance/demo.hpp"
#include "modules/awards/awards.hpp"
#include "modules/instructions/instructions.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/discipline/discipline.hpp"
#include "modules/hostel/hostel.hpp"
#include "modules/elections/elections.hpp"
#include "modules/elections/rules.hpp"
#include "modules/people/structure.hpp"
#include "modules/people/people.hpp"
#include "modules/statements/statements.hpp"
#include "security/audit.hpp"
#include "security/crypto.hpp"
#include "security/permissions.hpp"

namespace kenes::app {

namespace {

// Deterministic names so the demo looks the same on every machine.
const std::vector<std::string> female_names { "Әлия", "Аружан", "Айгерім", "Дана", "Жансая", "Мадина", "Інжу", "Ұлжан", "Гүлназ", "Анастасия", "Екатерина", "Салтанат", "Томирис", "Ақбота" };
const std::vector<std::string> male_names { "Нұрлан", "Ерлан", "Арман", "Дәулет", "Әлихан", "Ильяс", "Тимур", "Қанат", "Бауыржан", "Дмитрий", "Сергей", "Ұлан", "Өмірзақ", "Санжар" };
const std::vector<std::string> surnames_m { "Сәрсенов", "Омаров", "Ахметов", "Қасымов", "Жұмабаев", "Иванов", "Смагулов", "Әбенов", "Үсенов", "Ысқақов", "Нұрланов", "Петров", "Құрманов", "Бекенов", "Ғабитов", "Оспанов", "Өтебаев" };
const std::vector<std::string> patronymics_m { "Ерланұлы", "Серікұлы", "Маратұлы", "Сергеевич", "Бауыржанұлы", "Асанұлы", "Іскендірұлы" };
const std::vector<std::string> patronymics_f { "Ерланқызы", "Серікқызы", "Маратқызы", "Сергеевна", "Бауыржанқызы", "Асанқызы", "Іскендірқызы" };

std::string feminine(const std::string& surname)
{
    // Kazakh and Russian surnames ending in -ов/-ев/-ин take -а for women.
    if (surname.ends_with("ов") || surname.ends_with("ев") || surname.ends_with("ин"))
        return surname + "а";
    return surname;
}

}

std::vector<DemoLogin> create_demo(db::Database& db, const Clock& clock, const Catalog& catalog, int students)
{
    std::vector<DemoLogin> logins {
        { "admin", role::InstitutionAdmin, "Institution administrator" },
        { "sysadmin", role::SystemAdmin, "System administrator" },
        { "staff", role::Staff, "Student Youth Center" },
        { "curator", role::Curator, "Curator of group ИС-21" },
        { "student", role::Student, "Әлия Сәрсенова, ИС-21" },
        { "parent", role::LegalRepresentative, "Ерлан Сәрсенов, Әлия's father" },
    };
    bool exists = db.read([](db::Tx& tx) { return tx.query_one("SELECT 1 FROM login_directory WHERE login = 'admin'").has_value(); });
    if (exists)
        return logins;

    // Argon2id hashing happens before the write transaction.
    std::vector<std::string> hashes;
    for (size_t i = 0; i < logins.size(); ++i)
        hashes.push_back(crypto::hash_password(demo_password));

    auto done = db.write([&](db::Tx& tx) -> Status {
        audit::Actor system { std::nullopt, "system" };
        int64_t inst = people::create_institution(tx, clock, system, { "Kenes демо колледжі", "college", { "kk", "ru", "en" } });
        auto named = [&](const char* table, const std::string& name) {
            int64_t id = tx.next_id();
            tx.exec(std::string("INSERT INTO ") + table + " (institution_id, id, name) VALUES (?, ?, ?)", { inst, id, name });
            return id;
        };
        tx.exec("INSERT INTO academic_years (institution_id, id, name, starts_on, ends_on) VALUES (?, ?, '2026-2027', '2026-09-01', '2027-06-30')", { inst, tx.next_id() });
        int64_t it_faculty = named("faculties", "Ақпараттық технологиялар");
        int64_t econ_faculty = named("faculties", "Экономика және бизнес");
        named("shanyraks", "Шаңырақ «Болашақ»");

        // Staff
        int64_t curator = people::insert_person(tx, clock, inst, { "Жұмабаева", "Гүлмира", "Серікқызы", "1985-03-14", "female", "g.zhumabayeva@demo.kenes.kz", "+7 701 555 0101" });
        people::put_staff(tx, inst, curator, "Куратор / Curator");
        int64_t syc = people::insert_person(tx, clock, inst, { "Омаров", "Асқар", "Маратұлы", "1990-07-02", "male", "a.omarov@demo.kenes.kz", "+7 701 555 0102" });
        people::put_staff(tx, inst, syc, "Жастар орталығының басшысы / Head of the Student Youth Center");

        struct Group { std::string name; int64_t faculty; int64_t course; std::optional<int64_t> curator; int64_t id = 0; };
        std::vector<Group> groups { { "ИС-21", it_faculty, 2, curator }, { "ИС-22", it_faculty, 2, {} }, { "ИС-31", it_faculty, 3, {} },
            { "ЭК-11", econ_faculty, 1, {} }, { "ЭК-21", econ_faculty, 2, {} }, { "ЭК-41", econ_faculty, 4, {} } };
        for (auto& g : groups) {
            g.id = tx.next_id();
            tx.exec("INSERT INTO groups (institution_id, id, name, faculty_id, course, curator_person_id) VALUES (?, ?, ?, ?, ?, ?)",
                { inst, g.id, g.name, g.faculty, g.course, db::nullable(g.curator) });
        }

        // The demo student and her father come first, with fixed names.
        int64_t student = people::insert_person(tx, clock, inst, { "Сәрсенова", "Әлия", "Ерланқызы", "2007-05-12", "female", "aliya.s@demo.kenes.kz", "+7 705 100 0001" });
        people::put_student(tx, inst, student, { "S-2026-0001", 2, std::nullopt, groups[0].id, "studying", false });
        int64_t father = people::insert_person(tx, clock, inst, { "Сәрсенов", "Ерлан", "Серікұлы", "1979-11-30", "male", "erlan.s@demo.kenes.kz", "+7 705 100 0002" });
        people::link_representative(tx, inst, student, father, "father");

        for (int i = 1; i < students; ++i) {
            bool female = i % 2 == 0;
            const auto& surname = surnames_m[size_t(i * 7) % surnames_m.size()];
            std::string s = female ? feminine(surname) : surname;
            const auto& name = female ? female_names[size_t(i * 5) % female_names.size()] : male_names[size_t(i * 3) % male_names.size()];
            const auto& patronymic = female ? patronymics_f[size_t(i) % patronymics_f.size()] : patronymics_m[size_t(i) % patronymics_m.size()];
            auto& g = groups[size_t(i) % groups.size()];
            char number[32];
            std::snprintf(number, sizeof number, "S-2026-%04d", i + 1);
            char birth[16];
            std::snprintf(birth, sizeof birth, "%04d-%02d-%02d", 2004 + int(7 - g.course) % 4, 1 + i % 12, 1 + i % 28);
            int64_t p = people::insert_person(tx, clock, inst, { s, name, patronymic, birth, female ? "female" : "male", std::nullopt, "+7 700 " + std::to_string(2000000 + i) });
            people::put_student(tx, inst, p, { number, g.course, std::nullopt, g.id, i % 29 == 0 ? "academic_leave" : "studying", i % 17 == 0 });
            int64_t mother = people::insert_person(tx, clock, inst, { feminine(surnames_m[size_t(i * 11) % surnames_m.size()]), female_names[size_t(i) % female_names.size()], std::nullopt, std::nullopt, "female", std::nullopt, "+7 701 " + std::to_string(3000000 + i) });
            people::link_representative(tx, inst, p, mother, "mother");
        }

        std::vector<std::optional<int64_t>> person_of { std::nullopt, std::nullopt, syc, curator, student, father };
        for (size_t i = 0; i < logins.size(); ++i) {
            accounts::NewUser u { inst, logins[i].login, hashes[i], logins[i].who, person_of[i], { logins[i].role } };
            accounts::create_user(tx, clock, system, u);
        }
        // Group ИС-21's other students and their mothers have accounts issued and not yet activated,
        // so the activation sheet and the accounts' state can be shown (the demo student and father,
        // who have accounts, are skipped).
        accounts::activation::issue_batch(tx, clock, system, { inst, { accounts::activation::Scope::Kind::Group, groups[0].id, std::nullopt, true } },
            { catalog, "" });
        // Two bodies to show: the Student Government with Әлия as President, and a Disciplinary
        // Committee of seven voting members and a secretary, with a session convened for next week.
        std::string today = almaty::local_date(clock.now()).iso();
        auto member = [&](int64_t body, int64_t person, const char* position, bool voting) {
            tx.exec("INSERT INTO memberships (institution_id, id, body_id, person_id, position, voting, starts_on, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                { inst, tx.next_id(), body, person, position, int64_t(voting), today, clock.now() });
        };
        int64_t government = bodies::create_body(tx, clock, system, inst, catalog, "student_government", std::nullopt, std::nullopt);
        member(government, student, "president", true);
        int64_t committee = bodies::create_body(tx, clock, system, inst, catalog, "disciplinary_committee", std::nullopt, std::nullopt);
        member(committee, curator, "chair", true);
        auto some_students = tx.query("SELECT person_id FROM students WHERE institution_id = ? AND person_id <> ? ORDER BY person_id LIMIT 6", { inst, student });
        for (auto& s : some_students)
            member(committee, s.i64(0), "member", true);
        member(committee, syc, "secretary", false);
        auto next_week = almaty::local_date(clock.now() + 7 * 24 * 3600 * 1000LL);
        int64_t meeting = tx.next_id();
        // Scheduled (MTG-1): it opens for attendance and votes at 10:00 on its day.
        tx.exec("INSERT INTO meetings (institution_id, id, body_id, number, academic_year, held_on, place, convened_by, status, created_at, starts_at) "
                "VALUES (?, ?, ?, 1, ?, ?, '204', ?, 'open', ?, '10:00')",
            { inst, meeting, committee, academic_year_of(next_week), next_week.iso(), curator, clock.now() });
        // A debate club staffed in one step by the principal's order (ORG-6): a student chair and
        // four student members, each seat naming the act.
        int64_t club = bodies::create_body(tx, clock, system, inst, catalog, "club", std::string("«Шешендер» пікірсайыс клубы"), std::nullopt);
        int64_t act = tx.next_id();
        tx.exec("INSERT INTO founding_acts (institution_id, id, body_id, order_number, order_date, signed_by, recorded_at) VALUES (?, ?, ?, '45-ө', ?, ?, ?)",
            { inst, act, club, today, "Директор Н. Б. Әбенова", clock.now() });
        auto club_students = tx.query("SELECT person_id FROM students WHERE institution_id = ? AND person_id <> ? ORDER BY person_id DESC LIMIT 5", { inst, student });
        for (size_t i = 0; i < club_students.size(); ++i)
            tx.exec("INSERT INTO memberships (institution_id, id, body_id, person_id, position, voting, starts_on, accepted_at, founding_act_id) "
                    "VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
                { inst, tx.next_id(), club, club_students[i].i64(0), i == 0 ? "chair" : "member", today, clock.now(), act });
        // Discipline: incidents, phones, a case about the demo student on that session's agenda.
        auto classmate = tx.query_one("SELECT person_id FROM students WHERE institution_id = ? AND group_id = ? AND person_id <> ? ORDER BY person_id LIMIT 1",
            { inst, groups[0].id, student });
        discipline::seed_demo(tx, clock, system, catalog, { inst, committee, meeting, syc, student, classmate ? classmate->i64(0) : student });
        // The Teachers Council (DISC-PEN-3: an exclusion is decided at its extraordinary session):
        // the head of the Youth Center chairs it, the curator keeps the minutes, three teachers sit in it.
        int64_t teachers_council = bodies::create_body(tx, clock, system, inst, catalog, "teachers_council", std::nullopt, std::nullopt);
        member(teachers_council, syc, "chair", true);
        member(teachers_council, curator, "secretary", true);
        std::vector<int64_t> teachers;
        for (const people::PersonFields& t : { people::PersonFields { "Бекенова", "Сәуле", "Асанқызы", "1978-02-20", "female", "s.bekenova@demo.kenes.kz", "+7 701 555 0103" },
                 people::PersonFields { "Ысқақов", "Ғалым", "Ерланұлы", "1982-09-05", "male", "g.yskakov@demo.kenes.kz", "+7 701 555 0104" },
                 people::PersonFields { "Петрова", "Ирина", "Сергеевна", "1975-12-11", "female", "i.petrova@demo.kenes.kz", "+7 701 555 0105" } }) {
            int64_t teacher = people::insert_person(tx, clock, inst, t);
            people::put_staff(tx, inst, teacher, "Оқытушы / Teacher");
            member(teachers_council, teacher, "member", true);
            teachers.push_back(teacher);
        }
        // The President election of the next academic year, in registration: its commission is the
        // curator (chair) and the head of the Youth Center (secretary), so "staff" runs it.
        int64_t commission = bodies::create_body(tx, clock, system, inst, catalog, "election_commission", std::nullopt, std::nullopt);
        member(commission, curator, "chair", true);
        member(commission, syc, "secretary", true);
        int first_year = std::stoi(academic_year_of(almaty::local_date(clock.now())).substr(0, 4)) + 1;
        std::string year = std::to_string(first_year) + "-" + std::to_string(first_year + 1);
        int64_t election = tx.next_id();
        // The default title, read in each user's language (title_key), like one created in the app.
        tx.exec("INSERT INTO elections (institution_id, id, academic_year, title, election_day, commission_body_id, government_body_id, created_at, title_key) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, election, year, catalog.format(Lang::Kk, "election.default_title", { { "year", year } }), elections::default_election_day(first_year).iso(),
                commission, government, clock.now(), "election.default_title" });
        // The trustees' key ceremony, already completed by the commission (trustees by person id).
        auto trustees = curator < syc ? std::vector<int64_t> { curator, syc } : std::vector<int64_t> { syc, curator };
        elections::seed_demo_key_ceremony(tx, clock.now(), inst, election, trustees);
        // This year's election, voted in September with encrypted ballots, waits for the count.
        if (!some_students.empty())
            elections::seed_demo_past_election(tx, clock, catalog, { inst, commission, government, trustees, { student, some_students[0].i64(0) } });
        // The journal of the last three weeks: terms, marks, a justified absence, a proposal waiting for the curator.
        std::vector<int64_t> group_ids;
        for (auto& g : groups)
            group_ids.push_back(g.id);
        attendance::seed_demo(tx, clock, inst, group_ids, student);
        // The Hostel Allocation Commission (ORG-9): seven voting members chaired by the head of the
        // Youth Center, who is also the head of the hostel ("staff"), and a secretary without a vote.
        int64_t hostel_commission = bodies::create_body(tx, clock, system, inst, catalog, "hostel_allocation_commission", std::nullopt, std::nullopt);
        member(hostel_commission, syc, "chair", true);
        member(hostel_commission, curator, "member", true);
        for (auto t : teachers)
            member(hostel_commission, t, "member", true);
        auto hostel_students = tx.query("SELECT person_id FROM students WHERE institution_id = ? AND person_id <> ? ORDER BY person_id LIMIT 2 OFFSET 6", { inst, student });
        for (auto& s : hostel_students)
            member(hostel_commission, s.i64(0), "member", true);
        int64_t hostel_secretary = people::insert_person(tx, clock, inst, { "Тәжібаева", "Мәдина", "Болатқызы", "1992-04-18", "female", std::nullopt, "+7 701 555 0106" });
        people::put_staff(tx, inst, hostel_secretary, "Жатақхана тәрбиешісі / Hostel tutor");
        member(hostel_commission, hostel_secretary, "secretary", false);
        hostel::seed_demo(tx, clock, system, catalog, { inst, hostel_commission, syc });
        // The Encouragement Commission (AWD-2): the head of the Youth Center chairs it, the curator,
        // a teacher and Әлия's father sit in it; its session today scores "Student of the year".
        int64_t encouragement = bodies::create_body(tx, clock, system, inst, catalog, "encouragement_commission", std::nullopt, std::nullopt);
        member(encouragement, syc, "chair", true);
        member(encouragement, curator, "member", true);
        member(encouragement, teachers[0], "member", true);
        member(encouragement, father, "member", true);
        int64_t awards_meeting = tx.next_id();
        tx.exec("INSERT INTO meetings (institution_id, id, body_id, number, academic_year, held_on, place, convened_by, status, created_at, starts_at) "
                "VALUES (?, ?, ?, 1, ?, ?, '101', ?, 'open', ?, '15:00')",
            { inst, awards_meeting, encouragement, academic_year_of(almaty::local_date(clock.now())), today, syc, clock.now() });
        auto nominees = tx.query("SELECT person_id FROM students WHERE institution_id = ? AND person_id <> ? AND status = 'studying' ORDER BY person_id LIMIT 2 OFFSET 10",
            { inst, student });
        if (nominees.size() == 2)
            awards::seed_demo(tx, clock, system, catalog,
                { inst, encouragement, awards_meeting, { syc, curator, teachers[0], father }, curator, { student, nominees[0].i64(0), nominees[1].i64(0) } });
        statements::seed_demo(tx, clock, { inst, government, student, father, syc, classmate ? classmate->i64(0) : student });
        // ORG-11 and MTG-8: the Small Assembly (the curator chairs its Council, the head of the Youth
        // Center heads its Secretariat) with instructions, and an annulled decision of the government.
        {
            instructions::DemoPeople ip { inst, government, student, syc, curator, {}, {} };
            for (auto& s : tx.query("SELECT person_id FROM students WHERE institution_id = ? AND person_id <> ? ORDER BY person_id LIMIT 4 OFFSET 10", { inst, student }))
                (ip.council_students.size() < 2 ? ip.council_students : ip.secretariat_students).push_back(s.i64(0));
            instructions::seed_demo(tx, clock, system, catalog, ip);
        }
        audit::record(tx, clock, { inst, system, "demo.seed", "institution", inst, nullptr,
            boost::json::object { { "students", students }, { "groups", int64_t(groups.size()) }, { "users", int64_t(logins.size()) } } });
        return Ok {};
    });
    if (!done.ok())
        throw std::runtime_error("demo data could not be created");
    return logins;
}

}
