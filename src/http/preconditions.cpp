#include "http/preconditions.hpp"
#include "http/header_values.hpp"

namespace kenes::http {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

struct EntityTag {
    bool weak = false;
    std::string_view opaque;   // with its quotes
};

// The next entity-tag of a comma-separated list (RFC 9110 section 8.8.3): [W/] DQUOTE *etagc
// DQUOTE. etagc includes the comma, so a tag is read up to its closing quote, never split at
// commas. Returns false at the end of the list; an unreadable element is skipped up to the next
// comma outside quotes.
bool next_tag(std::string_view& list, EntityTag& tag, bool& readable)
{
    while (!list.empty() && (is_space(list.front()) || list.front() == ','))
        list.remove_prefix(1);
    if (list.empty())
        return false;
    tag = {};
    std::string_view rest = list;
    if (rest.starts_with("W/")) {
        tag.weak = true;
        rest.remove_prefix(2);
    }
    readable = false;
    if (!rest.empty() && rest.front() == '"') {
        auto close = rest.find('"', 1);
        if (close != std::string_view::npos) {
            tag.opaque = rest.substr(0, close + 1);
            rest.remove_prefix(close + 1);
            while (!rest.empty() && is_space(rest.front()))
                rest.remove_prefix(1);
            readable = rest.empty() || rest.front() == ',';
        }
    }
    if (!readable) {
        // Skip to the next comma that is not inside a quoted string.
        bool quoted = false;
        size_t i = 0;
        for (; i < list.size(); ++i) {
            if (list[i] == '"')
                quoted = !quoted;
            else if (list[i] == ',' && !quoted)
                break;
        }
        rest = list.substr(i);
    }
    list = rest;
    return true;
}

EntityTag parse_single(std::string_view s, bool& readable)
{
    EntityTag tag;
    readable = next_tag(s, tag, readable) && readable;
    while (!s.empty() && (is_space(s.front()) || s.front() == ','))
        s.remove_prefix(1);
    readable = readable && s.empty();
    return tag;
}

}

bool none_match_hits(std::string_view if_none_match, std::string_view etag)
{
    if (etag.empty())
        return false;
    if (trim_ows(if_none_match) == "*")
        return true;
    bool etag_readable = false;
    auto current = parse_single(etag, etag_readable);
    if (!etag_readable)
        return false;
    EntityTag tag;
    bool readable = false;
    while (next_tag(if_none_match, tag, readable))
        if (readable && tag.opaque == current.opaque)
            return true;
    return false;
}

bool if_range_holds(std::string_view if_range, std::string_view etag)
{
    if_range = trim_ows(if_range);
    if (if_range.empty())
        return true;
    bool readable = false, etag_readable = false;
    auto tag = parse_single(if_range, readable);
    auto current = parse_single(etag, etag_readable);
    return readable && etag_readable && !tag.weak && !current.weak && tag.opaque == current.opaque;
}

}
