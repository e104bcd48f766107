// The residents' register (HST-REG-1, appendix 6): settlement by the head on the principal's order,
// the acceptance certificate for the property (appendix 8) and damage, relocation between rooms,
// the daily routine (HST-DAY-1) and the list of residents staying over short holidays (HST-LV-2).
#include "core/json_fields.hpp"
#include "docs/pdf.hpp"
#include "i18n/dates.hpp"
#include "modules/hostel/orders.hpp"
#include "modules/hostel/appendix_columns.hpp"
#include "modules/hostel/policy.hpp"
#include "modules/hostel/residence_api.hpp"
#include "modules/hostel/residence_notices.hpp"
#include "modules/hostel/residence_rules.hpp"
#include "modules/hostel/residence_store.hpp"
#include "modules/hostel/routes.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/serialize.hpp>

namespace kenes::hostel {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

const char* routine_keys[] = { "opens", "closes", "gadgets_off", "lights_out" };

object routine_json(db::Tx& tx, int64_t inst)
{
    auto r = tx.query_one("SELECT hostel_opens, hostel_closes, hostel_gadgets_off, hostel_lights_out FROM institutions WHERE id = ?", { inst });
    object out;
    for (size_t i = 0; i < 4; ++i)
        out[routine_keys[i]] = r->str(i);
    return out;
}

Result<Response> get_routine(Context& ctx)
{
    return Response::ok(ctx.db().read([&](db::Tx& tx) { return routine_json(tx, ctx.institution_id()); }));
}

// HST-DAY-1: the head sets the times; each HH:MM, in the order of the day.
Result<Response> put_routine(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    std::string t[4];
    for (size_t i = 0; i < 4; ++i) {
        auto v = in.text(routine_keys[i], Presence::Required, 5);
        if (v && !residence::valid_hhmm(*v))
            in.add_error(routine_keys[i], "invalid");
        t[i] = v.value_or("");
    }
    TRY(in.finish());
    if (!residence::routine_in_order(t[0], t[1], t[2], t[3]))
        return Error::rule_refusal("HST-DAY-1", "hostel.routine.out_of_order", {}, "closes");
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto before = routine_json(tx, ctx.institution_id());
        tx.exec("UPDATE institutions SET hostel_opens = ?, hostel_closes = ?, hostel_gadgets_off = ?, hostel_lights_out = ? WHERE id = ?",
            { t[0], t[1], t[2], t[3], ctx.institution_id() });
        auto after = routine_json(tx, ctx.institution_id());
        modules::audit_change(ctx, tx, "hostel.routine", "institution", ctx.institution_id(), before, after);
        return Response::ok(after);
    });
}

// Free places for the settlement and relocation pickers, optionally of one gender.
Result<Response> free_places(Context& ctx)
{
    auto gender = ctx.query_param("gender");
    if (gender && *gender != "female" && *gender != "male")
        return Error::field("gender", "invalid");
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        std::string sql = "SELECT p.id, p.label, r.id, r.number, r.floor, r.gender, h.id, h.name FROM hostel_places p "
                          "JOIN hostel_rooms r ON r.institution_id = p.institution_id AND r.id = p.room_id "
                          "JOIN hostels h ON h.institution_id = r.institution_id AND h.id = r.hostel_id "
                          "WHERE p.institution_id = ? AND p.out_of_use = 0 AND NOT EXISTS (SELECT 1 FROM hostel_residents x WHERE x.institution_id = p.institution_id "
                          "AND x.place_id = p.id AND x.evicted_on IS NULL)";
        std::vector<db::Value> params { ctx.institution_id() };
        if (gender) {
            sql += " AND r.gender = ?";
            params.push_back(*gender);
        }
        sql += " ORDER BY h.id, r.floor, r.number, p.label, p.id LIMIT 2000";
        array items;
        for (auto& r : tx.query(sql, params))
            items.push_back(object { { "place_id", r.i64(0) }, { "label", r.str(1) }, { "room_id", r.i64(2) }, { "room_number", r.str(3) }, { "floor", r.i64(4) },
                { "gender", r.str(5) }, { "hostel_id", r.i64(6) }, { "hostel_name", r.str(7) } });
        return Response::ok(object { { "items", items } });
    });
}

}

