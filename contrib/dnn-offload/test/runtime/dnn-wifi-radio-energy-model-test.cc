/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * DnnWifiRadioEnergyModel against ns-3's own WifiRadioEnergyModel, the reference it must
 * equal: both listen to the same PHYs of a busy Wi-Fi cell (saturating UDP both ways, so
 * transmissions, receptions, collisions and CCA-busy periods), each state drawing a
 * different current, and their totals are compared bit for bit every millisecond.
 */
#include "ns3/dnn-energy-source.h"
#include "ns3/dnn-ns3-compat.h"
#include "ns3/dnn-wifi-radio-energy-model-helper.h"
#include "ns3/dnn-wifi-radio-energy-model.h"

#include "ns3/basic-energy-source.h"
#include "ns3/double.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-generator.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/mobility-helper.h"
#include "ns3/node.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/ssid.h"
#include "ns3/udp-client-server-helper.h"
#include "ns3/wifi-helper.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-radio-energy-model-helper.h"
#include "ns3/wifi-radio-energy-model.h"
#include "ns3/yans-wifi-helper.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace ns3
{
namespace
{

/** Which radio energy models a cell gets. */
enum class Radios
{
    NONE,          //!< none
    OURS,          //!< a DnnWifiRadioEnergyModel per device, on a DnnEnergySource
    OURS_SHARED,   //!< a DnnWifiRadioEnergyModel per device, all on one DnnEnergySource
    BOTH_DEFERRED, //!< ours on a DnnEnergySource and ns-3's on a BasicEnergySource
    BOTH_EAGER     //!< ours and ns-3's, each on a BasicEnergySource of its own
};

/** The sources' energy, J: far more than a radio uses in the run (at most 1.2 J). */
constexpr double SOURCE_J = 100;

/** Each state's current, A: all different, so that every state shows in the totals. */
const std::vector<std::pair<std::string, double>> CURRENTS{
    {"IdleCurrentA", 0.1}, {"CcaBusyCurrentA", 0.15},  {"TxCurrentA", 0.4},
    {"RxCurrentA", 0.3},   {"SwitchingCurrentA", 0.2}, {"SleepCurrentA", 0.01}};

/** Set CURRENTS on a helper's models. \param helper the helper */
void
SetCurrents(DeviceEnergyModelHelper& helper)
{
    for (const auto& [name, current] : CURRENTS)
    {
        helper.Set(name, DoubleValue(current));
    }
}

/** Set CURRENTS on a model. \param model the model */
void
SetCurrents(Ptr<DeviceEnergyModel> model)
{
    for (const auto& [name, current] : CURRENTS)
    {
        model->SetAttribute(name, DoubleValue(current));
    }
}

/** A busy cell: an access point and four stations, saturating UDP both ways. */
class BusyCell
{
  public:
    /** \param radios the energy models to install */
    explicit BusyCell(Radios radios)
    {
        RngSeedManager::SetSeed(7);
        RngSeedManager::SetRun(1);
        Ipv4AddressGenerator::Reset();
        m_nodes.Create(5); // node 0: the access point
        YansWifiChannelHelper channel = YansWifiChannelHelper::Default();
        YansWifiPhyHelper phy;
        phy.SetChannel(channel.Create());
        WifiHelper wifi;
        wifi.SetStandard(WIFI_STANDARD_80211n);
        WifiMacHelper mac;
        const Ssid ssid("busy");
        mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(ssid));
        m_devices.Add(wifi.Install(phy, mac, m_nodes.Get(0)));
        mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(ssid));
        for (uint32_t i = 1; i < m_nodes.GetN(); ++i)
        {
            m_devices.Add(wifi.Install(phy, mac, m_nodes.Get(i)));
        }
        wifi.AssignStreams(m_devices, 100);
        MobilityHelper mobility;
        Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
        for (uint32_t i = 0; i < m_nodes.GetN(); ++i)
        {
            positions->Add(Vector(12.0 * i, 3.0 * (i % 2), 0));
        }
        mobility.SetPositionAllocator(positions);
        mobility.Install(m_nodes);
        InternetStackHelper internet;
        internet.Install(m_nodes);
        internet.AssignStreams(m_nodes, 200);
        Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
        Ipv4InterfaceContainer interfaces = addresses.Assign(m_devices);

        // Saturating UDP: every station to the access point and back.
        UdpServerHelper server(9);
        server.Install(m_nodes).Start(Seconds(0));
        for (uint32_t i = 1; i < m_nodes.GetN(); ++i)
        {
            for (const auto& [from, to] : {std::pair{i, 0u}, std::pair{0u, i}})
            {
                UdpClientHelper client(interfaces.GetAddress(to), 9);
                client.SetAttribute("MaxPackets", UintegerValue(1000000));
                client.SetAttribute("Interval", TimeValue(MicroSeconds(400)));
                client.SetAttribute("PacketSize", UintegerValue(1200));
                ApplicationContainer app = client.Install(m_nodes.Get(from));
                app.Start(Seconds(0.3 + 0.01 * i));
                app.Stop(Seconds(0.9));
            }
        }
        InstallRadios(radios);
    }

    ~BusyCell()
    {
        // The sources are not aggregated to the nodes (two per node), so the nodes' disposal
        // does not reach them: dispose them here, which breaks the source <-> model cycles.
        for (const Ptr<EnergySource>& source : m_sources)
        {
            source->Dispose();
        }
        Simulator::Destroy();
    }

    /** \brief Run to the end. */
    void Run()
    {
        Simulator::Stop(END);
        Simulator::Run();
    }

    static inline const Time END = Seconds(1.0); //!< when the run stops

    std::vector<Ptr<DnnWifiRadioEnergyModel>> m_ours; //!< ours, per device
    std::vector<Ptr<WifiRadioEnergyModel>> m_theirs;  //!< ns-3's, per device
    std::vector<Ptr<EnergySource>> m_ourSources;      //!< our models' sources, per device
    std::vector<Ptr<EnergySource>> m_sources;         //!< every source, disposed at the end
    NodeContainer m_nodes;                            //!< the access point and stations
    NetDeviceContainer m_devices;                     //!< their Wi-Fi devices

  private:
    /**
     * What DnnWifiRadioEnergyModelHelper does, for a source of another node, which
     * DeviceEnergyModelHelper refuses from ns-3.4x on (a node's models draw from its own
     * source): the test puts several radios on one source.
     * \param device a Wi-Fi device \param source the source \return the model
     */
    static Ptr<DnnWifiRadioEnergyModel> InstallOnAnyNodesSource(Ptr<NetDevice> device,
                                                                Ptr<EnergySource> source)
    {
        Ptr<DnnWifiRadioEnergyModel> model = CreateObject<DnnWifiRadioEnergyModel>();
        SetCurrents(model);
        source->AppendDeviceEnergyModel(model);
        model->SetEnergySource(source);
        Ptr<WifiPhy> phy = DynamicCast<WifiNetDevice>(device)->GetPhy();
#if DNN_NS3_VERSION_MINOR >= 41
        phy->RegisterListener(model->GetPhyListener());
#else
        phy->RegisterListener(model->GetPhyListener().get());
#endif
        return model;
    }

    /** \param radios the energy models to install */
    void InstallRadios(Radios radios)
    {
        if (radios == Radios::NONE)
        {
            return;
        }
        DnnWifiRadioEnergyModelHelper ours;
        SetCurrents(ours);
        WifiRadioEnergyModelHelper theirs;
        SetCurrents(theirs);
        for (uint32_t i = 0; i < m_devices.GetN(); ++i)
        {
            Ptr<EnergySource> source;
            if (radios == Radios::OURS_SHARED && i > 0)
            {
                source = m_ourSources.front();
            }
            else if (radios == Radios::BOTH_EAGER)
            {
                source = CreateObject<BasicEnergySource>();
                source->SetAttribute("BasicEnergySourceInitialEnergyJ", DoubleValue(SOURCE_J));
            }
            else
            {
                source = CreateObject<DnnEnergySource>();
                source->SetAttribute("InitialEnergyJ", DoubleValue(SOURCE_J));
            }
            if (i == 0 || radios != Radios::OURS_SHARED)
            {
                source->SetNode(m_nodes.Get(i));
                m_sources.push_back(source);
            }
            m_ourSources.push_back(source);
            if (radios == Radios::OURS_SHARED)
            {
                m_ours.push_back(InstallOnAnyNodesSource(m_devices.Get(i), source));
            }
            else
            {
                m_ours.push_back(DynamicCast<DnnWifiRadioEnergyModel>(
                    ours.Install(m_devices.Get(i), source).Get(0)));
            }
            if (radios != Radios::OURS && radios != Radios::OURS_SHARED)
            {
                Ptr<BasicEnergySource> basic = CreateObject<BasicEnergySource>();
                basic->SetAttribute("BasicEnergySourceInitialEnergyJ", DoubleValue(SOURCE_J));
                basic->SetNode(m_nodes.Get(i));
                m_sources.push_back(basic);
                m_theirs.push_back(DynamicCast<WifiRadioEnergyModel>(
                    theirs.Install(m_devices.Get(i), basic).Get(0)));
            }
        }
    }
};

