// The people directory: list with search, detail (sensitive parts by role, reads logged), create,
// edit, and links between students and their legal representatives.
#include "core/json_fields.hpp"
#include "modules/people/policy.hpp"
#include "core/text.hpp"
#include "modules/people/structure.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "modules/people/roster.hpp"

namespace kenes::people {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

constexpr const char* read_perm = "people.read";
constexpr const char* write_perm = "people.write";

const char* sort_column(Lang lang)
{
    switch (lang) {
    case Lang::Ru: return "p.sort_ru";
    case Lang::En: return "p.sort_en";
    default: return "p.sort_kk";
    }
}

Result<Response> list_people(Context& ctx)
{
    auto page = TRY(ctx.paging());
    auto kind = ctx.query_param("kind");
    auto status = ctx.query_param("status");
    auto group = ctx.query_param("group_id");
    std::vector<FieldError> errors;
    if (kind && *kind != "student" && *kind != "staff" && *kind != "representative")
        errors.push_back({ "kind", "invalid" });
    if (status && !roster::normalize_status(*status))
        errors.push_back({ "status", "invalid" });
    int64_t group_id = 0;
    if (group && (group->empty() || group->size() > 18 || !std::all_of(group->begin(), group->end(), ::isdigit)))
        errors.push_back({ "group_id", "invalid" });
    else if (group)
        group_id = std::stoll(*group);
    std::string q(text::trim(ctx.query_param("q").value_or("")));
    if (!text::valid_utf8(q) || text::code_points(q) > 200)
        errors.push_back({ "q", "invalid" });
    if (!errors.empty())
        return Error::validation(std::move(errors));

    std::string where = " WHERE p.institution_id = ?";
    db::Params params { ctx.institution_id() };
    // Every word must match some name part or the student number.
    auto folded = text::search_fold(q);
    size_t words = 0;
    for (size_t pos = 0; pos < folded.size() && words < 6;) {
        auto end = folded.find(' ', pos);
        auto word = folded.substr(pos, end - pos);
        pos = end == std::string::npos ? folded.size() : end + 1;
        if (word.empty())
            continue;
        where += " AND p.search_key LIKE ? ESCAPE '\\'";
        params.push_back("%" + text::like_escape(word) + "%");
        ++words;
    }
    // The count joins only the tables a filter needs: counting is linear in the matching rows, and
    // two lookups per person for nothing would dominate the cost of a page.
    bool needs_students = kind == "student" || status || group;
    std::string count_from = " FROM persons p";
    if (needs_students)
        count_from += " JOIN students s ON s.institution_id = p.institution_id AND s.person_id = p.id";
    if (kind == "staff")
        count_from += " JOIN staff st ON st.institution_id = p.institution_id AND st.person_id = p.id";
    if (kind == "student")
        where += " AND s.person_id IS NOT NULL";
    else if (kind == "staff")
        where += " AND st.person_id IS NOT NULL";
    else if (kind == "representative")
        where += " AND EXISTS (SELECT 1 FROM representatives r WHERE r.institution_id = p.institution_id AND r.representative_id = p.id)";
    if (status) {
        where += " AND s.status = ?";
        params.push_back(*roster::normalize_status(*status));
    }
    if (group) {
        where += " AND s.group_id = ?";
        params.push_back(group_id);
    }
    const std::string from = " FROM persons p "
                             "LEFT JOIN students s ON s.institution_id = p.institution_id AND s.person_id = p.id "
                             "LEFT JOIN staff st ON st.institution_id = p.institution_id AND st.person_id = p.id ";
    // The same query on unchanged data gives the same answer: serve it from the cache while the
    // institution's data version (its audit-chain head, read in this snapshot) has not moved.
    std::string cache_key = std::to_string(ctx.institution_id()) + "|" + std::string(lang_code(ctx.lang)) + "|" + where;
    for (auto& p : params)
        cache_key += "|" + (std::holds_alternative<int64_t>(p) ? std::to_string(std::get<int64_t>(p)) : std::get<std::string>(p));
    cache_key += "|" + std::to_string(page.limit) + "|" + std::to_string(page.offset);
    auto* cache = ctx.services.cache;
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        int64_t version = audit::data_version(tx, ctx.institution_id());
        if (cache)
            if (auto body = cache->find(cache_key, version)) {
                Response r;
                r.body = std::move(*body);
                r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
                return r;
            }
        int64_t total = tx.query_one("SELECT count(*)" + count_from + where, params)->i64(0);
        auto list_params = params;
        list_params.push_back(page.limit);
        list_params.push_back(page.offset);
        auto rows = tx.query("SELECT p.id, p.surname, p.name, p.patronymic, s.student_number, s.course, s.grade, s.group_id, g.name, s.status, "
                             "s.academic_debt, st.position, "
                             "EXISTS (SELECT 1 FROM representatives r WHERE r.institution_id = p.institution_id AND r.representative_id = p.id)"
                + from + "LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id" + where + " ORDER BY "
                + sort_column(ctx.lang) + ", p.id LIMIT ? OFFSET ?",
            list_params);
        array items;
        for (auto& r : rows) {
            array kinds;
            object item { { "id", r.i64(0) }, { "surname", r.str(1) }, { "name", r.str(2) }, { "patronymic", json_or_null(r.opt_str(3)) },
                { "full_name", full_name(r, 1) } };
            if (!r.is_null(4)) {
                kinds.emplace_back("student");
                item["student"] = object { { "student_number", r.str(4) }, { "course", json_or_null(r.opt_i64(5)) }, { "grade", json_or_null(r.opt_i64(6)) },
                    { "group_id", json_or_null(r.opt_i64(7)) }, { "group_name", json_or_null(r.opt_str(8)) }, { "status", r.str(9) },
                    { "academic_debt", r.flag(10) } };
            } else {
                item["student"] = nullptr;
            }
            if (!r.is_null(11)) {
                kinds.emplace_back("staff");
                item["staff"] = object { { "position", r.str(11) } };
            } else {
                item["staff"] = nullptr;
            }
            if (r.flag(12))
                kinds.emplace_back("representative");
            item["kinds"] = kinds;
            items.push_back(std::move(item));
        }
        auto r = Response::ok(object { { "items", items }, { "total", total }, { "limit", page.limit }, { "offset", page.offset } });
        if (cache)
            cache->store(cache_key, version, r.body);
        return r;
    });
}

