/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-sweep-stats.h"

#include "ns3/vpn-scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <gsl/gsl_cdf.h>
#include <limits>
#include <map>
#include <set>

namespace ns3
{

namespace
{

/// Not a number: the value of an undefined statistic.
constexpr double NOT_A_NUMBER = std::numeric_limits<double>::quiet_NaN();

/**
 * \param text a value's text
 * \param [out] value the number, when it is one
 * \return true if the whole text is a number
 */
bool
AsNumber(const std::string& text, double& value)
{
    if (text.empty())
    {
        return false;
    }
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return *end == '\0';
}

/**
 * \param a a key field's value
 * \param b another
 * \return negative, 0 or positive: numerically where both are numbers, as text otherwise
 */
int
CompareValues(const std::string& a, const std::string& b)
{
    double x = 0;
    double y = 0;
    if (AsNumber(a, x) && AsNumber(b, y))
    {
        return (x == y) ? 0 : (x < y ? -1 : 1);
    }
    const int c = a.compare(b);
    return (c == 0) ? 0 : (c < 0 ? -1 : 1);
}

} // namespace

double
VpnSweepStats::NormalQuantile(double confidence)
{
    return gsl_cdf_ugaussian_Pinv(0.5 + confidence / 2.0);
}

double
VpnSweepStats::StudentQuantile(double confidence, double dof)
{
    return gsl_cdf_tdist_Pinv(0.5 + confidence / 2.0, dof);
}

VpnInterval
VpnSweepStats::Wilson(uint32_t successes, uint32_t n, double confidence)
{
    if (n == 0)
    {
        return {NOT_A_NUMBER, NOT_A_NUMBER, NOT_A_NUMBER};
    }
    const double z = NormalQuantile(confidence);
    const double nn = n;
    const double p = successes / nn;
    const double denominator = 1.0 + z * z / nn;
    const double centre = (p + z * z / (2.0 * nn)) / denominator;
    const double half = z * std::sqrt(p * (1.0 - p) / nn + z * z / (4.0 * nn * nn)) / denominator;
    return {p, std::max(0.0, centre - half), std::min(1.0, centre + half), n};
}

bool
VpnInterval::IsDegenerate() const
{
    return n >= 2 && !std::isnan(lo) && lo == hi;
}

VpnInterval
VpnSweepStats::StudentMean(const std::vector<double>& sample,
                           double confidence,
                           double lowest,
                           double highest)
{
    const size_t n = sample.size();
    if (n == 0)
    {
        return {NOT_A_NUMBER, NOT_A_NUMBER, NOT_A_NUMBER};
    }
    double sum = 0;
    for (double x : sample)
    {
        sum += x;
    }
    const double mean = sum / n;
    if (n < 2)
    {
        return {mean, NOT_A_NUMBER, NOT_A_NUMBER, 1};
    }
    double squares = 0;
    for (double x : sample)
    {
        squares += (x - mean) * (x - mean);
    }
    const double sd = std::sqrt(squares / (n - 1));
    const double half = StudentQuantile(confidence, n - 1) * sd / std::sqrt(static_cast<double>(n));
    return {mean,
            std::min(highest, std::max(lowest, mean - half)),
            std::max(lowest, std::min(highest, mean + half)),
            static_cast<uint32_t>(n)};
}

VpnKaplanMeier
VpnSweepStats::KaplanMeier(const std::vector<VpnEventTime>& sample,
                           double horizon,
                           double confidence)
{
    VpnKaplanMeier km;
    km.n = sample.size();
    km.horizon = horizon;
    km.median = {NOT_A_NUMBER, NOT_A_NUMBER, NOT_A_NUMBER, km.n};
    km.restrictedMean = {NOT_A_NUMBER, NOT_A_NUMBER, NOT_A_NUMBER, km.n};
    if (sample.empty())
    {
        return km;
    }
    // Events past the horizon were not seen: censored at it.
    std::vector<VpnEventTime> sorted;
    for (const VpnEventTime& e : sample)
    {
        sorted.push_back(e.time > horizon ? VpnEventTime{horizon, false} : e);
    }
    // By time. The runs at risk at t are all those from the first of time t on: a run censored
    // at t was at risk at t (events come before censorings at a tie).
    std::sort(sorted.begin(), sorted.end(), [](const VpnEventTime& a, const VpnEventTime& b) {
        return a.time < b.time;
    });
    const double z = NormalQuantile(confidence);
    double s = 1.0;
    double greenwood = 0; // sum d_i / (n_i (n_i - d_i))
    size_t i = 0;
    while (i < sorted.size())
    {
        const double t = sorted[i].time;
        const uint32_t atRisk = sorted.size() - i;
        uint32_t deaths = 0;
        for (; i < sorted.size() && sorted[i].time == t; ++i)
        {
            deaths += sorted[i].event ? 1 : 0;
        }
        if (deaths == 0)
        {
            continue;
        }
        km.events += deaths;
        s *= 1.0 - static_cast<double>(deaths) / atRisk;
        greenwood +=
            deaths < atRisk ? static_cast<double>(deaths) / (atRisk * (atRisk - deaths)) : INFINITY;
        km.times.push_back(t);
        km.atRisk.push_back(atRisk);
        km.deaths.push_back(deaths);
        km.survival.push_back(s);
        km.variance.push_back(s > 0 ? s * s * greenwood : 0.0);
        // log-log: theta = log(-log S), se(theta) = sqrt(greenwood) / |log S|; S = 0 (everyone
        // at risk failed) has a zero-width band at 0.
        if (s > 0)
        {
            const double spread = std::exp(z * std::sqrt(greenwood) / std::fabs(std::log(s)));
            km.lower.push_back(std::pow(s, spread));
            km.upper.push_back(std::pow(s, 1.0 / spread));
        }
        else
        {
            km.lower.push_back(0.0);
            km.upper.push_back(0.0);
        }
    }

    // The median and its interval: the first time each curve is at or below one half.
    auto firstAtHalf = [&km](const std::vector<double>& curve) {
        for (size_t k = 0; k < curve.size(); ++k)
        {
            if (curve[k] <= 0.5)
            {
                return km.times[k];
            }
        }
        return NOT_A_NUMBER;
    };
    km.median.mean = firstAtHalf(km.survival);
    km.median.lo = firstAtHalf(km.lower);
    km.median.hi = firstAtHalf(km.upper);

    // The restricted mean: the area under the step function S on [0, horizon], and A_k, the area
    // after t_k, summed from the end.
    std::vector<double> after(km.times.size(), 0.0);
    double area = 0;
    for (size_t k = km.times.size(); k-- > 0;)
    {
        const double end = k + 1 < km.times.size() ? km.times[k + 1] : horizon;
        area += km.survival[k] * (end - km.times[k]);
        after[k] = area;
    }
    area += 1.0 * (km.times.empty() ? horizon : km.times.front());
    double variance = 0;
    for (size_t k = 0; k < km.times.size(); ++k)
    {
        // n_k = d_k leaves S = 0 after t_k: A_k = 0, and the term is 0.
        if (km.deaths[k] < km.atRisk[k])
        {
            variance += after[k] * after[k] * km.deaths[k] /
                        (static_cast<double>(km.atRisk[k]) * (km.atRisk[k] - km.deaths[k]));
        }
    }
    const double half = z * std::sqrt(variance);
    km.restrictedMean.mean = area;
    km.restrictedMean.lo = std::max(0.0, area - half);
    km.restrictedMean.hi = std::min(horizon, area + half);
    return km;
}

VpnInterval
VpnSweepStats::PairedDifference(const std::vector<std::pair<double, double>>& pairs,
                                double confidence)
{
    std::vector<double> differences;
    for (const auto& [c, b] : pairs)
    {
        differences.push_back(c - b);
    }
    return StudentMean(differences, confidence);
}

namespace
{
/// The extra key fields (VpnSweepStats::SetExtraKeyFields).
std::vector<std::string> g_extraKeyFields;
} // namespace

std::vector<std::string>
VpnSweepStats::KeyFields()
{
    // Every parameter of the scenario identifies a configuration but those naming its output
    // files, then the ns-3 attributes the runs set (VpnSweepResults::PromoteOverrides).
    std::vector<std::string> fields;
    for (const auto& key : VpnScenario::ParameterKeys())
    {
        const auto& outputs = OutputParameters();
        if (std::find(outputs.begin(), outputs.end(), key) == outputs.end())
        {
            fields.push_back(key);
        }
    }
    fields.insert(fields.end(), g_extraKeyFields.begin(), g_extraKeyFields.end());
    return fields;
}

const std::vector<std::string>&
VpnSweepStats::OutputParameters()
{
    static const std::vector<std::string> outputs = {"pcap", "timeseries"};
    return outputs;
}

bool
VpnSweepStats::SameValue(const std::string& a, const std::string& b)
{
    return CompareValues(a, b) == 0;
}

void
VpnSweepStats::SetExtraKeyFields(const std::vector<std::string>& fields)
{
    g_extraKeyFields = fields;
}

int
VpnSweepStats::Compare(const std::vector<std::pair<std::string, std::string>>& a,
                       const std::vector<std::pair<std::string, std::string>>& b)
{
    const size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i)
    {
        const int c = CompareValues(a[i].second, b[i].second);
        if (c != 0)
        {
            return c;
        }
    }
    return static_cast<int>(a.size()) - static_cast<int>(b.size());
}

