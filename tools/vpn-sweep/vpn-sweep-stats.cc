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
    return {p, std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

VpnInterval
VpnSweepStats::StudentMean(const std::vector<double>& sample, double confidence)
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
        return {mean, NOT_A_NUMBER, NOT_A_NUMBER};
    }
    double squares = 0;
    for (double x : sample)
    {
        squares += (x - mean) * (x - mean);
    }
    const double sd = std::sqrt(squares / (n - 1));
    const double half = StudentQuantile(confidence, n - 1) * sd / std::sqrt(static_cast<double>(n));
    return {mean, mean - half, mean + half};
}

namespace
{
/// The extra key fields (VpnSweepStats::SetExtraKeyFields).
std::vector<std::string> g_extraKeyFields;
} // namespace

std::vector<std::string>
VpnSweepStats::KeyFields()
{
    // Every parameter of the scenario identifies a configuration, then the ns-3 attributes the
    // runs set (VpnSweepResults::PromoteOverrides).
    std::vector<std::string> fields = VpnScenario::ParameterKeys();
    fields.insert(fields.end(), g_extraKeyFields.begin(), g_extraKeyFields.end());
    return fields;
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
        double x = 0;
        double y = 0;
        if (AsNumber(a[i].second, x) && AsNumber(b[i].second, y))
        {
            if (x != y)
            {
                return x < y ? -1 : 1;
            }
            continue;
        }
        const int c = a[i].second.compare(b[i].second);
        if (c != 0)
        {
            return c < 0 ? -1 : 1;
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

std::vector<VpnSweepSummary>
VpnSweepStats::Summarize(const std::vector<VpnRunRecord>& runs)
{
    std::vector<VpnRunRecord> sorted = runs;
    VpnSweepResults::Sort(sorted);
    std::vector<VpnSweepSummary> out;
    size_t i = 0;
    while (i < sorted.size())
    {
        const auto key = KeyOf(sorted[i]);
        size_t j = i;
        std::vector<double> availability;
        std::vector<double> goodput;
        std::vector<double> ttf;
        VpnSweepSummary s;
        s.key = key;
        for (; j < sorted.size() && Compare(KeyOf(sorted[j]), key) == 0; ++j)
        {
            const VpnRunRecord& r = sorted[j];
            ++s.runs;
            if (r.Number("tunnel_failures", 0) == 0)
            {
                ++s.survived;
            }
            const double a = r.Number("availability", NOT_A_NUMBER);
            if (!std::isnan(a))
            {
                availability.push_back(a);
            }
            const double g = r.Number("inner_goodput_bps", NOT_A_NUMBER);
            if (!std::isnan(g))
            {
                goodput.push_back(g);
            }
            const double t = r.Number("first_failure_s", NOT_A_NUMBER);
            if (!std::isnan(t))
            {
                ttf.push_back(t);
            }
        }
        s.survival = Wilson(s.survived, s.runs);
        s.availability = StudentMean(availability);
        s.goodput = StudentMean(goodput);
        s.failed = ttf.size();
        s.ttf = StudentMean(ttf);
        out.push_back(s);
        i = j;
    }
    return out;
}

} // namespace ns3
