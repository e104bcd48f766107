#pragma once
// Expected failures travel as values (Result<T>); the HTTP boundary maps them to problem+json.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kenes {

// One code per kind of refusal; each maps to an HTTP status and to catalog keys "error.<code>.*".
enum class ErrorCode {
    BadJson,
    BadRequest,
    Validation,
    Unauthenticated,
    BadCredentials,
    Forbidden,
    Csrf,
    NotFound,
    MethodNotAllowed,
    NotImplemented,          // a request method the server does not implement anywhere (501)
    RangeNotSatisfiable,     // a Range no byte of the representation falls in (416)
    Conflict,
    TooLarge,
    HeaderTooLarge,
    UnsupportedMediaType,
    TooManyAttempts,
    Rule,
    Unavailable,
    Internal,
};

// A problem with one input field. `code` selects the catalog message "field.<code>".
struct FieldError {
    std::string field;
    std::string code;
    boost::json::object params = {};     // message arguments, e.g. {"max": 100}
    std::optional<int64_t> line = {};    // roster import: 1-based line in the file
    std::optional<std::string> column = {};
    std::string message_key = {};        // overrides "field.<code>" when set
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string detail_key = {};         // catalog key of the detail; default "error.<code>.detail"
    boost::json::object params = {};     // arguments of the detail message
    std::string rule = {};               // RULEBOOK ID when a regulation refused the request
    std::vector<FieldError> fields = {};
    int retry_after_seconds = 0;         // sent as Retry-After (429, and 503 when the decodes are busy)
    std::string log_message = {};        // for the server log only, never shown to users

    static Error validation(std::vector<FieldError> fields) { return {ErrorCode::Validation, {}, {}, {}, std::move(fields)}; }
    static Error field(std::string name, std::string code, boost::json::object params = {})
    {
        return validation({FieldError{std::move(name), std::move(code), std::move(params)}});
    }
    // A regulation refused the request: its RULEBOOK ID, the catalog key of the explanation, and
    // optionally the field the refusal belongs to (shown next to it in the UI).
    static Error rule_refusal(std::string rule, std::string detail_key, boost::json::object params = {}, std::string field = {})
    {
        Error e { ErrorCode::Rule, std::move(detail_key), std::move(params), std::move(rule) };
        if (!field.empty())
            e.fields.push_back({ std::move(field), "rule", e.params, {}, {}, e.detail_key });
        return e;
    }
    static Error not_found() { return {ErrorCode::NotFound}; }
    static Error forbidden() { return {ErrorCode::Forbidden}; }
    static Error internal(std::string why) { return {ErrorCode::Internal, {}, {}, {}, {}, 0, std::move(why)}; }
};

int http_status(ErrorCode);
std::string_view error_code_name(ErrorCode);

}
