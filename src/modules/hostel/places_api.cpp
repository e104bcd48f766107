// The hostel's stock (seed 004 hostel rules): hostels, rooms of one gender each, places; a place
// may be out of use. A place back in use is a freed place for the reserve list (HST-RES-1).
#include "core/json_fields.hpp"
#include "modules/hostel/interfaces.hpp"
#include "modules/hostel/policy.hpp"
#include "modules/hostel/routes.hpp"
#include "modules/module_support.hpp"
#include <boost/json/array.hpp>

namespace kenes::hostel {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

// A place is free when it is in use and nobody lives on it.
constexpr const char* occupied_sql = "EXISTS (SELECT 1 FROM hostel_residents x WHERE x.institution_id = p.institution_id AND x.place_id = p.id AND x.evicted_on IS NULL)";

object hostel_json(db::Tx& tx, int64_t inst, int64_t id)
{
    auto h = tx.query_one("SELECT id, name, address FROM hostels WHERE institution_id = ? AND id = ?", { inst, id });
    array rooms;
    int64_t places = 0, in_use = 0, free = 0;
    for (auto& r : tx.query("SELECT id, floor, number, gender FROM hostel_rooms WHERE institution_id = ? AND hostel_id = ? ORDER BY floor, number, id", { inst, id })) {
        array ps;
        for (auto& p : tx.query(std::string("SELECT p.id, p.label, p.out_of_use, ") + occupied_sql + " FROM hostel_places p WHERE p.institution_id = ? AND p.room_id = ? ORDER BY p.label, p.id",
                 { inst, r.i64(0) })) {
            ++places;
            in_use += !p.flag(2);
            free += !p.flag(2) && !p.flag(3);
            ps.push_back(object { { "id", p.i64(0) }, { "label", p.str(1) }, { "out_of_use", p.flag(2) }, { "occupied", p.flag(3) } });
        }
        rooms.push_back(object { { "id", r.i64(0) }, { "floor", r.i64(1) }, { "number", r.str(2) }, { "gender", r.str(3) }, { "places", ps } });
    }
    return object { { "id", h->i64(0) }, { "name", h->str(1) }, { "address", h->str(2) }, { "rooms", rooms },
        { "totals", object { { "places", places }, { "in_use", in_use }, { "free", free } } } };
}

Result<Response> list_hostels(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& h : tx.query("SELECT id FROM hostels WHERE institution_id = ? ORDER BY name, id LIMIT 200", { ctx.institution_id() }))
            items.push_back(hostel_json(tx, ctx.institution_id(), h.i64(0)));
        return Response::ok(object { { "items", items } });
    });
}

Result<Response> create_hostel(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto name = in.text("name", Presence::Required, 200, Lines::Single, 1);
    auto address = in.text("address", Presence::Optional, 500);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO hostels (institution_id, id, name, address, created_at) VALUES (?, ?, ?, ?, ?)",
            { ctx.institution_id(), id, *name, address.value_or(""), ctx.clock().now() });
        modules::audit_change(ctx, tx, "hostel.create", "hostel", id, nullptr, object { { "name", *name } });
        return Response::created(hostel_json(tx, ctx.institution_id(), id));
    });
}

// A room with its places labelled 1..n.
Result<Response> add_room(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto floor = in.integer("floor", Presence::Required, -2, 50);
    auto number = in.text("number", Presence::Required, 20, Lines::Single, 1);
    auto gender = in.one_of("gender", Presence::Required, { "female", "male" });
    auto places = in.integer("places", Presence::Required, 1, 12);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        if (tx.query_one("SELECT 1 FROM hostel_rooms WHERE institution_id = ? AND hostel_id = ? AND number = ?", { inst, id, *number }))
            return Error::field("number", "taken");
        int64_t room = tx.next_id();
        tx.exec("INSERT INTO hostel_rooms (institution_id, id, hostel_id, floor, number, gender) VALUES (?, ?, ?, ?, ?, ?)", { inst, room, id, *floor, *number, *gender });
        for (int64_t i = 1; i <= *places; ++i)
            tx.exec("INSERT INTO hostel_places (institution_id, id, room_id, label) VALUES (?, ?, ?, ?)", { inst, tx.next_id(), room, std::to_string(i) });
        modules::audit_change(ctx, tx, "hostel_room.create", "hostel_room", room, nullptr,
            object { { "hostel_id", id }, { "floor", *floor }, { "number", *number }, { "gender", *gender }, { "places", *places } });
        return Response::created(hostel_json(tx, inst, id));
    });
}

// Out of use (repairs) or back in use; back in use frees the place for the reserve (HST-RES-1).
Result<Response> set_place_use(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t place = TRY(ctx.id_param("place"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto out = in.boolean("out_of_use", Presence::Required);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        auto p = tx.query_one(std::string("SELECT p.out_of_use, ") + occupied_sql + " FROM hostel_places p JOIN hostel_rooms r ON r.institution_id = p.institution_id AND r.id = p.room_id "
                              "WHERE p.institution_id = ? AND p.id = ? AND r.hostel_id = ?",
            { inst, place, id });
        if (!p)
            return Error::not_found();
        if (p->flag(0) == *out)
            return Response::ok(hostel_json(tx, inst, id));
        if (*out && p->flag(1))
            return Error { ErrorCode::Conflict, "hostel.place.occupied" };
        tx.exec("UPDATE hostel_places SET out_of_use = ? WHERE institution_id = ? AND id = ?", { int64_t(*out), inst, place });
        modules::audit_change(ctx, tx, "hostel_place.use", "hostel_place", place, object { { "out_of_use", !*out } }, object { { "out_of_use", *out } });
        if (!*out)
            detail::place_freed(tx, ctx, place);
        return Response::ok(hostel_json(tx, inst, id));
    });
}

}

void detail::register_place_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/hostel/hostels", manage_perm, policy::manage_places, Body::None, list_hostels);
    r.router.add("POST", "/api/v1/hostel/hostels", manage_perm, policy::manage_places, Body::Json, create_hostel);
    r.router.add("POST", "/api/v1/hostel/hostels/{id}/rooms", manage_perm, policy::edit_hostel, Body::Json, add_room);
    r.router.add("PUT", "/api/v1/hostel/hostels/{id}/places/{place}/use", manage_perm, policy::edit_hostel, Body::Json, set_place_use);
}

}
