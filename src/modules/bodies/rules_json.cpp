// Body rules as stored data and as API JSON.
#include "core/json_fields.hpp"
#include "modules/bodies/bodies.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kenes::bodies {

using boost::json::object;

static object threshold_json(const Threshold& t)
{
    const char* base = t.base == Threshold::Base::Composition ? "composition" : t.base == Threshold::Base::Present ? "present" : "votes_cast";
    return { { "base", base }, { "comparison", t.comparison == Threshold::Comparison::MoreThan ? "more_than" : "at_least" },
        { "numerator", t.numerator }, { "denominator", t.denominator }, { "rule", t.rule } };
}

object rules_json(const BodyRules& r)
{
    object o { { "quorum", threshold_json(r.quorum) }, { "majority", threshold_json(r.majority) },
        { "max_months_between_sessions", r.max_months_between_sessions }, { "reappointment_allowed", r.reappointment_allowed },
        { "odd_voting_members", r.odd_voting_members }, { "min_voting_members", r.min_voting_members }, { "equal_per_school", r.equal_per_school },
        { "candidates_by_decision", r.candidates_by_decision } };
    o["term_months"] = r.term_months ? boost::json::value(*r.term_months) : nullptr;
    o["max_consecutive_terms"] = r.max_consecutive_terms ? boost::json::value(*r.max_consecutive_terms) : nullptr;
    return o;
}

static void read_threshold(FieldReader& parent, const char* key, Threshold& t)
{
    auto* o = parent.object(key, Presence::Optional);
    if (!o)
        return;
    FieldReader in(*o, key);
    if (auto b = in.one_of("base", Presence::Optional, { "composition", "present", "votes_cast" }))
        t.base = *b == "composition" ? Threshold::Base::Composition : *b == "present" ? Threshold::Base::Present : Threshold::Base::VotesCast;
    if (auto c = in.one_of("comparison", Presence::Optional, { "more_than", "at_least" }))
        t.comparison = *c == "more_than" ? Threshold::Comparison::MoreThan : Threshold::Comparison::AtLeast;
    auto n = in.integer("numerator", Presence::Optional, 1, 100);
    auto d = in.integer("denominator", Presence::Optional, 1, 100);
    if (n) t.numerator = *n;
    if (d) t.denominator = *d;
    if (t.numerator > t.denominator)
        in.add_error("numerator", "invalid");
    if (auto rule = in.text("rule", Presence::Optional, 20))
        t.rule = *rule;
    parent.merge(std::move(in));
}

Result<BodyRules> parse_rules(const object& body, const BodyRules& base)
{
    BodyRules r = base;
    FieldReader in(body);
    read_threshold(in, "quorum", r.quorum);
    read_threshold(in, "majority", r.majority);
    if (auto v = in.integer("max_months_between_sessions", Presence::Optional, 1, 24)) r.max_months_between_sessions = *v;
    if (in.has("term_months")) r.term_months = in.integer("term_months", Presence::Optional, 1, 120);
    if (in.has("max_consecutive_terms")) r.max_consecutive_terms = in.integer("max_consecutive_terms", Presence::Optional, 1, 10);
    if (auto v = in.boolean("reappointment_allowed", Presence::Optional)) r.reappointment_allowed = *v;
    if (auto v = in.boolean("odd_voting_members", Presence::Optional)) r.odd_voting_members = *v;
    if (auto v = in.integer("min_voting_members", Presence::Optional, 0, 1000)) r.min_voting_members = *v;
    if (auto v = in.boolean("equal_per_school", Presence::Optional)) r.equal_per_school = *v;
    if (auto v = in.boolean("candidates_by_decision", Presence::Optional)) r.candidates_by_decision = *v;
    in.date("effective_from", Presence::Required);   // read by the route
    TRY(in.finish());
    return r;
}

BodyRules rules_on(db::Tx& tx, int64_t inst, int64_t body_id, const std::string& date)
{
    auto row = tx.query_one("SELECT rules_json FROM body_rules WHERE institution_id = ? AND body_id = ? AND effective_from <= ? "
                            "ORDER BY effective_from DESC LIMIT 1",
        { inst, body_id, date });
    if (!row) {
        row = tx.query_one("SELECT rules_json FROM body_rules WHERE institution_id = ? AND body_id = ? ORDER BY effective_from LIMIT 1", { inst, body_id });
        if (!row)
            return default_rules();
    }
    auto stored = boost::json::parse(row->str(0)).as_object();
    stored["effective_from"] = "2000-01-01";
    auto parsed = parse_rules(stored, default_rules());
    return parsed.ok() ? parsed.value() : default_rules();
}

}