/** Compare the two models' totals every millisecond and at the end, bit for bit. */
void
ExpectSameTotalsAsWifiRadioEnergyModel(Radios radios)
{
    BusyCell cell(radios);
    ASSERT_EQ(cell.m_ours.size(), 5u);
    ASSERT_EQ(cell.m_theirs.size(), 5u);
    uint32_t checks = 0;
    uint32_t differences = 0;
    for (Time t = MilliSeconds(1); t < BusyCell::END; t += MilliSeconds(1))
    {
        Simulator::Schedule(t,
                            [&cell, &checks, &differences]()
                            {
                                for (size_t d = 0; d < cell.m_ours.size(); ++d)
                                {
                                    ++checks;
                                    const double ours = cell.m_ours[d]->GetTotalEnergyConsumption();
                                    const double theirs =
                                        cell.m_theirs[d]->GetTotalEnergyConsumption();
                                    if (ours != theirs)
                                    {
                                        ++differences;
                                        ADD_FAILURE()
                                            << "device " << d << " at "
                                            << Simulator::Now().As(Time::US) << ": " << ours
                                            << " J, WifiRadioEnergyModel " << theirs << " J";
                                    }
                                }
                            });
    }
    cell.Run();
    EXPECT_EQ(checks, 999u * 5);
    EXPECT_EQ(differences, 0u);
    const double seconds = BusyCell::END.GetSeconds();
    for (size_t d = 0; d < cell.m_ours.size(); ++d)
    {
        const double ours = cell.m_ours[d]->GetTotalEnergyConsumption();
        EXPECT_EQ(ours, cell.m_theirs[d]->GetTotalEnergyConsumption()) << d;
        // The traffic shows: well above an idle radio (0.1 A x 3 V x 1 s), below one that
        // transmits all the time (0.4 A).
        EXPECT_GT(ours, 0.1 * 3.0 * seconds * 1.2) << d;
        EXPECT_LT(ours, 0.4 * 3.0 * seconds) << d;
    }
}

