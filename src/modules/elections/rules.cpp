#include "modules/elections/rules.hpp"
#include "i18n/collation.hpp"
#include <algorithm>
#include <chrono>
#include <memory>
#include <unicode/brkiter.h>

namespace kenes::elections {

namespace c = std::chrono;

static c::sys_days days_of(const CivilDate& d) { return c::sys_days(c::year_month_day(c::year(d.year), c::month(d.month), c::day(d.day))); }

static CivilDate date_of(c::sys_days s)
{
    c::year_month_day ymd(s);
    return { int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()) };
}

CivilDate default_election_day(int year)
{
    // The last Friday of September: step back from September 30 to a Friday.
    auto d = days_of({ year, 9, 30 });
    while (c::weekday(d) != c::Friday)
        d -= c::days(1);
    return date_of(d);
}

UnixMillis almaty_instant(const CivilDate& day, int hour, int minute)
{
    int64_t local = c::duration_cast<c::milliseconds>(days_of(day).time_since_epoch()).count() + (int64_t(hour) * 60 + minute) * 60'000;
    // The offset in force at that local time (UTC+5 since 2024-03-01, GEN-2).
    return local - int64_t(almaty::offset_seconds(local - 5 * 3600'000)) * 1000;
}

Calendar calendar(const CivilDate& day)
{
    auto d = days_of(day);
    return { day, almaty_instant(day, 9, 0), almaty_instant(day, 18, 0),
        // ELEC-REG-2: "closes 14 days before": the end of that day is the start of the next.
        almaty_instant(date_of(d - c::days(13)), 0, 0),
        // ELEC-CAMP-1: the day before election day is silent.
        almaty_instant(date_of(d - c::days(1)), 0, 0) };
}

bool registration_open(const Calendar& cal, UnixMillis now) { return now < cal.registration_closes; }
bool voting_open(const Calendar& cal, UnixMillis now) { return now >= cal.voting_opens && now < cal.voting_closes; }

bool campaigning_allowed(const Calendar& cal, std::optional<UnixMillis> published, UnixMillis now)
{
    return published && now >= *published && now < cal.silence_starts;
}

std::vector<std::string> failed_criteria(const CandidateFacts& f)
{
    std::vector<std::string> failed;
    if (f.course < 2 || f.course > 4)
        failed.push_back("course");
    if (f.penalty_in_force)
        failed.push_back("penalty");
    if (f.academic_debt)
        failed.push_back("academic_debt");
    if (!f.leadership_experience)
        failed.push_back("leadership");
    if (f.consecutive_presidencies_ending_now >= 2)   // ORG-7
        failed.push_back("term_limit");
    return failed;
}

size_t count_words(std::string_view utf8, Lang lang)
{
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale(std::string(lang_code(lang)).c_str()), status));
    if (U_FAILURE(status))
        return 0;
    auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), int32_t(utf8.size())));
    words->setText(text);
    size_t n = 0;
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE; end = words->next())
        if (words->getRuleStatus() != UBRK_WORD_NONE)   // letters or numbers, not spaces or punctuation
            ++n;
    return n;
}

std::vector<BallotName> ballot_order(std::vector<BallotName> names, Lang lang)
{
    std::vector<std::pair<std::string, BallotName>> keyed;
    for (auto& n : names)
        keyed.emplace_back(collation::name_sort_key(lang, n.surname, n.name, n.patronymic), std::move(n));
    std::stable_sort(keyed.begin(), keyed.end(), [](auto& a, auto& b) { return a.first < b.first; });
    std::vector<BallotName> out;
    for (auto& [k, n] : keyed)
        out.push_back(std::move(n));
    return out;
}

std::optional<std::string> paper_count_problem(const std::vector<int64_t>& votes, int64_t invalid, int64_t unknown_form, int64_t issued)
{
    int64_t found = invalid + unknown_form;
    for (auto v : votes) {
        if (v < 0)
            return "negative";
        found += v;
    }
    if (invalid < 0 || unknown_form < 0)
        return "negative";
    if (found > issued)
        return "more_than_issued";
    return std::nullopt;
}

Outcome plurality(const std::vector<std::pair<int64_t, int64_t>>& votes)
{
    int64_t best = -1;
    std::vector<int64_t> leaders;
    for (auto& [candidate, n] : votes) {
        if (n > best) {
            best = n;
            leaders = { candidate };
        } else if (n == best) {
            leaders.push_back(candidate);
        }
    }
    if (leaders.size() == 1)
        return { leaders[0], {} };
    return { std::nullopt, leaders };
}

}