Result<Response> get_person(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    if (!authz::allows(policy::read_sensitive, ctx.facts))
        return ctx.db().read([&](db::Tx& tx) -> Result<Response> { return Response::ok(person_detail(tx, inst, id, Sensitive::Hidden)); });
    // GEN-3: a read of a minor's or a family's personal data is logged, in the same transaction.
    auto detail = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto d = person_detail(tx, inst, id, Sensitive::Shown);
        modules::audit_change(ctx, tx, "person.read_sensitive", "person", id, nullptr, nullptr);
        return d;
    }));
    return Response::ok(detail);
}

struct PersonInput {
    std::optional<PersonFields> person;       // all person fields, merged over the stored ones for PATCH
    bool student_given = false;
    std::optional<StudentFields> student;     // given as null: remove
    bool staff_given = false;
    std::optional<std::string> staff_position;
};

// Reads a person body. For PATCH, `current` holds the stored values that absent fields keep.
Result<PersonInput> read_person(Context& ctx, const object* current)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto presence = current ? Presence::IfGiven : Presence::Required;
    auto str = [&](const char* key) -> std::optional<std::string> {
        if (!current)
            return std::nullopt;
        auto& v = current->at(key);
        return v.is_string() ? std::optional<std::string>(std::string(v.get_string())) : std::nullopt;
    };
    // Optional text fields: absent keeps the stored value, null clears it.
    auto keep_or = [&](const char* key, std::optional<std::string> given) { return in.has(key) ? given : str(key); };
    PersonInput out;
    PersonFields f;
    auto surname = in.text("surname", presence, 100);
    auto name = in.text("name", presence, 100);
    f.surname = surname ? *surname : str("surname").value_or("");
    f.name = name ? *name : str("name").value_or("");
    f.patronymic = keep_or("patronymic", in.text("patronymic", Presence::Optional, 100));
    auto date = in.date("birth_date", Presence::Optional);
    f.birth_date = keep_or("birth_date", date ? std::optional(date->iso()) : std::nullopt);
    f.gender = keep_or("gender", in.one_of("gender", Presence::Optional, { "female", "male" }));
    auto email = in.text("email", Presence::Optional, 200);
    if (email && email->find('@') == std::string::npos)
        in.add_error("email", "invalid");
    f.email = keep_or("email", email);
    f.phone = keep_or("phone", in.text("phone", Presence::Optional, 50));
    out.person = f;

    out.student_given = in.has("student");
    if (auto s = in.object("student", Presence::Optional)) {
        FieldReader sin(*s, "student");
        const object* stored = current && current->at("student").is_object() ? &current->at("student").get_object() : nullptr;
        StudentFields sf;
        auto number = sin.text("student_number", stored ? Presence::IfGiven : Presence::Required, 50);
        sf.student_number = number ? *number : (stored ? std::string(stored->at("student_number").as_string()) : "");
        auto stored_int = [&](const char* key) -> std::optional<int64_t> {
            return stored && stored->at(key).is_int64() ? std::optional(stored->at(key).as_int64()) : std::nullopt;
        };
        auto course = sin.integer("course", Presence::Optional, 1, 6);
        sf.course = sin.has("course") ? course : stored_int("course");
        auto grade = sin.integer("grade", Presence::Optional, 1, 12);
        sf.grade = sin.has("grade") ? grade : stored_int("grade");
        auto group = sin.integer("group_id", Presence::Optional, 1, INT64_MAX);
        sf.group_id = sin.has("group_id") ? group : stored_int("group_id");
        auto status = sin.one_of("status", Presence::Optional, { "studying", "academic_leave", "expelled", "graduated" });
        sf.status = status ? *status : (stored ? std::string(stored->at("status").as_string()) : "studying");
        auto debt = sin.boolean("academic_debt", Presence::Optional);
        sf.academic_debt = debt ? *debt : (stored && stored->at("academic_debt").as_bool());
        in.merge(std::move(sin));
        out.student = sf;
    }
    out.staff_given = in.has("staff");
    if (auto s = in.object("staff", Presence::Optional)) {
        FieldReader sin(*s, "staff");
        out.staff_position = sin.text("position", Presence::Required, 200);
        in.merge(std::move(sin));
    }
    TRY(in.finish());
    return out;
}