/** On a DnnEnergySource (the returns to idle deferred), the totals are ns-3's, bit for
 *  bit, at every instant. */
TEST(WifiRadioEnergyModelTest, DeferredTotalsEqualWifiRadioEnergyModels)
{
    ExpectSameTotalsAsWifiRadioEnergyModel(Radios::BOTH_DEFERRED);
}

/** On another source (BasicEnergySource: the returns to idle are events), too. */
TEST(WifiRadioEnergyModelTest, EagerTotalsEqualWifiRadioEnergyModels)
{
    ExpectSameTotalsAsWifiRadioEnergyModel(Radios::BOTH_EAGER);
}

/** With a DnnEnergySource the model schedules no event: the cell runs exactly the events it
 *  runs without any energy model. (ns-3's WifiRadioEnergyModel adds one per transmission
 *  and CCA-busy period.) */
TEST(WifiRadioEnergyModelTest, DeferredModelSchedulesNoEvent)
{
    uint64_t without = 0;
    {
        BusyCell cell(Radios::NONE);
        cell.Run();
        without = Simulator::GetEventCount();
    }
    uint64_t withOurs = 0;
    {
        BusyCell cell(Radios::OURS);
        cell.Run();
        withOurs = Simulator::GetEventCount();
    }
    uint64_t withTheirs = 0;
    {
        BusyCell cell(Radios::BOTH_DEFERRED);
        cell.Run();
        withTheirs = Simulator::GetEventCount();
    }
    EXPECT_GT(without, 10000u);
    EXPECT_EQ(withOurs, without);
    EXPECT_GT(withTheirs, without + 1000); // ns-3's model's return-to-idle events
}

