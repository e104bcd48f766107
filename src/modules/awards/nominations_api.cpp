// Kinds (AWD-1), Shanyrak membership, the nomination deadline and the nominations for "Student of
// the year" and "Best Shanyrak" with their discussions (AWD-3, AWD-4).
#include "core/json_fields.hpp"
#include "modules/awards/policy.hpp"
#include "modules/awards/routes.hpp"
#include "modules/awards/rules.hpp"
#include "modules/awards/store.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>

namespace kenes::awards {

using namespace http;
using boost::json::array;
using boost::json::object;
using boost::json::value;

namespace {

Result<Response> list_kinds(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto k : preset_kinds())
            items.push_back(object { { "code", std::string(k) }, { "preset", true }, { "contest", is_contest(k) }, { "name", nullptr } });
        for (auto& r : tx.query("SELECT id, name_kk, name_ru, name_en FROM award_kinds WHERE institution_id = ? ORDER BY id", { ctx.institution_id() })) {
            std::string name = ctx.lang == Lang::Ru ? r.str(2) : ctx.lang == Lang::En ? r.str(3) : r.str(1);
            items.push_back(object { { "code", "custom_" + std::to_string(r.i64(0)) }, { "preset", false }, { "contest", false }, { "name", name } });
        }
        return Response::ok(object { { "items", items } });
    });
}

// AWD-1: "the principal may add others".
Result<Response> add_kind(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto kk = in.text("name_kk", Presence::Required, 200, Lines::Single, 2);
    auto ru = in.text("name_ru", Presence::Required, 200, Lines::Single, 2);
    auto en = in.text("name_en", Presence::Required, 200, Lines::Single, 2);
    TRY(in.finish());
    int64_t id = TRY(ctx.db().write([&](db::Tx& tx) -> Result<int64_t> {
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO award_kinds (institution_id, id, name_kk, name_ru, name_en, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            { ctx.institution_id(), id, *kk, *ru, *en, ctx.user().user_id, ctx.clock().now() });
        modules::audit_change(ctx, tx, "award_kind.add", "award_kind", id, nullptr, object { { "name_kk", *kk }, { "name_ru", *ru }, { "name_en", *en } });
        return id;
    }));
    std::string name = ctx.lang == Lang::Ru ? *ru : ctx.lang == Lang::En ? *en : *kk;
    return Response::created(object { { "code", "custom_" + std::to_string(id) }, { "preset", false }, { "contest", false }, { "name", name } });
}

Result<Response> set_shanyrak_members(Context& ctx)
{
    int64_t shanyrak = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto ids = in.id_list("person_ids", Presence::Required, 2000);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        if (store::shanyrak_name(tx, inst, shanyrak).empty() && !tx.query_one("SELECT 1 FROM shanyraks WHERE institution_id = ? AND id = ?", { inst, shanyrak }))
            return Error::not_found();
        for (auto p : *ids)
            if (!people::exists(tx, inst, p))
                return Error::field("person_ids", "not_found", { { "id", p } });
        tx.exec("DELETE FROM shanyrak_members WHERE institution_id = ? AND shanyrak_id = ?", { inst, shanyrak });
        // One Shanyrak per person: joining this one leaves another.
        for (auto p : *ids) {
            tx.exec("DELETE FROM shanyrak_members WHERE institution_id = ? AND person_id = ?", { inst, p });
            tx.exec("INSERT INTO shanyrak_members (institution_id, person_id, shanyrak_id) VALUES (?, ?, ?)", { inst, p, shanyrak });
        }
        array members;
        for (auto p : *ids)
            members.push_back(p);
        modules::audit_change(ctx, tx, "shanyrak.set_members", "shanyrak", shanyrak, nullptr, object { { "person_ids", members } });
        return Response::ok(object { { "shanyrak_id", shanyrak }, { "person_ids", members } });
    });
}

// The members of a Shanyrak as they stand, for the page that edits the list (it names minors:
// audited, GEN-3).
Result<Response> get_shanyrak_members(Context& ctx)
{
    int64_t shanyrak = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        if (!tx.query_one("SELECT 1 FROM shanyraks WHERE institution_id = ? AND id = ?", { inst, shanyrak }))
            return Error::not_found();
        array ids, members;
        for (auto& r : tx.query("SELECT person_id FROM shanyrak_members WHERE institution_id = ? AND shanyrak_id = ? ORDER BY person_id", { inst, shanyrak })) {
            ids.push_back(r.i64(0));
            members.push_back(object { { "id", r.i64(0) }, { "full_name", people::name_of(tx, inst, r.i64(0)) } });
        }
        modules::audit_change(ctx, tx, "shanyrak.read_members", "shanyrak", shanyrak, nullptr, nullptr);
        return Response::ok(object { { "shanyrak_id", shanyrak }, { "person_ids", ids }, { "members", members } });
    });
}

