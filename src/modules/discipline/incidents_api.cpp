// Incidents (DISC-CAT-1, DISC-ESC-1): recorded by staff, reversed by a correcting entry, listed
// for the committee and the curator; each student's part is escalated against their record.
#include "core/json_fields.hpp"
#include "modules/discipline/incident_store.hpp"
#include "modules/discipline/policy.hpp"
#include "modules/discipline/routes.hpp"
#include "modules/module_support.hpp"
#include "modules/elections/portfolio.hpp"
#include "modules/people/people.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include <boost/json/array.hpp>

namespace kenes::discipline {

using namespace http;
using boost::json::array;
using boost::json::object;

Result<int64_t> record_incident(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, const NewIncident& n)
{
    return store::insert_incident(tx, clock, actor, inst,
        { n.kind_code, n.occurred_on, n.occurred_time, n.place, n.description, n.source, n.reported_by, { n.student_id } });
}

namespace {

bool valid_time(const std::string& t)
{
    return t.size() == 5 && std::isdigit(static_cast<unsigned char>(t[0])) && std::isdigit(static_cast<unsigned char>(t[1])) && t[2] == ':'
        && std::isdigit(static_cast<unsigned char>(t[3])) && std::isdigit(static_cast<unsigned char>(t[4])) && std::stoi(t.substr(0, 2)) < 24
        && std::stoi(t.substr(3)) < 60;
}

Result<Response> post_incident(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto kind = in.text("kind_code", Presence::Required, 64, Lines::Single, 1);
    auto on = in.date("occurred_on", Presence::Required);
    auto time = in.text("occurred_time", Presence::Optional, 5);
    auto place = in.text("place", Presence::Required, 200, Lines::Single, 1);
    auto description = in.text("description", Presence::Required, 4000, Lines::Multi, 1);
    auto students = in.id_list("student_ids", Presence::Required, 50);
    if (time && !valid_time(*time))
        in.add_error("occurred_time", "invalid");
    if (students && students->empty())
        in.add_error("student_ids", "required");
    if (on && on->iso() > modules::today(ctx))
        in.add_error("occurred_on", "in_future");
    TRY(in.finish());
    int64_t id = TRY(ctx.db().write([&](db::Tx& tx) -> Result<int64_t> {
        // The reporter is the signed-in staff member: no anonymous basis (DISC-CASE-1).
        return store::insert_incident(tx, ctx.clock(), ctx.user().actor(), ctx.institution_id(),
            { *kind, on->iso(), time.value_or(""), *place, *description, "staff", ctx.user().person_id, *students });
    }));
    auto out = ctx.db().read([&](db::Tx& tx) { return store::incident_json(tx, ctx.institution_id(), id); });
    return Response::created(*out);
}

Result<Response> get_incident(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto curator = authz::allows(policy::see_all_involved, ctx.facts) ? std::nullopt : std::optional<int64_t>(ctx.user().person_id.value_or(0));
        auto out = store::incident_json(tx, ctx.institution_id(), id, curator);
        if (!out)
            return Error::not_found();
        // GEN-3: a read of a minor's disciplinary record is audited.
        modules::audit_change(ctx, tx, "incident.read", "incident", id, nullptr, nullptr);
        return Response::ok(*out);
    });
}

Result<Response> reverse(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto reason = in.text("reason", Presence::Required, 2000, Lines::Multi, 3);
    TRY(in.finish());
    int64_t correction = TRY(ctx.db().write([&](db::Tx& tx) { return store::reverse_incident(tx, ctx.clock(), ctx.user().actor(), ctx.institution_id(), id, *reason); }));
    auto out = ctx.db().read([&](db::Tx& tx) { return store::incident_json(tx, ctx.institution_id(), correction); });
    return Response::created(*out);
}

// The list for the committee and the administration, newest first; ?group= narrows to a group,
// ?person= to a student.
Result<std::optional<int64_t>> id_query(const Context& ctx, const char* name)
{
    auto v = ctx.query_param(name);
    if (!v)
        return std::optional<int64_t>();
    if (v->empty() || v->size() > 18 || !std::all_of(v->begin(), v->end(), ::isdigit))
        return Error::field(name, "invalid");
    return std::optional<int64_t>(std::stoll(*v));
}

