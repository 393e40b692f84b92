/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-scheduler.h"

#include "ns3/dnn-did-you-mean.h"

#include "ns3/object-factory.h"

#include <map>
#include <stdexcept>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DnnScheduler);

namespace
{

/** Short command-line names and the TypeIds they stand for. */
const std::map<std::string, std::string>&
ShortNameTable()
{
    static const std::map<std::string, std::string> table = {
        {"heft", "ns3::HeftScheduler"},     {"cpop", "ns3::CpopScheduler"},
        {"peft", "ns3::PeftScheduler"},     {"ga", "ns3::GaScheduler"},
        {"psoga", "ns3::PsoGaScheduler"},   {"memetic-psoga", "ns3::MemeticPsoGaScheduler"},
        {"greedy", "ns3::GreedyScheduler"}, {"local", "ns3::LocalScheduler"},
        {"edge", "ns3::EdgeScheduler"},     {"cloud", "ns3::CloudScheduler"},
        {"random", "ns3::RandomScheduler"},
    };
    return table;
}

} // namespace

TypeId
DnnScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnScheduler").SetParent<Object>().SetGroupName("DnnOffload");
    return tid;
}

DnnScheduler::~DnnScheduler() = default;

std::vector<std::string>
DnnScheduler::ShortNames()
{
    std::vector<std::string> names;
    for (const auto& entry : ShortNameTable())
    {
        names.push_back(entry.first);
    }
    return names;
}

Ptr<DnnScheduler>
DnnScheduler::Create(const std::string& name)
{
    const auto it = ShortNameTable().find(name);
    const std::string typeName = it != ShortNameTable().end() ? it->second : name;
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(typeName, &tid) ||
        !tid.IsChildOf(DnnScheduler::GetTypeId()) || !tid.HasConstructor())
    {
        std::string message = "unknown scheduler \"" + name + "\" (known: ";
        const auto names = ShortNames();
        for (std::size_t i = 0; i < names.size(); ++i)
        {
            message += (i ? ", " : "") + names[i];
        }
        message += ")";
        const std::string suggestion = DnnDidYouMean(name, names);
        if (!suggestion.empty())
        {
            message += "; did you mean \"" + suggestion + "\"?";
        }
        throw std::invalid_argument(message);
    }
    ObjectFactory factory;
    factory.SetTypeId(tid);
    return factory.Create<DnnScheduler>();
}

} // namespace ns3
