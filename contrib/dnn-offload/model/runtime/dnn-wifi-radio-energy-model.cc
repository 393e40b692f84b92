/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-wifi-radio-energy-model.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/wifi-tx-current-model.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnWifiRadioEnergyModel");

NS_OBJECT_ENSURE_REGISTERED(DnnWifiRadioEnergyModel);

DnnWifiRadioEnergyListener::DnnWifiRadioEnergyListener(DnnWifiRadioEnergyModel* model)
    : m_model(model)
{
    NS_ASSERT(model);
}

void
DnnWifiRadioEnergyListener::Detach()
{
    m_model = nullptr;
}

void
DnnWifiRadioEnergyListener::NotifyRxStart(Time duration)
{
    NS_LOG_FUNCTION(this << duration);
    if (!m_model)
    {
        return;
    }
    m_model->ChangeState(static_cast<int>(WifiPhyState::RX));
    m_model->CancelReturnToIdle();
}

void
DnnWifiRadioEnergyListener::NotifyRxEndOk()
{
    NS_LOG_FUNCTION(this);
    if (!m_model)
    {
        return;
    }
    m_model->ChangeState(static_cast<int>(WifiPhyState::IDLE));
}

#if DNN_NS3_VERSION_MINOR >= 45
void
DnnWifiRadioEnergyListener::NotifyRxEndError(const WifiTxVector& /* txVector */)
#else
void
DnnWifiRadioEnergyListener::NotifyRxEndError()
#endif
{
    NS_LOG_FUNCTION(this);
    if (!m_model)
    {
        return;
    }
    m_model->ChangeState(static_cast<int>(WifiPhyState::IDLE));
}

void
DnnWifiRadioEnergyListener::NotifyTxStart(Time duration, double txPowerDbm)
{
    NS_LOG_FUNCTION(this << duration << txPowerDbm);
    if (!m_model)
    {
        return;
    }
    m_model->SetTxCurrentFromModel(txPowerDbm);
    m_model->ChangeStateFor(WifiPhyState::TX, duration);
}

void
DnnWifiRadioEnergyListener::NotifyCcaBusyStart(Time duration, WifiChannelListType channelType,
                                               const std::vector<Time>& /* per20MhzDurations */)
{
    NS_LOG_FUNCTION(this << duration << channelType);
    if (!m_model)
    {
        return;
    }
    m_model->ChangeStateFor(WifiPhyState::CCA_BUSY, duration);
}

void
DnnWifiRadioEnergyListener::NotifySwitchingStart(Time duration)
{
    NS_LOG_FUNCTION(this << duration);
    if (!m_model)
    {
        return;
    }
    m_model->ChangeStateFor(WifiPhyState::SWITCHING, duration);
}

void
DnnWifiRadioEnergyListener::NotifySleep()
{
    NS_LOG_FUNCTION(this);
    if (!m_model)
    {
        return;
    }
    m_model->ChangeState(static_cast<int>(WifiPhyState::SLEEP));
    m_model->CancelReturnToIdle();
}

void
DnnWifiRadioEnergyListener::NotifyOff()
{
    NS_LOG_FUNCTION(this);
    if (!m_model)
    {
        return;
    }
    m_model->ChangeState(static_cast<int>(WifiPhyState::OFF));
    m_model->CancelReturnToIdle();
}

void
DnnWifiRadioEnergyListener::NotifyWakeup()
{
    NS_LOG_FUNCTION(this);
    if (!m_model)
    {
        return;
    }
    m_model->ChangeState(static_cast<int>(WifiPhyState::IDLE));
}

void
DnnWifiRadioEnergyListener::NotifyOn()
{
    NS_LOG_FUNCTION(this);
    if (!m_model)
    {
        return;
    }
    m_model->ChangeState(static_cast<int>(WifiPhyState::IDLE));
}