namespace detail {
Result<std::pair<std::optional<int64_t>, std::string>> order_for(db::Tx& tx, const Context& ctx, const std::optional<std::string>& typed, orders::Draft draft,
    const char* field)
{
    if (typed)
        return std::pair<std::optional<int64_t>, std::string> { std::nullopt, *typed };
    auto issued = orders::issue(tx, ctx, std::move(draft));
    if (issued.number.empty())
        return Error::field(field, "required");
    return std::pair<std::optional<int64_t>, std::string> { issued.id, issued.number };
}

Result<OrderFields> read_order_fields(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto issued_on = in.date("issued_on", Presence::Required);
    auto number = in.text("order_number", Presence::Optional, 40, Lines::Single, 1);
    if (issued_on && issued_on->iso() > modules::today(ctx))
        in.add_error("issued_on", "in_future");
    TRY(in.finish());
    return OrderFields { *issued_on, number };
}
}

namespace {

// HST-REG-1: settlement by the head on the principal's order.
Result<Response> settle(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto person = in.integer("person_id", Presence::Required, 1, INT64_MAX);
    auto place_id = in.integer("place_id", Presence::Required, 1, INT64_MAX);
    auto basis = in.one_of("basis", Presence::Optional, { "grant", "paid" });
    auto application = in.integer("application_id", Presence::Optional, 1, INT64_MAX);
    auto group = in.integer("priority_group", Presence::Optional, 1, 5);
    auto settled_on = in.date("settled_on", Presence::Required);
    auto order_number = in.text("settlement_order_number", Presence::Optional, 40, Lines::Single, 1);
    auto order_date = in.date("settlement_order_date", Presence::Required);
    if (!application && !group && !in.has("priority_group"))
        in.add_error("priority_group", "required");
    if (!application && !basis && !in.has("basis"))
        in.add_error("basis", "required");
    if (settled_on && order_date && *settled_on < *order_date)
        in.add_error("settled_on", "before_from");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto year = academic_year_of(*settled_on);
    int64_t id = TRY(ctx.db().write([&](db::Tx& tx) -> Result<int64_t> {
        auto s = tx.query_one("SELECT s.grade, p.gender, p.surname, p.name, p.patronymic FROM students s JOIN persons p ON p.institution_id = s.institution_id "
                              "AND p.id = s.person_id WHERE s.institution_id = ? AND s.person_id = ?",
            { inst, *person });
        if (!s)
            return Error::field("person_id", "not_student");
        if (s->is_null(0) || !residence::hostel_grade(int(s->i64(0))))
            return Error::rule_refusal("HST-REG-1", "hostel.resident.refused_grade", {}, "person_id");
        if (store::active_resident(tx, inst, *person))
            return Error::field("person_id", "taken");
        auto place = store::place(tx, inst, *place_id);
        if (!place)
            return Error::field("place_id", "not_found");
        if (place->out_of_use || store::place_taken(tx, inst, *place_id))
            return Error::field("place_id", "taken");
        if (s->is_null(1) || s->str(1) != place->gender)
            return Error::rule_refusal("HST-REG-1", "hostel.resident.refused_gender", {}, "place_id");
        // HST-EV-2: evicted without the right to re-settle, or re-settlement only the next year.
        std::vector<residence::PastEviction> past;
        for (auto& e : tx.query("SELECT e.reason, r.academic_year FROM hostel_evictions e JOIN hostel_residents r ON r.institution_id = e.institution_id "
                                "AND r.id = e.resident_id WHERE e.institution_id = ? AND e.person_id = ? AND e.state <> 'withdrawn'",
                 { inst, *person }))
            past.push_back({ e.str(0), e.str(1) });
        auto bar = residence::settlement_bar(past, year);
        if (bar == residence::SettleBar::NeverAgain)
            return Error::rule_refusal("HST-EV-2", "hostel.resident.refused_never", {}, "person_id");
        if (bar == residence::SettleBar::NotThisYear)
            return Error::rule_refusal("HST-EV-2", "hostel.resident.refused_this_year", {}, "person_id");
        std::string the_basis = basis.value_or("grant");
        int64_t the_group = group.value_or(0);
        if (application) {
            auto a = tx.query_one("SELECT a.student_id, a.status, a.priority_group, c.academic_year FROM hostel_applications a JOIN hostel_campaigns c "
                                  "ON c.institution_id = a.institution_id AND c.id = a.campaign_id WHERE a.institution_id = ? AND a.id = ?",
                { inst, *application });
            if (!a || a->i64(0) != *person)
                return Error::field("application_id", "not_found");
            auto status = a->str(1);
            if ((status != "allocated_grant" && status != "allocated_paid") || a->str(3) != year)
                return Error::rule_refusal("HST-REG-1", "hostel.resident.refused_not_allocated", {}, "application_id");
            the_basis = status == "allocated_paid" ? "paid" : "grant";
            the_group = a->i64(2);
            tx.exec("UPDATE hostel_applications SET status = 'settled' WHERE institution_id = ? AND id = ?", { inst, *application });
            modules::audit_change(ctx, tx, "hostel_application.settled", "hostel_application", *application, object { { "status", status } },
                object { { "status", "settled" } });
        }
        auto name = people::full_name(s->str(2), s->str(3), s->opt_str(4));
        auto order = TRY(detail::order_for(tx, ctx, order_number,
            { orders::Kind::Settlement, *person, std::nullopt, order_date->iso(),
                object { { "academic_year", year },
                    { "students", array { object { { "person_id", *person }, { "name", name }, { "grade", s->i64(0) }, { "priority_group", the_group }, { "line", "settle" },
                                      { "room", place->room_number }, { "place", place->label } } } } } },
            "settlement_order_number"));
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO hostel_residents (institution_id, id, person_id, academic_year, application_id, place_id, basis, priority_group, settled_on, "
                "settlement_order_number, settlement_order_date, recorded_by, recorded_at, settlement_order_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, id, *person, year, db::nullable(application), *place_id, the_basis, the_group, settled_on->iso(), order.second, order_date->iso(),
                db::nullable(ctx.user().person_id), ctx.clock().now(), db::nullable(order.first) });
        modules::audit_change(ctx, tx, "hostel_resident.settle", "hostel_resident", id, nullptr,
            object { { "person_id", *person }, { "place_id", *place_id }, { "basis", the_basis }, { "priority_group", the_group }, { "order", order.second } });
        return id;
    }));
    return Response::created(*ctx.db().read([&](db::Tx& tx) { return store::resident_json(tx, inst, id, store::Detail::Full); }));
}

