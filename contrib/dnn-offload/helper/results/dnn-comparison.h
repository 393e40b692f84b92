/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_COMPARISON_H
#define DNN_COMPARISON_H

#include "ns3/dnn-provenance.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief One scheduler's planned and simulated outcome on a scenario: a row of
 *        comparison.csv. Simulated fields are meaningless when simulated is false.
 */
struct DnnComparisonRow
{
    std::string scheduler;        //!< label of the scheduler (its output folder)
    bool simulated{false};        //!< whether the plan was simulated
    double plannedMakespan{0};    //!< s, latest planned sink finish
    double simulatedMakespan{-1}; //!< s, latest completion; -1 if a request did not finish
    double plannedMeanLatency{0}; //!< s, mean planned completion - release
    double meanLatency{0};        //!< s, mean simulated latency of every request, an unfinished one
                                  //!< censored at the stop (stop - release)
    double p95Latency{0};         //!< s, nearest-rank 95th percentile of those
    /** Median of the absolute relative latency errors |simulated - planned| / planned of
     *  the planned requests (an unfinished one with its lower bound, see
     *  DnnComparison::LatencyErrors()); a fraction, 0.12 = 12 %. */
    double latencyErrorMedian{0};
    double latencyErrorP95{0};           //!< nearest-rank 95th percentile of those errors
    uint32_t latencyErrors{0};           //!< planned requests those errors cover (0: none)
    double boundedMeanLatency{0};        //!< s, mean simulated latency of the planned requests,
                                         //!< an unfinished one counted as stop - release
    uint32_t deadlineMisses{0};          //!< requests late or unfinished that had a deadline
    uint32_t completed{0};               //!< requests completed in the simulation
    uint32_t censored{0};                //!< requests unfinished, their latency censored
    uint32_t requests{0};                //!< requests in the workload
    double plannedEnergy{0};             //!< J, planner's energy: compute above idle + transmit
    double energy{0};                    //!< J, simulated: every node's compute and radio energy
    double energyWindow{0};              //!< s, simulated time energy covers (from 0)
    double idlePower{0};                 //!< W, idle power of devices and radios, summed
    uint64_t networkBytes{0};            //!< payload bytes delivered between nodes in the
                                         //!< simulation (that reached the destination's worker)
    uint64_t networkBytesUndelivered{0}; //!< payload bytes queued for the network that had
                                         //!< not reached the destination by the end
    double schedulerRuntime{0};          //!< s of wall-clock time to plan
    double simulationWall{0};            //!< s of wall-clock time to simulate
};

/**
 * \ingroup dnn-offload
 * \brief How well the schedulers' planned mean latencies rank them as their simulated
 *        ones do: Kendall's tau-b over the simulated schedulers.
 */
struct DnnRankAgreement
{
    std::optional<double> kendallTauB; //!< in [-1, 1]; none with fewer than 2 schedulers or
                                       //!< when either ranking is all ties
    uint32_t schedulers{0};            //!< schedulers ranked
};

/**
 * \ingroup dnn-offload
 * \brief Renders comparison rows as CSV, JSON and a terminal table.
 */
class DnnComparison
{
  public:
    /** \brief comparison.csv. \param rows the rows \return the text (header first) */
    static std::string Csv(const std::vector<DnnComparisonRow>& rows);
    /** \brief comparison.json: a list of objects with the CSV's keys (null when empty),
     *  each with a "provenance" object when one is given (DnnProvenance::Json()).
     *  \param rows the rows \param provenance how they were made, or null
     *  \return the text */
    static std::string Json(const std::vector<DnnComparisonRow>& rows,
                            const DnnProvenance* provenance = nullptr);
    /** \brief A fixed-width table for the terminal, led by the latency errors (in %, ">="
     *  when a lower bound), then its legend and the rank agreement (RankAgreement()).
     *  \param rows the rows \return the text */
    static std::string Table(const std::vector<DnnComparisonRow>& rows);
    /** \brief The CSV columns, in order. \return the names */
    static const std::vector<std::string>& Columns();

    /**
     * \brief Fill in a row's latency statistics over every request: completed, censored,
     *        meanLatency and p95Latency (nearest-rank, DnnResultsWriter::Percentile). A
     *        request that did not complete (completion < 0) counts with its latency censored
     *        at the stop, max(stopTime - release, 0), so it is never dropped.
     * \param row the row \param release per request, s \param completion per request, s
     *        (-1: did not complete) \param stopTime plan time the workers stopped, s
     */
    static void CensoredLatencies(DnnComparisonRow& row, const std::vector<double>& release,
                                  const std::vector<double>& completion, double stopTime);
    /**
     * \brief Fill in a row's plan-error figures from its requests: latencyErrorMedian,
     *        latencyErrorP95, latencyErrors and boundedMeanLatency. A request never planned
     *        (plannedCompletion < 0) is left out; one that did not complete (completion < 0)
     *        counts as completed at the stop, so its error is a lower bound, and its absolute
     *        error enters the statistics as max(that bound, 0), a lower bound too. Percentiles
     *        are nearest-rank (DnnResultsWriter::Percentile, as p95_latency_s).
     * \param row the row \param release per request, s \param plannedCompletion per
     *        request, s (-1: never planned) \param completion per request, s (-1: did not
     *        complete) \param stopTime plan time the workers stopped, s
     */
    static void LatencyErrors(DnnComparisonRow& row, const std::vector<double>& release,
                              const std::vector<double>& plannedCompletion,
                              const std::vector<double>& completion, double stopTime);
    /**
     * \brief Kendall's tau-b of two paired samples: (C - D) / sqrt((n0 - n1)(n0 - n2)), C and
     *        D the concordant and discordant pairs, n0 = n(n - 1)/2, n1 and n2 the pairs tied
     *        in x and in y (exact equality).
     * \param x first values \param y second values (as many)
     * \return tau-b; none when n < 2 or either sample is all ties
     */
    static std::optional<double> KendallTauB(const std::vector<double>& x,
                                             const std::vector<double>& y);
    /**
     * \brief Rank agreement of the simulated rows (latencyErrors > 0): their planned mean
     *        latency against their boundedMeanLatency.
     * \param rows the rows \return tau-b and how many schedulers it ranks
     */
    static DnnRankAgreement RankAgreement(const std::vector<DnnComparisonRow>& rows);
    /**
     * \brief comparison-summary.json: {"rank_agreement": {"kendall_tau_b": tau or null,
     *        "schedulers": n, "ranked": [{"scheduler", "planned_mean_latency_s",
     *        "simulated_mean_latency_s"}...]}}.
     * \param rows the rows \return the text
     */
    static std::string SummaryJson(const std::vector<DnnComparisonRow>& rows);
};

} // namespace ns3

#endif /* DNN_COMPARISON_H */
