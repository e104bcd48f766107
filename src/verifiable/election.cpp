#include "verifiable/election.hpp"
#include "verifiable/credential.hpp"
#include "verifiable/json_strict.hpp"

namespace kenes::verifiable {

namespace json = boost::json;

std::string serialize(const Election& e)
{
    json::object o;
    o["version"] = e.version;
    o["description"] = e.description;
    o["name"] = e.name;
    o["group"] = e.group;
    o["public_key"] = e.public_key.str();
    json::array qs;
    for (const auto& q : e.questions) {
        json::object jq;
        json::array as;
        for (const auto& a : q.answers)
            as.emplace_back(a);
        jq["answers"] = std::move(as);
        if (q.blank)
            jq["blank"] = true;
        jq["min"] = q.min;
        jq["max"] = q.max;
        jq["question"] = q.question;
        qs.emplace_back(std::move(jq));
    }
    o["questions"] = std::move(qs);
    o["uuid"] = e.uuid;
    return json::serialize(o);
}

std::string fingerprint(std::string_view serialized_election) { return sha256_b64(serialized_election); }

static Error bad(std::string why) { return Error { ErrorCode::BadJson, {}, {}, {}, {}, 0, "election.json: " + why }; }

Result<Election> parse_election(std::string_view text)
{
    std::error_code ec;
    auto v = json::parse(text, ec);
    if (ec)
        return bad("not JSON");
    const auto* o = strict::object(v, { "version", "description", "name", "group", "public_key", "questions", "uuid" },
        { "administrator", "credential_authority" });
    if (!o)
        return bad("fields");
    Election e;
    auto version = strict::small_int(o->if_contains("version"));
    auto description = strict::string(o->if_contains("description"));
    auto name = strict::string(o->if_contains("name"));
    auto group = strict::string(o->if_contains("group"));
    auto key = strict::number(o->if_contains("public_key"));
    auto uuid = strict::string(o->if_contains("uuid"));
    const auto* qs = strict::array(o->if_contains("questions"));
    if (!version || *version != 1 || !description || !name || !group || *group != "BELENIOS-2048" || !key || !uuid
        || !is_uuid(*uuid) || !qs)
        return bad("values");
    if (!belenios_2048().is_member(*key))
        return bad("public_key outside the group");
    e.description = *description;
    e.name = *name;
    e.public_key = *key;
    e.uuid = *uuid;
    for (const auto& jq : *qs) {
        const auto* q = strict::object(jq, { "answers", "min", "max", "question" }, { "blank" });
        if (!q)
            return bad("question fields (only homomorphic questions are supported)");
        Question out;
        const auto* as = strict::array(q->if_contains("answers"));
        auto min = strict::small_int(q->if_contains("min"));
        auto max = strict::small_int(q->if_contains("max"));
        auto text = strict::string(q->if_contains("question"));
        if (!as || as->empty() || !min || !max || !text || *min < 0 || *max < *min || *max > (long long)as->size())
            return bad("question values");
        for (const auto& a : *as) {
            auto s = strict::string(&a);
            if (!s)
                return bad("answer");
            out.answers.emplace_back(*s);
        }
        if (const auto* b = q->if_contains("blank")) {
            if (!b->is_bool())
                return bad("blank");
            out.blank = b->get_bool();
        }
        out.min = int(*min);
        out.max = int(*max);
        out.question = *text;
        e.questions.push_back(std::move(out));
    }
    return e;
}

}
