/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef GILBERT_ELLIOTT_ERROR_MODEL_H
#define GILBERT_ELLIOTT_ERROR_MODEL_H

#include "ns3/error-model.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>

/**
 * \defgroup vpn VPN carriers, stateful firewall and lossy Internet
 *
 * The vpn module reproduces Cisco IPsec-over-TCP (cTCP) tunnels dying behind a stateful,
 * TCP-inspecting firewall when the Internet loses a packet, and the mitigations.
 */

namespace ns3
{

/**
 * \ingroup vpn
 * \brief Per-packet Gilbert-Elliott loss: a two-state Markov chain with a loss probability in
 * each state.
 *
 * Internet loss is bursty; a Bernoulli model with the same mean puts losses apart where real
 * paths lose several packets in a row. The Gilbert-Elliott model (Gilbert 1960, Elliott 1963) has
 * a Good and a Bad state. For each packet the model first decides loss from the current state,
 * then moves:
 *
 * \verbatim
 *              p                    Good: lost with probability 1-k (GoodLossProbability)
 *      Good ------> Bad             Bad:  lost with probability 1-h (BadLossProbability)
 *           <------
 *              r
 * \endverbatim
 *
 * Steady state (Hasslinger and Hohlfeld, "The Gilbert-Elliott Model for Packet Loss in Real Time
 * Services on the Internet", MMB 2008, eq. 1): pi_B = p / (p + r), and the mean loss is
 * r/(p+r) (1-k) + p/(p+r) (1-h). The mean length of a run of consecutive losses is
 * P(loss) / (P(loss) - P(loss, loss)), where P(loss, loss) sums over both states and both
 * successors; SteadyStateLoss() and MeanLossBurstLength() compute both exactly.
 * With k = 1 and h = 0 (the "simple Gilbert" model) a loss run is a Bad sojourn, mean 1/r;
 * FromLossAndBurst() gives p and r for a wanted mean loss and mean burst length.
 *
 * The initial state is drawn from the stationary distribution, so measured figures have no
 * warm-up transient. The model counts packets, losses and loss bursts; the trace source
 * StateChange fires on every Good/Bad transition.
 *
 * Clock. With Clock = PACKET (the default, the usual packet-level definition) the chain steps
 * once per packet offered: an idle link does not move it, and a TCP sender in timeout back-off,
 * offering one packet per timeout, stays in a long Bad state for many timeouts. With
 * Clock = TIME the chain runs in simulated time, a continuous-time two-state Markov chain whose
 * sojourns are exponential with means MeanGoodDuration and MeanBadDuration: a Bad sojourn is an
 * outage of a given length whatever the traffic, and one model object may serve several devices
 * (both directions of a link fail together). Then pi_B = Tb / (Tg + Tb), and SteadyStateLoss() is
 * the time-average loss probability, which a packet arriving at a random moment sees (PASTA);
 * MeanLossBurstLength() counts packets and is NaN; FromLossAndOutage() gives Tg and Tb.
 */
class GilbertElliottErrorModel : public ErrorModel
{
  public:
    /** What moves the chain. */
    enum Clock
    {
        PACKET = 0, //!< one step per packet offered (P, R)
        TIME = 1    //!< simulated time, exponential sojourns (MeanGoodDuration, MeanBadDuration)
    };

    /** The two states of the chain. */
    enum State
    {
        GOOD = 0, //!< the Good state (loss probability 1-k)
        BAD = 1   //!< the Bad state (loss probability 1-h)
    };

    /**
     * Parameters of the chain, as a plain value (see FromLossAndBurst()).
     */
    struct Parameters
    {
        double p{0.0};        //!< transition probability Good -> Bad per packet
        double r{1.0};        //!< transition probability Bad -> Good per packet
        double goodLoss{0.0}; //!< loss probability in Good (1 - k)
        double badLoss{1.0};  //!< loss probability in Bad (1 - h)
    };

    /**
     * TracedCallback signature for a state change.
     * \param [in] from the state left
     * \param [in] to the state entered
     */
    typedef void (*StateChangeTracedCallback)(State from, State to);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    GilbertElliottErrorModel();
    ~GilbertElliottErrorModel() override;