Result<std::string> year_param(const Context& ctx)
{
    if (auto y = ctx.query_param("year")) {
        if (y->size() != 9 || (*y)[4] != '-' || !std::all_of(y->begin(), y->begin() + 4, ::isdigit) || !std::all_of(y->begin() + 5, y->end(), ::isdigit)
            || std::stoi(y->substr(5)) != std::stoi(y->substr(0, 4)) + 1)
            return Error::field("year", "invalid");
        return *y;
    }
    return academic_year_of(almaty::local_date(ctx.clock().now()));
}

object deadline_json(const store::Deadline& d)
{
    return { { "academic_year", d.academic_year }, { "last_day", d.last_day }, { "deadline", d.deadline }, { "rule", "AWD-3" } };
}

Result<Response> get_deadline(Context& ctx)
{
    auto year = TRY(year_param(ctx));
    return ctx.db().read([&](db::Tx& tx) { return Response::ok(deadline_json(store::deadline_of(tx, ctx.institution_id(), year))); });
}

struct DiscussionIn {
    std::string forum;
    std::optional<int64_t> shanyrak_id;
    std::string held_on;
    bool supported;
    std::string decision;
};

std::optional<DiscussionIn> read_discussion(FieldReader& in, const std::string& today)
{
    auto forum = in.one_of("forum", Presence::Required, { "shanyrak_meeting", "pedagogical_meeting", "shanyrak_union" });
    auto shanyrak = in.integer("shanyrak_id", Presence::Optional, 1, INT64_MAX);
    auto held = in.date("held_on", Presence::Required);
    auto supported = in.boolean("supported", Presence::Required);
    auto decision = in.text("decision", Presence::Required, 2000, Lines::Multi, 2);
    if (held && held->iso() > today)
        in.add_error("held_on", "in_future");
    // The Shanyrak meeting names its Shanyrak.
    if (forum && *forum == "shanyrak_meeting" && !shanyrak)
        in.add_error("shanyrak_id", "required");
    if (!forum || !held || !supported || !decision)
        return std::nullopt;
    return DiscussionIn { *forum, shanyrak, held->iso(), *supported, *decision };
}

Status insert_discussion(db::Tx& tx, const Context& ctx, int64_t nomination, const DiscussionIn& d, const char* field)
{
    int64_t inst = ctx.institution_id();
    if (d.shanyrak_id && !tx.query_one("SELECT 1 FROM shanyraks WHERE institution_id = ? AND id = ?", { inst, *d.shanyrak_id }))
        return Error::field(std::string(field) + ".shanyrak_id", "not_found");
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO award_discussions (institution_id, id, nomination_id, forum, shanyrak_id, held_on, supported, decision, recorded_by, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { inst, id, nomination, d.forum, db::nullable(d.shanyrak_id), d.held_on, d.supported ? 1 : 0, d.decision, ctx.user().user_id, ctx.clock().now() });
    return Ok {};
}

// AWD-3, AWD-4: a nominee with the discussions behind it, presented to the commission.
Result<Response> create_nomination(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto today = modules::today(ctx);
    auto contest = in.one_of("contest", Presence::Required, { "student_of_year", "shanyrak_of_year" });
    auto student = in.integer("student_id", Presence::Optional, 1, INT64_MAX);
    auto shanyrak = in.integer("shanyrak_id", Presence::Optional, 1, INT64_MAX);
    auto commission = in.integer("commission_body_id", Presence::Required, 1, INT64_MAX);
    auto motivation = in.text("motivation", Presence::Required, 4000, Lines::Multi, 3);
    auto list = in.array("discussions", Presence::Required, 20);
    std::vector<DiscussionIn> discussions;
    if (list)
        for (size_t i = 0; i < list->size(); ++i) {
            if (!(*list)[i].is_object()) {
                in.add_error("discussions." + std::to_string(i), "wrong_type");
                continue;
            }
            FieldReader d((*list)[i].as_object(), "discussions." + std::to_string(i));
            auto one = read_discussion(d, today);
            in.merge(std::move(d));
            if (one)
                discussions.push_back(*one);
        }
    if (contest && *contest == "student_of_year" && !student)
        in.add_error("student_id", "required");
    if (contest && *contest == "shanyrak_of_year" && !shanyrak)
        in.add_error("shanyrak_id", "required");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    bool for_student = *contest == "student_of_year";
    auto year = academic_year_of(*parse_iso_date(today));
    int64_t id = TRY(ctx.db().write([&](db::Tx& tx) -> Result<int64_t> {
        // AWD-2: the encouragement commission decides.
        if (!store::is_commission(tx, inst, *commission))
            return Error::rule_refusal("AWD-2", "rule.awards.not_commission", {}, "commission_body_id");
        if (for_student && !people::is_student(tx, inst, *student))
            return Error::field("student_id", "not_found");
        if (!for_student && !tx.query_one("SELECT 1 FROM shanyraks WHERE institution_id = ? AND id = ?", { inst, *shanyrak }))
            return Error::field("shanyrak_id", "not_found");
        if (tx.query_one("SELECT 1 FROM award_nominations WHERE institution_id = ? AND academic_year = ? AND contest = ? AND status <> 'rejected' AND "
                         + std::string(for_student ? "student_id" : "shanyrak_id") + " = ?",
                { inst, year, *contest, for_student ? *student : *shanyrak }))
            return Error { ErrorCode::Conflict, "awards.nomination.exists" };
        std::optional<int64_t> proposer;
        for (auto& d : discussions)
            if (d.forum == "shanyrak_meeting")
                proposer = d.shanyrak_id;
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO award_nominations (institution_id, id, academic_year, contest, student_id, shanyrak_id, commission_body_id, proposed_by_shanyrak_id, "
                "motivation, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'discussing', ?, ?)",
            { inst, id, year, *contest, for_student ? db::Value(*student) : db::Value(), for_student ? db::Value() : db::Value(*shanyrak), *commission,
                db::nullable(proposer), *motivation, ctx.user().user_id, ctx.clock().now() });
        for (size_t i = 0; i < discussions.size(); ++i)
            TRY(insert_discussion(tx, ctx, id, discussions[i], ("discussions." + std::to_string(i)).c_str()));
        auto status = TRY(store::settle_nomination(tx, inst, id, today));
        modules::audit_change(ctx, tx, "award_nomination.create", "award_nomination", id, nullptr,
            object { { "contest", *contest }, { "status", status }, { "discussions", int64_t(discussions.size()) } });
        return id;
    }));
    return Response::created(*ctx.db().read([&](db::Tx& tx) { return std::optional(store::nomination_json(tx, inst, id)); }));
}