std::vector<std::pair<std::string, std::string>>
VpnSweepStats::KeyOf(const VpnRunRecord& run)
{
    std::vector<std::pair<std::string, std::string>> key;
    for (const auto& field : KeyFields())
    {
        key.emplace_back(field, run.Text(field));
    }
    return key;
}

namespace
{

/// The runs of one configuration.
using RunGroup = std::vector<const VpnRunRecord*>;

/**
 * \param runs a configuration's runs
 * \param field a metric
 * \return its values in the runs that carry a number for it
 */
std::vector<double>
Sample(const RunGroup& runs, const std::string& field)
{
    std::vector<double> values;
    for (const VpnRunRecord* r : runs)
    {
        const double v = r->Number(field, NOT_A_NUMBER);
        if (!std::isnan(v))
        {
            values.push_back(v);
        }
    }
    return values;
}

/**
 * \param r a run
 * \param field a time to an event: a number, or null when it did not happen in the run
 * \param [out] time the event's time, or the run's end (duration_s) when censored
 * \return false when the run carries no such field (or no duration_s): not available
 */
bool
EventTimeOf(const VpnRunRecord& r, const std::string& field, VpnEventTime& time)
{
    const VpnJsonValue* v = r.Find(field);
    const double end = r.Number("duration_s", NOT_A_NUMBER);
    if (v == nullptr || std::isnan(end))
    {
        return false;
    }
    const double t = r.Number(field, NOT_A_NUMBER);
    time = (std::isnan(t) || t > end) ? VpnEventTime{end, false} : VpnEventTime{t, true};
    return true;
}

/**
 * \param runs a configuration's runs
 * \param field a time to an event
 * \return its Kaplan-Meier curve over the runs that carry the field, censored at duration_s
 */
VpnKaplanMeier
EventCurve(const RunGroup& runs, const std::string& field)
{
    std::vector<VpnEventTime> sample;
    double horizon = 0;
    for (const VpnRunRecord* r : runs)
    {
        VpnEventTime t{};
        if (EventTimeOf(*r, field, t))
        {
            sample.push_back(t);
            horizon = std::max(horizon, r->Number("duration_s", 0));
        }
    }
    return VpnSweepStats::KaplanMeier(sample, horizon);
}

/**
 * \param r a run
 * \param field a metric; a time to an event counts as its restricted time min(T, duration_s)
 * \return its value, NaN when not available
 */
double
PairValue(const VpnRunRecord& r, const std::string& field)
{
    if (field == "first_failure_s" || field == "stall_s")
    {
        VpnEventTime t{};
        return EventTimeOf(r, field, t) ? t.time : NOT_A_NUMBER;
    }
    return r.Number(field, NOT_A_NUMBER);
}

/**
 * \param runs a configuration's runs
 * \return its summary, the paired differences aside
 */
VpnSweepSummary
SummaryOf(const RunGroup& runs)
{
    VpnSweepSummary s;
    s.key = VpnSweepStats::KeyOf(*runs.front());
    for (const VpnRunRecord* r : runs)
    {
        ++s.runs;
        if (r->Number("tunnel_failures", 0) == 0)
        {
            ++s.survived;
        }
        if (r->Number("warnings_count", 0) > 0)
        {
            ++s.warned;
            const std::string text = r->Text("warnings");
            if (std::find(s.warnings.begin(), s.warnings.end(), text) == s.warnings.end())
            {
                s.warnings.push_back(text);
            }
        }
    }
    s.survival = VpnSweepStats::Wilson(s.survived, s.runs);
    const double level = VpnSweepStats::LEVEL;
    s.availability = VpnSweepStats::StudentMean(Sample(runs, "availability"), level, 0, 1);
    s.dataAvailability = VpnSweepStats::StudentMean(Sample(runs, "data_availability"), level, 0, 1);
    s.goodput = VpnSweepStats::StudentMean(Sample(runs, "inner_goodput_bps"), level, 0);
    s.detection = VpnSweepStats::StudentMean(Sample(runs, "detection_s"), level, 0);
    s.ttf = EventCurve(runs, "first_failure_s");
    s.stall = EventCurve(runs, "stall_s");
    return s;
}

/**
 * \param c a configuration's runs
 * \param b its baseline's runs
 * \param field a metric
 * \return the paired difference c - b over the run numbers both have, where both carry it
 */
VpnInterval
Paired(const RunGroup& c, const RunGroup& b, const std::string& field)
{
    std::map<double, const VpnRunRecord*> byRun;
    for (const VpnRunRecord* r : b)
    {
        byRun.emplace(r->Number("run", NOT_A_NUMBER), r);
    }
    std::vector<std::pair<double, double>> pairs;
    for (const VpnRunRecord* r : c)
    {
        const auto other = byRun.find(r->Number("run", NOT_A_NUMBER));
        if (other == byRun.end())
        {
            continue;
        }
        const double x = PairValue(*r, field);
        const double y = PairValue(*other->second, field);
        if (!std::isnan(x) && !std::isnan(y))
        {
            pairs.emplace_back(x, y);
        }
    }
    return VpnSweepStats::PairedDifference(pairs);
}

} // namespace