TypeId
DnnWifiRadioEnergyModel::GetTypeId()
{
    // The currents' names and defaults are WifiRadioEnergyModel's.
    static TypeId tid =
        TypeId("ns3::DnnWifiRadioEnergyModel")
            .SetParent<DeviceEnergyModel>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnWifiRadioEnergyModel>()
            .AddAttribute("IdleCurrentA", "Current drawn when idle, A.", DoubleValue(0.273),
                          MakeDoubleAccessor(&DnnWifiRadioEnergyModel::m_idleCurrentA),
                          MakeDoubleChecker<double>())
            .AddAttribute("CcaBusyCurrentA", "Current drawn when the medium is busy (CCA), A.",
                          DoubleValue(0.273),
                          MakeDoubleAccessor(&DnnWifiRadioEnergyModel::m_ccaBusyCurrentA),
                          MakeDoubleChecker<double>())
            .AddAttribute("TxCurrentA", "Current drawn when transmitting, A.", DoubleValue(0.380),
                          MakeDoubleAccessor(&DnnWifiRadioEnergyModel::m_txCurrentA),
                          MakeDoubleChecker<double>())
            .AddAttribute("RxCurrentA", "Current drawn when receiving, A.", DoubleValue(0.313),
                          MakeDoubleAccessor(&DnnWifiRadioEnergyModel::m_rxCurrentA),
                          MakeDoubleChecker<double>())
            .AddAttribute("SwitchingCurrentA", "Current drawn when switching channel, A.",
                          DoubleValue(0.273),
                          MakeDoubleAccessor(&DnnWifiRadioEnergyModel::m_switchingCurrentA),
                          MakeDoubleChecker<double>())
            .AddAttribute("SleepCurrentA", "Current drawn when asleep, A.", DoubleValue(0.033),
                          MakeDoubleAccessor(&DnnWifiRadioEnergyModel::m_sleepCurrentA),
                          MakeDoubleChecker<double>())
            .AddAttribute("TxCurrentModel",
                          "A model of the transmit current from the transmit power (none: "
                          "TxCurrentA).",
                          PointerValue(),
                          MakePointerAccessor(&DnnWifiRadioEnergyModel::m_txCurrentModel),
                          MakePointerChecker<WifiTxCurrentModel>())
            .AddTraceSource(
                "TotalEnergyConsumption",
                "Total energy used by the radio, J (updated when a state change is applied).",
                MakeTraceSourceAccessor(&DnnWifiRadioEnergyModel::m_totalEnergyConsumption),
                "ns3::TracedValueCallback::Double");
    return tid;
}

DnnWifiRadioEnergyModel::DnnWifiRadioEnergyModel()
    : m_idleCurrentA(0.273), m_ccaBusyCurrentA(0.273), m_txCurrentA(0.380), m_rxCurrentA(0.313),
      m_switchingCurrentA(0.273), m_sleepCurrentA(0.033), m_state(WifiPhyState::IDLE),
      m_lastUpdateTime(Seconds(0)), m_returnToIdleAt(Time::Max()), m_nestedChanges(0),
      m_totalEnergyConsumption(0.0), m_listener(std::make_shared<DnnWifiRadioEnergyListener>(this))
{
    NS_LOG_FUNCTION(this);
}

DnnWifiRadioEnergyModel::~DnnWifiRadioEnergyModel()
{
    NS_LOG_FUNCTION(this);
}

void
DnnWifiRadioEnergyModel::SetEnergySource(Ptr<EnergySource> source)
{
    NS_LOG_FUNCTION(this << source);
    NS_ASSERT(source);
    if (m_deferringSource && m_deferringSource != source)
    {
        // a return to idle that was due under the old source is charged there
        ApplyReturnToIdleIfDue();
        m_deferringSource->RemoveDeferredStateChanges(this);
    }
    m_source = source;
    m_deferringSource = DynamicCast<DnnEnergySource>(source);
    if (m_deferringSource)
    {
        m_deferringSource->AddDeferredStateChanges(this);
    }
    else if (m_returnToIdleAt != Time::Max())
    {
        // the new source needs the pending return as an event
        const Time at = m_returnToIdleAt;
        m_returnToIdleAt = Time::Max();
        m_returnToIdleEvent =
            Simulator::Schedule(at - Simulator::Now(), &DnnWifiRadioEnergyModel::ChangeState, this,
                                static_cast<int>(WifiPhyState::IDLE));
    }
}

