/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_SCENARIO_H
#define VPN_SCENARIO_H

#include "ns3/attribute.h"
#include "ns3/data-rate.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class StatefulFirewall;
class VpnTunnelEndpoint;
class Application;

/**
 * \ingroup vpn
 * \brief What one run of the canonical scenario is: transport, firewall, loss, workload, size.
 *
 * Every field is an attribute of VpnScenario (help, range and the flag of `vpn-scenario`: the
 * field's name; the defaults are the initialisers here); VpnScenario::Validate checks a whole
 * configuration and names the first bad field.
 */
struct VpnScenarioConfig
{
    std::string transport{"ctcp"};      //!< none (routed baseline) or a VpnHelper carrier name
    std::string firewall{"inspect"};    //!< none (plain router), stateful, inspect, proxy
    bool bypass{false};                 //!< a tcp-state-bypass class for the VPN flow
    std::string lossModel{"bernoulli"}; //!< none, bernoulli, ge
    double loss{0.005};                 //!< mean packet loss on the Internet link
    double burst{1.0};                  //!< mean loss-burst length (ge)
    double outage{0.5}; //!< mean outage, seconds (outage: loss is the fraction of time out)
    std::string lossDirection{"up"};  //!< up (client to firewall), down, both
    std::string workload{"bulk"};     //!< bulk (TCP), cbr (UDP), ping
    uint64_t bytes{0};                //!< bulk: bytes per client, 0 = unlimited
    uint32_t flows{1};                //!< bulk: parallel inner TCP flows per client
    double probeInterval{0};          //!< bulk, cbr: an inner ping every probeInterval s beside the
                                      //!< workload, for its RTT (0: none)
    std::string rate{"1Mbps"};        //!< cbr: rate per client
    uint32_t packetSize{1000};        //!< cbr: payload bytes; ping: data bytes
    uint32_t clients{1};              //!< VPN clients sharing the firewall and headend
    double duration{120.0};           //!< simulated seconds
    double dpdInterval{30.0};         //!< tunnel DPD idle interval, seconds
    uint32_t dpdRetries{3};           //!< tunnel DPD retries
    bool reconnect{false};            //!< reconnect after a failure
    std::string pcap;                 //!< prefix for pcaps of the Internet links ("" = none)
    std::string accessRate{"10Mbps"}; //!< Internet (access) link rate
    std::string coreRate{"100Mbps"};  //!< firewall, headend and server links
    double internetDelayMs{20.0};     //!< one-way delay of the Internet link
    uint32_t segmentSize{1200};       //!< inner TCP segment size (fits every carrier's MTU)
    std::string tcpStack{"ns3"};      //!< ns3 (inner TCP at ns-3's defaults) or linux (every TCP:
                                      //!< minimum RTO 200 ms, delayed ACK 40 ms)
    uint32_t innerWindow{0};     //!< inner TCP receive buffer, bytes (0: ns-3's 128 KiB); caps bulk
                                 //!< at innerWindow / RTT so it need not fill the access link
    double stallThreshold{10.0}; //!< a gap in the inner data's progress that lasts to the end
                                 //!< of the run is a stall from this long, seconds
    double progressInterval{1.0};   //!< the bins of data_availability, seconds
    std::string timeseries;         //!< path of the run's time-series CSV ("" = none)
    double timeseriesInterval{1.0}; //!< seconds between the time series' samples
};

/**
 * \ingroup vpn
 * \brief What one run measured, all from trace sources (never from a pcap).
 */
struct VpnScenarioMetrics
{
    uint32_t tunnelFailures{0}; //!< entries into Failed, all clients
    double firstFailure{-1};    //!< seconds, -1 when none: a client tunnel entered Failed
    double headendFailure{-1};  //!< seconds, -1 when none: a headend session entered Failed
    double availability{1.0};   //!< mean over clients of time Up / time since first Up
    double stall{-1};           //!< seconds, -1 when none: the first client's inner data stopped
                                //!< for good (its last progress before a failure, or before a
                                //!< gap of stallThreshold or more that lasts to the end)
    double detection{-1};       //!< seconds, -1 when not detected: that client's tunnel failure
                                //!< minus stall
    double dataAvailability{1}; //!< mean over clients of the progressInterval bins with inner
                                //!< data delivered / the bins in which it had data to send
    double firstLoss{-1};       //!< seconds, -1 when none: the loss model's first drop
    uint32_t reconnects{0};     //!< reconnects started, all clients
    uint64_t innerRxBytes{0};   //!< inner bytes delivered to the server, all clients
    double innerGoodputBps{0};  //!< innerRxBytes * 8 / workload time
    double completion{-1};      //!< bulk with bytes: last client done, seconds; -1 if not
    uint64_t rttSamples{0};     //!< inner ping replies (ping workload or probe), all clients
    double rttMedianMs{-1};     //!< their median RTT, ms; -1 without replies
    double rttP95Ms{-1};        //!< their 95th-percentile RTT, ms; -1 without replies
    uint64_t wanTxPackets{0};   //!< packets sent on the Internet links (both directions)
    uint64_t wanLostPackets{0}; //!< of those, lost by the loss model
    uint64_t wanTxBytes{0};     //!< bytes sent on the Internet links
    uint64_t innerTxBytes{0};   //!< inner bytes that entered the tunnels
    std::map<std::string, uint64_t> fwDrops; //!< firewall drops by reason
    uint64_t simEvents{0};                   //!< simulator events executed
    double wallSeconds{0};                   //!< wall-clock time of build and run
    std::vector<std::string> warnings;       //!< what makes the run's figures hard to read
};

