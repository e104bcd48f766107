#pragma once
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "http/message.hpp"
#include "http/response_cache.hpp"
#include "i18n/catalog.hpp"
#include "security/password_policy.hpp"
#include "security/permissions.hpp"
#include "security/policy.hpp"
#include "security/principal.hpp"
#include "storage/database.hpp"
#include <boost/json/object.hpp>
#include <map>
#include <optional>

namespace kenes::http {

// What handlers need from the running server.
struct Services {
    db::Database& db;
    const Catalog& catalog;
    const Clock& clock;
    const Config& config;
    const PermissionCatalog& permissions;
    ResponseCache* cache = nullptr;   // optional
    // The list of common passwords that new passwords are checked against (none: an empty list).
    const password_policy::CommonPasswords* common_passwords = nullptr;
};

struct Paging {
    int64_t limit;
    int64_t offset;
};

// The language of an answer. Reading it marks the answer as shaped by the language, so the
// dispatcher names Accept-Language in Vary on exactly the answers that depend on it (a shared
// cache must not hand a Kazakh list to a Russian reader) and on no other. Not copyable: a copy
// would be read without the mark; write `Lang lang = ctx.lang`.
class AnswerLang {
public:
    explicit AnswerLang(Lang lang)
        : m_lang(lang)
    {
    }
    AnswerLang(const AnswerLang&) = delete;
    AnswerLang& operator=(const AnswerLang&) = delete;
    AnswerLang& operator=(Lang lang)
    {
        m_lang = lang;
        return *this;
    }
    operator Lang() const
    {
        m_read = true;
        return m_lang;
    }
    bool was_read() const { return m_read; }
    // The language without marking the answer (the dispatcher's Content-Language).
    Lang unread() const { return m_lang; }

private:
    Lang m_lang;
    mutable bool m_read = false;
};

// One request on its way through a handler.
class Context {
public:
    Context(const Request& request, Services& services, Lang lang)
        : request(request)
        , services(services)
        , lang(lang)
    {
    }

    const Request& request;
    Services& services;
    AnswerLang lang;
    std::optional<Principal> principal;
    std::map<std::string, std::string, std::less<>> params;
    std::map<std::string, std::string, std::less<>> query;
    authz::Facts facts;   // the user's relationships to the route's object, as the dispatcher found them

    const Principal& user() const { return *principal; }
    int64_t institution_id() const { return principal->institution_id; }
    db::Database& db() const { return services.db; }
    const Clock& clock() const { return services.clock; }

    // The body as a JSON object (400 bad_json when it is not one).
    Result<boost::json::object> json_object() const;
    // A numeric path parameter; a non-number is 404, as no such resource can exist.
    Result<int64_t> id_param(std::string_view name) const;
    std::optional<std::string> query_param(std::string_view name) const;
    // limit/offset from the query, bounded; bad values are 422 with the field named.
    Result<Paging> paging(int64_t default_limit = 50, int64_t max_limit = 200) const;
};

// The user's relationships to an object: not_found when it is not in their institution. Kinds
// with a loader read through `tx`; the others need none (nullptr).
Result<authz::Facts> facts_of(db::Tx*, const Context&, const authz::ObjectKind&, std::optional<int64_t> id);
// Asks a policy about an object, inside the caller's transaction. The dispatcher does this for
// the object a route names; a handler does it for a second object named in the request body
// (e.g. the body organising an event): not_found or forbidden.
Status authorize(db::Tx&, const Context&, const authz::Policy&, std::optional<int64_t> id);

}
