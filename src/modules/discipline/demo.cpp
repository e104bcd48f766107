// The demo institution's discipline, so that `make run` shows the module working.
#include "i18n/catalog.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/discipline/case_store.hpp"
#include "modules/discipline/discipline.hpp"
#include "modules/discipline/incident_store.hpp"
#include <chrono>

namespace kenes::discipline {

void seed_demo(db::Tx& tx, const Clock& clock, const audit::Actor& system, const Catalog& catalog, const DemoPeople& d)
{
    auto day = [&](int days_ago) { return almaty::local_date(clock.now() - int64_t(days_ago) * 24 * 3600 * 1000).iso(); };
    auto incident = [&](const char* kind, int days_ago, int64_t student, const char* place, const char* what) {
        // A failure here is a bug of the demo: value() throws and the demo is not created.
        return store::insert_incident(tx, clock, system, d.institution_id, { kind, day(days_ago), "10:40", place, what, "staff", d.reporter, { student } }).value();
    };
    // A classmate's littering, repeated within the window: the second is major (DISC-ESC-1).
    incident("littering", 20, d.classmate, "Дәліз, 2-қабат", "Үзілісте қоқысты еденге тастады.");
    incident("littering", 5, d.classmate, "Асхана", "Тамақтан кейін қоқысты үстелде қалдырды.");
    incident("lateness", 12, d.student, "204 кабинет", "Бірінші сабаққа 15 минут кешікті.");
    int64_t quarrel = incident("misbehaviour", 1, d.student, "Спорт залы", "Үзіліс кезінде сыныптасымен жанжалдасты.");
    // Phones: the classmate's second withdrawal goes back only to a parent (DISC-DEV-1).
    for (int ago : { 9, 2 }) {
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO device_withdrawals (institution_id, id, person_id, withdrawn_on, lesson, withdrawn_by, only_to_representative, returned_on, returned_to) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { d.institution_id, id, d.classmate, day(ago), ago == 9 ? "Математика, 2-сабақ" : "Физика, 4-сабақ", d.reporter, int64_t(ago == 2),
                ago == 9 ? db::Value(day(ago)) : db::Value(), ago == 9 ? db::Value(d.classmate) : db::Value() });
    }
    // A case about the demo student on the committee's next session: her father was told and is
    // asked for her explanation (DISC-CASE-2).
    int64_t case_id = store::open_case(tx, clock, system, d.institution_id,
        { d.student, d.committee, "complaint", "", "Үзіліс кезінде сыныптасымен жанжал, сынып жетекшісінің хабарламасы бойынша.", d.reporter, std::nullopt, { quarrel }, {}, false })
                          .value();
    auto c = store::load_case(tx, d.institution_id, case_id);
    auto item = bodies::put_on_agenda(tx, clock, system, d.institution_id,
        { d.meeting, d.committee, "discipline_case", catalog.format(Lang::Kk, "discipline.case.item_title", { { "number", c->label() } }),
            catalog.format(Lang::Kk, "discipline.case.item_motion", { { "number", c->label() } }), {} });
    if (item)
        tx.exec("UPDATE discipline_cases SET agenda_item_id = ? WHERE institution_id = ? AND id = ?", { *item, d.institution_id, case_id });
    // A penalty of a paper order issued before the school used Kenes, still in force (DISC-PEN-6).
    tx.exec("INSERT INTO penalties (institution_id, id, person_id, order_number, imposed_on, reason, created_at) VALUES (?, ?, ?, '112-ө', ?, ?, ?)",
        { d.institution_id, tx.next_id(), d.classmate, day(60), "Сабақтан себепсіз қалу", clock.now() });
}

}
