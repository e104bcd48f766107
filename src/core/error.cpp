#include "core/error.hpp"

namespace kenes {

int http_status(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadJson:
    case ErrorCode::BadRequest: return 400;
    case ErrorCode::Unauthenticated:
    case ErrorCode::BadCredentials: return 401;
    case ErrorCode::Forbidden:
    case ErrorCode::Csrf: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::MethodNotAllowed: return 405;
    case ErrorCode::NotImplemented: return 501;
    case ErrorCode::RangeNotSatisfiable: return 416;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::TooLarge: return 413;
    case ErrorCode::HeaderTooLarge: return 431;
    case ErrorCode::UnsupportedMediaType: return 415;
    case ErrorCode::Validation:
    case ErrorCode::Rule: return 422;
    case ErrorCode::TooManyAttempts: return 429;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

std::string_view error_code_name(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadJson: return "bad_json";
    case ErrorCode::BadRequest: return "bad_request";
    case ErrorCode::Validation: return "validation";
    case ErrorCode::Unauthenticated: return "unauthenticated";
    case ErrorCode::BadCredentials: return "bad_credentials";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::Csrf: return "csrf";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::MethodNotAllowed: return "method_not_allowed";
    case ErrorCode::NotImplemented: return "not_implemented";
    case ErrorCode::RangeNotSatisfiable: return "range_not_satisfiable";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::TooLarge:
    case ErrorCode::HeaderTooLarge: return "too_large";
    case ErrorCode::UnsupportedMediaType: return "unsupported_media_type";
    case ErrorCode::TooManyAttempts: return "too_many_attempts";
    case ErrorCode::Rule: return "rule";
    case ErrorCode::Unavailable: return "unavailable";
    case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

}
