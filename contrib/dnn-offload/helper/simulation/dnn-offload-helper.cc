/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-offload-helper.h"

#include "ns3/dnn-compute-model.h"
#include "ns3/dnn-did-you-mean.h"
#include "ns3/dnn-worker-application.h"

#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <typeinfo>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnOffloadHelper");

namespace
{

/** DnnComputeModel's speed attribute for each DnnWorkKind. */
const std::array<const char*, DNN_WORK_KINDS> KIND_SPEED_ATTRIBUTES = {
    "ConvFlops", "GroupedConvFlops", "LinearFlops", "PoolingFlops", "ElementwiseFlops"};

/** The C++ name of a value's dynamic type, e.g. "ns3::DoubleValue". */
std::string
ValueTypeName(const AttributeValue& value)
{
    const char* mangled = typeid(value).name();
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> demangled(
        abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
    return status == 0 && demangled ? demangled.get() : mangled;
}

/** The attributes of a type and its parents that can be set at construction, for
 *  suggestions. */
std::vector<std::string>
ConstructionAttributes(TypeId tid)
{
    std::vector<std::string> names;
    while (true)
    {
        for (std::size_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            const TypeId::AttributeInformation info = tid.GetAttribute(i);
            if ((info.flags & TypeId::ATTR_CONSTRUCT) && info.accessor->HasSetter())
            {
                names.push_back(info.name);
            }
        }
        if (tid.GetParent() == tid)
        {
            break;
        }
        tid = tid.GetParent();
    }
    return names;
}

/**
 * Whether ns-3 would abort reading \p text as a value of type \p valueType (the checker's
 * GetValueTypeName()): the number values' DeserializeFromString() aborts when the text is
 * not read to its end ("9100 ", "http"), and Time's when the unit is unknown ("5sec").
 * These are the types of every attribute the helper's factories make; for another type the
 * text is left to ns-3.
 */
bool
TextAbortsNs3(const std::string& valueType, const std::string& text)
{
    std::istringstream iss(text);
    if (valueType == "ns3::UintegerValue")
    {
        uint64_t value;
        iss >> value;
        return !iss.eof();
    }
    if (valueType == "ns3::IntegerValue")
    {
        int64_t value;
        iss >> value;
        return !iss.eof();
    }
    if (valueType == "ns3::DoubleValue")
    {
        double value;
        iss >> value;
        return !iss.eof();
    }
    if (valueType == "ns3::TimeValue")
    {
        std::string word;
        iss >> word;
        if (!iss.eof())
        {
            return true;
        }
        const auto unit = word.find_first_not_of("+-0123456789.eE");
        static const std::set<std::string> units{"s",  "ms",  "us", "ns", "ps",
                                                 "fs", "min", "h",  "d",  "y"};
        return unit != std::string::npos && units.count(word.substr(unit)) == 0;
    }
    return false;
}

} // namespace

DnnOffloadHelper::DnnOffloadHelper()
{
    NS_LOG_FUNCTION(this);
    m_workerFactory.SetTypeId(DnnWorkerApplication::GetTypeId());
    m_computeFactory.SetTypeId(DnnComputeModel::GetTypeId());
    m_computeEnergyFactory.SetTypeId(DnnComputeEnergyModel::GetTypeId());
    m_sourceFactory.SetTypeId(DnnEnergySource::GetTypeId());
    // A source that does not run dry (see SOURCE_ENERGY_J).
    m_sourceFactory.Set("InitialEnergyJ", DoubleValue(SOURCE_ENERGY_J));
    m_sourceFactory.Set("SupplyVoltageV", DoubleValue(5.0));
}

Ptr<const AttributeValue>
DnnOffloadHelper::SetChecked(ObjectFactory& factory, const std::string& name,
                             const AttributeValue& value)
{
    NS_LOG_FUNCTION(&factory << name << &value);
    const TypeId tid = factory.GetTypeId();
    const std::string what = "DnnOffloadHelper: " + tid.GetName() + " attribute \"" + name + "\"";
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        const std::vector<std::string> known = ConstructionAttributes(tid);
        std::string message =
            "DnnOffloadHelper: " + tid.GetName() + " has no attribute \"" + name + "\" (it has ";
        for (std::size_t i = 0; i < known.size(); ++i)
        {
            message += (i ? ", " : "") + known[i];
        }
        message += ")";
        const std::string suggestion = DnnDidYouMean(name, known);
        if (!suggestion.empty())
        {
            message += "; did you mean \"" + suggestion + "\"?";
        }
        throw std::invalid_argument(message);
    }
    if (!(info.flags & TypeId::ATTR_CONSTRUCT) || !info.accessor->HasSetter())
    {
        throw std::invalid_argument(what + " cannot be set");
    }
    const auto* str = dynamic_cast<const StringValue*>(&value);
    Ptr<const AttributeValue> checked;
    if (!(str && TextAbortsNs3(info.checker->GetValueTypeName(), str->Get())))
    {
        checked = info.checker->CreateValidValue(value);
    }
    if (!checked)
    {
        // The value's text: safe to serialize with the checker only when it is of the
        // checker's type (some SerializeToString() dereference the checker as theirs).
        std::string text;
        const Ptr<AttributeValue> blank = info.checker->Create();
        const AttributeValue& blankValue = *blank;
        if (str)
        {
            text = "the value \"" + str->Get() + "\"";
        }
        else if (typeid(value) == typeid(blankValue))
        {
            text = "the value " + value.SerializeToString(info.checker);
        }
        else
        {
            text = "a value of type " + ValueTypeName(value);
        }
        throw std::invalid_argument(what + ": " + text + " does not fit (it takes " +
                                    info.checker->GetValueTypeName() + ", " +
                                    info.checker->GetUnderlyingTypeInformation() + ")");
    }
    factory.Set(name, value);
    NS_LOG_LOGIC(tid.GetName() << "::" << name << " = "
                               << checked->SerializeToString(info.checker));
    return checked;
}