Status check_student(db::Tx& tx, int64_t inst, std::optional<int64_t> person_id, const StudentFields& s)
{
    if (s.group_id && !group_exists(tx, inst, *s.group_id))
        return Error::field("student.group_id", "not_found");
    auto other = tx.query_one("SELECT person_id FROM students WHERE institution_id = ? AND student_number = ?", { inst, s.student_number });
    if (other && (!person_id || other->i64(0) != *person_id))
        return Error { ErrorCode::Conflict, {}, {}, {}, { FieldError { "student.student_number", "duplicate" } } };
    return Ok {};
}

void apply_roles(db::Tx& tx, int64_t inst, int64_t id, const PersonInput& in)
{
    if (in.student)
        put_student(tx, inst, id, *in.student);
    else if (in.student_given)
        tx.exec("DELETE FROM students WHERE institution_id = ? AND person_id = ?", { inst, id });
    if (in.staff_position)
        put_staff(tx, inst, id, *in.staff_position);
    else if (in.staff_given)
        tx.exec("DELETE FROM staff WHERE institution_id = ? AND person_id = ?", { inst, id });
}

// The editor gets back what their role may see of the record they wrote.
object visible_detail(Context& ctx, object detail)
{
    int64_t id = detail.at("id").as_int64();
    return ctx.db().read([&](db::Tx& tx) {
        return may_see_sensitive(tx, ctx.user(), id) ? detail : person_detail(tx, ctx.institution_id(), id, Sensitive::Hidden);
    });
}

