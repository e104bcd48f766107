// The founding composition of a new body (ORG-6): the administration staffs it in one step by an
// order (number, date, who signed it), every seat naming the act. Afterwards seats are given as
// before: by office, or by the Council's decision on a candidacy.
#include "core/json_fields.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/bodies/policy.hpp"
#include "modules/bodies/templates.hpp"
#include "modules/module_support.hpp"
#include <boost/json/array.hpp>
#include <set>

namespace kenes::bodies {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

struct FoundingSeat {
    int64_t person_id;
    std::string position;
    std::optional<bool> voting;
    bool ex_officio;
};

struct FoundingAct {
    std::string order_number, signed_by;
    CivilDate order_date;
    std::vector<FoundingSeat> seats;
};

// Reads the act; positions are checked against the body's template (ORG-2, ORG-3).
Result<FoundingAct> read_act(const object& body, const Template& t)
{
    FieldReader in(body);
    auto number = in.text("order_number", Presence::Required, 50);
    auto date = in.date("order_date", Presence::Required);
    auto signed_by = in.text("signed_by", Presence::Required, 200);
    auto accepted = in.boolean("accepted_regulation", Presence::Required);
    auto* seats = in.array("seats", Presence::Required, 200);
    if (seats && seats->empty())
        in.add_error("seats", "required");
    FoundingAct act;
    std::set<int64_t> persons;
    for (size_t i = 0; seats && i < seats->size(); ++i) {
        std::string prefix = "seats[" + std::to_string(i) + "]";
        auto* o = (*seats)[i].if_object();
        if (!o) {
            in.add_error(prefix, "wrong_type");
            continue;
        }
        FieldReader sin(*o, prefix);
        auto person = sin.integer("person_id", Presence::Required, 1, INT64_MAX);
        auto position = sin.text("position", Presence::Required, 64);
        auto voting = sin.boolean("voting", Presence::Optional);
        auto ex_officio = sin.boolean("ex_officio", Presence::Optional);
        if (position && std::find(t.positions.begin(), t.positions.end(), *position) == t.positions.end())
            sin.add_error("position", "invalid");
        if (person && !persons.insert(*person).second)
            sin.add_error("person_id", "duplicate");
        if (person && position)
            act.seats.push_back({ *person, *position, voting, ex_officio.value_or(false) });
        in.merge(std::move(sin));
    }
    TRY(in.finish());
    // ORG-4: membership requires the recorded acceptance of the body's regulation.
    if (!*accepted)
        return Error::rule_refusal("ORG-4", "rule.acceptance_required", {}, "accepted_regulation");
    act.order_number = *number;
    act.signed_by = *signed_by;
    act.order_date = *date;
    return act;
}

// A seat's refusal belongs to its row of the form: "person_id" becomes "seats[2].person_id".
Error for_seat(Error e, size_t i)
{
    for (auto& f : e.fields)
        f.field = "seats[" + std::to_string(i) + "]." + f.field;
    return e;
}

Result<Response> record_founding_act(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    auto tmpl = ctx.db().read([&](db::Tx& tx) { return tx.query_one("SELECT template FROM bodies WHERE institution_id = ? AND id = ?", { inst, body_id }); });
    const Template* t = tmpl ? find_template(tmpl->str(0)) : nullptr;
    if (!t)
        return Error::not_found();
    auto act = TRY(read_act(body, *t));
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        // ORG-6: the founding act staffs a body that has nobody yet; later seats go by the Council.
        if (tx.query_one("SELECT 1 FROM memberships WHERE institution_id = ? AND body_id = ?", { inst, body_id })
            || tx.query_one("SELECT 1 FROM founding_acts WHERE institution_id = ? AND body_id = ?", { inst, body_id }))
            return Error { ErrorCode::Conflict, "rule.body_already_staffed", {}, "ORG-6" };
        int64_t act_id = tx.next_id();
        tx.exec("INSERT INTO founding_acts (institution_id, id, body_id, order_number, order_date, signed_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            { inst, act_id, body_id, act.order_number, act.order_date.iso(), act.signed_by, ctx.clock().now() });
        modules::audit_change(ctx, tx, "body.found", "body", body_id, nullptr,
            object { { "founding_act_id", act_id }, { "order_number", act.order_number }, { "order_date", act.order_date.iso() }, { "signed_by", act.signed_by },
                { "seats", int64_t(act.seats.size()) } });
        array seats;
        for (size_t i = 0; i < act.seats.size(); ++i) {
            auto& s = act.seats[i];
            auto seated = detail::seat_member(tx, ctx, { body_id, s.person_id, s.position, s.voting, act.order_date, std::nullopt, s.ex_officio, std::nullopt, act_id });
            if (!seated.ok())
                return for_seat(std::move(seated).error(), i);   // the whole act is rolled back
            seats.push_back(std::move(seated).value());
        }
        return object { { "id", act_id }, { "body_id", body_id }, { "order_number", act.order_number }, { "order_date", act.order_date.iso() },
            { "signed_by", act.signed_by }, { "seats", seats } };
    }));
    return Response::created(out);
}

}

boost::json::value detail::founding_act_json(db::Tx& tx, int64_t inst, int64_t body_id)
{
    auto r = tx.query_one("SELECT id, order_number, order_date, signed_by FROM founding_acts WHERE institution_id = ? AND body_id = ?", { inst, body_id });
    if (!r)
        return nullptr;
    return object { { "id", r->i64(0) }, { "order_number", r->str(1) }, { "order_date", r->str(2) }, { "signed_by", r->str(3) } };
}

void detail::register_founding_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/bodies/{id}/founding-act", "bodies.manage", policy::found_body, Body::Json, record_founding_act);
}

}
