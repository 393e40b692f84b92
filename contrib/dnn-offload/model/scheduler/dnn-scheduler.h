/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_SCHEDULER_H
#define DNN_SCHEDULER_H

#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduling-problem.h"

#include "ns3/object.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Base class of every scheduler: plans a DnnSchedulingProblem into a DnnSchedule.
 *
 * Schedulers are ns-3 Objects so that users pick them by TypeId name and tune them through
 * Attributes (ObjectFactory, Config, the command line), like any ns-3 model. They never
 * touch the simulation.
 */
class DnnScheduler : public Object
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    ~DnnScheduler() override;

    /** \brief Plan a problem. \param problem a finalized problem \return the schedule */
    virtual DnnSchedule Plan(const DnnSchedulingProblem& problem) = 0;

    /**
     * \brief Create a scheduler by its short name (heft, cpop, peft, ...) or TypeId name
     *        ("ns3::DnnHeftScheduler", or the old "ns3::HeftScheduler": see
     *        CanonicalTypeName()).
     * \param name the name
     * \return the scheduler; throws std::invalid_argument (with the known names and a
     *         did-you-mean) when the name is unknown
     */
    static Ptr<DnnScheduler> Create(const std::string& name);
    /** \brief Short names Create() knows, in alphabetical order. \return the names */
    static std::vector<std::string> ShortNames();
    /**
     * \brief The TypeId name a scheduler's TypeId name stands for: the schedulers' names from
     *        before the Dnn prefix are aliases ("ns3::HeftScheduler" ->
     *        "ns3::DnnHeftScheduler", ..., "ns3::RandomScheduler" -> "ns3::DnnRandomScheduler").
     *
     * ns-3.37 has no TypeId aliases (no TypeId::AddDeprecatedName), so every place a
     * user writes a TypeId name (Create(), the scenario files, the tools' --ns3::Type::Name
     * options) maps it through this one table.
     *
     * \param name a TypeId name
     * \return the current TypeId name for an old scheduler name, else \p name unchanged
     */
    static std::string CanonicalTypeName(const std::string& name);
};

} // namespace ns3

#endif /* DNN_SCHEDULER_H */
