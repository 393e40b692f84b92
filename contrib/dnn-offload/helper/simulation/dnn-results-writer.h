/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_RESULTS_WRITER_H
#define DNN_RESULTS_WRITER_H

#include "dnn-fault-injector.h"
#include "dnn-run-recorder.h"
#include "ns3/dnn-output-files.h"
#include "ns3/dnn-provenance.h"
#include "ns3/dnn-runtime-plan.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <ostream>
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
    DnnProvenance provenance;                             //!< how the results were made
    /** Wi-Fi stations (device names) not associated at plan time 0. */
    std::vector<std::string> unassociatedAtStart;
    /** The most packet records the NetAnim XML may hold (its SetMaxPktsPerTraceFile). */
    uint64_t netanimMaxPackets{0};
    /** The packet records the NetAnim XML holds. */
    uint64_t netanimPackets{0};
    /** The run had more packet records than netanimMaxPackets: NetAnim stopped the
     *  animation at the first one over (no later packets or node descriptions). */
    bool netanimCut{false};
};

/**
 * \ingroup dnn-offload
 * \brief Writes a run's results into one folder: summary.json, tasks.csv, transfers.csv,
 *        requests.csv and energy.csv (columns in the module doc), all or nothing.
 *
 * Latency statistics count every request of a simulated run: one that did not complete
 * counts with its latency censored at the stop, stop time - release (at least 0), and is
 * flagged (requests.csv's censored column, the statistics' "censored" count).
 *
 * A long run writes each request out as soon as it is finished (WriteRequest(): its tasks,
 * its transfers and its row), so neither the writer nor the recorder keeps it; Finish()
 * writes the requests not written yet — in a run that wrote none early, every row is in id
 * order (tasks, requests) or queueing order (transfers) — then energy.csv and summary.json,
 * and commits. Until then the files are temporaries that a failure removes.
 */
class DnnResultsWriter
{
  public:
    /**
     * \brief Open the files. Throws std::runtime_error when the folder cannot be created
     *        and DnnInputError when a file cannot be written.
     * \param directory output folder (created)
     * \param simulated false for a plan that is not simulated: no transfers.csv or
     *        energy.csv, requests have status "planned"
     * \param stopTime plan time the workers stop, s: an unfinished request's latency
     *        error is bounded with it (Finish() takes DnnRunFacts::stopTime instead)
     */
    DnnResultsWriter(const std::string& directory, bool simulated, double stopTime = 0);

    /**
     * \brief Write out a finished request (its tasks, transfers and row) now.
     * \param plan the plan \param recorder what happened \param request id
     * \param deadline its latency bound, s (0: none)
     */
    void WriteRequest(const DnnRuntimePlan& plan, const DnnRunRecorder& recorder, uint32_t request,
                      double deadline);
    /**
     * \brief Write the requests not written yet, energy.csv and summary.json; commit.
     * \param plan the plan that ran \param recorder what happened \param facts the rest
     */
    void Finish(const DnnRuntimePlan& plan, const DnnRunRecorder& recorder,
                const DnnRunFacts& facts);

    /**
     * \brief Write all the files at once.
     * \param directory output folder (created)
     * \param plan the plan that ran
     * \param recorder what happened
     * \param facts the rest
     */
    static void Write(const std::string& directory, const DnnRuntimePlan& plan,
                      const DnnRunRecorder& recorder, const DnnRunFacts& facts);
    /**
     * \brief Write the files of a plan that was not simulated: tasks.csv (simulated
     *        columns empty), requests.csv (status "planned") and summary.json.
     * \param directory output folder (created)
     * \param plan the plan
     * \param facts scheduler, runtime, deadlines, settings (simulated is ignored)
     */
    static void WritePlan(const std::string& directory, const DnnRuntimePlan& plan,
                          DnnRunFacts facts);
    /**
     * \brief A request's signed relative latency error, (simulated - planned) / planned.
     * \param planned planned latency, s (planned completion - release)
     * \param simulated simulated latency, s; for a request that did not complete, the
     *        stop time - release, which makes the result a lower bound
     * \return the error (0.12: 12 % slower than planned); NaN when planned <= 0
     */
    static double LatencyError(double planned, double simulated);
    /** \brief Nearest-rank percentile. \param values values (any order) \param p in [0, 100]
     *  \return the value, 0 when there are none */
    static double Percentile(std::vector<double> values, double p);

  private:
    /** \brief One task's row. \param plan plan \param recorder recorder \param task id */
    void TaskRow(const DnnRuntimePlan& plan, const DnnRunRecorder& recorder, uint32_t task);
    /** \brief One transfer's row. \param plan plan \param transfer the transfer */
    void TransferRow(const DnnRuntimePlan& plan, const DnnRunRecorder::Transfer& transfer);
    /** \brief One request's row, counted in the statistics. \param plan plan
     *  \param recorder recorder \param request id \param deadline s (0: none)
     *  \param unfinished why it did not finish, if it did not */
    void RequestRow(const DnnRuntimePlan& plan, const DnnRunRecorder& recorder, uint32_t request,
                    double deadline, const std::string& unfinished);

    std::string m_directory;         //!< output folder
    bool m_simulated;                //!< a simulated run
    double m_stopTime;               //!< plan time the workers stop, s
    DnnOutputFiles m_files;          //!< the files, all or nothing
    std::ostream* m_tasks;           //!< tasks.csv
    std::ostream* m_transfers;       //!< transfers.csv (simulated runs)
    std::ostream* m_requests;        //!< requests.csv
    std::vector<uint8_t> m_written;  //!< per request: written out
    std::vector<double> m_latencies; //!< of every request, censored at the stop if unfinished
    std::map<std::string, std::vector<double>> m_byModel; //!< those latencies by model
    std::map<std::string, uint32_t> m_censoredByModel;    //!< of those, censored, by model
    uint32_t m_completed{0};                              //!< requests completed
    uint32_t m_censored{0};                               //!< requests censored at the stop
    uint32_t m_misses{0};                                 //!< deadline misses
    double m_makespan{0};                                 //!< last completion
    nlohmann::json m_unfinished;                          //!< summary entries: neither done nor hit
    nlohmann::json m_failed;                              //!< summary entries: failed requests
    uint32_t m_hit{0};                                    //!< requests a failure hit
    uint32_t m_recovered{0};                              //!< of those, completed
    uint64_t m_bytesQueued{0};                            //!< transfers' bytes
    uint64_t m_bytesArrived{0};                           //!< of those, delivered
};

} // namespace ns3

#endif /* DNN_RESULTS_WRITER_H */