// The register (appendix 6), newest first; ?current=1 only those living now, ?q= by name.
Result<std::vector<int64_t>> register_ids(Context& ctx, db::Tx& tx, int64_t limit, int64_t offset)
{
    std::string sql = "SELECT r.id FROM hostel_residents r JOIN persons p ON p.institution_id = r.institution_id AND p.id = r.person_id WHERE r.institution_id = ?";
    std::vector<db::Value> params { ctx.institution_id() };
    if (ctx.query_param("current").value_or("") == "1")
        sql += " AND r.evicted_on IS NULL";
    if (auto y = ctx.query_param("year")) {
        sql += " AND r.academic_year = ?";
        params.push_back(*y);
    }
    if (auto q = ctx.query_param("q"); q && !q->empty()) {
        sql += " AND p.search_key LIKE ? ESCAPE '\\'";
        params.push_back("%" + text::like_escape(text::search_fold(*q)) + "%");
    }
    sql += " ORDER BY r.settled_on DESC, r.id DESC LIMIT ? OFFSET ?";
    params.push_back(limit);
    params.push_back(offset);
    std::vector<int64_t> ids;
    for (auto& r : tx.query(sql, params))
        ids.push_back(r.i64(0));
    return ids;
}

Result<Response> list_register(Context& ctx)
{
    auto paging = TRY(ctx.paging(100, 500));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        // GEN-3: the register names minors and where they live.
        modules::audit_change(ctx, tx, "hostel_resident.list", "institution", ctx.institution_id(), nullptr, nullptr);
        array items;
        for (auto id : TRY(register_ids(ctx, tx, paging.limit, paging.offset)))
            items.push_back(*store::resident_json(tx, ctx.institution_id(), id, store::Detail::Line));
        return Response::ok(object { { "items", items }, { "limit", paging.limit }, { "offset", paging.offset } });
    });
}

