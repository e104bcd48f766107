// The residence side's demo data: students settled into the demo hostel's free places (a small
// hostel is built when there is none), an acceptance certificate signed by a parent, a leave, a
// visit, and two violations of one student (reprimands, HST-VIOL-2).
#include "modules/hostel/demo.hpp"
#include "modules/hostel/interfaces.hpp"
#include "modules/hostel/residence_rules.hpp"
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kenes::hostel::detail {

namespace {

void build_small_hostel(db::Tx& tx, const Clock& clock, int64_t inst, const DemoPeople& d)
{
    int64_t hostel = tx.next_id();
    tx.exec("INSERT INTO hostels (institution_id, id, name, address, head_person_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        { inst, hostel, "№1 жатақхана", "Абай даңғылы, 12", d.head, clock.now() });
    int floor = 1;
    for (const char* gender : { "female", "male" }) {
        for (int n = 1; n <= 2; ++n) {
            int64_t room = tx.next_id();
            tx.exec("INSERT INTO hostel_rooms (institution_id, id, hostel_id, floor, number, gender) VALUES (?, ?, ?, ?, ?, ?)",
                { inst, room, hostel, int64_t(floor), std::to_string(floor * 100 + n), gender });
            for (const char* label : { "А", "Б", "В", "Г" })
                tx.exec("INSERT INTO hostel_places (institution_id, id, room_id, label) VALUES (?, ?, ?, ?)", { inst, tx.next_id(), room, label });
        }
        ++floor;
    }
}

}

void seed_residence_demo(db::Tx& tx, const Clock& clock, const audit::Actor& actor, const Catalog&, const DemoPeople& d)
{
    int64_t inst = d.institution_id;
    if (!tx.query_one("SELECT 1 FROM hostels WHERE institution_id = ?", { inst }))
        build_small_hostel(tx, clock, inst, d);
    auto now = clock.now();
    auto today = almaty::local_date(now);
    auto year = academic_year_of(today);
    auto settled_on = residence::add_days(today, -30).iso();
    // This year's allocated applicants first (the lyceum class the commission allocated), then other
    // students with a gender and a representative, not living in the hostel yet.
    struct Candidate {
        int64_t person;
        std::string gender;
        std::optional<int64_t> application;
        int64_t group;
        std::string basis;
    };
    std::vector<Candidate> candidates;
    for (auto& a : tx.query("SELECT a.student_id, a.gender, a.id, a.priority_group, a.status FROM hostel_applications a JOIN hostel_campaigns c "
                            "ON c.institution_id = a.institution_id AND c.id = a.campaign_id WHERE a.institution_id = ? AND c.academic_year = ? "
                            "AND a.status IN ('allocated_grant', 'allocated_paid') ORDER BY a.number LIMIT 4",
             { inst, year }))
        candidates.push_back({ a.i64(0), a.str(1), a.i64(2), a.i64(3), a.str(4) == "allocated_paid" ? "paid" : "grant" });
    if (candidates.empty())
        for (auto& s : tx.query("SELECT s.person_id, p.gender FROM students s JOIN persons p ON p.institution_id = s.institution_id AND p.id = s.person_id "
                                "WHERE s.institution_id = ? AND p.gender IS NOT NULL AND s.status = 'studying' AND EXISTS (SELECT 1 FROM representatives x "
                                "WHERE x.institution_id = s.institution_id AND x.student_id = s.person_id) AND NOT EXISTS (SELECT 1 FROM hostel_residents r "
                                "WHERE r.institution_id = s.institution_id AND r.person_id = s.person_id) ORDER BY s.person_id LIMIT 4",
                 { inst }))
            candidates.push_back({ s.i64(0), s.str(1), std::nullopt, 2, "grant" });
    std::vector<std::pair<int64_t, int64_t>> settled;   // resident, representative
    int order = 1;
    for (auto& c : candidates) {
        auto rep = tx.query_one("SELECT min(representative_id) FROM representatives WHERE institution_id = ? AND student_id = ?", { inst, c.person });
        auto place = tx.query_one("SELECT p.id FROM hostel_places p JOIN hostel_rooms r ON r.institution_id = p.institution_id AND r.id = p.room_id "
                                  "WHERE p.institution_id = ? AND r.gender = ? AND p.out_of_use = 0 AND NOT EXISTS (SELECT 1 FROM hostel_residents x "
                                  "WHERE x.institution_id = p.institution_id AND x.place_id = p.id AND x.evicted_on IS NULL) ORDER BY p.id LIMIT 1",
            { inst, c.gender });
        if (!place || !rep || rep->is_null(0))
            continue;
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO hostel_residents (institution_id, id, person_id, academic_year, application_id, place_id, basis, priority_group, settled_on, "
                "settlement_order_number, settlement_order_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, id, c.person, year, db::nullable(c.application), place->i64(0), c.basis, c.group, settled_on, std::to_string(order++) + "-ж", settled_on, d.head, now });
        if (c.application)
            tx.exec("UPDATE hostel_applications SET status = 'settled' WHERE institution_id = ? AND id = ?", { inst, *c.application });
        audit::record(tx, clock, { inst, actor, "hostel_resident.settle", "hostel_resident", id, nullptr, boost::json::object { { "person_id", c.person } } });
        settled.emplace_back(id, rep->i64(0));
    }
    if (settled.empty())
        return;
    // The first resident's certificate, signed by the parent; the second's waits for the signature.
    const char* items = R"([{"name":"Кереует","quantity":1,"condition":"жақсы"},{"name":"Матрац","quantity":1,"condition":"жақсы"},)"
                        R"({"name":"Көрпе","quantity":1,"condition":"жаңа"},{"name":"Тумбочка","quantity":1,"condition":"жақсы"}])";
    for (size_t i = 0; i < settled.size() && i < 2; ++i) {
        tx.exec("INSERT INTO hostel_certificates (institution_id, resident_id, items, issued_at, issued_by, signed_by_representative, signed_at, signed_how) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, settled[i].first, items, now, d.head, i == 0 ? db::Value(settled[i].second) : db::Value(), i == 0 ? db::Value(now) : db::Value(),
                i == 0 ? db::Value("app") : db::Value() });
    }
    // A weekend leave applied for ahead (HST-LV-1), and a visit of the mother (HST-VIS-1).
    auto leave_on = residence::add_days(today, 3).iso();
    tx.exec("INSERT INTO hostel_leaves (institution_id, id, resident_id, reason, leave_on, return_on, accompanying_name, accompanying_document, applied_by, applied_at, state) "
            "VALUES (?, ?, ?, 'weekend', ?, ?, 'Серікова Гүлнар', '045678123', ?, ?, 'applied')",
        { inst, tx.next_id(), settled[0].first, leave_on, residence::add_days(today, 5).iso(), settled[0].second, now });
    tx.exec("INSERT INTO hostel_visits (institution_id, id, resident_id, visitor_name, relation, document, arrived_at, left_at, recorded_by) "
            "VALUES (?, ?, ?, 'Серікова Гүлнар', 'mother', '045678123', ?, ?, ?)",
        { inst, tx.next_id(), settled[0].first, now - 6 * 24 * 3600 * 1000LL, now - 6 * 24 * 3600 * 1000LL + 3600 * 1000LL, d.head });
    // Two violations of the last resident this year: two reprimands (HST-VIOL-2).
    auto [resident, rep] = settled.back();
    auto person = tx.query_one("SELECT person_id FROM hostel_residents WHERE institution_id = ? AND id = ?", { inst, resident })->i64(0);
    const char* what[] = { "Жарық сөндірілгеннен кейін (22:00) бөлмеде музыка тыңдады.", "Түнгі 21:30-дан кейін телефонды тапсырмады." };
    for (int i = 0; i < 2; ++i) {
        auto on = residence::add_days(today, -20 + i * 10);
        if (academic_year_of(on) != year)
            on = today;
        tx.exec("INSERT INTO hostel_violations (institution_id, id, resident_id, person_id, academic_year, occurred_at, description, nature, severity, circumstances, "
                "behaviour, ordinal, measure, representative_notified_at, familiarised_at, familiarised_how, recorded_by, recorded_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'Күн тәртібін бұзу', 'minor', 'Кешкі уақыт', 'Кешірім сұрады', ?, 'reprimand', ?, ?, ?, ?, ?)",
            { inst, tx.next_id(), resident, person, year, residence::almaty_day_start(on) + 22 * 3600 * 1000LL, what[i], int64_t(i + 1), now,
                i == 0 ? db::Value(now) : db::Value(), i == 0 ? db::Value("app") : db::Value(), d.head, now });
    }
    (void)rep;
}

}
