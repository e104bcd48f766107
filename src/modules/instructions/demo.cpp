// The demo institution's instructions (ORG-11) and an annulled decision (MTG-8): a Small Assembly
// with its Council and Secretariat headed by the head of the Youth Center ("staff"); a session of
// the Council a week ago with two adopted decisions; three instructions from them: one done, one in
// progress, one overdue. The Student Government's General Meeting annulled one of its decisions.
#include "core/clock.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/instructions/instructions.hpp"
#include "modules/instructions/rules.hpp"

namespace kenes::instructions {

namespace {

constexpr int64_t day_millis = 24 * 3600 * 1000LL;

int64_t child(db::Tx& tx, int64_t inst, int64_t parent, const char* template_id)
{
    return tx.query_one("SELECT id FROM bodies WHERE institution_id = ? AND parent_id = ? AND template = ? ORDER BY id LIMIT 1", { inst, parent, template_id })->i64(0);
}

// A closed session held `days_ago` with one adopted item per title; returns the items' ids.
std::vector<int64_t> session(db::Tx& tx, const Clock& clock, int64_t inst, int64_t body, int64_t convener, int64_t days_ago,
    const std::vector<std::pair<std::string, std::string>>& items)
{
    auto held = almaty::local_date(clock.now() - days_ago * day_millis);
    int64_t number = tx.query_one("SELECT count(*) FROM meetings WHERE institution_id = ? AND body_id = ? AND academic_year = ?", { inst, body, academic_year_of(held) })->i64(0) + 1;
    int64_t meeting = tx.next_id();
    tx.exec("INSERT INTO meetings (institution_id, id, body_id, number, academic_year, held_on, place, convened_by, status, created_at, starts_at) "
            "VALUES (?, ?, ?, ?, ?, ?, '305', ?, 'closed', ?, '15:00')",
        { inst, meeting, body, number, academic_year_of(held), held.iso(), convener, clock.now() - (days_ago + 3) * day_millis });
    int64_t present = 0;
    // One attendance row per person seated on the day: a person may hold two seats of the body
    // (a demo with few students seats the same student twice).
    for (auto& m : tx.query("SELECT person_id, max(voting) FROM memberships WHERE institution_id = ? AND body_id = ? "
                            "AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?) GROUP BY person_id",
             { inst, body, held.iso(), held.iso() })) {
        tx.exec("INSERT INTO attendance (institution_id, meeting_id, person_id, present) VALUES (?, ?, ?, 1)", { inst, meeting, m.i64(0) });
        present += m.flag(1);
    }
    std::vector<int64_t> out;
    int64_t position = 0;
    for (auto& [title, motion] : items) {
        int64_t item = tx.next_id();
        tx.exec("INSERT INTO agenda_items (institution_id, id, meeting_id, position, kind, title, motion, secret, vote_status, outcome, yes_votes, no_votes, abstentions) "
                "VALUES (?, ?, ?, ?, 'other', ?, ?, 0, 'closed', 'adopted', ?, 0, 0)",
            { inst, item, meeting, ++position, title, motion, present });   // every member present voted yes
        out.push_back(item);
    }
    bodies::draft_protocol(tx, clock, inst, meeting);
    return out;
}

struct Step {
    Status status;
    int64_t days_ago;
    std::string note;
};

void instruction(db::Tx& tx, const Clock& clock, int64_t inst, int64_t council, int64_t secretariat, int64_t item, int64_t issuer, int64_t assignee,
    const std::string& text, int64_t deadline_in_days, int64_t issued_days_ago, const std::vector<Step>& steps)
{
    int64_t id = tx.next_id();
    Status last = steps.empty() ? Status::Issued : steps.back().status;
    tx.exec("INSERT INTO instructions (institution_id, id, body_id, secretariat_id, source, agenda_item_id, issued_by, text, assignee_id, deadline, status, created_at) "
            "VALUES (?, ?, ?, ?, 'council_decision', ?, ?, ?, ?, ?, ?, ?)",
        { inst, id, council, secretariat, item, issuer, text, assignee, almaty::local_date(clock.now() + deadline_in_days * day_millis).iso(),
            std::string(status_name(last)), clock.now() - issued_days_ago * day_millis });
    int64_t seq = 0;
    tx.exec("INSERT INTO instruction_events (institution_id, instruction_id, seq, status, note, person_id, at) VALUES (?, ?, ?, 'issued', '', ?, ?)",
        { inst, id, ++seq, issuer, clock.now() - issued_days_ago * day_millis });
    for (auto& s : steps)
        tx.exec("INSERT INTO instruction_events (institution_id, instruction_id, seq, status, note, person_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            { inst, id, ++seq, std::string(status_name(s.status)), s.note, assignee, clock.now() - s.days_ago * day_millis });
}

}

void seed_demo(db::Tx& tx, const Clock& clock, const audit::Actor& actor, const Catalog& catalog, const DemoPeople& d)
{
    int64_t inst = d.institution_id;
    // Seated since the start of the term, before the sessions below (counted on their dates).
    std::string since = almaty::local_date(clock.now() - 60 * day_millis).iso();
    auto seat = [&](int64_t body, int64_t person, const char* position) {
        tx.exec("INSERT INTO memberships (institution_id, id, body_id, person_id, position, voting, starts_on, accepted_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
            { inst, tx.next_id(), body, person, position, since, clock.now() });
    };
    // ORG-2, ORG-3: the Small Assembly with its Council and Secretariat; the head of the Youth
    // Center is its Vice-President and heads the Secretariat.
    int64_t assembly = bodies::create_body(tx, clock, actor, inst, catalog, "small_assembly", std::nullopt, std::nullopt);
    int64_t council = child(tx, inst, assembly, "council");
    int64_t secretariat = child(tx, inst, assembly, "secretariat");
    seat(assembly, d.president, "chair");
    seat(assembly, d.youth_center_head, "vice_chair");
    seat(council, d.council_chair, "chair");
    seat(council, d.president, "member");
    for (auto s : d.council_students)
        seat(council, s, "member");
    seat(secretariat, d.youth_center_head, "head_of_secretariat");
    for (auto s : d.secretariat_students)
        seat(secretariat, s, "member");
    int64_t clerk = d.secretariat_students.empty() ? d.youth_center_head : d.secretariat_students.front();
    auto items = session(tx, clock, inst, council, d.council_chair, 12,
        { { "Наурыз мерекесіне дайындық", "Хатшылыққа мерекелік іс-шараның жоспарын дайындау тапсырылсын." },
            { "Жатақханадағы оқу бөлмесі", "Хатшылық оқу бөлмесінің кестесін әкімшілікпен келіссін." } });
    // ORG-11: done, in progress, overdue.
    instruction(tx, clock, inst, council, secretariat, items[0], d.council_chair, d.youth_center_head, "Наурыз мерекесіне арналған іс-шараның жоспарын дайындап, Кеңеске ұсыну.",
        -2, 11, { { Status::InProgress, 10, "Жоспардың жобасы жасалуда." }, { Status::Done, 4, "Жоспар Кеңеске ұсынылды." } });
    instruction(tx, clock, inst, council, secretariat, items[1], d.council_chair, clerk, "Оқу бөлмесінің кестесін әкімшілікпен келісу.", 9, 11,
        { { Status::InProgress, 6, "Әкімшілікке хат жіберілді." } });
    instruction(tx, clock, inst, council, secretariat, items[0], d.council_chair, d.youth_center_head, "Мерекеге еріктілер тізімін жасау.", -3, 11, {});
    // MTG-8: the General Meeting annulled a decision of the Student Government's executive.
    int64_t gm = child(tx, inst, d.government, "general_meeting");
    // The President has held the seat since the term began (the session below is counted on its date).
    tx.exec("UPDATE memberships SET starts_on = ? WHERE institution_id = ? AND body_id = ? AND person_id = ?", { since, inst, d.government, d.president });
    seat(gm, d.president, "chair");
    for (auto s : d.council_students)
        seat(gm, s, "member");
    auto executive = session(tx, clock, inst, d.government, d.president, 20, { { "Спорт залының жұмыс уақыты", "Спорт залы сенбі күні жабық болсын." } });
    auto supreme = session(tx, clock, inst, gm, d.president, 8, { { "Атқарушы органның шешімін жою", "Спорт залының сенбі күні жабылуы туралы шешімнің күші жойылсын." } });
    tx.exec("INSERT INTO decision_annulments (institution_id, item_id, by_item_id, recorded_at) VALUES (?, ?, ?, ?)", { inst, executive[0], supreme[0], clock.now() - 8 * day_millis });
}

}