std::string date_text(Lang lang, const boost::json::value& v)
{
    if (!v.is_string())
        return "";
    auto d = parse_iso_date(std::string(v.as_string()));
    return d ? i18n::long_date(lang, *d) : std::string(v.as_string());
}

// The register as PDF (appendix 6): settlement and eviction orders, numbers and dates.
Result<Response> register_pdf(Context& ctx)
{
    auto lang = TRY(modules::document_lang(ctx));
    auto& c = ctx.services.catalog;
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        modules::audit_change(ctx, tx, "hostel_resident.register_pdf", "institution", ctx.institution_id(), nullptr, nullptr);
        docs::PdfWriter pdf;
        pdf.number_pages();
        auto inst = tx.query_one("SELECT name FROM institutions WHERE id = ?", { ctx.institution_id() });
        pdf.small(inst ? inst->str(0) : "");
        pdf.title(c.format(lang, "hostel.resident.register_title"));
        // GEN-4, HST-REG-1: the columns of appendix 6 (the student with date of birth, residence,
        // gender and grade, the father and the mother, the orders settling and evicting), and the place.
        std::vector<std::vector<std::string>> rows { { "№", c.format(lang, "hostel.appendix.student"), c.format(lang, "hostel.appendix.residence"),
            c.format(lang, "hostel.appendix.representatives"), c.format(lang, "hostel.resident.col_place"), c.format(lang, "hostel.resident.col_settlement"),
            c.format(lang, "hostel.resident.col_eviction") } };
        int n = 0;
        for (auto id : TRY(register_ids(ctx, tx, 5000, 0))) {
            auto r = *store::resident_json(tx, ctx.institution_id(), id, store::Detail::Line);
            std::string settled = std::string(r.at("settlement_order_number").as_string()) + ", " + date_text(lang, r.at("settlement_order_date"));
            std::string evicted = r.at("eviction_order_number").is_string()
                ? std::string(r.at("eviction_order_number").as_string()) + ", " + date_text(lang, r.at("eviction_order_date"))
                : std::string();
            auto person = tx.query_one("SELECT person_id FROM hostel_residents WHERE institution_id = ? AND id = ?", { ctx.institution_id(), id });
            auto s = appendix::student_columns(tx, c, lang, ctx.institution_id(), person ? person->i64(0) : 0);
            rows.push_back({ std::to_string(++n), appendix::student_cell(std::string(r.at("student_name").as_string()), s), s.residence,
                appendix::representatives_cell(c, lang, s), std::string(r.at("place").as_string()), settled, evicted });
        }
        pdf.table(rows, { 0.05, 0.2, 0.16, 0.19, 0.12, 0.14, 0.14 }, true, 8); // seven columns: 8 pt keeps names whole
        return modules::pdf_response(pdf.finish(), "hostel-register", lang);
    });
}

// The student's and their children's residence (the family's view).
Result<Response> my_residence(Context& ctx)
{
    if (!ctx.user().person_id)
        return Response::ok(object { { "items", array {} }, { "routine", ctx.db().read([&](db::Tx& tx) { return routine_json(tx, ctx.institution_id()); }) } });
    int64_t me = *ctx.user().person_id;
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& r : tx.query("SELECT r.id FROM hostel_residents r WHERE r.institution_id = ? AND (r.person_id = ? OR r.person_id IN "
                                "(SELECT student_id FROM representatives WHERE institution_id = ? AND representative_id = ?)) ORDER BY r.id DESC LIMIT 20",
                 { ctx.institution_id(), me, ctx.institution_id(), me }))
            items.push_back(*store::resident_json(tx, ctx.institution_id(), r.i64(0), store::Detail::Full));
        if (!items.empty())
            modules::audit_change(ctx, tx, "hostel_resident.read", "person", me, nullptr, nullptr);
        return Response::ok(object { { "items", items }, { "routine", routine_json(tx, ctx.institution_id()) } });
    });
}

