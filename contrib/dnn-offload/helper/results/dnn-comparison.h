/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_COMPARISON_H
#define DNN_COMPARISON_H

#include <cstdint>
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
    double meanLatency{0};        //!< s, mean simulated latency of completed requests
    double p95Latency{0};         //!< s, nearest-rank 95th percentile of those
    uint32_t deadlineMisses{0};   //!< requests late or unfinished that had a deadline
    uint32_t completed{0};        //!< requests completed in the simulation
    uint32_t requests{0};         //!< requests in the workload
    double plannedEnergy{0};      //!< J, planner's energy: busy power x time + transmit
    double energy{0};             //!< J, simulated: every node's compute and radio energy
    uint64_t networkBytes{0};     //!< payload bytes sent between nodes in the simulation
    double schedulerRuntime{0};   //!< s of wall-clock time to plan
    double simulationWall{0};     //!< s of wall-clock time to simulate
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
    /** \brief comparison.json: a list of objects with the CSV's keys (null when empty).
     *  \param rows the rows \return the text */
    static std::string Json(const std::vector<DnnComparisonRow>& rows);
    /** \brief A fixed-width table for the terminal. \param rows the rows \return the text */
    static std::string Table(const std::vector<DnnComparisonRow>& rows);
    /** \brief The CSV columns, in order. \return the names */
    static const std::vector<std::string>& Columns();
};

} // namespace ns3

#endif /* DNN_COMPARISON_H */
