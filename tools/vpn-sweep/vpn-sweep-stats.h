/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_SWEEP_STATS_H
#define VPN_SWEEP_STATS_H

#include "vpn-sweep-results.h"

#include <cmath>
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
    double mean{NAN}; //!< point estimate (NaN when there is no data)
    double lo{NAN};   //!< lower bound (NaN when undefined)
    double hi{NAN};   //!< upper bound (NaN when undefined)
    uint32_t n{0};    //!< observations behind it (runs, pairs)

    /** \return true if the interval exists and has zero width: every observation was equal */
    bool IsDegenerate() const;
};

/**
 * \ingroup vpn
 * \brief One run's time to an event (a tunnel failure, a data stall), or the time it was
 * censored at (the run's end, when the event did not happen).
 */
struct VpnEventTime
{
    double time; //!< seconds from the start of the run
    bool event;  //!< true: the event happened at time; false: censored at time
};

/**
 * \ingroup vpn
 * \brief A Kaplan-Meier survival curve with its median and restricted mean (VpnSweepStats).
 */
struct VpnKaplanMeier
{
    uint32_t n{0};                //!< runs in the sample
    uint32_t events{0};           //!< runs whose event happened
    double horizon{0};            //!< tau: the restricted mean is the area under S on [0, tau]
    std::vector<double> times;    //!< t_i, the distinct event times, increasing
    std::vector<uint32_t> atRisk; //!< n_i, runs with time >= t_i
    std::vector<uint32_t> deaths; //!< d_i, events at t_i
    std::vector<double> survival; //!< S(t_i), the curve just after t_i
    std::vector<double> variance; //!< Greenwood: S(t_i)^2 sum_{j <= i} d_j / (n_j (n_j - d_j))
    std::vector<double> lower;    //!< pointwise lower band of S(t_i) (log-log scale)
    std::vector<double> upper;    //!< pointwise upper band of S(t_i) (log-log scale)
    VpnInterval median{};         //!< first t with S(t) <= 0.5 and its band-inverted interval
    VpnInterval restrictedMean{}; //!< area under S on [0, horizon], normal interval in [0, tau]
};

/**
 * \ingroup vpn
 * \brief A baseline for paired differences: the configurations whose key field is value.
 */
struct VpnSweepBaseline
{
    std::string field; //!< a key field (VpnSweepStats::KeyFields); empty: no baseline
    std::string value; //!< its value in the baseline configurations
};

/**
 * \ingroup vpn
 * \brief The paired differences C - B of a configuration C against its baseline B.
 *
 * Run r of C is paired with run r of B (the same RngRun: common random numbers). A metric a run
 * of the pair does not carry leaves that pair out of that metric.
 */
struct VpnSweepPaired
{
    std::string baseline;           //!< KEY=VALUE of the baseline ("" without one)
    bool isBaseline{false};         //!< this configuration is a baseline itself
    bool hasBaseline{false};        //!< a baseline configuration exists for it
    uint32_t pairs{0};              //!< runs of C with a run of B of the same run number
    VpnInterval availability{};     //!< mean difference of availability, paired Student-t
    VpnInterval dataAvailability{}; //!< mean difference of data_availability
    VpnInterval goodput{};          //!< mean difference of inner_goodput_bps
    VpnInterval ttf{};              //!< mean difference of min(first_failure_s, duration_s)
    VpnInterval stall{};            //!< mean difference of min(stall_s, duration_s)
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
    VpnInterval availability{};     //!< mean availability, Student-t interval clipped to [0, 1]
    VpnInterval dataAvailability{}; //!< mean data_availability, Student-t clipped to [0, 1]
    VpnInterval goodput{};          //!< mean inner_goodput_bps, Student-t interval clipped to >= 0
    VpnInterval detection{}; //!< mean detection_s over detected runs, Student-t clipped to >= 0
    VpnKaplanMeier ttf{};    //!< first_failure_s, censored at duration_s (Kaplan-Meier)
    VpnKaplanMeier stall{};  //!< stall_s, censored at duration_s (runs that carry stall_s)
    uint32_t warned{0};      //!< runs with one or more warnings
    std::vector<std::string> warnings; //!< the distinct warnings of its runs, first seen first
    VpnSweepPaired paired{}; //!< differences against its baseline (Summarize with a baseline)
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
 * sample standard deviation s (n - 1 in the denominator); it is undefined for n < 2. A metric
 * with a range (availability in [0, 1], goodput >= 0) has its interval clipped to it. Paired
 * differences are the Student-t interval of the differences. Times to an event censored at the
 * run's end are Kaplan-Meier curves (KaplanMeier). Quantiles come from GSL
 * (gsl_cdf_ugaussian_Pinv, gsl_cdf_tdist_Pinv).
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
     * \param lowest the smallest value the metric can take: the interval is clipped to it
     * \param highest the largest value the metric can take: the interval is clipped to it
     * \return the mean (NaN when empty) and the interval (NaN when fewer than 2 observations)
     */
    static VpnInterval StudentMean(const std::vector<double>& sample,
                                   double confidence = LEVEL,
                                   double lowest = -INFINITY,
                                   double highest = INFINITY);