void
DnnOffloadHelper::SetWorkerAttribute(const std::string& name, const AttributeValue& value)
{
    const Ptr<const AttributeValue> checked = SetChecked(m_workerFactory, name, value);
    if (name == "Port")
    {
        m_port = static_cast<uint16_t>(DynamicCast<const UintegerValue>(checked)->Get());
    }
}

void
DnnOffloadHelper::SetComputeAttribute(const std::string& name, const AttributeValue& value)
{
    SetChecked(m_computeFactory, name, value);
}

void
DnnOffloadHelper::SetComputeEnergyAttribute(const std::string& name, const AttributeValue& value)
{
    SetChecked(m_computeEnergyFactory, name, value);
}

void
DnnOffloadHelper::SetEnergySourceAttribute(const std::string& name, const AttributeValue& value)
{
    SetChecked(m_sourceFactory, name, value);
}

void
DnnOffloadHelper::SetPort(uint16_t port)
{
    SetWorkerAttribute("Port", UintegerValue(port));
}

std::vector<Ptr<DnnComputeEnergyModel>>
DnnOffloadHelper::InstallCompute(const NodeContainer& nodes, const DnnPlatform& platform) const
{
    NS_LOG_FUNCTION(this << nodes.GetN() << &platform);
    if (nodes.GetN() != platform.DeviceCount())
    {
        throw std::invalid_argument("DnnOffloadHelper: one node per device is needed");
    }
    std::vector<Ptr<DnnComputeEnergyModel>> models;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        const DnnDeviceProfile& profile = platform.Device(i).profile;
        Ptr<DnnComputeModel> compute = m_computeFactory.Create<DnnComputeModel>();
        // The profile wins over the factory.
        compute->SetAttribute("Flops", DoubleValue(profile.flops));
        for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
        {
            compute->SetAttribute(KIND_SPEED_ATTRIBUTES[k], DoubleValue(profile.kindFlops[k]));
        }
        compute->SetAttribute("Cores", UintegerValue(profile.cores));
        nodes.Get(i)->AggregateObject(compute);
        Ptr<DnnEnergySource> source = m_sourceFactory.Create<DnnEnergySource>();
        source->SetNode(nodes.Get(i));
        Ptr<DnnComputeEnergyModel> energy =
            DnnComputeEnergyModel::Install(nodes.Get(i), source, m_computeEnergyFactory);
        energy->SetIdlePowerW(profile.idlePower);
        energy->SetBusyPowerW(profile.busyPower);
        nodes.Get(i)->AggregateObject(source);
        models.push_back(energy);
        NS_LOG_LOGIC("node " << nodes.Get(i)->GetId() << " (" << platform.Device(i).name << "): "
                             << profile.flops << " FLOP/s on " << profile.cores << " cores, idle "
                             << profile.idlePower << " W, busy " << profile.busyPower << " W");
    }
    NS_LOG_INFO("compute and energy models on " << nodes.GetN() << " nodes");
    return models;
}

ApplicationContainer
DnnOffloadHelper::InstallWorkers(std::shared_ptr<const DnnRuntimePlan> plan,
                                 const NodeContainer& nodes,
                                 const std::vector<Ipv4Address>& addresses, Time start,
                                 Time stop) const
{
    NS_LOG_FUNCTION(this << plan.get() << nodes.GetN() << start << stop);
    if (nodes.GetN() != plan->NodeCount() || addresses.size() != plan->NodeCount())
    {
        throw std::invalid_argument("DnnOffloadHelper: one node and one address per device");
    }
    // The workers' port: the one set through the helper, else the attribute's default (as
    // Config::SetDefault left it); every worker comes from the same factory.
    TypeId::AttributeInformation info;
    DnnWorkerApplication::GetTypeId().LookupAttributeByName("Port", &info);
    const uint16_t port = m_port.value_or(
        static_cast<uint16_t>(DynamicCast<const UintegerValue>(info.initialValue)->Get()));
    std::vector<Address> peers;
    for (const auto& address : addresses)
    {
        peers.push_back(InetSocketAddress(address, port));
    }
    ApplicationContainer apps;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<DnnWorkerApplication> worker = m_workerFactory.Create<DnnWorkerApplication>();
        worker->Setup(plan, i, peers);
        worker->SetStartTime(start);
        worker->SetStopTime(stop);
        nodes.Get(i)->AddApplication(worker);
        apps.Add(worker);
    }
    NS_LOG_INFO(nodes.GetN() << " workers on port " << port << ", from " << start.As(Time::S)
                             << " to " << stop.As(Time::S) << ", " << plan->TaskCount()
                             << " tasks planned");
    return apps;
}

} // namespace ns3