// A later discussion: the Shanyrak unions' decision on a disagreement (AWD-4), or a forum again.
Result<Response> add_discussion(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto today = modules::today(ctx);
    auto d = read_discussion(in, today);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        auto n = tx.query_one("SELECT status, contest FROM award_nominations WHERE institution_id = ? AND id = ?", { inst, id });
        if (!n)
            return Error::not_found();
        if (n->str(0) == "presented" || n->str(0) == "rejected")
            return Error { ErrorCode::Conflict, "awards.nomination.settled" };
        // AWD-4: the unions decide a disagreement over a Shanyrak only.
        if (d->forum == "shanyrak_union" && n->str(1) != "shanyrak_of_year")
            return Error::rule_refusal("AWD-4", "rule.awards.union_not_for_students", {}, "forum");
        TRY(insert_discussion(tx, ctx, id, *d, "discussion"));
        auto status = TRY(store::settle_nomination(tx, inst, id, today));
        modules::audit_change(ctx, tx, "award_nomination.discuss", "award_nomination", id, nullptr, object { { "forum", d->forum }, { "status", status } });
        return Ok {};
    }));
    return Response::created(*ctx.db().read([&](db::Tx& tx) { return std::optional(store::nomination_json(tx, inst, id)); }));
}

Result<Response> list_nominations(Context& ctx)
{
    auto year = TRY(year_param(ctx));
    std::string sql = "SELECT id FROM award_nominations WHERE institution_id = ? AND academic_year = ?";
    std::vector<db::Value> params { ctx.institution_id(), year };
    if (auto c = ctx.query_param("contest")) {
        if (*c != "student_of_year" && *c != "shanyrak_of_year")
            return Error::field("contest", "invalid");
        sql += " AND contest = ?";
        params.push_back(*c);
    }
    sql += " ORDER BY id";
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        // GEN-3: nominations name minors.
        modules::audit_change(ctx, tx, "award_nomination.list", "institution", ctx.institution_id(), nullptr, nullptr);
        array items;
        for (auto& r : tx.query(sql, params))
            items.push_back(store::nomination_json(tx, ctx.institution_id(), r.i64(0)));
        return Response::ok(object { { "items", items }, { "deadline", deadline_json(store::deadline_of(tx, ctx.institution_id(), year)) } });
    });
}

}

void detail::register_nomination_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/awards/kinds", read_perm, policy::read_kinds, Body::None, list_kinds);
    r.router.add("POST", "/api/v1/awards/kinds", manage_perm, policy::add_kind, Body::Json, add_kind);
    r.router.add("GET", "/api/v1/awards/shanyraks/{id}/members", manage_perm, policy::read_shanyrak_members, Body::None, get_shanyrak_members);
    r.router.add("PUT", "/api/v1/awards/shanyraks/{id}/members", manage_perm, policy::set_shanyrak_members, Body::Json, set_shanyrak_members);
    r.router.add("GET", "/api/v1/awards/deadline", read_perm, policy::read_deadline, Body::None, get_deadline);
    r.router.add("GET", "/api/v1/awards/nominations", nominate_perm, policy::list_nominations, Body::None, list_nominations);
    r.router.add("POST", "/api/v1/awards/nominations", nominate_perm, policy::nominate, Body::Json, create_nomination);
    r.router.add("POST", "/api/v1/awards/nominations/{id}/discussions", nominate_perm, policy::discuss_nomination, Body::Json, add_discussion);
}

}
