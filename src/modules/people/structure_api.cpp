#include "modules/people/structure.hpp"
#include "modules/people/policy.hpp"
#include "core/json_fields.hpp"
#include "modules/module_support.hpp"
#include <boost/json/array.hpp>

namespace kenes::people {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

constexpr const char* read_perm = "institution.read";
constexpr const char* manage_perm = "institution.manage";

std::string join(const std::vector<std::string>& v)
{
    std::string out;
    for (auto& s : v)
        out += (out.empty() ? "" : ",") + s;
    return out;
}

array split_languages(const std::string& s)
{
    array out;
    for (size_t pos = 0; pos < s.size();) {
        auto comma = s.find(',', pos);
        out.emplace_back(s.substr(pos, comma - pos));
        pos = comma == std::string::npos ? s.size() : comma + 1;
    }
    return out;
}

object institution_json(const db::Row& r)
{
    return { { "id", r.i64(0) }, { "name", r.str(1) }, { "kind", r.str(2) }, { "languages", split_languages(r.str(3)) }, { "time_zone", r.str(4) },
        { "publish_student_names", r.flag(5) } };
}

constexpr const char* institution_columns = "SELECT id, name, kind, languages, time_zone, publish_student_names FROM institutions";

Result<Response> get_institution(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto r = tx.query_one(std::string(institution_columns) + " WHERE id = ?", { ctx.institution_id() });
        if (!r)
            return Error::not_found();
        return Response::ok(institution_json(*r));
    });
}

Result<Response> patch_institution(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto name = in.text("name", Presence::IfGiven, 300);
    auto kind = in.one_of("kind", Presence::IfGiven, { "school", "college", "university" });
    auto languages = in.string_list("languages", Presence::Optional, { "kk", "ru", "en" });
    if (languages && languages->empty())
        in.add_error("languages", "required");
    auto publish_names = in.boolean("publish_student_names", Presence::Optional);
    TRY(in.finish());
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto before = institution_json(*tx.query_one(std::string(institution_columns) + " WHERE id = ?", { ctx.institution_id() }));
        if (name)
            tx.exec("UPDATE institutions SET name = ? WHERE id = ?", { *name, ctx.institution_id() });
        if (kind)
            tx.exec("UPDATE institutions SET kind = ? WHERE id = ?", { *kind, ctx.institution_id() });
        if (languages)
            tx.exec("UPDATE institutions SET languages = ? WHERE id = ?", { join(*languages), ctx.institution_id() });
        if (publish_names)
            tx.exec("UPDATE institutions SET publish_student_names = ? WHERE id = ?", { int64_t(*publish_names), ctx.institution_id() });
        auto after = institution_json(*tx.query_one(std::string(institution_columns) + " WHERE id = ?", { ctx.institution_id() }));
        modules::audit_change(ctx, tx, "institution.update", "institution", ctx.institution_id(), before, after);
        return after;
    }));
    return Response::ok(out);
}

Result<Response> list_institutions(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& r : tx.query(std::string(institution_columns) + " ORDER BY id LIMIT ?", { modules::short_list_cap }))
            items.push_back(institution_json(r));
        return Response::ok(object { { "items", modules::in_alphabetical_order(std::move(items), ctx.lang) } });
    });
}

Result<Response> post_institution(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto name = in.text("name", Presence::Required, 300);
    auto kind = in.one_of("kind", Presence::Required, { "school", "college", "university" });
    auto languages = in.string_list("languages", Presence::Optional, { "kk", "ru", "en" });
    TRY(in.finish());
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        if (tx.query_one("SELECT 1 FROM institutions WHERE name = ?", { *name }))
            return Error { ErrorCode::Conflict, {}, {}, {}, { FieldError { "name", "duplicate" } } };
        int64_t id = create_institution(tx, ctx.clock(), ctx.user().actor(), { *name, *kind, languages.value_or(std::vector<std::string> { "kk", "ru", "en" }) });
        return institution_json(*tx.query_one(std::string(institution_columns) + " WHERE id = ?", { id }));
    }));
    return Response::created(out);
}

