/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-compute-energy-model.h"

#include "ns3/dnn-power.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnComputeEnergyModel");

NS_OBJECT_ENSURE_REGISTERED(DnnComputeEnergyModel);

TypeId
DnnComputeEnergyModel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnComputeEnergyModel")
            .SetParent<DeviceEnergyModel>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnComputeEnergyModel>()
            .AddAttribute("IdlePower", "Power drawn when no core is busy, in W.", DoubleValue(1.0),
                          MakeDoubleAccessor(&DnnComputeEnergyModel::SetIdlePowerW,
                                             &DnnComputeEnergyModel::GetIdlePowerW),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("BusyPower",
                          "Power drawn when every core is busy, in W (with k of c cores busy: "
                          "IdlePower + k (BusyPower - IdlePower) / c).",
                          DoubleValue(5.0),
                          MakeDoubleAccessor(&DnnComputeEnergyModel::SetBusyPowerW,
                                             &DnnComputeEnergyModel::GetBusyPowerW),
                          MakeDoubleChecker<double>(0))
            .AddTraceSource(
                "TotalEnergyConsumption",
                "Total energy consumed by the processor, in J (updated on every "
                "state change).",
                MakeTraceSourceAccessor(&DnnComputeEnergyModel::m_totalEnergyConsumption),
                "ns3::TracedValueCallback::Double");
    return tid;
}

DnnComputeEnergyModel::DnnComputeEnergyModel()
    : m_idlePowerW(1.0), m_busyPowerW(5.0), m_cores(1), m_busyCores(0), m_state(IDLE),
      m_lastUpdateTime(Simulator::Now()), m_totalEnergyConsumption(0.0)
{
    NS_LOG_FUNCTION(this);
}

DnnComputeEnergyModel::~DnnComputeEnergyModel()
{
    NS_LOG_FUNCTION(this);
}

Ptr<DnnComputeEnergyModel>
DnnComputeEnergyModel::Install(Ptr<Node> node, Ptr<EnergySource> source)
{
    return Install(node, source, ObjectFactory(GetTypeId().GetName()));
}

Ptr<DnnComputeEnergyModel>
DnnComputeEnergyModel::Install(Ptr<Node> node, Ptr<EnergySource> source,
                               const ObjectFactory& factory)
{
    NS_ABORT_MSG_IF(!node, "DnnComputeEnergyModel::Install: no node");
    NS_ABORT_MSG_IF(!source, "DnnComputeEnergyModel::Install: no energy source");
    Ptr<DnnComputeModel> compute = node->GetObject<DnnComputeModel>();
    NS_ABORT_MSG_IF(!compute, "DnnComputeEnergyModel::Install: node " << node->GetId()
                                                                      << " has no DnnComputeModel");
    Ptr<DnnComputeEnergyModel> model = factory.Create<DnnComputeEnergyModel>();
    NS_ABORT_MSG_IF(!model, "DnnComputeEnergyModel::Install: the factory makes "
                                << factory.GetTypeId().GetName()
                                << ", not a DnnComputeEnergyModel");
    model->SetEnergySource(source);
    source->AppendDeviceEnergyModel(model);
    model->SetComputeModel(compute);
    return model;
}

void
DnnComputeEnergyModel::SetEnergySource(Ptr<EnergySource> source)
{
    NS_LOG_FUNCTION(this << source);
    NS_ASSERT(source);
    m_source = source;
}

void
DnnComputeEnergyModel::SetComputeModel(Ptr<DnnComputeModel> model)
{
    NS_LOG_FUNCTION(this << model);
    NS_ASSERT(model);
    if (m_computeModel)
    {
        m_computeModel->TraceDisconnectWithoutContext(
            "BusyCores", MakeCallback(&DnnComputeEnergyModel::BusyCoresChanged, this));
        m_computeModel->TraceDisconnectWithoutContext(
            "Failed", MakeCallback(&DnnComputeEnergyModel::ProcessorFailed, this));
    }
    Update();
    m_computeModel = model;
    m_cores = std::max<uint32_t>(model->Cores(), 1);
    m_busyCores = std::min(model->BusyCores(), m_cores);
    m_computeModel->TraceConnectWithoutContext(
        "BusyCores", MakeCallback(&DnnComputeEnergyModel::BusyCoresChanged, this));
    m_computeModel->TraceConnectWithoutContext(
        "Failed", MakeCallback(&DnnComputeEnergyModel::ProcessorFailed, this));
    ChangeState(model->BusyCores() > 0 ? BUSY : IDLE);
}