double
DnnWifiRadioEnergyModel::GetTotalEnergyConsumption() const
{
    const Time now = Simulator::Now();
    const double volts = m_source->GetSupplyVoltage();
    double total = m_totalEnergyConsumption;
    Time last = m_lastUpdateTime;
    WifiPhyState state = m_state;
    if (m_returnToIdleAt <= now)
    {
        // the due return to idle, as ApplyDueChange() would charge it
        total += (m_returnToIdleAt - last).GetSeconds() * GetStateCurrentA(state) * volts;
        last = m_returnToIdleAt;
        state = state == WifiPhyState::OFF ? state : WifiPhyState::IDLE;
    }
    return total + (now - last).GetSeconds() * GetStateCurrentA(state) * volts;
}

void
DnnWifiRadioEnergyModel::ChangeState(int newState)
{
    const auto state = static_cast<WifiPhyState>(newState);
    NS_LOG_FUNCTION(this << state);
    NS_ASSERT(m_source);
    ++m_nestedChanges;
    if (m_nestedChanges > 1 && state == WifiPhyState::OFF)
    {
        // switched off by a depletion callback while charging the previous change (as
        // WifiRadioEnergyModel: the interval is charged already)
        m_state = state;
        --m_nestedChanges;
        return;
    }
    ApplyReturnToIdleIfDue();
    ChargeUntil(Simulator::Now());
    // The source charges the interval at the old current, and may find itself drained.
    m_source->UpdateEnergySource();
    // WifiRadioEnergyModel's rules: a change made while the source was drained stands, and
    // a radio once off stays off.
    if (m_nestedChanges <= 1 && m_state != WifiPhyState::OFF)
    {
        m_state = state;
        NS_LOG_DEBUG("state " << m_state << ", total " << m_totalEnergyConsumption << " J");
    }
    --m_nestedChanges;
}

void
DnnWifiRadioEnergyModel::ChangeStateFor(WifiPhyState state, Time duration)
{
    NS_LOG_FUNCTION(this << state << duration);
    ChangeState(static_cast<int>(state));
    CancelReturnToIdle();
    if (m_deferringSource)
    {
        m_returnToIdleAt = Simulator::Now() + duration;
    }
    else
    {
        m_returnToIdleEvent = Simulator::Schedule(duration, &DnnWifiRadioEnergyModel::ChangeState,
                                                  this, static_cast<int>(WifiPhyState::IDLE));
    }
}

void
DnnWifiRadioEnergyModel::CancelReturnToIdle()
{
    m_returnToIdleAt = Time::Max();
    m_returnToIdleEvent.Cancel();
}

Time
DnnWifiRadioEnergyModel::DueTime() const
{
    return m_returnToIdleAt;
}

void
DnnWifiRadioEnergyModel::ApplyDueChange()
{
    NS_LOG_FUNCTION(this);
    if (m_returnToIdleAt > Simulator::Now())
    {
        return; // not due (applied already, or cancelled)
    }
    ChargeUntil(m_returnToIdleAt);
    m_returnToIdleAt = Time::Max();
    if (m_state != WifiPhyState::OFF)
    {
        m_state = WifiPhyState::IDLE;
    }
}

void
DnnWifiRadioEnergyModel::ApplyReturnToIdleIfDue()
{
    if (m_returnToIdleAt <= Simulator::Now())
    {
        // through the source, so that it integrates up to the return first
        if (m_deferringSource)
        {
            m_deferringSource->ApplyDueStateChanges();
        }
        ApplyDueChange(); // in case the source did not (nothing to do if it did)
    }
}

