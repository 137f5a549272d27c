/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_SWEEP_STATS_H
#define VPN_SWEEP_STATS_H

#include "vpn-sweep-results.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief A point estimate and a two-sided confidence interval; NaN where undefined.
 */
struct VpnInterval
{
    double mean; //!< point estimate (NaN when there is no data)
    double lo;   //!< lower bound (NaN when undefined)
    double hi;   //!< upper bound (NaN when undefined)
};

/**
 * \ingroup vpn
 * \brief The statistics of one configuration of a sweep.
 */
struct VpnSweepSummary
{
    std::vector<std::pair<std::string, std::string>> key; //!< VpnSweepStats::KeyFields and values
    uint32_t runs{0};                                     //!< runs of this configuration
    uint32_t survived{0};                                 //!< runs with tunnel_failures == 0
    VpnInterval survival{};                               //!< survived / runs, Wilson interval
    VpnInterval availability{};                           //!< mean availability, Student-t interval
    VpnInterval goodput{}; //!< mean inner_goodput_bps, Student-t interval
    uint32_t failed{0};    //!< runs with a first_failure_s (the ttf sample size)
    VpnInterval ttf{};     //!< mean first_failure_s over failed runs, Student-t interval
};

/**
 * \ingroup vpn
 * \brief Confidence intervals and per-configuration summaries of a sweep (pure functions).
 *
 * Survival is a binomial proportion: the Wilson score interval (Wilson 1927) keeps sensible
 * bounds at 0/n and n/n, where the normal approximation collapses to a point:
 * \f[ \frac{\hat p + \frac{z^2}{2n} \pm z\sqrt{\frac{\hat p(1-\hat p)}{n} + \frac{z^2}{4n^2}}}
 *     {1 + \frac{z^2}{n}} \f]
 * Means use the Student-t interval \f$\bar x \pm t_{n-1,1-\alpha/2}\, s/\sqrt{n}\f$ with the
 * sample standard deviation s (n - 1 in the denominator); it is undefined for n < 2. Quantiles
 * come from GSL (gsl_cdf_ugaussian_Pinv, gsl_cdf_tdist_Pinv).
 */
class VpnSweepStats
{
  public:
    /// The two-sided confidence level of every interval the sweep reports (summary.csv's level).
    static constexpr double LEVEL = 0.95;

    /**
     * \param confidence two-sided level, e.g. 0.95
     * \return z with P(|Z| <= z) = confidence for a standard normal Z
     */
    static double NormalQuantile(double confidence);

    /**
     * \param confidence two-sided level, e.g. 0.95
     * \param dof degrees of freedom (> 0)
     * \return t with P(|T| <= t) = confidence for Student's t with dof degrees of freedom
     */
    static double StudentQuantile(double confidence, double dof);

    /**
     * Wilson score interval of a proportion.
     * \param successes successes
     * \param n trials
     * \param confidence two-sided level
     * \return successes / n and the interval (all NaN when n == 0)
     */
    static VpnInterval Wilson(uint32_t successes, uint32_t n, double confidence = LEVEL);

    /**
     * Student-t interval of a mean.
     * \param sample the observations
     * \param confidence two-sided level
     * \return the mean (NaN when empty) and the interval (NaN when fewer than 2 observations)
     */
    static VpnInterval StudentMean(const std::vector<double>& sample, double confidence = LEVEL);

    /**
     * \return the JSON keys that identify a configuration, in the order of the summary columns:
     * every parameter of the scenario (VpnScenario::ParameterKeys), then the extra fields
     * (SetExtraKeyFields)
     */
    static std::vector<std::string> KeyFields();

    /**
     * Make more fields identify a configuration, after the scenario's parameters: the ns-3
     * attributes the runs set (VpnSweepResults::PromoteOverrides finds them). Process-wide: a
     * sweep summarises one set of runs.
     * \param fields the field names, in column order
     */
    static void SetExtraKeyFields(const std::vector<std::string>& fields);

    /**
     * Compare two configuration keys field by field: numerically where both values are numbers,
     * as text otherwise.
     * \param a a key
     * \param b another key
     * \return negative, 0 or positive
     */
    static int Compare(const std::vector<std::pair<std::string, std::string>>& a,
                       const std::vector<std::pair<std::string, std::string>>& b);

    /**
     * \param run a run
     * \return its configuration key (KeyFields and their text)
     */
    static std::vector<std::pair<std::string, std::string>> KeyOf(const VpnRunRecord& run);

    /**
     * Group runs by configuration and summarise each group.
     * \param runs the runs, in any order
     * \return one summary per configuration, sorted by key (Compare)
     */
    static std::vector<VpnSweepSummary> Summarize(const std::vector<VpnRunRecord>& runs);
};

} // namespace ns3

#endif /* VPN_SWEEP_STATS_H */
