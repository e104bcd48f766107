// Roster import: upload, suggested column mapping, preview (a dry run that writes nothing), and
// the import itself in one transaction: all rows or none. Re-importing a file updates students
// found by student number instead of duplicating them.
#include "core/json_fields.hpp"
#include "modules/people/policy.hpp"
#include "core/text.hpp"
#include "modules/people/structure.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "modules/people/roster.hpp"
#include "modules/people/xlsx_reader.hpp"
#include <set>

namespace kenes::people {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

constexpr const char* import_perm = "people.import";
constexpr size_t max_reported_errors = 1000;

struct Upload {
    int64_t id;
    std::string filename, encoding, delimiter, status;
    std::string text;
};

Result<Upload> load_upload(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT filename, encoding, delimiter, status, content FROM imports WHERE institution_id = ? AND id = ?", { inst, id });
    if (!r)
        return Error::not_found();
    return Upload { id, r->str(0), r->str(1), r->str(2), r->str(3), r->blob(4) };
}

// The records of an upload: an .xlsx is kept as uploaded and its first sheet read again, a CSV
// is kept as decoded UTF-8 text with the delimiter found on upload.
Result<std::vector<csv::Record>> records_of(const Upload& u)
{
    if (u.encoding == "xlsx")
        return xlsx::read_first_sheet(u.text);
    return csv::parse(u.text, u.delimiter.empty() ? ',' : u.delimiter[0]);
}

object upload_json(const Upload& u, const std::vector<csv::Record>& records)
{
    array columns, sample, fields;
    if (!records.empty())
        for (auto& c : records[0].fields)
            columns.emplace_back(c);
    for (size_t i = 1; i < records.size() && i <= 5; ++i) {
        array row;
        for (auto& c : records[i].fields)
            row.emplace_back(c);
        sample.push_back(std::move(row));
    }
    object mapping;
    if (!records.empty())
        for (auto& [field, col] : roster::suggest_mapping(records[0].fields))
            mapping[field] = col;
    for (auto& f : roster::known_fields())
        fields.emplace_back(f);
    return { { "id", u.id }, { "filename", u.filename }, { "encoding", u.encoding }, { "delimiter", u.delimiter }, { "status", u.status },
        { "columns", columns }, { "row_count", records.empty() ? 0 : int64_t(records.size() - 1) }, { "sample", sample }, { "mapping", mapping },
        { "fields", fields }, { "required", array { "surname", "name" } } };
}

Result<Response> upload(Context& ctx)
{
    // Excel on Windows sends a .csv as application/vnd.ms-excel, some browsers as text/plain.
    TRY(modules::require_media_type(ctx, { "text/csv", "application/octet-stream", "text/plain", "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    auto filename = ctx.query_param("filename").value_or("roster.csv");
    if (filename.size() > 200 || !text::valid_utf8(filename) || text::has_control_chars(filename, false))
        return Error::field("filename", "invalid");
    // The content decides, not the name or the type a browser guessed: an .xlsx is a ZIP archive.
    Upload u { 0, filename, "xlsx", "", "uploaded", ctx.request.body };
    if (!xlsx::looks_like_xlsx(ctx.request.body)) {
        auto decoded = TRY(csv::decode(ctx.request.body));
        u.encoding = std::string(csv::encoding_name(decoded.encoding));
        u.delimiter = std::string(1, csv::detect_delimiter(decoded.text));
        u.text = std::move(decoded.text);
    }
    auto records = TRY(records_of(u));
    if (records.size() < 2)
        return Error { ErrorCode::Validation, {}, {}, {}, { FieldError { "file", "invalid", {}, {}, {}, "import.empty" } } };
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        int64_t id = u.id = tx.next_id();
        tx.exec("INSERT INTO imports (institution_id, id, filename, encoding, delimiter, status, content, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, id, u.filename, u.encoding, u.delimiter, u.status, db::Blob { u.text }, ctx.user().user_id, ctx.clock().now() });
        modules::audit_change(ctx, tx, "import.upload", "import", id, nullptr,
            object { { "filename", u.filename }, { "encoding", u.encoding }, { "rows", int64_t(records.size() - 1) } });
        return upload_json(u, records);
    }));
    return Response::created(out);
}

Result<Response> get_upload(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto u = TRY(ctx.db().read([&](db::Tx& tx) { return load_upload(tx, ctx.institution_id(), id); }));
    auto records = TRY(records_of(u));
    return Response::ok(upload_json(u, records));
}

Result<roster::Mapping> read_mapping(Context& ctx, size_t columns)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto m = in.object("mapping", Presence::Required);
    TRY(in.finish());
    roster::Mapping mapping;
    std::vector<FieldError> errors;
    std::set<int64_t> used;
    for (auto& [field, col] : *m) {
        if (col.is_null())
            continue;
        if (!col.is_int64() || col.as_int64() < 0) {
            errors.push_back({ "mapping." + std::string(field), "wrong_type" });
            continue;
        }
        if (!used.insert(col.as_int64()).second)
            errors.push_back({ "mapping." + std::string(field), "duplicate" });
        mapping[std::string(field)] = size_t(col.as_int64());
    }
    for (auto& e : roster::check_mapping(mapping, columns))
        errors.push_back(std::move(e));
    if (!errors.empty())
        return Error::validation(std::move(errors));
    return mapping;
}

struct Plan {
    Upload upload;
    roster::Parsed parsed;
};

Result<Plan> plan(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto u = TRY(ctx.db().read([&](db::Tx& tx) { return load_upload(tx, ctx.institution_id(), id); }));
    if (u.status != "uploaded")
        return Error { ErrorCode::Conflict, "import.already_done" };
    auto records = TRY(records_of(u));
    auto mapping = TRY(read_mapping(ctx, records.empty() ? 0 : records[0].fields.size()));
    return Plan { std::move(u), roster::parse_rows(records, mapping) };
}

Error row_errors(std::vector<FieldError> errors)
{
    if (errors.size() > max_reported_errors)
        errors.resize(max_reported_errors);
    return Error::validation(std::move(errors));
}

array error_list(const Context& ctx, const std::vector<FieldError>& errors)
{
    array out;
    for (size_t i = 0; i < errors.size() && i < max_reported_errors; ++i) {
        auto& e = errors[i];
        out.push_back(object { { "line", e.line.value_or(0) }, { "column", e.column.value_or("") }, { "field", e.field }, { "code", e.code },
            { "message", ctx.services.catalog.format(ctx.lang, e.message_key.empty() ? "field." + e.code : e.message_key, e.params) } });
    }
    return out;
}

Result<Response> preview(Context& ctx)
{
    auto p = TRY(plan(ctx));
    int64_t inst = ctx.institution_id();
    int year = almaty::local_date(ctx.clock().now()).year;
    // The dry run reads which students and groups exist; it writes nothing.
    auto counts = ctx.db().read([&](db::Tx& tx) {
        resolve_student_numbers(tx, inst, year, p.parsed.rows);
        int64_t updates = 0, representatives = 0;
        std::set<std::string> new_groups;
        for (auto& row : p.parsed.rows) {
            if (tx.query_one("SELECT 1 FROM students WHERE institution_id = ? AND student_number = ?", { inst, row.student_number }))
                ++updates;
            representatives += int64_t(row.representatives.size());
            if (row.group && !new_groups.contains(*row.group) && !tx.query_one("SELECT 1 FROM groups WHERE institution_id = ? AND name = ?", { inst, *row.group }))
                new_groups.insert(*row.group);
        }
        return std::tuple { updates, representatives, new_groups };
    });
    auto& [updates, representatives, new_groups] = counts;
    array groups, generated;
    for (auto& g : new_groups)
        groups.emplace_back(g);
    // Numbers made up for rows without one are shown before anything is written.
    for (auto& row : p.parsed.rows)
        if (row.number_generated)
            generated.push_back(object { { "line", row.line }, { "person", row.surname + " " + row.name }, { "student_number", row.student_number } });
    return Response::ok(object { { "generated_numbers", generated }, { "dry_run", true }, { "rows", int64_t(p.parsed.rows.size() + p.parsed.errors.size()) },
        { "valid_rows", int64_t(p.parsed.rows.size()) }, { "creates", int64_t(p.parsed.rows.size()) - updates }, { "updates", updates },
        { "representatives", representatives }, { "new_groups", groups }, { "error_count", int64_t(p.parsed.errors.size()) },
        { "errors", error_list(ctx, p.parsed.errors) } });
}

}