void
DnnWifiRadioEnergyModel::ChargeUntil(Time until)
{
    const Time duration = until - m_lastUpdateTime;
    NS_ASSERT(!duration.IsStrictlyNegative());
    // energy = duration x current x voltage, WifiRadioEnergyModel's expression and order
    m_totalEnergyConsumption +=
        duration.GetSeconds() * GetStateCurrentA(m_state) * m_source->GetSupplyVoltage();
    m_lastUpdateTime = until;
}

void
DnnWifiRadioEnergyModel::HandleEnergyDepletion()
{
    NS_LOG_FUNCTION(this);
    // The source finds itself drained while a PHY notification is being handled (those are
    // its updates): switching the PHY off from inside its own state change would leave it
    // half-switched (a reception started on a PHY that is off), so the callback runs as an
    // event of its own, at the same instant.
    if (!m_depletionCallback.IsNull())
    {
        Simulator::ScheduleNow([callback = m_depletionCallback]() { callback(); });
    }
}

void
DnnWifiRadioEnergyModel::HandleEnergyRecharged()
{
    NS_LOG_FUNCTION(this);
    if (!m_rechargedCallback.IsNull())
    {
        Simulator::ScheduleNow([callback = m_rechargedCallback]() { callback(); });
    }
}

void
DnnWifiRadioEnergyModel::HandleEnergyChanged()
{
    NS_LOG_FUNCTION(this);
}

WifiPhyState
DnnWifiRadioEnergyModel::GetCurrentState() const
{
    if (m_returnToIdleAt <= Simulator::Now() && m_state != WifiPhyState::OFF)
    {
        return WifiPhyState::IDLE;
    }
    return m_state;
}

std::shared_ptr<DnnWifiRadioEnergyListener>
DnnWifiRadioEnergyModel::GetPhyListener() const
{
    return m_listener;
}

void
DnnWifiRadioEnergyModel::SetEnergyDepletionCallback(EnergyCallback callback)
{
    m_depletionCallback = callback;
}

void
DnnWifiRadioEnergyModel::SetEnergyRechargedCallback(EnergyCallback callback)
{
    m_rechargedCallback = callback;
}

void
DnnWifiRadioEnergyModel::SetTxCurrentFromModel(double txPowerDbm)
{
    if (m_txCurrentModel)
    {
        // the interval up to a due return to idle is charged at the old current
        ApplyReturnToIdleIfDue();
        m_txCurrentA = m_txCurrentModel->CalcTxCurrent(txPowerDbm);
    }
}

double
DnnWifiRadioEnergyModel::DoGetCurrentA() const
{
    return GetStateCurrentA(m_state);
}

double
DnnWifiRadioEnergyModel::GetStateCurrentA(WifiPhyState state) const
{
    switch (state)
    {
    case WifiPhyState::IDLE:
        return m_idleCurrentA;
    case WifiPhyState::CCA_BUSY:
        return m_ccaBusyCurrentA;
    case WifiPhyState::TX:
        return m_txCurrentA;
    case WifiPhyState::RX:
        return m_rxCurrentA;
    case WifiPhyState::SWITCHING:
        return m_switchingCurrentA;
    case WifiPhyState::SLEEP:
        return m_sleepCurrentA;
    case WifiPhyState::OFF:
        return 0.0;
    }
    NS_FATAL_ERROR("DnnWifiRadioEnergyModel: unknown radio state " << static_cast<int>(state));
}

void
DnnWifiRadioEnergyModel::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_returnToIdleEvent.Cancel();
    m_returnToIdleAt = Time::Max();
    if (m_deferringSource)
    {
        m_deferringSource->RemoveDeferredStateChanges(this);
    }
    m_listener->Detach(); // the PHY may still hold it (ns-3.37 keeps a raw pointer)
    m_source = nullptr;
    m_deferringSource = nullptr;
    m_txCurrentModel = nullptr;
    m_depletionCallback.Nullify();
    m_rechargedCallback.Nullify();
    DeviceEnergyModel::DoDispose();
}

} // namespace ns3