/** The source's integral stays exact although the returns to idle are not events: what it
 *  lost is what its radio used (to 1e-9 J), at every millisecond. A source that charged a
 *  deferred interval at the wrong current would be off by (0.4 - 0.1) A x 3 V x the
 *  interval, some 1e-4 J for a transmission. */
TEST(WifiRadioEnergyModelTest, SourceLosesWhatTheDeferredRadioUses)
{
    BusyCell cell(Radios::OURS);
    uint32_t checks = 0;
    for (Time t = MilliSeconds(1); t <= BusyCell::END; t += MilliSeconds(1))
    {
        Simulator::Schedule(t,
                            [&cell, &checks]()
                            {
                                for (size_t d = 0; d < cell.m_ours.size(); ++d)
                                {
                                    const double used = cell.m_ours[d]->GetTotalEnergyConsumption();
                                    const double lost =
                                        SOURCE_J - cell.m_ourSources[d]->GetRemainingEnergy();
                                    // rounding: some 10^4 updates of a 100 J double (a unit in the
                                    // last place is 1.4e-14 J)
                                    EXPECT_NEAR(lost, used, 1e-9)
                                        << d << " at " << Simulator::Now().As(Time::US);
                                    ++checks;
                                }
                            });
    }
    cell.Run();
    EXPECT_EQ(checks, 1000u * 5);
}

/** Five radios on one source, their returns to idle due at different times: the source
 *  applies them in time order, integrating up to each, so what it lost is what the five
 *  used (to 1e-9 J), at every millisecond. Applied in any other order, an interval would be
 *  charged at another radio's current. */
TEST(WifiRadioEnergyModelTest, SharedSourceLosesWhatItsRadiosUse)
{
    BusyCell cell(Radios::OURS_SHARED);
    Ptr<EnergySource> source = cell.m_ourSources.front();
    uint32_t checks = 0;
    for (Time t = MilliSeconds(1); t <= BusyCell::END; t += MilliSeconds(1))
    {
        Simulator::Schedule(t,
                            [&cell, &checks, source]()
                            {
                                double used = 0;
                                for (const Ptr<DnnWifiRadioEnergyModel>& radio : cell.m_ours)
                                {
                                    used += radio->GetTotalEnergyConsumption();
                                }
                                EXPECT_NEAR(SOURCE_J - source->GetRemainingEnergy(), used, 1e-9)
                                    << Simulator::Now().As(Time::US);
                                ++checks;
                            });
    }
    cell.Run();
    EXPECT_EQ(checks, 1000u);
    // each radio used more than an idle one would (0.1 A x 3 V x 1 s)
    for (const Ptr<DnnWifiRadioEnergyModel>& radio : cell.m_ours)
    {
        EXPECT_GT(radio->GetTotalEnergyConsumption(), 0.3);
    }
}

/** One PHY notification of a script, to both listeners. */
struct Step
{
    int64_t atUs;       //!< when, us
    const char* what;   //!< rx, rx-ok, rx-error, tx, cca, switching, sleep, wakeup, off, on
    int64_t durationUs; //!< for rx, tx, cca and switching
};

/** Drive ns-3's listener (\p theirs) and ours (\p ours) with the same notification. */
template<typename Theirs>
void
Notify(Theirs& theirs, DnnWifiRadioEnergyListener& ours, const Step& step)
{
    const std::string what = step.what;
    const Time d = MicroSeconds(step.durationUs);
    if (what == "rx")
    {
        theirs.NotifyRxStart(d);
        ours.NotifyRxStart(d);
    }
    else if (what == "rx-ok")
    {
        theirs.NotifyRxEndOk();
        ours.NotifyRxEndOk();
    }
    else if (what == "rx-error")
    {
#if DNN_NS3_VERSION_MINOR >= 45
        theirs.NotifyRxEndError(WifiTxVector());
        ours.NotifyRxEndError(WifiTxVector());
#else
        theirs.NotifyRxEndError();
        ours.NotifyRxEndError();
#endif
    }
    else if (what == "tx")
    {
        theirs.NotifyTxStart(d, 16.0);
        ours.NotifyTxStart(d, 16.0);
    }
    else if (what == "cca")
    {
        theirs.NotifyCcaBusyStart(d, WIFI_CHANLIST_PRIMARY, {});
        ours.NotifyCcaBusyStart(d, WIFI_CHANLIST_PRIMARY, {});
    }
    else if (what == "switching")
    {
        theirs.NotifySwitchingStart(d);
        ours.NotifySwitchingStart(d);
    }
    else if (what == "sleep")
    {
        theirs.NotifySleep();
        ours.NotifySleep();
    }
    else if (what == "wakeup")
    {
        theirs.NotifyWakeup();
        ours.NotifyWakeup();
    }
    else if (what == "off")
    {
        theirs.NotifyOff();
        ours.NotifyOff();
    }
    else
    {
        ASSERT_EQ(what, "on");
        theirs.NotifyOn();
        ours.NotifyOn();
    }
}

