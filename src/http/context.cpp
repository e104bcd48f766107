#include "http/context.hpp"
#include "core/text.hpp"
#include <boost/json/parse.hpp>
#include <charconv>

namespace kenes::http {

Result<boost::json::object> Context::json_object() const
{
    boost::system::error_code ec;
    boost::json::parse_options options;
    options.max_depth = 32;
    auto value = boost::json::parse(request.body, ec, {}, options);
    if (ec)
        return Error { ErrorCode::BadJson };
    if (!value.is_object())
        return Error { ErrorCode::BadRequest };
    return std::move(value.as_object());
}

static std::optional<int64_t> parse_int(std::string_view s)
{
    int64_t n = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty())
        return std::nullopt;
    return n;
}

Result<int64_t> Context::id_param(std::string_view name) const
{
    auto it = params.find(name);
    if (it == params.end())
        return Error::not_found();
    auto n = parse_int(it->second);
    if (!n || *n <= 0)
        return Error::not_found();
    return *n;
}

std::optional<std::string> Context::query_param(std::string_view name) const
{
    auto it = query.find(name);
    if (it == query.end())
        return std::nullopt;
    return it->second;
}

Result<Paging> Context::paging(int64_t default_limit, int64_t max_limit) const
{
    Paging p { default_limit, 0 };
    std::vector<FieldError> errors;
    if (auto l = query_param("limit")) {
        auto n = parse_int(*l);
        if (!n || *n < 1 || *n > max_limit)
            errors.push_back({ "limit", "out_of_range", { { "min", 1 }, { "max", max_limit } } });
        else
            p.limit = *n;
    }
    if (auto o = query_param("offset")) {
        auto n = parse_int(*o);
        if (!n || *n < 0 || *n > 10'000'000)
            errors.push_back({ "offset", "out_of_range", { { "min", 0 }, { "max", 10'000'000 } } });
        else
            p.offset = *n;
    }
    if (!errors.empty())
        return Error::validation(std::move(errors));
    return p;
}

Result<authz::Facts> facts_of(db::Tx* tx, const Context& ctx, const authz::ObjectKind& kind, std::optional<int64_t> id)
{
    authz::Facts facts;
    if (&kind == &authz::public_page)
        return facts.add(authz::Rel::Anyone);
    if (!ctx.principal)
        return Error { ErrorCode::Unauthenticated };
    if (&kind == &authz::own_account)
        return facts.add(authz::Rel::Account);
    if (!kind.load)
        return authz::standing(*ctx.principal);
    if (!id || !tx)
        return Error::not_found();
    auto loaded = kind.load(*tx, *ctx.principal, *id, ctx.clock());
    if (!loaded)
        return Error::not_found();
    return *loaded;
}

Status authorize(db::Tx& tx, const Context& ctx, const authz::Policy& policy, std::optional<int64_t> id)
{
    auto facts = TRY(facts_of(&tx, ctx, *policy.object, id));
    if (!authz::allows(policy, facts))
        return Error::forbidden();
    return Ok {};
}

}
