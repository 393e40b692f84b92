/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_SCHEDULER_H
#define DNN_SCHEDULER_H

#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduling-problem.h"

#include "ns3/object.h"

#include <string>

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
     * \brief Create a scheduler by its short name (heft, cpop, peft, ...) or TypeId name.
     * \param name the name
     * \return the scheduler; throws std::invalid_argument (with the known names and a
     *         did-you-mean) when the name is unknown
     */
    static Ptr<DnnScheduler> Create(const std::string& name);
    /** \brief Short names Create() knows. \return the names */
    static std::vector<std::string> ShortNames();
};

} // namespace ns3

#endif /* DNN_SCHEDULER_H */