/**
 * Every notification, in a script whose steps fall at the very instants the returns to
 * idle are due (a reception, a transmission, a CCA-busy period, sleep and an end of
 * reception each starting as the previous period ends; a zero-length CCA-busy period), run
 * twice: with the script's events scheduled before ns-3's returns to idle (so they run
 * first at equal times) and each scheduled by the step before (so ns-3's run first). Both
 * times the totals equal WifiRadioEnergyModel's bit for bit 1 ns after every step, and so
 * does the state. The script ends switched off and on again: both stay off (ns-3's rule).
 */
void
ExpectScriptMatchesWifiRadioEnergyModel(bool scriptFirst)
{
    const std::vector<Step> script{
        {10, "tx", 100},        {110, "rx", 50},   {160, "rx-ok", 0},  {200, "cca", 40},
        {240, "tx", 30},        {270, "cca", 0},   {270, "rx", 20},    {290, "rx-error", 0},
        {300, "switching", 25}, {325, "sleep", 0}, {400, "wakeup", 0}, {420, "cca", 60},
        {450, "rx", 30},        {480, "rx-ok", 0}, {480, "tx", 10},    {500, "cca", 0},
        {500, "rx-ok", 0},      {600, "off", 0},   {700, "on", 0},     {720, "tx", 10}};
    Ptr<Node> node = CreateObject<Node>();
    Ptr<BasicEnergySource> basic = CreateObject<BasicEnergySource>();
    basic->SetAttribute("BasicEnergySourceInitialEnergyJ", DoubleValue(SOURCE_J));
    basic->SetNode(node);
    Ptr<WifiRadioEnergyModel> theirs = CreateObject<WifiRadioEnergyModel>();
    Ptr<DnnEnergySource> source = CreateObject<DnnEnergySource>();
    source->SetAttribute("InitialEnergyJ", DoubleValue(SOURCE_J));
    source->SetNode(node);
    Ptr<DnnWifiRadioEnergyModel> ours = CreateObject<DnnWifiRadioEnergyModel>();
    SetCurrents(theirs);
    SetCurrents(ours);
    basic->AppendDeviceEnergyModel(theirs);
    theirs->SetEnergySource(basic);
    source->AppendDeviceEnergyModel(ours);
    ours->SetEnergySource(source);
    auto& theirListener = *theirs->GetPhyListener();
    auto& ourListener = *ours->GetPhyListener();

    uint32_t checks = 0;
    std::function<void(std::size_t)> run = [&](std::size_t i)
    {
        Notify(theirListener, ourListener, script[i]);
        if (!scriptFirst && i + 1 < script.size())
        {
            Simulator::Schedule(MicroSeconds(script[i + 1].atUs) - Simulator::Now(),
                                [&run, i]() { run(i + 1); });
        }
    };
    if (scriptFirst)
    {
        for (std::size_t i = 0; i < script.size(); ++i)
        {
            Simulator::Schedule(MicroSeconds(script[i].atUs), [&run, i]() { run(i); });
        }
    }
    else
    {
        Simulator::Schedule(MicroSeconds(script.front().atUs), [&run]() { run(0); });
    }
    for (const Step& step : script)
    {
        Simulator::Schedule(
            MicroSeconds(step.atUs) + NanoSeconds(1),
            [&]()
            {
                ++checks;
                EXPECT_EQ(ours->GetTotalEnergyConsumption(), theirs->GetTotalEnergyConsumption())
                    << Simulator::Now().As(Time::NS);
                EXPECT_EQ(ours->GetCurrentState(), theirs->GetCurrentState())
                    << Simulator::Now().As(Time::NS);
            });
    }
    Simulator::Stop(MicroSeconds(1000));
    Simulator::Run();
    EXPECT_EQ(checks, script.size());
    EXPECT_EQ(ours->GetCurrentState(), WifiPhyState::OFF);
    EXPECT_EQ(ours->GetTotalEnergyConsumption(), theirs->GetTotalEnergyConsumption());
    // all but off draws: 600 us at 0.01 to 0.4 A x 3 V
    EXPECT_GT(ours->GetTotalEnergyConsumption(), 600e-6 * 0.01 * 3);
    EXPECT_LT(ours->GetTotalEnergyConsumption(), 600e-6 * 0.4 * 3);
    basic->Dispose();
    source->Dispose();
    Simulator::Destroy();
}