// Rows without a student number: a student already in the directory with the same surname,
// name, patronymic and birth date keeps their number (so importing the same file twice updates
// rather than duplicates); the others get a generated number, unique in the institution.
void resolve_student_numbers(db::Tx& tx, int64_t inst, int year, std::vector<roster::Row>& rows)
{
    if (std::all_of(rows.begin(), rows.end(), [](auto& r) { return !r.student_number.empty(); }))
        return;
    for (auto& row : rows) {
        if (!row.student_number.empty())
            continue;
        auto found = tx.query("SELECT s.student_number FROM students s JOIN persons p ON p.institution_id = s.institution_id AND p.id = s.person_id "
                              "WHERE s.institution_id = ? AND p.surname = ? AND p.name = ? AND COALESCE(p.patronymic, '') = ? AND COALESCE(p.birth_date, '') = ?",
            { inst, row.surname, row.name, row.patronymic.value_or(""), row.birth_date.value_or("") });
        if (found.size() == 1)
            row.student_number = found[0].str(0);
    }
    auto prefix = roster::generated_number_prefix(year);
    std::vector<std::string> used;
    for (auto& r : tx.query("SELECT student_number FROM students WHERE institution_id = ? AND student_number LIKE ?", { inst, prefix + "%" }))
        used.push_back(r.str(0));
    roster::assign_student_numbers(rows, prefix, used);
}