/**
 * \ingroup vpn
 * \brief The canonical scenario: VPN clients, a lossy Internet link each, a stateful firewall, a
 * headend and a server.
 *
 * \verbatim
 *   client i --Internet link i (access rate, 20 ms, loss)-- firewall --core-- headend --core--
 * server (inner apps run on the client: remote access)           (ASA)            (VPN)
 * 192.168.10.2 \endverbatim
 *
 * With transport "none" the same inner traffic is routed without a tunnel (the baseline). The
 * firewall node is a plain router when firewall is "none"; otherwise a StatefulFirewall whose
 * default action is the firewall mode, plus a tcp-state-bypass class for the VPN flow when
 * bypass is set. Metrics come from trace sources.
 */
class VpnScenario : public Object
{
  public:
    /**
     * \brief Get the type ID: one attribute per VpnScenarioConfig field.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \return accepted values of transport */
    static std::vector<std::string> Transports();
    /** \return accepted values of firewall */
    static std::vector<std::string> Firewalls();
    /** \return accepted values of lossModel */
    static std::vector<std::string> LossModels();
    /** \return accepted values of lossDirection */
    static std::vector<std::string> LossDirections();
    /** \return accepted values of workload */
    static std::vector<std::string> Workloads();
    /** \return accepted values of tcpStack */
    static std::vector<std::string> TcpStacks();

    /**
     * Give every TCP created from now on, inner and the carriers' outer sockets, one set of
     * timers (ns-3 attribute defaults, so process-wide). tcpStack "linux" is (200 ms, 40 ms).
     * \param minRto minimum retransmission timeout
     * \param delAck delayed-ACK timeout
     */
    static void SetHostTcpTimers(Time minRto, Time delAck);

    /**
     * Check a configuration.
     * \param config the configuration
     * \param [out] flag the offending field's name
     * \param [out] error what is wrong and what is accepted
     * \return true when it can run
     */
    static bool Validate(const VpnScenarioConfig& config, std::string& flag, std::string& error);

    /** A scenario whose configuration its attributes set (CreateObject<VpnScenario>()). */
    VpnScenario();
    ~VpnScenario() override;

    /**
     * Set the whole configuration at once (after CreateObject, which applies the attributes).
     * \param config a configuration that passed Validate()
     */
    void SetConfig(const VpnScenarioConfig& config);

    /** \return the configuration */
    const VpnScenarioConfig& GetConfig() const;

    /**
     * \param config a configuration that passed Validate()
     * \return a scenario of that configuration (CreateObject, then SetConfig)
     */
    static Ptr<VpnScenario> FromConfig(const VpnScenarioConfig& config);

    /**
     * Build the topology and install everything (once). The ns-3 attribute defaults it sets
     * for the run (TcpSocket SegmentSize, and SndBufSize and the host's TCP timers when
     * innerWindow and tcpStack ask for them) stay set until Run() ends or the scenario is
     * destroyed, which restore what they were before Build().
     */
    void Build();

    /**
     * Build if needed, run the simulation for the configured duration, collect, and destroy.
     * The process's attribute defaults are then as they were before Build(): a second
     * scenario in the same process runs as it would alone.
     */
    void Run();

    /** \return the metrics (after Run()) */
    const VpnScenarioMetrics& GetMetrics() const;

    /**
     * The built scenario's parts, for traces a study connects between Build() and Run()
     * (vpn-validation does). Run() destroys the simulation: the objects outlive it, disposed.
     * \param i the client's index
     * \return client i's node
     */
    Ptr<Node> GetClient(uint32_t i) const;

    /** \return the inner server's node */
    Ptr<Node> GetServer() const;

    /**
     * \return the warnings of the run so far (Build() adds those about the configuration):
     * what makes its figures hard to read, e.g. a duration shorter than dead-peer detection
     */
    const std::vector<std::string>& GetWarnings() const;