double
DnnComputeEnergyModel::GetTotalEnergyConsumption() const
{
    const Time elapsed = Simulator::Now() - m_lastUpdateTime;
    return m_totalEnergyConsumption + elapsed.GetSeconds() * PowerOf(m_state);
}

void
DnnComputeEnergyModel::ChangeState(int newState)
{
    NS_LOG_FUNCTION(this << newState);
    NS_ABORT_MSG_IF(newState != IDLE && newState != BUSY && newState != OFF,
                    "DnnComputeEnergyModel: unknown state " << newState);
    // Charge the old state, at the old current, before switching (as WifiRadioEnergyModel).
    Update();
    m_state = static_cast<State>(newState);
    if (m_state == BUSY && m_busyCores == 0)
    {
        m_busyCores = 1; // BUSY set from outside (no processor followed): one core
    }
    NS_LOG_DEBUG("state " << (m_state == BUSY  ? "BUSY"
                              : m_state == OFF ? "OFF"
                                               : "IDLE")
                          << ", total " << m_totalEnergyConsumption << " J");
}

DnnComputeEnergyModel::State
DnnComputeEnergyModel::GetState() const
{
    return m_state;
}

double
DnnComputeEnergyModel::GetPowerW() const
{
    return PowerOf(m_state);
}

double
DnnComputeEnergyModel::GetIdlePowerW() const
{
    return m_idlePowerW;
}

void
DnnComputeEnergyModel::SetIdlePowerW(double power)
{
    NS_LOG_FUNCTION(this << power);
    Update();
    m_idlePowerW = power;
}

double
DnnComputeEnergyModel::GetBusyPowerW() const
{
    return m_busyPowerW;
}

void
DnnComputeEnergyModel::SetBusyPowerW(double power)
{
    NS_LOG_FUNCTION(this << power);
    Update();
    m_busyPowerW = power;
}

void
DnnComputeEnergyModel::HandleEnergyDepletion()
{
    NS_LOG_FUNCTION(this);
    NS_LOG_DEBUG("DnnComputeEnergyModel: energy source depleted");
}

void
DnnComputeEnergyModel::HandleEnergyRecharged()
{
    NS_LOG_FUNCTION(this);
    NS_LOG_DEBUG("DnnComputeEnergyModel: energy source recharged");
}

void
DnnComputeEnergyModel::HandleEnergyChanged()
{
    NS_LOG_FUNCTION(this);
}

void
DnnComputeEnergyModel::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_computeModel)
    {
        m_computeModel->TraceDisconnectWithoutContext(
            "BusyCores", MakeCallback(&DnnComputeEnergyModel::BusyCoresChanged, this));
        m_computeModel = nullptr;
    }
    m_source = nullptr;
    DeviceEnergyModel::DoDispose();
}

double
DnnComputeEnergyModel::DoGetCurrentA() const
{
    if (!m_source)
    {
        return 0.0;
    }
    const double voltage = m_source->GetSupplyVoltage();
    NS_ABORT_MSG_IF(!(voltage > 0), "DnnComputeEnergyModel: source supply voltage is not positive");
    return PowerOf(m_state) / voltage;
}

void
DnnComputeEnergyModel::BusyCoresChanged(uint32_t /* oldValue */, uint32_t newValue)
{
    if (m_state == OFF)
    {
        return;
    }
    // Charge the interval at the old number of busy cores, then switch.
    Update();
    m_busyCores = std::min(newValue, m_cores);
    const State state = newValue > 0 ? BUSY : IDLE;
    if (state != m_state)
    {
        ChangeState(state);
    }
}

double
DnnComputeEnergyModel::PowerOf(State state) const
{
    return state == OFF  ? 0.0
         : state == BUSY ? DnnDevicePower(m_idlePowerW, m_busyPowerW, m_cores, m_busyCores)
                         : m_idlePowerW;
}

void
DnnComputeEnergyModel::ProcessorFailed()
{
    ChangeState(OFF);
}

void
DnnComputeEnergyModel::Update()
{
    const Time now = Simulator::Now();
    const double energy = (now - m_lastUpdateTime).GetSeconds() * PowerOf(m_state);
    m_lastUpdateTime = now;
    if (energy != 0)
    {
        m_totalEnergyConsumption += energy;
    }
    // The source charges the same interval with DoGetCurrentA(), still the old state's.
    if (m_source)
    {
        m_source->UpdateEnergySource();
    }
}

} // namespace ns3
