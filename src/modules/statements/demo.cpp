// The demo's statements: one answered, one in progress filed by the father for his daughter, a
// paper statement received a month ago and overdue, one forwarded; a complaint to the ombudsman
// (a classmate in the Ombudsman position of the Student Government); this month's reception with a
// booking.
#include "modules/people/people.hpp"
#include "modules/statements/rules.hpp"
#include "modules/statements/statements.hpp"
#include "modules/statements/store.hpp"

namespace kenes::statements {

void seed_demo(db::Tx& tx, const Clock& clock, const DemoPeople& d)
{
    int64_t inst = d.institution_id;
    const int64_t day_ms = 24 * 3600 * 1000LL;
    auto term = store::answer_term(tx, inst);
    auto staff_name = people::name_of(tx, inst, d.staff);
    auto statement = [&](int days_ago, const char* topic, const char* about, const char* arguments, int64_t filer, const char* channel, const char* state) {
        auto at = clock.now() - days_ago * day_ms;
        auto on = almaty::local_date(at);
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO statements (institution_id, id, year, number, topic, about, arguments, filer_person_id, student_id, channel, received_at, received_on, "
                "received_by, received_by_name, state, due_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, id, int64_t(on.year), store::next_number(tx, "statements", inst, on.year), topic, about, arguments, filer, d.student, channel, at, on.iso(),
                std::string(channel) == "paper" ? db::Value(d.staff) : db::Value(), std::string(channel) == "paper" ? staff_name : std::string("Kenes"), state,
                due_date(on, term.days, term.working).iso() });
        auto event = [&](const char* s, int64_t when, const std::string& note) {
            tx.exec("INSERT INTO statement_events (institution_id, id, statement_id, state, note, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                { inst, tx.next_id(), id, s, note, staff_name, when });
        };
        event("registered", at, "");
        if (std::string(state) != "registered" && std::string(state) != "forwarded") {
            tx.exec("UPDATE statements SET assignee_person_id = ? WHERE institution_id = ? AND id = ?", { d.staff, inst, id });
            event("assigned", at + 3600 * 1000, staff_name);
        }
        return id;
    };
    int64_t answered = statement(12, "canteen", "Асхана", "Дүйсенбі сайын түскі ас суық беріледі, бұл туралы асхана меңгерушісіне ауызша айтқанбыз, өзгеріс болмады.",
        d.student, "online", "answered");
    tx.exec("UPDATE statements SET answer = ?, answered_at = ?, answered_by_name = ? WHERE institution_id = ? AND id = ?",
        { "Асхана меңгерушісімен сөйлестік: ас 12:30-да дайындалып, бірден беріледі. Дүйсенбіде кезекші тексереді.", clock.now() - 5 * day_ms, staff_name, inst, answered });
    tx.exec("INSERT INTO statement_events (institution_id, id, statement_id, state, note, by_name, at) VALUES (?, ?, ?, 'answered', '', ?, ?)",
        { inst, tx.next_id(), answered, staff_name, clock.now() - 5 * day_ms });
    statement(3, "library", "Кітапхана", "Кітапхана 17:00-де жабылады, екінші ауысымдағы студенттер кітап ала алмайды. Жұмыс уақытын 19:00-ге дейін ұзартуды сұраймын.",
        d.parent, "online", "in_progress");
    statement(40, "safety", "Спорт залы", "Спорт залындағы баскетбол себетінің тіреуі сынған, құлап кетуі мүмкін. Жөндеуді сұраймыз.", d.parent, "paper", "registered");
    int64_t fwd = statement(8, "medical", "Емхана", "Медициналық тексеруді колледжде өткізуді сұраймын, емханада кезек ұзақ.", d.student, "online", "forwarded");
    tx.exec("UPDATE statements SET forwarded_to = ?, forward_reason = ? WHERE institution_id = ? AND id = ?",
        { "Қалалық емхана №3", "Медициналық тексеруді ұйымдастыру емхананың құзыретінде.", inst, fwd });
    tx.exec("INSERT INTO statement_events (institution_id, id, statement_id, state, note, by_name, at) VALUES (?, ?, ?, 'forwarded', ?, ?, ?)",
        { inst, tx.next_id(), fwd, "Қалалық емхана №3", staff_name, clock.now() - 6 * day_ms });

    // APL-4: the classmate holds the Ombudsman position; a complaint from the demo student.
    auto today = almaty::local_date(clock.now());
    tx.exec("INSERT INTO memberships (institution_id, id, body_id, person_id, position, voting, starts_on, accepted_at) VALUES (?, ?, ?, ?, 'ombudsman', 1, ?, ?)",
        { inst, tx.next_id(), d.government, d.classmate, today.iso(), clock.now() });
    tx.exec("INSERT INTO ombudsman_complaints (institution_id, id, year, number, complainant_person_id, filed_by_person_id, about, text, state, filed_at) "
            "VALUES (?, ?, ?, 1, ?, ?, ?, ?, 'received', ?)",
        { inst, tx.next_id(), int64_t(today.year), d.student, d.student, "Жатақхана кезекшісі",
            "Кезекші кешкі 21:00-ден кейін оқу залына кіргізбейді, ережеде 22:00 деп жазылған.", clock.now() - day_ms });

    // APL-3: reception this month (one earlier today, one ahead, booked by the father) and next month.
    auto slot = [&](int64_t at_ms, const char* time, std::optional<int64_t> booker) {
        auto on = almaty::local_date(at_ms).iso();
        tx.exec("INSERT INTO reception_slots (institution_id, id, starts_at, on_date, minutes, place, receiver_person_id, published_at, booked_by_person_id, "
                "booked_for_student_id, booking_topic, booked_at) VALUES (?, ?, ?, ?, 20, ?, ?, ?, ?, ?, ?, ?)",
            { inst, tx.next_id(), on + "T" + time, on, "Директор кабинеті, 101", d.staff, clock.now(), booker ? db::Value(*booker) : db::Value(),
                booker ? db::Value(d.student) : db::Value(), booker ? db::Value("Жатақхана туралы") : db::Value(), booker ? db::Value(clock.now()) : db::Value() });
    };
    slot(clock.now(), "08:00", std::nullopt);
    slot(clock.now() + 2 * day_ms, "15:00", d.parent);
    slot(clock.now() + 2 * day_ms, "15:20", std::nullopt);
    slot(clock.now() + 30 * day_ms, "15:00", std::nullopt);
}

}