namespace {

// Finds the representative of this student with the same name, else creates one.
int64_t representative_for(db::Tx& tx, const Clock& clock, int64_t inst, int64_t student_id, const roster::Representative& r, bool& created)
{
    auto existing = tx.query_one("SELECT p.id FROM representatives l JOIN persons p ON p.institution_id = l.institution_id AND p.id = l.representative_id "
                                 "WHERE l.institution_id = ? AND l.student_id = ? AND p.surname = ? AND p.name = ?",
        { inst, student_id, r.surname, r.name });
    PersonFields f { r.surname, r.name, r.patronymic, std::nullopt, std::nullopt, r.email, r.phone };
    created = !existing;
    if (existing) {
        int64_t id = existing->i64(0);
        auto old = tx.query_one("SELECT birth_date, gender FROM persons WHERE institution_id = ? AND id = ?", { inst, id });
        f.birth_date = old->opt_str(0);
        f.gender = old->opt_str(1);
        update_person(tx, clock, inst, id, f);
        return id;
    }
    return insert_person(tx, clock, inst, f);
}

}

boost::json::object apply_roster(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, std::vector<roster::Row> rows)
{
    resolve_student_numbers(tx, inst, almaty::local_date(clock.now()).year, rows);
    int64_t created = 0, updated = 0, linked = 0;
    std::map<std::string, int64_t> groups;
    std::set<std::string> new_groups;
    for (auto& row : rows) {
        std::optional<int64_t> group_id;
        if (row.group) {
            auto it = groups.find(*row.group);
            if (it == groups.end()) {
                bool existed = tx.query_one("SELECT 1 FROM groups WHERE institution_id = ? AND name = ?", { inst, *row.group }).has_value();
                if (!existed)
                    new_groups.insert(*row.group);
                it = groups.emplace(*row.group, find_or_create_group(tx, clock, actor, inst, *row.group)).first;
            }
            group_id = it->second;
        }
        PersonFields f { row.surname, row.name, row.patronymic, row.birth_date, row.gender, row.email, row.phone };
        auto existing = tx.query_one("SELECT person_id, course, grade, group_id, status, academic_debt FROM students WHERE institution_id = ? AND student_number = ?",
            { inst, row.student_number });
        int64_t person_id;
        boost::json::value before = nullptr;
        StudentFields s { row.student_number, row.course, row.grade, group_id, row.status.value_or("studying"), row.academic_debt.value_or(false) };
        if (existing) {
            person_id = existing->i64(0);
            before = person_detail(tx, inst, person_id, Sensitive::Shown);
            // Columns the file does not have keep their stored values.
            if (!row.course) s.course = existing->opt_i64(1);
            if (!row.grade) s.grade = existing->opt_i64(2);
            if (!row.group) s.group_id = existing->opt_i64(3);
            if (!row.status) s.status = existing->str(4);
            if (!row.academic_debt) s.academic_debt = existing->flag(5);
            auto& old = before.as_object();
            auto keep = [&](std::optional<std::string>& v, const char* key) {
                if (!v && old.at(key).is_string())
                    v = std::string(old.at(key).as_string());
            };
            keep(f.patronymic, "patronymic");
            keep(f.birth_date, "birth_date");
            keep(f.gender, "gender");
            keep(f.email, "email");
            keep(f.phone, "phone");
            update_person(tx, clock, inst, person_id, f);
            ++updated;
        } else {
            person_id = insert_person(tx, clock, inst, f);
            ++created;
        }
        put_student(tx, inst, person_id, s);
        for (auto& rep : row.representatives) {
            bool fresh = false;
            int64_t rep_id = representative_for(tx, clock, inst, person_id, rep, fresh);
            link_representative(tx, inst, person_id, rep_id, rep.kind);
            ++linked;
        }
        audit::record(tx, clock, { inst, actor, existing ? "person.update" : "person.create", "person", person_id, before,
            person_detail(tx, inst, person_id, Sensitive::Shown) });
        deactivate_if_left(tx, clock, actor, inst, person_id, s.status);
    }
    array groups_created;
    for (auto& g : new_groups)
        groups_created.emplace_back(g);
    object summary { { "created", created }, { "updated", updated }, { "representatives", linked }, { "new_groups", groups_created } };
    return summary;
}

