// The demo institution's awards, so that `make run` shows the module at every step.
#include "modules/awards/awards.hpp"
#include "modules/awards/store.hpp"
#include <boost/json/object.hpp>

namespace kenes::awards {

void seed_demo(db::Tx& tx, const Clock& clock, const audit::Actor& actor, const Catalog& catalog, const DemoPeople& d)
{
    int64_t inst = d.institution_id;
    std::string today = almaty::local_date(clock.now()).iso();
    std::string year = academic_year_of(almaty::local_date(clock.now()));
    // Two Shanyraks: the one the demo already has and a second.
    auto first = tx.query_one("SELECT id FROM shanyraks WHERE institution_id = ? ORDER BY id LIMIT 1", { inst });
    int64_t a = first ? first->i64(0) : tx.next_id();
    if (!first)
        tx.exec("INSERT INTO shanyraks (institution_id, id, name) VALUES (?, ?, ?)", { inst, a, "Шаңырақ «Болашақ»" });
    int64_t b = tx.next_id();
    tx.exec("INSERT INTO shanyraks (institution_id, id, name) VALUES (?, ?, ?)", { inst, b, "Шаңырақ «Жұлдыз»" });
    auto join = [&](int64_t person, int64_t shanyrak) {
        tx.exec("INSERT INTO shanyrak_members (institution_id, person_id, shanyrak_id) VALUES (?, ?, ?)", { inst, person, shanyrak });
    };
    join(d.shanyrak_leader, a);
    join(d.nominees[0], a);
    join(d.nominees[1], a);
    join(d.nominees[2], b);
    // Nominations discussed at the Shanyrak meetings and the pedagogical meeting (AWD-3, AWD-4).
    auto nominate = [&](const char* contest, std::optional<int64_t> student, std::optional<int64_t> shanyrak, int64_t by, const char* motivation,
                        bool pedagogical_supports) {
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO award_nominations (institution_id, id, academic_year, contest, student_id, shanyrak_id, commission_body_id, proposed_by_shanyrak_id, "
                "motivation, status, presented_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'presented', ?, ?)",
            { inst, id, year, contest, db::nullable(student), db::nullable(shanyrak), d.commission, by, motivation, today, clock.now() });
        auto discuss = [&](const char* forum, std::optional<int64_t> at, bool supported, const char* decision) {
            tx.exec("INSERT INTO award_discussions (institution_id, id, nomination_id, forum, shanyrak_id, held_on, supported, decision, recorded_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                { inst, tx.next_id(), id, forum, db::nullable(at), today, supported ? 1 : 0, decision, clock.now() });
        };
        discuss("shanyrak_meeting", by, true, "Шаңырақ жиналысы бірауыздан қолдады.");
        discuss("pedagogical_meeting", std::nullopt, pedagogical_supports, pedagogical_supports ? "Педагогикалық кеңес қолдады." : "Педагогикалық кеңес қолдамады.");
        if (!pedagogical_supports)
            discuss("shanyrak_union", std::nullopt, true, "Шаңырақ одақтары келіспеушілікті шешті: кандидатура қолдау тапты.");
        return id;
    };
    nominate("student_of_year", d.nominees[0], std::nullopt, a, "Республикалық олимпиада жеңімпазы, Студенттік үкімет президенті.", true);
    nominate("student_of_year", d.nominees[1], std::nullopt, a, "Оқу озаты, ерікті жобалардың ұйымдастырушысы.", true);
    nominate("student_of_year", d.nominees[2], std::nullopt, b, "Спорттан облыс чемпионы, үздік оқушы.", true);
    nominate("shanyrak_of_year", std::nullopt, a, a, "Жыл бойы қайырымдылық акцияларын өткізді.", true);
    nominate("shanyrak_of_year", std::nullopt, b, b, "Колледж спартакиадасының жеңімпазы.", false);
    // The commission scores "Student of the year"; the members related to a nominee are recused.
    store::Env env { tx, clock, actor, catalog, Lang::Kk, inst };
    auto session = store::open_session(env, d.commission, d.meeting, "student_of_year");
    if (!session.ok())
        return;
    auto nominations = tx.query("SELECT id FROM award_nominations WHERE institution_id = ? AND contest = 'student_of_year' ORDER BY id", { inst });
    int base[3] = { 9, 8, 7 };
    for (size_t m = 0; m < d.members.size(); ++m) {
        std::vector<std::pair<int64_t, int>> scores;
        for (size_t n = 0; n < nominations.size(); ++n) {
            int64_t nid = nominations[n].i64(0);
            if (tx.query_one("SELECT 1 FROM award_recusals WHERE institution_id = ? AND session_id = ? AND person_id = ? AND nomination_id = ?",
                    { inst, *session, d.members[m], nid }))
                continue;
            scores.push_back({ nid, base[n] + int(m % 2) });
        }
        (void)store::put_scores(env, *session, d.members[m], scores);
    }
    if (!store::close_session(env, *session).ok())
        return;
    // AWD-5: the principal's order on the first place, published on the website.
    store::AwardDraft award { "student_of_year", "student", d.nominees[0], std::nullopt, std::nullopt, std::nullopt, {},
        "Оқудағы жоғары нәтижелері мен колледж өміріне белсенді қатысқаны үшін.", nominations[0].i64(0), today, true };
    (void)store::issue_award(env, award);
}

}