// Academic years, faculties and Shanyraks are simple named lists of the institution.
struct NamedList {
    std::string table;
    std::string entity;
};

Result<Response> list_named(Context& ctx, const NamedList& list)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& r : tx.query("SELECT id, name FROM " + list.table + " WHERE institution_id = ? ORDER BY id LIMIT ?", { ctx.institution_id(), modules::short_list_cap }))
            items.push_back(object { { "id", r.i64(0) }, { "name", r.str(1) } });
        return Response::ok(object { { "items", modules::in_alphabetical_order(std::move(items), ctx.lang) } });
    });
}

Result<Response> create_named(Context& ctx, const NamedList& list)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto name = in.text("name", Presence::Required, 200);
    TRY(in.finish());
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        if (tx.query_one("SELECT 1 FROM " + list.table + " WHERE institution_id = ? AND name = ?", { ctx.institution_id(), *name }))
            return Error { ErrorCode::Conflict, {}, {}, {}, { FieldError { "name", "duplicate" } } };
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO " + list.table + " (institution_id, id, name) VALUES (?, ?, ?)", { ctx.institution_id(), id, *name });
        object after { { "id", id }, { "name", *name } };
        modules::audit_change(ctx, tx, list.entity + ".create", list.entity, id, nullptr, after);
        return after;
    }));
    return Response::created(out);
}

object academic_year_json(const db::Row& r)
{
    return { { "id", r.i64(0) }, { "name", r.str(1) }, { "starts_on", r.str(2) }, { "ends_on", r.str(3) } };
}

Result<Response> list_years(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& r : tx.query("SELECT id, name, starts_on, ends_on FROM academic_years WHERE institution_id = ? ORDER BY starts_on DESC, id LIMIT ?", { ctx.institution_id(), modules::short_list_cap }))
            items.push_back(academic_year_json(r));
        return Response::ok(object { { "items", items } });
    });
}

Result<Response> create_year(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto name = in.text("name", Presence::Required, 20);
    auto starts = in.date("starts_on", Presence::Required);
    auto ends = in.date("ends_on", Presence::Required);
    if (starts && ends && !(*starts < *ends))
        in.add_error("ends_on", "invalid");
    TRY(in.finish());
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        if (tx.query_one("SELECT 1 FROM academic_years WHERE institution_id = ? AND name = ?", { ctx.institution_id(), *name }))
            return Error { ErrorCode::Conflict, {}, {}, {}, { FieldError { "name", "duplicate" } } };
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO academic_years (institution_id, id, name, starts_on, ends_on) VALUES (?, ?, ?, ?, ?)",
            { ctx.institution_id(), id, *name, starts->iso(), ends->iso() });
        object after { { "id", id }, { "name", *name }, { "starts_on", starts->iso() }, { "ends_on", ends->iso() } };
        modules::audit_change(ctx, tx, "academic_year.create", "academic_year", id, nullptr, after);
        return after;
    }));
    return Response::created(out);
}

constexpr const char* group_select =
    "SELECT g.id, g.name, g.faculty_id, g.course, g.grade, g.curator_person_id, "
    "(SELECT count(*) FROM students s WHERE s.institution_id = g.institution_id AND s.group_id = g.id) FROM groups g";

object group_json(const db::Row& r)
{
    return { { "id", r.i64(0) }, { "name", r.str(1) }, { "faculty_id", modules::json_or_null(r.opt_i64(2)) }, { "course", modules::json_or_null(r.opt_i64(3)) },
        { "grade", modules::json_or_null(r.opt_i64(4)) }, { "curator_person_id", modules::json_or_null(r.opt_i64(5)) }, { "student_count", r.i64(6) } };
}