Result<Response> create_person(Context& ctx)
{
    auto in = TRY(read_person(ctx, nullptr));
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        if (in.student)
            TRY(check_student(tx, inst, std::nullopt, *in.student));
        int64_t id = insert_person(tx, ctx.clock(), inst, *in.person);
        apply_roles(tx, inst, id, in);
        auto after = person_detail(tx, inst, id, Sensitive::Shown);
        modules::audit_change(ctx, tx, "person.create", "person", id, nullptr, after);
        return after;
    }));
    return Response::created(visible_detail(ctx, out));
}

Result<Response> patch_person(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    auto current = ctx.db().read([&](db::Tx& tx) { return exists(tx, inst, id) ? person_detail(tx, inst, id, Sensitive::Shown) : object {}; });
    if (current.empty())
        return Error::not_found();
    auto in = TRY(read_person(ctx, &current));
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto before = person_detail(tx, inst, id, Sensitive::Shown);
        if (before.empty())
            return Error::not_found();
        if (in.student)
            TRY(check_student(tx, inst, id, *in.student));
        update_person(tx, ctx.clock(), inst, id, *in.person);
        apply_roles(tx, inst, id, in);
        auto after = person_detail(tx, inst, id, Sensitive::Shown);
        modules::audit_change(ctx, tx, "person.update", "person", id, before, after);
        if (in.student)
            deactivate_if_left(tx, ctx.clock(), ctx.user().actor(), inst, id, in.student->status);
        return after;
    }));
    return Response::ok(visible_detail(ctx, out));
}

Result<Response> add_representative(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto rep = in.integer("representative_id", Presence::Required, 1, INT64_MAX);
    auto kind = in.one_of("kind", Presence::Required, { "mother", "father", "guardian", "other" });
    if (rep && *rep == id)
        in.add_error("representative_id", "invalid");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        if (!exists(tx, inst, id))
            return Error::not_found();
        if (!is_student(tx, inst, id))
            return Error::field("student", "invalid");
        if (!exists(tx, inst, *rep))
            return Error::field("representative_id", "not_found");
        link_representative(tx, inst, id, *rep, *kind);
        modules::audit_change(ctx, tx, "representative.link", "person", id, nullptr, object { { "representative_id", *rep }, { "kind", *kind } });
        return Ok {};
    }));
    return Response::created(object { { "student_id", id }, { "representative_id", *rep }, { "kind", *kind } });
}

Result<Response> remove_representative(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t rep = TRY(ctx.id_param("representative_id"));
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        auto link = tx.query_one("SELECT kind FROM representatives WHERE institution_id = ? AND student_id = ? AND representative_id = ?", { inst, id, rep });
        if (!link)
            return Error::not_found();
        tx.exec("DELETE FROM representatives WHERE institution_id = ? AND student_id = ? AND representative_id = ?", { inst, id, rep });
        modules::audit_change(ctx, tx, "representative.unlink", "person", id, object { { "representative_id", rep }, { "kind", link->str(0) } }, nullptr);
        return Ok {};
    }));
    return Response::no_content();
}

}

void detail::register_person_routes(Registry& r)
{
    r.permissions.declare(read_perm, { role::InstitutionAdmin, role::Staff, role::Curator });
    r.permissions.declare(write_perm, { role::InstitutionAdmin, role::Staff });
    r.router.add("GET", "/api/v1/people", read_perm, authz::in_institution, Body::None, list_people);
    r.router.add("POST", "/api/v1/people", write_perm, authz::in_institution, Body::Json, create_person);
    r.router.add("GET", "/api/v1/people/{id}", read_perm, policy::read_person, Body::None, get_person);
    r.router.add("PATCH", "/api/v1/people/{id}", write_perm, policy::write_person, Body::Json, patch_person);
    r.router.add("POST", "/api/v1/people/{id}/representatives", write_perm, policy::write_person, Body::Json, add_representative);
    r.router.add("DELETE", "/api/v1/people/{id}/representatives/{representative_id}", write_perm, policy::write_person, Body::None, remove_representative);
}

}
