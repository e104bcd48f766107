#include "modules/awards/rules.hpp"
#include <algorithm>
#include <map>

namespace kenes::awards {

const std::vector<std::string_view>& preset_kinds()
{
    // AWD-1, in the order of seed 004.
    static const std::vector<std::string_view> kinds { "letter_of_gratitude", "certificate", "student_of_year", "shanyrak_of_year", "publication" };
    return kinds;
}

bool is_preset_kind(std::string_view k) { return std::find(preset_kinds().begin(), preset_kinds().end(), k) != preset_kinds().end(); }

bool recipient_allowed(std::string_view kind, std::string_view recipient)
{
    // AWD-1: personal and collective awards.
    if (kind == "student_of_year")
        return recipient == "student";
    if (kind == "shanyrak_of_year")
        return recipient == "shanyrak";
    return recipient == "student" || recipient == "shanyrak" || recipient == "group" || recipient == "team";
}

bool is_contest(std::string_view kind) { return kind == "student_of_year" || kind == "shanyrak_of_year"; }

int places_of(std::string_view contest) { return contest == "student_of_year" ? 3 : 1; }   // AWD-3: 1st..3rd; AWD-4: the winner

namespace {

// Days since 1970-01-01 of a civil date and back (H. Hinnant's algorithms).
int64_t days_from_civil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + int64_t(doe) - 719468;
}

CivilDate civil_from_days(int64_t z)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = int64_t(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return { int(y + (m <= 2)), m, d };
}

}

CivilDate add_days(const CivilDate& d, int days) { return civil_from_days(days_from_civil(d.year, d.month, d.day) + days); }

CivilDate nomination_deadline(const CivilDate& last_day)
{
    // AWD-3, AWD-4: "10 days before the last month of the academic year".
    return add_days(CivilDate { last_day.year, last_day.month, 1 }, -10);
}

bool nomination_in_time(const CivilDate& presented_on, const CivilDate& last_day) { return presented_on <= nomination_deadline(last_day); }

std::string nomination_problem(std::string_view contest, const std::vector<Discussion>& ds)
{
    std::optional<bool> shanyrak, pedagogical, union_decision;
    // The latest discussion of each forum counts (a forum may discuss it again).
    for (auto& d : ds) {
        if (d.forum == "shanyrak_meeting")
            shanyrak = d.supported;
        else if (d.forum == "pedagogical_meeting")
            pedagogical = d.supported;
        else if (d.forum == "shanyrak_union")
            union_decision = d.supported;
    }
    // AWD-3, AWD-4: discussed at a Shanyrak meeting and at the pedagogical meeting.
    if (!shanyrak)
        return "no_shanyrak_meeting";
    if (!pedagogical)
        return "no_pedagogical_meeting";
    if (contest == "student_of_year") {
        if (union_decision)
            return "union_not_for_students";
        return *shanyrak && *pedagogical ? "" : "not_supported";
    }
    // AWD-4: on disagreement the Shanyrak unions decide.
    if (*shanyrak != *pedagogical) {
        if (!union_decision)
            return "disagreement";
        return *union_decision ? "" : "not_supported";
    }
    return *shanyrak ? "" : "not_supported";
}

std::string recusal_reason(const MemberTies& m, const Nominee& n)
{
    auto has = [](const std::vector<int64_t>& v, int64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); };
    if (n.student_id) {
        if (*n.student_id == m.person_id)
            return "self";
        if (has(m.represented_students, *n.student_id))
            return "kin";
        if (m.shanyrak_id && n.student_shanyrak_id && *m.shanyrak_id == *n.student_shanyrak_id)
            return "own_shanyrak";
        return "";
    }
    if (n.shanyrak_id) {
        if (m.shanyrak_id && *m.shanyrak_id == *n.shanyrak_id)
            return "own_shanyrak";
        if (has(m.represented_shanyraks, *n.shanyrak_id))
            return "kin";
    }
    return "";
}

std::vector<Standing> rank(const std::vector<int64_t>& nominees, const std::vector<Score>& scores)
{
    std::map<int64_t, std::vector<int>> by_nominee;
    std::map<int64_t, int> members_top;
    for (auto& s : scores) {
        by_nominee[s.nominee_id].push_back(s.score);
        auto& top = members_top[s.member_id];
        top = std::max(top, s.score);
    }
    std::vector<Standing> out;
    for (auto id : nominees) {
        Standing st { .nominee_id = id };
        auto& v = by_nominee[id];
        std::sort(v.begin(), v.end());
        for (int x : v)
            st.score_sum += x;
        st.score_count = int64_t(v.size());
        if (!v.empty())
            st.median_x2 = v.size() % 2 ? 2 * v[v.size() / 2] : v[v.size() / 2 - 1] + v[v.size() / 2];
        for (auto& s : scores)
            if (s.nominee_id == id && s.score == members_top[s.member_id])
                ++st.first_ranks;
        out.push_back(st);
    }
    // Means compared exactly: a/n > b/m  <=>  a*m > b*n.
    auto mean_cmp = [](const Standing& a, const Standing& b) {
        int64_t l = a.score_sum * b.score_count, r = b.score_sum * a.score_count;
        return l < r ? -1 : l > r ? 1 : 0;
    };
    std::vector<size_t> order(out.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t i, size_t j) {
        auto& a = out[i];
        auto& b = out[j];
        if ((a.score_count == 0) != (b.score_count == 0))
            return a.score_count != 0;
        if (int c = mean_cmp(a, b))
            return c > 0;
        if (a.first_ranks != b.first_ranks)
            return a.first_ranks > b.first_ranks;
        if (a.median_x2 != b.median_x2)
            return a.median_x2 > b.median_x2;
        return i < j;   // presented earlier
    });
    std::vector<Standing> ranked;
    for (size_t k = 0; k < order.size(); ++k) {
        Standing st = out[order[k]];
        st.place = st.score_count ? int(k + 1) : 0;
        if (k + 1 < order.size()) {
            auto& next = out[order[k + 1]];
            if (st.score_count && next.score_count && mean_cmp(st, next) == 0)
                st.tie_break = st.first_ranks != next.first_ranks ? "first_ranks" : st.median_x2 != next.median_x2 ? "median" : "earlier_nomination";
        }
        ranked.push_back(st);
    }
    return ranked;
}

}
