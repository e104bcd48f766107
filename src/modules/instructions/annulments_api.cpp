// MTG-8: the General Meeting is the supreme body: its adopted decision annuls a decision of its
// executive body, and the annulled decision carries a link to the annulling one wherever sessions
// show it (bodies::annulment_of). The executive cannot annul a decision of the General Meeting.
#include "core/json_fields.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/bodies/policy.hpp"
#include "modules/instructions/instructions.hpp"
#include "modules/instructions/rules.hpp"
#include "modules/module_support.hpp"

namespace kenes::instructions {

using namespace http;
using boost::json::object;

namespace {

struct Decision {
    int64_t item_id, meeting_id;
    std::string outcome;
    DecisionBody body;
};

std::optional<Decision> decision(db::Tx& tx, int64_t inst, int64_t item)
{
    auto r = tx.query_one("SELECT i.id, i.meeting_id, i.outcome, b.template, b.id, b.parent_id FROM agenda_items i "
                          "JOIN meetings m ON m.institution_id = i.institution_id AND m.id = i.meeting_id "
                          "JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id WHERE i.institution_id = ? AND i.id = ?",
        { inst, item });
    if (!r)
        return std::nullopt;
    return Decision { r->i64(0), r->i64(1), r->opt_str(2).value_or(""), { r->str(3), r->i64(4), r->opt_i64(5).value_or(0) } };
}

Result<Response> annul(Context& ctx)
{
    int64_t by_item = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto target_item = in.integer("agenda_item_id", Presence::Required, 1, INT64_MAX);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto by = decision(tx, inst, by_item);
        if (!by)
            return Error::not_found();
        auto target = decision(tx, inst, *target_item);
        if (!target)
            return Error::field("agenda_item_id", "not_found");
        switch (may_annul(by->body, target->body)) {   // rule MTG-8
        case Annulment::GeneralMeetingIsSupreme: return Error::rule_refusal("MTG-8", "rule.general_meeting_supreme", {}, "agenda_item_id");
        case Annulment::NotByGeneralMeeting: return Error::rule_refusal("MTG-8", "rule.annul_by_general_meeting", {}, "agenda_item_id");
        case Annulment::NotItsExecutive: return Error::rule_refusal("MTG-8", "rule.annul_own_executive", {}, "agenda_item_id");
        case Annulment::Allowed: break;
        }
        // rule MTG-8: by its own adopted decision, of an adopted decision.
        if (by->outcome != "adopted")
            return Error::rule_refusal("MTG-8", "rule.annul_needs_decision", {}, "id");
        if (target->outcome != "adopted")
            return Error::rule_refusal("MTG-8", "rule.annul_only_decisions", {}, "agenda_item_id");
        if (tx.query_one("SELECT 1 FROM decision_annulments WHERE institution_id = ? AND item_id = ?", { inst, *target_item }))
            return Error { ErrorCode::Conflict, {}, {}, {}, { FieldError { "agenda_item_id", "duplicate" } } };
        auto now = ctx.clock().now();
        tx.exec("INSERT INTO decision_annulments (institution_id, item_id, by_item_id, recorded_at) VALUES (?, ?, ?, ?)", { inst, *target_item, by_item, now });
        modules::audit_change(ctx, tx, "agenda_item.annul", "agenda_item", *target_item, nullptr, object { { "annulled_by", by_item }, { "rule", "MTG-8" } });
        return object { { "agenda_item_id", *target_item }, { "annulled_by", by_item }, { "recorded_at", now } };
    }));
    return Response::created(out);
}

// The executive's adopted decisions that this decision of the General Meeting may annul (MTG-8).
Result<Response> annullable(Context& ctx)
{
    int64_t by_item = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto by = decision(tx, inst, by_item);
        if (!by)
            return Error::not_found();
        boost::json::array items;
        if (by->body.template_id == "general_meeting" && by->body.parent != 0)
            for (auto& r : tx.query("SELECT i.id, i.title, m.id, m.number, m.held_on, b.template, b.id, b.parent_id, b.name, b.name_key FROM agenda_items i "
                                    "JOIN meetings m ON m.institution_id = i.institution_id AND m.id = i.meeting_id "
                                    "JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id "
                                    "WHERE i.institution_id = ? AND i.outcome = 'adopted' AND (b.id = ? OR b.parent_id = ?) "
                                    "AND NOT EXISTS (SELECT 1 FROM decision_annulments a WHERE a.institution_id = i.institution_id AND a.item_id = i.id) "
                                    "ORDER BY m.held_on DESC, i.id DESC LIMIT 100",
                     { inst, by->body.parent, by->body.parent })) {
                if (may_annul(by->body, { r.str(5), r.i64(6), r.opt_i64(7).value_or(0) }) != Annulment::Allowed)
                    continue;
                items.push_back(object { { "agenda_item_id", r.i64(0) }, { "title", r.str(1) }, { "meeting_id", r.i64(2) }, { "meeting_number", r.i64(3) },
                    { "held_on", r.str(4) }, { "body_name", bodies::display_name(ctx.services.catalog, ctx.lang, r.str(8), r.opt_str(9)) } });
            }
        return Response::ok(object { { "items", items } });
    });
}

}

void detail::register_annulment_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/agenda-items/{id}/annulments", "meetings.run", bodies::policy::run_item, Body::None, annullable);
    r.router.add("POST", "/api/v1/agenda-items/{id}/annulments", "meetings.run", bodies::policy::run_item, Body::Json, annul);
}

}