Result<Response> list_groups(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& r : tx.query(std::string(group_select) + " WHERE g.institution_id = ? ORDER BY g.id LIMIT ?", { ctx.institution_id(), modules::short_list_cap }))
            items.push_back(group_json(r));
        return Response::ok(object { { "items", modules::in_alphabetical_order(std::move(items), ctx.lang) } });
    });
}

struct GroupFields {
    std::optional<std::string> name;
    std::optional<int64_t> faculty_id, course, grade, curator_person_id;
    std::vector<std::string> cleared;   // PATCH: fields given as null, which clears them
};

Result<GroupFields> read_group(Context& ctx, Presence name_presence)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    GroupFields g;
    g.name = in.text("name", name_presence, 100);
    g.faculty_id = in.integer("faculty_id", Presence::Optional, 1, INT64_MAX);
    g.course = in.integer("course", Presence::Optional, 1, 6);
    g.grade = in.integer("grade", Presence::Optional, 1, 12);
    g.curator_person_id = in.integer("curator_person_id", Presence::Optional, 1, INT64_MAX);
    for (auto* key : { "faculty_id", "course", "grade", "curator_person_id" })
        if (in.is_null(key))
            g.cleared.emplace_back(key);
    TRY(in.finish());
    return g;
}

Status check_group_refs(db::Tx& tx, int64_t inst, const GroupFields& g)
{
    std::vector<FieldError> errors;
    if (g.faculty_id && !tx.query_one("SELECT 1 FROM faculties WHERE institution_id = ? AND id = ?", { inst, *g.faculty_id }))
        errors.push_back({ "faculty_id", "not_found" });
    if (g.curator_person_id && !tx.query_one("SELECT 1 FROM persons WHERE institution_id = ? AND id = ?", { inst, *g.curator_person_id }))
        errors.push_back({ "curator_person_id", "not_found" });
    if (!errors.empty())
        return Error::validation(std::move(errors));
    return Ok {};
}

Result<Response> create_group(Context& ctx)
{
    auto g = TRY(read_group(ctx, Presence::Required));
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        TRY(check_group_refs(tx, inst, g));
        if (tx.query_one("SELECT 1 FROM groups WHERE institution_id = ? AND name = ?", { inst, *g.name }))
            return Error { ErrorCode::Conflict, {}, {}, {}, { FieldError { "name", "duplicate" } } };
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO groups (institution_id, id, name, faculty_id, course, grade, curator_person_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            { inst, id, *g.name, db::nullable(g.faculty_id), db::nullable(g.course), db::nullable(g.grade), db::nullable(g.curator_person_id) });
        auto after = group_json(*tx.query_one(std::string(group_select) + " WHERE g.institution_id = ? AND g.id = ?", { inst, id }));
        modules::audit_change(ctx, tx, "group.create", "group", id, nullptr, after);
        return after;
    }));
    return Response::created(out);
}

Result<Response> patch_group(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto g = TRY(read_group(ctx, Presence::IfGiven));
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto row = tx.query_one(std::string(group_select) + " WHERE g.institution_id = ? AND g.id = ?", { inst, id });
        if (!row)
            return Error::not_found();
        TRY(check_group_refs(tx, inst, g));
        auto before = group_json(*row);
        if (g.name) {
            if (tx.query_one("SELECT 1 FROM groups WHERE institution_id = ? AND name = ? AND id <> ?", { inst, *g.name, id }))
                return Error { ErrorCode::Conflict, {}, {}, {}, { FieldError { "name", "duplicate" } } };
            tx.exec("UPDATE groups SET name = ? WHERE institution_id = ? AND id = ?", { *g.name, inst, id });
        }
        auto set = [&](const char* column, const std::optional<int64_t>& v) {
            if (v)
                tx.exec(std::string("UPDATE groups SET ") + column + " = ? WHERE institution_id = ? AND id = ?", { *v, inst, id });
        };
        set("faculty_id", g.faculty_id);
        set("course", g.course);
        set("grade", g.grade);
        set("curator_person_id", g.curator_person_id);
        for (auto& column : g.cleared)   // from a fixed list of column names
            tx.exec("UPDATE groups SET " + column + " = NULL WHERE institution_id = ? AND id = ?", { inst, id });
        auto after = group_json(*tx.query_one(std::string(group_select) + " WHERE g.institution_id = ? AND g.id = ?", { inst, id }));
        modules::audit_change(ctx, tx, "group.update", "group", id, before, after);
        return after;
    }));
    return Response::ok(out);
}