TEST(WifiRadioEnergyModelTest, ScriptAtTheDueInstantsScriptFirst)
{
    ExpectScriptMatchesWifiRadioEnergyModel(true);
}

TEST(WifiRadioEnergyModelTest, ScriptAtTheDueInstantsReturnsFirst)
{
    ExpectScriptMatchesWifiRadioEnergyModel(false);
}

/** A sink of the source's RemainingEnergy trace that reads the source (which applies the due
 *  changes) while the source is applying them: the totals stay WifiRadioEnergyModel's. */
TEST(WifiRadioEnergyModelTest, SourceReadFromItsOwnTraceLeavesTheTotals)
{
    BusyCell cell(Radios::BOTH_DEFERRED);
    uint64_t reads = 0;
    for (const Ptr<EnergySource>& source : cell.m_ourSources)
    {
        // a raw pointer: a Ptr in the source's own trace would keep the source alive
        EnergySource* reader = PeekPointer(source);
        source->TraceConnectWithoutContext("RemainingEnergy", Callback<void, double, double>(
                                                                  [reader, &reads](double, double)
                                                                  {
                                                                      ++reads;
                                                                      reader->GetRemainingEnergy();
                                                                  }));
    }
    cell.Run();
    EXPECT_GT(reads, 1000u);
    for (size_t d = 0; d < cell.m_ours.size(); ++d)
    {
        EXPECT_EQ(cell.m_ours[d]->GetTotalEnergyConsumption(),
                  cell.m_theirs[d]->GetTotalEnergyConsumption())
            << d;
    }
}

/** A source that runs dry switches the PHY off through the depletion callback
 *  (WifiPhy::SetOffMode), noticed at the source's first update at or below its
 *  LowBatteryThreshold; from then on the radio uses nothing. */
TEST(WifiRadioEnergyModelTest, DrainedSourceSwitchesThePhyOff)
{
    BusyCell cell(Radios::NONE);
    // the access point's radio on a small source: 0.1 A x 3 V idle = 0.3 W, so 0.12 J is
    // drained to 10 % (0.012 J) within 0.36 s, less once traffic starts at 0.3 s
    Ptr<DnnEnergySource> source = CreateObject<DnnEnergySource>();
    source->SetAttribute("InitialEnergyJ", DoubleValue(0.12));
    source->SetNode(cell.m_nodes.Get(0));
    cell.m_sources.push_back(source);
    DnnWifiRadioEnergyModelHelper helper;
    SetCurrents(helper);
    Ptr<DnnWifiRadioEnergyModel> radio =
        DynamicCast<DnnWifiRadioEnergyModel>(helper.Install(cell.m_devices.Get(0), source).Get(0));
    Ptr<WifiPhy> phy = DynamicCast<WifiNetDevice>(cell.m_devices.Get(0))->GetPhy();
    double atOff = -1;
    Simulator::Schedule(Seconds(0.5),
                        [&]()
                        {
                            EXPECT_TRUE(phy->IsStateOff());
                            EXPECT_EQ(radio->GetCurrentState(), WifiPhyState::OFF);
                            atOff = radio->GetTotalEnergyConsumption();
                        });
    cell.Run();
    EXPECT_GE(atOff, 0.12 * 0.9);
    EXPECT_LT(atOff, 0.12);
    EXPECT_EQ(radio->GetTotalEnergyConsumption(), atOff); // off draws nothing
    EXPECT_LE(source->GetRemainingEnergy(), 0.12 * 0.1 + 1e-15);
}

} // namespace
} // namespace ns3