    /**
     * Simple-Gilbert parameters (no loss in Good, all lost in Bad) for a mean loss and a mean
     * loss-burst length: r = 1/burst, p = r loss / (1 - loss).
     * \param meanLoss wanted steady-state loss, in [0, 1)
     * \param meanBurst wanted mean run of consecutive losses, in packets, >= 1
     * \param [out] params the parameters, set only on success
     * \param [out] error a one-line reason on failure
     * \return true on success; false when no chain has these figures (p would exceed 1)
     */
    static bool FromLossAndBurst(double meanLoss,
                                 double meanBurst,
                                 Parameters& params,
                                 std::string& error);

    /**
     * Simple-Gilbert durations for the TIME clock (no loss in Good, all lost in Bad): a wanted
     * fraction of time in outage and a mean outage length: Tb = outage, Tg = Tb (1 - loss) / loss.
     * \param meanLoss wanted fraction of time in Bad, in (0, 1)
     * \param meanOutage wanted mean Bad sojourn (positive)
     * \param [out] meanGood the mean Good sojourn, set only on success
     * \param [out] error a one-line reason on failure
     * \return true on success
     */
    static bool FromLossAndOutage(double meanLoss,
                                  Time meanOutage,
                                  Time& meanGood,
                                  std::string& error);

    /**
     * Set all four parameters at once.
     * \param params the chain's parameters
     */
    void SetParameters(const Parameters& params);

    /** \return the chain's current parameters */
    Parameters GetParameters() const;

    /** \return the analytic steady-state loss probability */
    double SteadyStateLoss() const;

    /**
     * \return the analytic mean length of a run of consecutive losses in packets, PACKET clock
     * (infinity when every packet is lost, 0 when none is; NaN with the TIME clock, where it
     * depends on the traffic)
     */
    double MeanLossBurstLength() const;

    /** \return the current state of the chain */
    State GetState() const;

    /** \return packets seen since the last Reset() */
    uint64_t GetPacketCount() const;

    /** \return packets lost since the last Reset() */
    uint64_t GetLossCount() const;

    /** \return runs of consecutive losses since the last Reset() */
    uint64_t GetBurstCount() const;

    /**
     * Assign fixed random variable stream numbers to the random variables used by this model.
     * \param stream first stream index to use
     * \return the number of stream indices assigned (2: transitions and losses)
     */
    int64_t AssignStreams(int64_t stream);

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;
    void DoDispose() override;

    double m_p;        //!< transition probability Good -> Bad
    double m_r;        //!< transition probability Bad -> Good
    double m_goodLoss; //!< loss probability in Good (1 - k)
    double m_badLoss;  //!< loss probability in Bad (1 - h)
    Clock m_clock;     //!< what moves the chain
    Time m_meanGood;   //!< TIME clock: mean Good sojourn
    Time m_meanBad;    //!< TIME clock: mean Bad sojourn
    Time m_nextChange; //!< TIME clock: when the current sojourn ends

    /** \return the stationary probability of Bad under the current clock */
    double PiBad() const;

    /**
     * Draw the state from the stationary distribution and, with the TIME clock, the end of its
     * sojourn from now.
     * \param notify fire StateChange if the state changed
     */
    void Redraw(bool notify);

    /** TIME clock: draw the current sojourn's end from now (exponential). */
    void DrawSojourn();

    /**
     * Move to the other state and fire the trace.
     */
    void Toggle();

    Ptr<RandomVariableStream> m_transitionRv; //!< draws the state transitions
    Ptr<RandomVariableStream> m_lossRv;       //!< draws the per-packet loss
    State m_state;                            //!< current state
    bool m_started;                           //!< initial state drawn yet
    bool m_lastLost;                          //!< previous packet was lost
    uint64_t m_packets;                       //!< packets seen
    uint64_t m_lost;                          //!< packets lost
    uint64_t m_bursts;                        //!< runs of consecutive losses

    TracedCallback<State, State> m_stateChangeTrace; //!< fires on every transition
};

} // namespace ns3

#endif /* GILBERT_ELLIOTT_ERROR_MODEL_H */
