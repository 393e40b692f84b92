/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_RESULTS_WRITER_H
#define DNN_RESULTS_WRITER_H

#include "dnn-fault-injector.h"
#include "dnn-run-recorder.h"
#include "ns3/dnn-runtime-plan.h"
#include "ns3/dnn-task-graph.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/** \ingroup dnn-offload \brief Energy one node used during a run. */
struct DnnNodeEnergy
{
    double compute{0}; //!< J drawn by its compute model
    double radio{0};   //!< J drawn by its Wi-Fi radios
};

/** \ingroup dnn-offload \brief Facts about a run that the recorder does not see. */
struct DnnRunFacts
{
    std::string scheduler;                       //!< scheduler name
    double schedulerRuntime{0};                  //!< s of wall-clock time to plan
    uint64_t events{0};                          //!< simulator events executed
    double wallClock{0};                         //!< s of wall-clock time to simulate
    double stopTime{0};                          //!< simulated s the run was given
    std::vector<DnnNodeEnergy> energy;           //!< per node
    std::vector<std::string> unfinished;         //!< per request: why it did not finish ("")
    std::vector<double> deadlines;               //!< per request: latency bound, s (0: none)
    std::map<std::string, std::string> settings; //!< TCP, Wi-Fi, planning settings
    /** MPDUs the Wi-Fi MACs dropped, by reason: failed_enqueue, expired_lifetime,
     *  retry_limit, old_packet (all devices, all networks). */
    std::map<std::string, uint64_t> wifiMacDrops;
    std::string flowmonFile; //!< FlowMonitor XML written, or ""
    std::string netanimFile; //!< NetAnim XML written, or ""
    bool simulated{true};    //!< false: a plan only (no transfers, energy or simulated times)
    std::vector<std::string> faults;                      //!< the injected faults, in words
    DnnFailurePolicy onFailure{DnnFailurePolicy::Report}; //!< what the run did about them
};

/**
 * \ingroup dnn-offload
 * \brief Writes a run's results into one folder: summary.json, tasks.csv, transfers.csv,
 *        requests.csv and energy.csv (columns in the module doc), all or nothing.
 */
class DnnResultsWriter
{
  public:
    /**
     * \brief Write the files. Throws std::runtime_error when the folder cannot be written.
     * \param directory output folder (created)
     * \param graph the workload (model, layer, piece of each task)
     * \param plan the plan that ran
     * \param recorder what happened
     * \param facts the rest
     */
    static void Write(const std::string& directory, const DnnTaskGraph& graph,
                      const DnnRuntimePlan& plan, const DnnRunRecorder& recorder,
                      const DnnRunFacts& facts);

    /**
     * \brief Write the files of a plan that was not simulated: tasks.csv (simulated
     *        columns empty), requests.csv (status "planned") and summary.json.
     * \param directory output folder (created)
     * \param graph the workload
     * \param plan the plan
     * \param facts scheduler, runtime, deadlines, settings (simulated is ignored)
     */
    static void WritePlan(const std::string& directory, const DnnTaskGraph& graph,
                          const DnnRuntimePlan& plan, DnnRunFacts facts);
    /** \brief Nearest-rank percentile. \param values values (any order) \param p in [0, 100]
     *  \return the value, 0 when there are none */
    static double Percentile(std::vector<double> values, double p);
};

} // namespace ns3

#endif /* DNN_RESULTS_WRITER_H */
