#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace kenes::db {

struct Blob {
    std::string bytes;
};
struct Null {};

// A parameter or a column value. PostgreSQL results arrive as text and are converted on access.
using Value = std::variant<Null, int64_t, double, std::string, Blob>;

inline Value nullable(const std::optional<std::string>& s) { return s ? Value(*s) : Value(Null {}); }
inline Value nullable(const std::optional<int64_t>& n) { return n ? Value(*n) : Value(Null {}); }

class Row {
public:
    explicit Row(std::vector<Value> values) : m_values(std::move(values)) {}
    size_t size() const { return m_values.size(); }
    bool is_null(size_t i) const { return std::holds_alternative<Null>(m_values.at(i)); }
    int64_t i64(size_t i) const;
    std::optional<int64_t> opt_i64(size_t i) const { return is_null(i) ? std::nullopt : std::optional(i64(i)); }
    std::string str(size_t i) const;
    std::optional<std::string> opt_str(size_t i) const { return is_null(i) ? std::nullopt : std::optional(str(i)); }
    std::string blob(size_t i) const;
    bool flag(size_t i) const { return !is_null(i) && i64(i) != 0; }

private:
    std::vector<Value> m_values;
};

using Rows = std::vector<Row>;

// A database failure that is not the caller's fault (I/O, lost connection, bad SQL).
struct DbError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// A UNIQUE or PRIMARY KEY constraint refused the statement.
struct UniqueViolation : DbError {
    using DbError::DbError;
};

}