Result<Response> get_resident(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto out = store::resident_json(tx, ctx.institution_id(), id, store::Detail::Full);
        if (!out)
            return Error::not_found();
        // GEN-3: a minor's violations and evictions are in it.
        modules::audit_change(ctx, tx, "hostel_resident.read", "hostel_resident", id, nullptr, nullptr);
        (*out)["may_manage"] = authz::allows(policy::manage_resident, ctx.facts);
        (*out)["may_sign"] = authz::allows(policy::sign_certificate, ctx.facts);
        (*out)["may_apply_for_leave"] = authz::allows(policy::apply_for_leave, ctx.facts);
        return Response::ok(*out);
    });
}

Result<Response> open_resident(db::Tx& tx, const Context& ctx, int64_t id)
{
    auto r = tx.query_one("SELECT evicted_on FROM hostel_residents WHERE institution_id = ? AND id = ?", { ctx.institution_id(), id });
    if (!r)
        return Error::not_found();
    if (!r->is_null(0))
        return Error { ErrorCode::Conflict, "hostel.resident.closed" };
    return Response::no_content();
}

// Relocation between rooms by the head: a free place of the student's gender.
Result<Response> relocate(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto to = in.integer("place_id", Presence::Required, 1, INT64_MAX);
    auto on = in.date("moved_on", Presence::Required);
    auto reason = in.text("reason", Presence::Required, 1000, Lines::Multi, 1);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Result<bool> {
        TRY(open_resident(tx, ctx, id));
        auto r = tx.query_one("SELECT r.place_id, p.gender FROM hostel_residents r JOIN persons p ON p.institution_id = r.institution_id AND p.id = r.person_id "
                              "WHERE r.institution_id = ? AND r.id = ?",
            { inst, id });
        auto place = store::place(tx, inst, *to);
        if (!place)
            return Error::field("place_id", "not_found");
        if (place->out_of_use || store::place_taken(tx, inst, *to))
            return Error::field("place_id", "taken");
        if (r->is_null(1) || r->str(1) != place->gender)
            return Error::rule_refusal("HST-REG-1", "hostel.resident.refused_gender", {}, "place_id");
        int64_t move = tx.next_id();
        tx.exec("INSERT INTO hostel_relocations (institution_id, id, resident_id, from_place_id, to_place_id, moved_on, reason, recorded_by, recorded_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, move, id, r->i64(0), *to, on->iso(), *reason, db::nullable(ctx.user().person_id), ctx.clock().now() });
        tx.exec("UPDATE hostel_residents SET place_id = ? WHERE institution_id = ? AND id = ?", { *to, inst, id });
        modules::audit_change(ctx, tx, "hostel_resident.relocate", "hostel_resident", id, object { { "place_id", r->i64(0) } }, object { { "place_id", *to }, { "reason", *reason } });
        return true;
    }));
    return Response::ok(*ctx.db().read([&](db::Tx& tx) { return store::resident_json(tx, inst, id, store::Detail::Full); }));
}

// The acceptance certificate (appendix 8): the items handed over; changing it after signing is refused.
Result<Response> put_certificate(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto items = in.array("items", Presence::Required, 100);
    array clean;
    if (items) {
        if (items->empty())
            in.add_error("items", "required");
        for (size_t i = 0; i < items->size(); ++i) {
            if (!(*items)[i].is_object()) {
                in.add_error("items[" + std::to_string(i) + "]", "wrong_type");
                continue;
            }
            FieldReader item((*items)[i].as_object(), "items[" + std::to_string(i) + "]");
            auto name = item.text("name", Presence::Required, 200, Lines::Single, 1);
            auto qty = item.integer("quantity", Presence::Required, 1, 1000);
            auto condition = item.text("condition", Presence::Optional, 200);
            if (name && qty)
                clean.push_back(object { { "name", *name }, { "quantity", *qty }, { "condition", condition.value_or("") } });
            in.merge(std::move(item));
        }
    }
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Result<bool> {
        TRY(open_resident(tx, ctx, id));
        auto c = tx.query_one("SELECT signed_at, items FROM hostel_certificates WHERE institution_id = ? AND resident_id = ?", { inst, id });
        if (c && !c->is_null(0))
            return Error { ErrorCode::Conflict, "hostel.resident.certificate_signed" };
        auto text = boost::json::serialize(clean);
        if (c)
            tx.exec("UPDATE hostel_certificates SET items = ?, issued_at = ?, issued_by = ? WHERE institution_id = ? AND resident_id = ?",
                { text, ctx.clock().now(), db::nullable(ctx.user().person_id), inst, id });
        else
            tx.exec("INSERT INTO hostel_certificates (institution_id, resident_id, items, issued_at, issued_by) VALUES (?, ?, ?, ?, ?)",
                { inst, id, text, ctx.clock().now(), db::nullable(ctx.user().person_id) });
        modules::audit_change(ctx, tx, "hostel_certificate.issue", "hostel_resident", id, c ? boost::json::value(c->str(1)) : boost::json::value(), clean);
        notices::certificate(tx, ctx.clock(), inst, id);
        return true;
    }));
    return Response::ok(*ctx.db().read([&](db::Tx& tx) { return store::resident_json(tx, inst, id, store::Detail::Full); }));
}