    /**
     * The Kaplan-Meier estimate of a survival curve from right-censored times (Kaplan and Meier
     * 1958), ties ordered events before censorings:
     * \f$\hat S(t) = \prod_{t_i \le t} (1 - d_i/n_i)\f$, Greenwood's variance
     * \f$\hat S(t)^2 \sum_{t_i \le t} d_i / (n_i (n_i - d_i))\f$, and the pointwise interval
     * on the log-log scale (R's survfit conf.type = "log-log"), which stays inside [0, 1]:
     * \f$\hat S^{\exp(\pm z \sigma / \log \hat S)}\f$ with
     * \f$\sigma^2 = \sum d_i / (n_i (n_i - d_i))\f$.
     *
     * The median is the first t_i with S <= 0.5; its interval (Brookmeyer and Crowley 1982)
     * runs from the first t_i at which the lower band is <= 0.5 to the first at which the upper
     * band is (NaN when a curve never gets there within the data). The restricted mean is
     * \f$\int_0^\tau \hat S(u)\,du\f$ with variance
     * \f$\sum_{t_i \le \tau} A_i^2 d_i / (n_i (n_i - d_i))\f$, \f$A_i = \int_{t_i}^\tau
     * \hat S(u)\,du\f$ (Klein and Moeschberger, section 4.5), and a normal interval clipped
     * to [0, tau].
     * \param sample the runs' times (events after horizon count as censored at it)
     * \param horizon tau, the end of the runs
     * \param confidence two-sided level
     * \return the curve, its median and restricted mean (all NaN for an empty sample)
     */
    static VpnKaplanMeier KaplanMeier(const std::vector<VpnEventTime>& sample,
                                      double horizon,
                                      double confidence = LEVEL);

    /**
     * The paired Student-t interval: StudentMean of the differences c - b.
     * \param pairs (c, b) observations of the same random numbers
     * \param confidence two-sided level
     * \return the mean difference and its interval (none for fewer than 2 pairs)
     */
    static VpnInterval PairedDifference(const std::vector<std::pair<double, double>>& pairs,
                                        double confidence = LEVEL);

    /**
     * \return the JSON keys that identify a configuration, in the order of the summary columns:
     * every parameter of the scenario (VpnScenario::ParameterKeys) but its outputs
     * (OutputParameters), then the extra fields (SetExtraKeyFields)
     */
    static std::vector<std::string> KeyFields();

    /**
     * \return the scenario parameters that name where a run writes (pcap, timeseries): they
     * differ between runs of one configuration, so they are not part of its key
     */
    static const std::vector<std::string>& OutputParameters();

    /**
     * \param a a key field's value
     * \param b another
     * \return true if they are the same number, or the same text where either is no number
     */
    static bool SameValue(const std::string& a, const std::string& b);

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
     * Group runs by configuration and summarise each group. Missing fields (runs of an older
     * scenario) are not available: they leave the run out of that metric.
     * \param runs the runs, in any order
     * \param baseline with a field: each configuration's paired differences against the one of
     * the same key but baseline.field = baseline.value (VpnSweepSummary::paired)
     * \return one summary per configuration, sorted by key (Compare)
     */
    static std::vector<VpnSweepSummary> Summarize(const std::vector<VpnRunRecord>& runs,
                                                  const VpnSweepBaseline& baseline = {});

    /**
     * Check a baseline against runs: its field must be a key field, its value one the runs hold.
     * \param runs the runs (after VpnSweepResults::PromoteOverrides)
     * \param baseline the baseline
     * \param [out] error what is wrong and what is accepted, on failure
     * \return true if it names configurations of the runs
     */
    static bool CheckBaseline(const std::vector<VpnRunRecord>& runs,
                              const VpnSweepBaseline& baseline,
                              std::string& error);
};

} // namespace ns3

#endif /* VPN_SWEEP_STATS_H */