    /**
     * \param i the client's index
     * \return client i's tunnel endpoint (null for transport none)
     */
    Ptr<VpnTunnelEndpoint> GetClientTunnel(uint32_t i) const;

    /** \return the headend's tunnel endpoint (null for transport none) */
    Ptr<VpnTunnelEndpoint> GetHeadendTunnel() const;

    /** \return the firewall (null for firewall none: a plain router) */
    Ptr<StatefulFirewall> GetFirewall() const;

    /**
     * \param i the client's index
     * \return client i's Internet link: the client's device, then its access router's (the
     * uplink's receiver, where loss up is applied)
     */
    NetDeviceContainer GetInternetDevices(uint32_t i) const;

    /**
     * \param i the client's index
     * \return the device that sends each hop from client i to the headend, in order: the
     * client's on the Internet link, its access router's to the firewall, the firewall's to the
     * headend (point-to-point: the other end of each channel sends the hop back)
     */
    std::vector<Ptr<NetDevice>> GetPathToHeadend(uint32_t i) const;

    /**
     * \param overrides the ns-3 attributes and global values the run's command line set, as
     * (name, effective value); the run's "config" lists them beside the scenario's attributes
     * \return the configuration and metrics as one JSON object on one line
     */
    std::string ToJson(
        const std::vector<std::pair<std::string, std::string>>& overrides = {}) const;

    /**
     * The keys of the run's JSON that hold the scenario's parameters: one per attribute, in the
     * TypeId's order, the attribute's name in snake case with the unit of its value: "_s" for a
     * Time (the JSON gives seconds), "_bps" for a DataRate (bits per second); a boolean is 0 or
     * 1. AccessRate is access_rate_bps, LossModel loss_model. They are CSV column names too.
     *
eturn the keys
     */
    static std::vector<std::string> ParameterKeys();

    /**
     * \param info one of the scenario's attributes
     *
eturn its key in the run's JSON (ParameterKeys)
     */
    static std::string ParameterKey(const TypeId::AttributeInformation& info);

  private:
    struct State;

    /**
     * Attribute setter of a config field.
     * \tparam T the field's type
     * \tparam F the field
     * \param value the value
     */
    template <typename T, T VpnScenarioConfig::*F>
    void SetField(T value);
    /**
     * Attribute getter of a config field.
     * \tparam T the field's type
     * \tparam F the field
     * \return the value
     */
    template <typename T, T VpnScenarioConfig::*F>
    T GetField() const;
    /**
     * Attribute setter of a config field that holds a time as a number of units.
     * \tparam F the field
     * \tparam U its unit
     * \param value the time
     */
    template <double VpnScenarioConfig::*F, Time::Unit U>
    void SetTime(Time value);
    /**
     * \tparam F the field
     * \tparam U its unit
     * \return the field's time
     */
    template <double VpnScenarioConfig::*F, Time::Unit U>
    Time GetTime() const;
    /**
     * Attribute setter of a config field that holds a rate as text.
     * \tparam F the field
     * \param value the rate
     */
    template <std::string VpnScenarioConfig::*F>
    void SetRate(DataRate value);
    /**
     * \tparam F the field
     * \return the field's rate
     */
    template <std::string VpnScenarioConfig::*F>
    DataRate GetRate() const;

    /**
     * The attribute defaults SetHostTcpTimers sets, with their values.
     * \param minRto minimum retransmission timeout
     * \param delAck delayed-ACK timeout
     * \return (ns-3 attribute name, value) pairs
     */
    static std::vector<std::pair<std::string, Ptr<const AttributeValue>>> HostTcpTimers(
        Time minRto,
        Time delAck);

    /**
     * Config::SetDefault for this run: the default it replaces is kept (the first time) for
     * RestoreDefaults().
     * \param name the attribute, "ns3::Type::Name" of the type that registers it
     * \param value its value for this run
     */
    void SetDefault(const std::string& name, const AttributeValue& value);

    /** Put back every default SetDefault() replaced, last first. */
    void RestoreDefaults();

    /** Collect the metrics at the end of the run. */
    void Collect();

    /** Open the time-series CSV, connect the traces it samples and schedule its first row. */
    void ConnectTimeseries();

    /** Write one row per client of the time series (now), and schedule the next sample. */
    void Sample();

    /**
     * Note a warning about the run (stderr of vpn-scenario and the JSON's "warnings").
     * \param text the warning
     */
    void Warn(const std::string& text);

    VpnScenarioConfig m_config;     //!< what to run
    VpnScenarioMetrics m_metrics;   //!< what was measured
    std::unique_ptr<State> m_state; //!< nodes, apps and trace state while it runs
};

} // namespace ns3

#endif /* VPN_SCENARIO_H */
