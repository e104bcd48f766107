// The demo institution's hostel allocation, so that `make run` shows the module working: one
// hostel of girls' and boys' rooms, a class of school grades whose families applied, this year's
// campaign decided by the commission's adopted session with a reserve list, and next year's
// campaign open for applications.
#include "core/clock.hpp"
#include "modules/hostel/allocation_rules.hpp"
#include "modules/hostel/demo.hpp"
#include "modules/hostel/orders.hpp"
#include "modules/people/people.hpp"
#include "security/audit.hpp"
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace kenes::hostel::detail {

using boost::json::object;

namespace {

struct Family {
    const char* surname;
    const char* name;
    const char* gender;
    int grade, group;
    const char* subgroups;
    bool wants_paid;
    const char* locality;
    const char* mother;
};

}

void seed_allocation_demo(db::Tx& tx, const Clock& clock, const audit::Actor& actor, const Catalog& catalog, const DemoPeople& d)
{
    int64_t inst = d.institution_id;
    auto now = clock.now();
    // The stock: two girls' and two boys' rooms of three places; one place under repair.
    int64_t hostel = tx.next_id();
    tx.exec("INSERT INTO hostels (institution_id, id, name, address, head_person_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        { inst, hostel, "№1 жатақхана", "Астана қ., Сарайшық к-сі, 7", d.head, now });
    std::vector<int64_t> girls_places, boys_places;
    int room_no = 0;
    for (const char* gender : { "female", "female", "male", "male" }) {
        int64_t room = tx.next_id();
        ++room_no;
        tx.exec("INSERT INTO hostel_rooms (institution_id, id, hostel_id, floor, number, gender) VALUES (?, ?, ?, ?, ?, ?)",
            { inst, room, hostel, int64_t(room_no <= 2 ? 2 : 3), std::to_string((room_no <= 2 ? 200 : 300) + room_no), std::string(gender) });
        for (int p = 1; p <= 3; ++p) {
            int64_t place = tx.next_id();
            bool repair = room_no == 4 && p == 3;
            tx.exec("INSERT INTO hostel_places (institution_id, id, room_id, label, out_of_use) VALUES (?, ?, ?, ?, ?)", { inst, place, room, std::to_string(p), int64_t(repair) });
            (std::string(gender) == "female" ? girls_places : boys_places).push_back(place);
        }
    }
    // A class of school grades (the demo college also teaches grades 7-11 at its lyceum).
    int64_t group = tx.next_id();
    tx.exec("INSERT INTO groups (institution_id, id, name, grade) VALUES (?, ?, ?, 9)", { inst, group, "Лицей 9А" });
    static const Family families[] = {
        { "Әбілова", "Дана", "female", 9, 2, "dysfunctional_family", false, "Ақмола облысы, Сандықтау ауданы, Балкашино а.", "Әбілова Гүлнар" },
        { "Серікбаев", "Нұрлан", "male", 8, 1, "", false, "Ақмола облысы, Зеренді а.", "Серікбаева Айгүл" },
        { "Қасымова", "Аружан", "female", 7, 5, "", false, "Қарағанды қ.", "Қасымова Жанар" },
        { "Төлеуов", "Ерасыл", "male", 10, 2, "low_income", true, "Ақмола облысы, Астрахан ауданы, Жалтыр а.", "Төлеуова Сәуле" },
        { "Жұмабекова", "Әсел", "female", 9, 3, "large_low_income", false, "Көкшетау қ.", "Жұмабекова Роза" },
        { "Нұрланов", "Данияр", "male", 11, 4, "", true, "Астана қ.", "Нұрланова Динара" },
        { "Бекова", "Айым", "female", 8, 2, "disabled_representative,low_income", false, "Ақмола облысы, Ерейментау қ.", "Бекова Ләззат" },
        { "Оразов", "Тимур", "male", 7, 4, "incomplete_low_income", false, "Астана қ.", "Оразова Меруерт" },
        { "Мұратқызы", "Камила", "female", 10, 2, "", true, "Ақмола облысы, Шортанды а.", "Мұратова Айжан" },
        { "Ахметов", "Алихан", "male", 9, 5, "", false, "Павлодар қ.", "Ахметова Гүлмира" },
    };
    int n = 0;
    std::vector<int64_t> students, mothers;
    for (auto& f : families) {
        char number[32];
        std::snprintf(number, sizeof number, "L-2026-%04d", ++n);
        int64_t s = people::insert_person(tx, clock, inst, { f.surname, f.name, std::nullopt, std::nullopt, std::string(f.gender), std::nullopt, std::nullopt });
        people::put_student(tx, inst, s, { number, std::nullopt, int64_t(f.grade), group, "studying", false });
        std::string mother_name(f.mother);
        auto space = mother_name.find(' ');
        int64_t m = people::insert_person(tx, clock, inst, { mother_name.substr(0, space), mother_name.substr(space + 1), std::nullopt, std::nullopt, "female", std::nullopt, std::nullopt });
        people::link_representative(tx, inst, s, m, "mother");
        students.push_back(s);
        mothers.push_back(m);
    }
    auto today = almaty::local_date(now);
    int this_year = std::stoi(academic_year_of(today).substr(0, 4));
    auto year_of = [](int y) { return std::to_string(y) + "-" + std::to_string(y + 1); };
    auto at = [](int y, int month, int day, int hh, int mm, int ss) {
        // Almaty is UTC+5 (GEN-2): the wall time's Unix milliseconds.
        CivilDate dt { y, unsigned(month), unsigned(day) };
        int64_t days = 0;
        {   // days from civil (Howard Hinnant's algorithm)
            int yy = dt.year - (dt.month <= 2);
            int era = (yy >= 0 ? yy : yy - 399) / 400;
            unsigned yoe = unsigned(yy - era * 400);
            unsigned doy = (153 * (dt.month + (dt.month > 2 ? -3 : 9)) + 2) / 5 + dt.day - 1;
            unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            days = int64_t(era) * 146097 + int64_t(doe) - 719468;
        }
        return ((days * 24 + hh - 5) * 60 + mm) * 60 * 1000LL + ss * 1000LL;
    };
    // This year's campaign: applications in June, the commission's session of July 5 (chaired by
    // the head) adopted the allocation: six grant places, one paid, the rest on the reserve list.
    int64_t campaign = tx.next_id();
    tx.exec("INSERT INTO hostel_campaigns (institution_id, id, academic_year, commission_body_id, grant_places, paid_places, price_tenge, deadline, offer_hours, created_at) "
            "VALUES (?, ?, ?, ?, 6, 1, 48000, ?, 24, ?)",
        { inst, campaign, year_of(this_year), d.commission, std::to_string(this_year) + "-07-01", at(this_year, 5, 20, 9, 0, 0) });
    std::vector<rules::Applicant> applicants;
    for (size_t i = 0; i < std::size(families); ++i) {
        auto& f = families[i];
        int64_t app = tx.next_id();
        int64_t registered = at(this_year, 6, 3 + int(i), 9 + int(i % 4), int(i * 7 % 60), int(i * 13 % 60));
        tx.exec("INSERT INTO hostel_applications (institution_id, id, campaign_id, number, student_id, grade, gender, applicant_id, channel, priority_group, subgroups, "
                "home_locality, wants_paid, form, consent_inspection, undertaking_to_vacate, registered_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'registered')",
            { inst, app, campaign, int64_t(i + 1), students[i], int64_t(f.grade), std::string(f.gender), mothers[i], i % 3 == 2 ? "paper" : "online", int64_t(f.group),
                std::string(f.subgroups), std::string(f.locality), int64_t(f.wants_paid), std::string(rules::form_for(f.group)), int64_t(rules::needs_undertaking(f.group)),
                registered });
        applicants.push_back({ app, f.group, rules::parse_subgroups(f.subgroups), f.grade, registered, f.wants_paid });
    }
    // The commission's session of July 5 adopted the ranking (MTG-4).
    int64_t meeting = tx.next_id();
    std::string held_on = std::to_string(this_year) + "-07-05";
    tx.exec("INSERT INTO meetings (institution_id, id, body_id, number, academic_year, held_on, place, convened_by, status, created_at, starts_at) "
            "VALUES (?, ?, ?, 1, ?, ?, '101', ?, 'closed', ?, '10:00')",
        { inst, meeting, d.commission, academic_year_of(CivilDate { this_year, 7, 5 }), held_on, d.head, at(this_year, 7, 1, 9, 0, 0) });
    int64_t item = tx.next_id();
    tx.exec("INSERT INTO agenda_items (institution_id, id, meeting_id, position, kind, title, motion, secret, vote_status, outcome, yes_votes, no_votes, abstentions) "
            "VALUES (?, ?, ?, 1, 'hostel_allocation', ?, ?, 0, 'closed', 'adopted', 6, 1, 0)",
        { inst, item, meeting, catalog.format(Lang::Kk, "hostel.allocation.item_title", { { "year", year_of(this_year) } }),
            catalog.format(Lang::Kk, "hostel.allocation.item_motion", { { "year", year_of(this_year) }, { "grant", 6 }, { "paid", 1 } }) });
    auto ranked = rules::rank(applicants);
    auto lines = rules::allocate(ranked, applicants, 6, 1);
    int64_t decision = tx.next_id();
    tx.exec("INSERT INTO hostel_decisions (institution_id, id, campaign_id, kind, agenda_item_id, decided_at, order_date, snapshot, created_at) "
            "VALUES (?, ?, ?, 'allocation', ?, ?, ?, ?, ?)",
        { inst, decision, campaign, item, at(this_year, 7, 5, 12, 0, 0), held_on, boost::json::serialize(object { { "demo", true } }), at(this_year, 7, 2, 9, 0, 0) });
    boost::json::array ordered;
    for (auto& l : lines) {
        auto outcome = std::string(rules::outcome_code(l.outcome));
        auto a = tx.query_one("SELECT student_id, priority_group, grade FROM hostel_applications WHERE institution_id = ? AND id = ?", { inst, l.id });
        ordered.push_back(object { { "person_id", a->i64(0) }, { "name", people::name_of(tx, inst, a->i64(0)) }, { "priority_group", a->i64(1) }, { "grade", a->i64(2) }, { "line", outcome } });
        tx.exec("INSERT INTO hostel_decision_lines (institution_id, decision_id, application_id, rank, outcome) VALUES (?, ?, ?, ?, ?)", { inst, decision, l.id, l.position, outcome });
        tx.exec("UPDATE hostel_applications SET status = ? WHERE institution_id = ? AND id = ?",
            { outcome == "grant" ? "allocated_grant" : outcome == "paid" ? "allocated_paid" : outcome, inst, l.id });
    }
    // The principal's order on the allocation (the orders component numbers, signs and notifies).
    auto issued = orders::issue(tx, clock, actor, inst,
        { orders::Kind::Allocation, std::nullopt, decision, held_on,
            object { { "students", ordered }, { "grounds", "" }, { "academic_year", year_of(this_year) },
                { "decision", object { { "body", catalog.format(Lang::Kk, "body.template.hostel_allocation_commission") }, { "held_on", held_on }, { "protocol", 1 } } } } });
    tx.exec("UPDATE hostel_decisions SET order_number = ?, snapshot = ? WHERE institution_id = ? AND id = ?",
        { issued.number, boost::json::serialize(object { { "order_id", issued.id } }), inst, decision });
    audit::record(tx, clock, { inst, actor, "hostel_decision.adopt", "hostel_decision", decision, nullptr, object { { "kind", "allocation" }, { "agenda_item_id", item } } });
    // Next year's campaign is open: the families of the demo may apply.
    int64_t next = tx.next_id();
    tx.exec("INSERT INTO hostel_campaigns (institution_id, id, academic_year, commission_body_id, grant_places, paid_places, price_tenge, deadline, offer_hours, created_at) "
            "VALUES (?, ?, ?, ?, 8, 2, 50000, ?, 24, ?)",
        { inst, next, year_of(this_year + 1), d.commission, std::to_string(this_year + 1) + "-07-01", now });
    audit::record(tx, clock, { inst, actor, "hostel_campaign.create", "hostel_campaign", next, nullptr, object { { "academic_year", year_of(this_year + 1) } } });
}

}
