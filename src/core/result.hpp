#pragma once
#include "core/error.hpp"
#include <utility>
#include <variant>

namespace kenes {

// Either a value or an Error. Domain code returns it; TRY propagates the error.
template<class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_value(std::move(error)) {}

    bool ok() const { return m_value.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(m_value); }
    T&& value() && { return std::get<0>(std::move(m_value)); }
    const T& value() const& { return std::get<0>(m_value); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    Error& error() & { return std::get<1>(m_value); }
    Error&& error() && { return std::get<1>(std::move(m_value)); }
    const Error& error() const& { return std::get<1>(m_value); }

private:
    std::variant<T, Error> m_value;
};

struct Ok {};
using Status = Result<Ok>;

}

// Evaluates a Result; returns its error from the enclosing function, else yields the value.
#define TRY(expr)                                            \
    ({                                                       \
        auto _kenes_try = (expr);                            \
        if (!_kenes_try.ok())                                \
            return std::move(_kenes_try).error();            \
        std::move(_kenes_try).value();                       \
    })