// HST-REG-1: the representative signs in the app, or the head records the paper signature.
Result<Response> sign_certificate(Context& ctx, bool paper)
{
    int64_t id = TRY(ctx.id_param("id"));
    std::optional<int64_t> signer;
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    if (paper)
        signer = in.integer("representative_id", Presence::Required, 1, INT64_MAX);
    else
        signer = ctx.user().person_id;
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Result<bool> {
        TRY(open_resident(tx, ctx, id));
        auto c = tx.query_one("SELECT signed_at FROM hostel_certificates WHERE institution_id = ? AND resident_id = ?", { inst, id });
        if (!c)
            return Error { ErrorCode::Conflict, "hostel.resident.certificate_missing" };
        if (!c->is_null(0))
            return Error { ErrorCode::Conflict, "hostel.resident.certificate_signed" };
        auto person = tx.query_one("SELECT person_id FROM hostel_residents WHERE institution_id = ? AND id = ?", { inst, id })->i64(0);
        auto reps = store::representatives(tx, inst, person);
        if (!signer || std::find(reps.begin(), reps.end(), *signer) == reps.end())
            return Error::rule_refusal("HST-REG-1", "hostel.resident.signer_not_representative", {}, "representative_id");
        tx.exec("UPDATE hostel_certificates SET signed_by_representative = ?, signed_at = ?, signed_how = ?, paper_recorded_by = ? WHERE institution_id = ? AND resident_id = ?",
            { *signer, ctx.clock().now(), paper ? "paper" : "app", paper ? db::nullable(ctx.user().person_id) : db::Value(), inst, id });
        modules::audit_change(ctx, tx, paper ? "hostel_certificate.paper_signature" : "hostel_certificate.sign", "hostel_resident", id, nullptr,
            object { { "representative_id", *signer } });
        return true;
    }));
    return Response::ok(*ctx.db().read([&](db::Tx& tx) { return store::resident_json(tx, inst, id, store::Detail::Full); }));
}