namespace {

Result<Response> commit(Context& ctx)
{
    auto p = TRY(plan(ctx));
    if (!p.parsed.errors.empty())
        return row_errors(std::move(p.parsed.errors));
    int64_t inst = ctx.institution_id();
    auto actor = ctx.user().actor();
    auto result = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        // Re-checked inside the transaction: a second commit of the same upload must not run twice.
        auto status = tx.query_one("SELECT status FROM imports WHERE institution_id = ? AND id = ?", { inst, p.upload.id });
        if (!status || status->str(0) != "uploaded")
            return Error { ErrorCode::Conflict, "import.already_done" };
        auto summary = apply_roster(tx, ctx.clock(), actor, inst, p.parsed.rows);
        // The file is personal data: once its rows are in the directory it is not kept.
        tx.exec("UPDATE imports SET status = 'imported', content = ? WHERE institution_id = ? AND id = ?", { db::Blob { "" }, inst, p.upload.id });
        audit::record(tx, ctx.clock(), { inst, actor, "import.commit", "import", p.upload.id, nullptr, summary });
        return summary;
    }));
    return Response::ok(result);
}

Result<Response> cancel(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        auto status = tx.query_one("SELECT status FROM imports WHERE institution_id = ? AND id = ?", { inst, id });
        if (!status)
            return Error::not_found();
        if (status->str(0) != "uploaded")
            return Error { ErrorCode::Conflict, "import.already_done" };
        // The uploaded file is personal data: it is not kept once the import is cancelled.
        tx.exec("UPDATE imports SET status = 'cancelled', content = ? WHERE institution_id = ? AND id = ?", { db::Blob { "" }, inst, id });
        modules::audit_change(ctx, tx, "import.cancel", "import", id, nullptr, nullptr);
        return Ok {};
    }));
    return Response::no_content();
}

}

void detail::register_import_routes(Registry& r)
{
    r.permissions.declare(import_perm, { role::InstitutionAdmin });
    r.router.add("POST", "/api/v1/imports", import_perm, authz::in_institution, Body::Upload, upload);
    r.router.add("GET", "/api/v1/imports/{id}", import_perm, policy::use_import, Body::None, get_upload);
    r.router.add("POST", "/api/v1/imports/{id}/preview", import_perm, policy::use_import, Body::Json, preview);
    r.router.add("POST", "/api/v1/imports/{id}/commit", import_perm, policy::use_import, Body::Json, commit);
    r.router.add("DELETE", "/api/v1/imports/{id}", import_perm, policy::use_import, Body::None, cancel);
}

}