// `group` from the path: the curator's view, limited to their own students unless the policy
// lets the user see everyone involved.
Result<Response> list_incidents(Context& ctx, std::optional<int64_t> group)
{
    auto paging = TRY(ctx.paging(50, 200));
    auto person = TRY(id_query(ctx, "person"));
    std::optional<int64_t> curator;
    if (group) {
        if (!authz::allows(policy::see_all_involved_in_group, ctx.facts))
            curator = ctx.user().person_id.value_or(0);
    } else
        group = TRY(id_query(ctx, "group"));
    // GEN-3: the list names minors and their infractions; the read is audited.
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        modules::audit_change(ctx, tx, "incident.list", "institution", ctx.institution_id(), nullptr,
            object { { "group", group ? boost::json::value(*group) : boost::json::value() }, { "person", person ? boost::json::value(*person) : boost::json::value() } });
        std::string sql = "SELECT DISTINCT i.id, i.occurred_on FROM incidents i JOIN incident_students x ON x.institution_id = i.institution_id AND x.incident_id = i.id "
                          "LEFT JOIN students s ON s.institution_id = x.institution_id AND s.person_id = x.person_id WHERE i.institution_id = ?";
        std::vector<db::Value> params { ctx.institution_id() };
        if (group) {
            sql += " AND s.group_id = ?";
            params.push_back(*group);
        }
        if (person) {
            sql += " AND x.person_id = ?";
            params.push_back(*person);
        }
        sql += " ORDER BY i.occurred_on DESC, i.id DESC LIMIT ? OFFSET ?";
        params.push_back(paging.limit);
        params.push_back(paging.offset);
        array items;
        for (auto& r : tx.query(sql, params))
            items.push_back(*store::incident_json(tx, ctx.institution_id(), r.i64(0), curator));
        return Response::ok(object { { "items", items }, { "limit", paging.limit }, { "offset", paging.offset } });
    });
}

// Evidence attached to an incident (a photo of the damage, a scanned note): PDF, JPEG or PNG,
// checked by content, kept with its SHA-256.
Result<Response> attach_file(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto name = TRY(modules::query_text(ctx, "name", 200, false)).value_or("evidence");
    auto file = TRY(elections::portfolio::accept("transcript", ctx.request.body, ctx.request.header("content-type")));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto i = tx.query_one("SELECT reverses_id FROM incidents WHERE institution_id = ? AND id = ?", { ctx.institution_id(), id });
        if (!i)
            return Error::not_found();
        if (!i->is_null(0))
            return Error::field("id", "is_correction");
        int64_t file_id = tx.next_id();
        std::string sha = crypto::to_hex(signing::sha256(file.bytes));
        tx.exec("INSERT INTO discipline_files (institution_id, id, owner, owner_id, name, content_type, size, sha256, data, added_by, added_at) "
                "VALUES (?, ?, 'incident', ?, ?, ?, ?, ?, ?, ?, ?)",
            { ctx.institution_id(), file_id, id, name, file.content_type, int64_t(file.bytes.size()), sha, db::Blob { file.bytes }, ctx.user().user_id, ctx.clock().now() });
        modules::audit_change(ctx, tx, "incident.file", "incident", id, nullptr, object { { "file_id", file_id }, { "sha256", sha }, { "content_type", file.content_type } });
        return Response::created(*store::incident_json(tx, ctx.institution_id(), id));
    });
}

Result<Response> get_file(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t file_id = TRY(ctx.id_param("file_id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto f = tx.query_one("SELECT content_type, data FROM discipline_files WHERE institution_id = ? AND id = ? AND owner = 'incident' AND owner_id = ?",
            { ctx.institution_id(), file_id, id });
        if (!f)
            return Error::not_found();
        modules::audit_change(ctx, tx, "incident.read_file", "incident", id, nullptr, object { { "file_id", file_id } });
        auto type = f->str(0);
        auto r = Response::text(200, f->blob(1), type);
        r.set_header("Content-Disposition", "attachment; filename=\"incident-" + std::to_string(file_id) + elections::portfolio::extension(type) + "\"");
        return r;
    });
}

}

void detail::register_incident_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/incidents", record_perm, policy::record_incident, Body::Json, post_incident);
    r.router.add("GET", "/api/v1/incidents", manage_perm, policy::list_incidents, Body::None, [](Context& ctx) { return list_incidents(ctx, std::nullopt); });
    r.router.add("GET", "/api/v1/incidents/{id}", record_perm, policy::read_incident, Body::None, get_incident);
    r.router.add("POST", "/api/v1/incidents/{id}/reverse", manage_perm, policy::reverse_incident, Body::Json, reverse);
    r.router.add("POST", "/api/v1/incidents/{id}/files", record_perm, policy::attach_to_incident, Body::Upload, attach_file);
    r.router.add("GET", "/api/v1/incidents/{id}/files/{file_id}", record_perm, policy::read_incident, Body::None, get_file);
    r.router.add("GET", "/api/v1/groups/{id}/incidents", record_perm, policy::group_incidents, Body::None, [](Context& ctx) -> Result<Response> {
        return list_incidents(ctx, TRY(ctx.id_param("id")));
    });
}

}