std::vector<VpnSweepSummary>
VpnSweepStats::Summarize(const std::vector<VpnRunRecord>& runs, const VpnSweepBaseline& baseline)
{
    std::vector<VpnRunRecord> sorted = runs;
    VpnSweepResults::Sort(sorted);
    // Sorted by key, a configuration's runs are consecutive.
    std::vector<RunGroup> groups;
    for (size_t i = 0; i < sorted.size(); ++i)
    {
        if (i == 0 || Compare(KeyOf(sorted[i]), KeyOf(sorted[i - 1])) != 0)
        {
            groups.emplace_back();
        }
        groups.back().push_back(&sorted[i]);
    }
    std::vector<VpnSweepSummary> out;
    for (const RunGroup& g : groups)
    {
        out.push_back(SummaryOf(g));
    }
    if (baseline.field.empty())
    {
        return out;
    }
    // Each configuration's baseline: the same key but baseline.field = baseline.value.
    for (size_t g = 0; g < groups.size(); ++g)
    {
        VpnSweepPaired& p = out[g].paired;
        p.baseline = baseline.field + "=" + baseline.value;
        auto wanted = out[g].key;
        for (auto& [field, value] : wanted)
        {
            if (field == baseline.field)
            {
                p.isBaseline = SameValue(value, baseline.value);
                value = baseline.value;
            }
        }
        for (size_t b = 0; b < groups.size() && !p.isBaseline; ++b)
        {
            if (Compare(out[b].key, wanted) != 0)
            {
                continue;
            }
            p.hasBaseline = true;
            std::set<double> runNumbers;
            for (const VpnRunRecord* r : groups[b])
            {
                runNumbers.insert(r->Number("run", NOT_A_NUMBER));
            }
            for (const VpnRunRecord* r : groups[g])
            {
                p.pairs += runNumbers.count(r->Number("run", NOT_A_NUMBER));
            }
            p.availability = Paired(groups[g], groups[b], "availability");
            p.dataAvailability = Paired(groups[g], groups[b], "data_availability");
            p.goodput = Paired(groups[g], groups[b], "inner_goodput_bps");
            p.ttf = Paired(groups[g], groups[b], "first_failure_s");
            p.stall = Paired(groups[g], groups[b], "stall_s");
        }
    }
    return out;
}

bool
VpnSweepStats::CheckBaseline(const std::vector<VpnRunRecord>& runs,
                             const VpnSweepBaseline& baseline,
                             std::string& error)
{
    const std::vector<std::string> fields = KeyFields();
    if (std::find(fields.begin(), fields.end(), baseline.field) == fields.end())
    {
        error = "no key field " + baseline.field + "; KEY is one of:";
        for (const auto& f : fields)
        {
            error += " " + f;
        }
        return false;
    }
    std::vector<std::string> values;
    for (const auto& r : runs)
    {
        const std::string v = r.Text(baseline.field);
        if (SameValue(v, baseline.value))
        {
            return true;
        }
        if (std::find(values.begin(), values.end(), v) == values.end())
        {
            values.push_back(v);
        }
    }
    error = "no run has " + baseline.field + "=" + baseline.value + "; the runs have:";
    for (const auto& v : values)
    {
        error += " " + baseline.field + "=" + v;
    }
    return false;
}

} // namespace ns3