const NamedList faculties { "faculties", "faculty" };
const NamedList shanyraks { "shanyraks", "shanyrak" };

}

int64_t create_institution(db::Tx& tx, const Clock& clock, const audit::Actor& actor, const NewInstitution& n)
{
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO institutions (id, name, kind, languages, time_zone, created_at) VALUES (?, ?, ?, ?, 'Asia/Almaty', ?)",
        { id, n.name, n.kind, join(n.languages), clock.now() });
    audit::start_chain(tx, id);
    audit::record(tx, clock, { id, actor, "institution.create", "institution", id, nullptr, object { { "name", n.name }, { "kind", n.kind } } });
    return id;
}

bool group_exists(db::Tx& tx, int64_t institution_id, int64_t group_id)
{
    return tx.query_one("SELECT 1 FROM groups WHERE institution_id = ? AND id = ?", { institution_id, group_id }).has_value();
}

int64_t find_or_create_group(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t institution_id, const std::string& name)
{
    if (auto r = tx.query_one("SELECT id FROM groups WHERE institution_id = ? AND name = ?", { institution_id, name }))
        return r->i64(0);
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO groups (institution_id, id, name) VALUES (?, ?, ?)", { institution_id, id, name });
    audit::record(tx, clock, { institution_id, actor, "group.create", "group", id, nullptr, object { { "name", name } } });
    return id;
}

void detail::register_structure_routes(Registry& r)
{
    r.permissions.declare(read_perm, { role::InstitutionAdmin, role::Staff, role::Curator });
    r.permissions.declare(manage_perm, { role::InstitutionAdmin });
    r.permissions.declare("institutions.manage", {});

    r.router.add("GET", "/api/v1/institution", read_perm, authz::in_institution, Body::None, get_institution);
    r.router.add("PATCH", "/api/v1/institution", manage_perm, authz::in_institution, Body::Json, patch_institution);
    r.router.add("GET", "/api/v1/institutions", "institutions.manage", authz::in_institution, Body::None, list_institutions);
    r.router.add("POST", "/api/v1/institutions", "institutions.manage", authz::in_institution, Body::Json, post_institution);
    r.router.add("GET", "/api/v1/academic-years", read_perm, authz::in_institution, Body::None, list_years);
    r.router.add("POST", "/api/v1/academic-years", manage_perm, authz::in_institution, Body::Json, create_year);
    r.router.add("GET", "/api/v1/faculties", read_perm, authz::in_institution, Body::None, [](Context& c) { return list_named(c, faculties); });
    r.router.add("POST", "/api/v1/faculties", manage_perm, authz::in_institution, Body::Json, [](Context& c) { return create_named(c, faculties); });
    r.router.add("GET", "/api/v1/shanyraks", read_perm, authz::in_institution, Body::None, [](Context& c) { return list_named(c, shanyraks); });
    r.router.add("POST", "/api/v1/shanyraks", manage_perm, authz::in_institution, Body::Json, [](Context& c) { return create_named(c, shanyraks); });
    r.router.add("GET", "/api/v1/groups", read_perm, authz::in_institution, Body::None, list_groups);
    r.router.add("POST", "/api/v1/groups", manage_perm, authz::in_institution, Body::Json, create_group);
    r.router.add("PATCH", "/api/v1/groups/{id}", manage_perm, policy::manage_group, Body::Json, patch_group);
}

}