Result<Response> certificate_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto lang = TRY(modules::document_lang(ctx));
    auto& c = ctx.services.catalog;
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto r = store::resident_json(tx, ctx.institution_id(), id, store::Detail::Full);
        if (!r || !(*r)["certificate"].is_object())
            return Error::not_found();
        modules::audit_change(ctx, tx, "hostel_certificate.pdf", "hostel_resident", id, nullptr, nullptr);
        auto& cert = (*r)["certificate"].as_object();
        docs::PdfWriter pdf;
        pdf.number_pages();
        auto inst = tx.query_one("SELECT name FROM institutions WHERE id = ?", { ctx.institution_id() });
        pdf.small(inst ? inst->str(0) : "");
        pdf.title(c.format(lang, "hostel.resident.certificate_title"));
        pdf.paragraph(c.format(lang, "hostel.resident.certificate_student", { { "name", r->at("student_name") }, { "place", r->at("place") } }));
        std::vector<std::vector<std::string>> rows { { "№", c.format(lang, "hostel.resident.col_item"), c.format(lang, "hostel.resident.col_quantity"),
            c.format(lang, "hostel.resident.col_condition") } };
        int n = 0;
        for (auto& it : cert.at("items").as_array()) {
            auto& o = it.as_object();
            rows.push_back({ std::to_string(++n), std::string(o.at("name").as_string()), std::to_string(o.at("quantity").as_int64()), std::string(o.at("condition").as_string()) });
        }
        pdf.table(rows, { 0.08, 0.5, 0.14, 0.28 });
        pdf.space(18);
        auto signed_at = tx.query_one("SELECT signed_at FROM hostel_certificates WHERE institution_id = ? AND resident_id = ?", { ctx.institution_id(), id });
        if (signed_at && !signed_at->is_null(0))
            pdf.paragraph(c.format(lang, "hostel.resident.certificate_signed_by",
                { { "name", cert.at("signed_by") }, { "at", i18n::long_date_time(lang, signed_at->i64(0)) } }));
        else
            pdf.paragraph(c.format(lang, "hostel.resident.certificate_signature_line"));
        return modules::pdf_response(pdf.finish(), "hostel-certificate-" + std::to_string(id), lang);
    });
}

// HST-REG-1: damage to the property, compensated later.
Result<Response> record_damage(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto description = in.text("description", Presence::Required, 1000, Lines::Multi, 1);
    auto amount = in.integer("amount_tenge", Presence::Required, 0, 100000000);
    auto on = in.date("recorded_on", Presence::Required);
    if (on && on->iso() > modules::today(ctx))
        in.add_error("recorded_on", "in_future");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Result<bool> {
        if (!tx.query_one("SELECT 1 FROM hostel_residents WHERE institution_id = ? AND id = ?", { inst, id }))
            return Error::not_found();
        int64_t d = tx.next_id();
        tx.exec("INSERT INTO hostel_damages (institution_id, id, resident_id, description, amount_tenge, recorded_on, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            { inst, d, id, *description, *amount, on->iso(), db::nullable(ctx.user().person_id) });
        modules::audit_change(ctx, tx, "hostel_damage.record", "hostel_resident", id, nullptr,
            object { { "damage_id", d }, { "description", *description }, { "amount_tenge", *amount } });
        return true;
    }));
    return Response::created(*ctx.db().read([&](db::Tx& tx) { return store::resident_json(tx, inst, id, store::Detail::Full); }));
}

Result<Response> damage_compensated(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t damage = TRY(ctx.id_param("damage_id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto on = in.date("compensated_on", Presence::Required);
    if (on && on->iso() > modules::today(ctx))
        in.add_error("compensated_on", "in_future");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Result<bool> {
        auto d = tx.query_one("SELECT compensated_on, recorded_on FROM hostel_damages WHERE institution_id = ? AND id = ? AND resident_id = ?", { inst, damage, id });
        if (!d)
            return Error::not_found();
        if (!d->is_null(0))
            return Error { ErrorCode::Conflict, "hostel.resident.damage_compensated" };
        if (on->iso() < d->str(1))
            return Error::field("compensated_on", "before_from");
        tx.exec("UPDATE hostel_damages SET compensated_on = ? WHERE institution_id = ? AND id = ?", { on->iso(), inst, damage });
        modules::audit_change(ctx, tx, "hostel_damage.compensated", "hostel_resident", id, nullptr, object { { "damage_id", damage }, { "compensated_on", on->iso() } });
        return true;
    }));
    return Response::ok(*ctx.db().read([&](db::Tx& tx) { return store::resident_json(tx, inst, id, store::Detail::Full); }));
}

