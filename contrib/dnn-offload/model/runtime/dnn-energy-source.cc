/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-energy-source.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnEnergySource");

NS_OBJECT_ENSURE_REGISTERED(DnnEnergySource);

TypeId
DnnEnergySource::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnEnergySource")
            .SetParent<EnergySource>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnEnergySource>()
            .AddAttribute("InitialEnergyJ",
                          "Initial energy stored in the source, J (BasicEnergySource's default).",
                          DoubleValue(10),
                          MakeDoubleAccessor(&DnnEnergySource::SetInitialEnergy,
                                             &DnnEnergySource::GetInitialEnergy),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("SupplyVoltageV",
                          "Supply voltage of the source, V (BasicEnergySource's default).",
                          DoubleValue(3.0),
                          MakeDoubleAccessor(&DnnEnergySource::SetSupplyVoltage,
                                             &DnnEnergySource::GetSupplyVoltage),
                          MakeDoubleChecker<double>())
            .AddAttribute("LowBatteryThreshold",
                          "The source is drained at or below this fraction of its initial "
                          "energy.",
                          DoubleValue(0.10),
                          MakeDoubleAccessor(&DnnEnergySource::m_lowBatteryThreshold),
                          MakeDoubleChecker<double>(0, 1))
            .AddAttribute("HighBatteryThreshold",
                          "A drained source is recharged above this fraction of its initial "
                          "energy.",
                          DoubleValue(0.15),
                          MakeDoubleAccessor(&DnnEnergySource::m_highBatteryThreshold),
                          MakeDoubleChecker<double>(0, 1))
            .AddTraceSource("RemainingEnergy",
                            "Remaining energy of the source, J (at every update).",
                            MakeTraceSourceAccessor(&DnnEnergySource::m_remainingEnergyJ),
                            "ns3::TracedValueCallback::Double");
    return tid;
}

DnnEnergySource::DnnEnergySource()
    : m_initialEnergyJ(10), m_supplyVoltageV(3.0), m_lowBatteryThreshold(0.10),
      m_highBatteryThreshold(0.15), m_depleted(false), m_remainingEnergyJ(10),
      m_lastUpdateTime(Seconds(0))
{
    NS_LOG_FUNCTION(this);
}

DnnEnergySource::~DnnEnergySource()
{
    NS_LOG_FUNCTION(this);
}

void
DnnEnergySource::SetInitialEnergy(double initialEnergyJ)
{
    NS_LOG_FUNCTION(this << initialEnergyJ);
    NS_ABORT_MSG_IF(initialEnergyJ < 0, "DnnEnergySource: negative initial energy");
    m_initialEnergyJ = initialEnergyJ;
    m_remainingEnergyJ = initialEnergyJ;
}

void
DnnEnergySource::SetSupplyVoltage(double supplyVoltageV)
{
    NS_LOG_FUNCTION(this << supplyVoltageV);
    m_supplyVoltageV = supplyVoltageV;
}

double
DnnEnergySource::GetInitialEnergy() const
{
    return m_initialEnergyJ;
}

double
DnnEnergySource::GetSupplyVoltage() const
{
    return m_supplyVoltageV;
}

double
DnnEnergySource::GetRemainingEnergy()
{
    NS_LOG_FUNCTION(this);
    UpdateEnergySource();
    return m_remainingEnergyJ;
}

double
DnnEnergySource::GetEnergyFraction()
{
    NS_LOG_FUNCTION(this);
    UpdateEnergySource();
    return m_remainingEnergyJ / m_initialEnergyJ;
}

void
DnnEnergySource::AddDeferredStateChanges(DnnDeferredStateChanges* model)
{
    NS_LOG_FUNCTION(this << model);
    NS_ASSERT(model);
    if (std::find(m_deferred.begin(), m_deferred.end(), model) == m_deferred.end())
    {
        m_deferred.push_back(model);
    }
}

void
DnnEnergySource::RemoveDeferredStateChanges(DnnDeferredStateChanges* model)
{
    NS_LOG_FUNCTION(this << model);
    m_deferred.erase(std::remove(m_deferred.begin(), m_deferred.end(), model), m_deferred.end());
}

void
DnnEnergySource::IntegrateUntil(Time until)
{
    const Time elapsed = until - m_lastUpdateTime;
    NS_ASSERT(!elapsed.IsStrictlyNegative());
    // the time first: the RemainingEnergy trace's sinks run in the assignment below, and one
    // that reads the source must find it integrated up to now
    m_lastUpdateTime = until;
    if (elapsed.IsStrictlyPositive())
    {
        // energy = current x voltage x time, in double (BasicEnergySource multiplies the
        // Time, which rounds each update's energy to a nanojoule)
        const double drawnJ = CalculateTotalCurrent() * m_supplyVoltageV * elapsed.GetSeconds();
        const double remaining = m_remainingEnergyJ;
        m_remainingEnergyJ = std::max(0.0, remaining - drawnJ);
    }
}

void
DnnEnergySource::ApplyDueStateChanges()
{
    const Time now = Simulator::Now();
    for (;;)
    {
        // the model whose change is due first, by now (ties: the first registered)
        DnnDeferredStateChanges* next = nullptr;
        Time due = Time::Max();
        for (DnnDeferredStateChanges* model : m_deferred)
        {
            const Time t = model->DueTime();
            if (t <= now && t < due)
            {
                next = model;
                due = t;
            }
        }
        if (!next)
        {
            return;
        }
        NS_ASSERT_MSG(due >= m_lastUpdateTime, "a deferred change due before the last update");
        IntegrateUntil(std::max(due, m_lastUpdateTime));
        // The RemainingEnergy trace's sinks ran in IntegrateUntil(): one that read the source
        // has applied the change already.
        if (next->DueTime() == due)
        {
            next->ApplyDueChange();
        }
    }
}

void
DnnEnergySource::UpdateEnergySource()
{
    NS_LOG_FUNCTION(this);
    ApplyDueStateChanges();
    IntegrateUntil(Simulator::Now());
    NS_LOG_DEBUG("remaining energy " << m_remainingEnergyJ << " J");
    if (!m_depleted && m_remainingEnergyJ <= m_lowBatteryThreshold * m_initialEnergyJ)
    {
        m_depleted = true;
        NS_LOG_DEBUG("drained");
        NotifyEnergyDrained();
    }
    else if (m_depleted && m_remainingEnergyJ > m_highBatteryThreshold * m_initialEnergyJ)
    {
        m_depleted = false;
        NS_LOG_DEBUG("recharged");
        NotifyEnergyRecharged();
    }
    // No NotifyEnergyChanged(): each WifiRadioEnergyModel of the node answers it by
    // cancelling its switch-off event and scheduling a new one (at remaining energy / its
    // current), which it does on each of its own state changes anyway.
}

void
DnnEnergySource::DoInitialize()
{
    NS_LOG_FUNCTION(this);
    UpdateEnergySource();
    Object::DoInitialize();
}

void
DnnEnergySource::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_deferred.clear();
    BreakDeviceEnergyModelRefCycle();
    Object::DoDispose();
}

} // namespace ns3