// HST-LV-2: who stays over the short autumn or spring holidays (those living far).
Result<Response> put_holidays(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto stays = in.string_list("stays", Presence::Required, { "autumn", "spring" });
    auto reason = in.text("reason", Presence::Optional, 500);
    if (stays && !stays->empty() && (!reason || reason->empty()))
        in.add_error("reason", "required");
    TRY(in.finish());
    std::string joined;
    for (auto h : { "autumn", "spring" })
        if (std::find(stays->begin(), stays->end(), h) != stays->end())
            joined += joined.empty() ? h : std::string(",") + h;
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Result<bool> {
        TRY(open_resident(tx, ctx, id));
        auto before = tx.query_one("SELECT holiday_stays FROM hostel_residents WHERE institution_id = ? AND id = ?", { inst, id })->str(0);
        tx.exec("UPDATE hostel_residents SET holiday_stays = ?, holiday_reason = ? WHERE institution_id = ? AND id = ?", { joined, reason.value_or(""), inst, id });
        modules::audit_change(ctx, tx, "hostel_resident.holidays", "hostel_resident", id, object { { "stays", before } }, object { { "stays", joined } });
        return true;
    }));
    return Response::ok(*ctx.db().read([&](db::Tx& tx) { return store::resident_json(tx, inst, id, store::Detail::Full); }));
}

// HST-LV-2: the list of a holiday: who stays; everybody else leaves.
Result<Response> holiday_list(Context& ctx)
{
    auto h = ctx.query_param("holiday").value_or("");
    if (h != "autumn" && h != "spring")
        return Error::field("holiday", "invalid");
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        modules::audit_change(ctx, tx, "hostel_resident.list", "institution", ctx.institution_id(), nullptr, object { { "holiday", h } });
        array stay, leave;
        for (auto& r : tx.query("SELECT id, holiday_stays FROM hostel_residents WHERE institution_id = ? AND evicted_on IS NULL ORDER BY id", { ctx.institution_id() })) {
            auto line = *store::resident_json(tx, ctx.institution_id(), r.i64(0), store::Detail::Line);
            (r.str(1).find(h) != std::string::npos ? stay : leave).push_back(line);
        }
        return Response::ok(object { { "holiday", h }, { "stay", stay }, { "leave", leave } });
    });
}

}

void detail::register_resident_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/hostel/routine", read_perm, policy::read_routine, Body::None, get_routine);
    r.router.add("PUT", "/api/v1/hostel/routine", manage_perm, policy::edit_routine, Body::Json, put_routine);
    r.router.add("GET", "/api/v1/hostel/free-places", manage_perm, policy::settle, Body::None, free_places);
    r.router.add("GET", "/api/v1/hostel/residents", manage_perm, policy::read_register, Body::None, list_register);
    r.router.add("POST", "/api/v1/hostel/residents", manage_perm, policy::settle, Body::Json, settle);
    r.router.add("GET", "/api/v1/hostel/residents/pdf", manage_perm, policy::read_register, Body::None, register_pdf);
    r.router.add("GET", "/api/v1/hostel/my-residence", read_perm, policy::my_residence, Body::None, my_residence);
    r.router.add("GET", "/api/v1/hostel/holiday-list", manage_perm, policy::read_register, Body::None, holiday_list);
    r.router.add("GET", "/api/v1/hostel/residents/{id}", read_perm, policy::read_resident, Body::None, get_resident);
    r.router.add("POST", "/api/v1/hostel/residents/{id}/relocate", manage_perm, policy::manage_resident, Body::Json, relocate);
    r.router.add("PUT", "/api/v1/hostel/residents/{id}/certificate", manage_perm, policy::manage_resident, Body::Json, put_certificate);
    r.router.add("POST", "/api/v1/hostel/residents/{id}/certificate/sign", apply_perm, policy::sign_certificate, Body::Json,
        [](Context& ctx) { return sign_certificate(ctx, false); });
    r.router.add("POST", "/api/v1/hostel/residents/{id}/certificate/paper-signature", manage_perm, policy::manage_resident, Body::Json,
        [](Context& ctx) { return sign_certificate(ctx, true); });
    r.router.add("GET", "/api/v1/hostel/residents/{id}/certificate/pdf", read_perm, policy::read_resident, Body::None, certificate_pdf);
    r.router.add("POST", "/api/v1/hostel/residents/{id}/damages", manage_perm, policy::manage_resident, Body::Json, record_damage);
    r.router.add("POST", "/api/v1/hostel/residents/{id}/damages/{damage_id}/compensated", manage_perm, policy::manage_resident, Body::Json, damage_compensated);
    r.router.add("PUT", "/api/v1/hostel/residents/{id}/holidays", manage_perm, policy::manage_resident, Body::Json, put_holidays);
}

}
