/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_INSTANCE_READER_H
#define DNN_INSTANCE_READER_H

#include "ns3/dnn-scheduling-problem.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Reads task-graph scheduling instance files into DnnSchedulingProblem.
 *
 * Two formats are accepted; which one a file uses is told by its keys.
 *
 * <b>Cost-matrix form</b> (the papers' canonical graphs, test/reference/canonical-graphs.json):
 * \code{.json}
 * {
 *   "name": "topcuoglu-2002",              // optional
 *   "source": "where it comes from",       // optional
 *   "processors": ["P0", "P1", "P2"],      // unique names
 *   "tasks": [
 *     {"name": "T0", "cost": [14, 16, 9]}, // one time >= 0 per processor; null: cannot run
 *     {"name": "T1", "cost": [13, null, 18], "release": 5, "pinned": "P2"}
 *   ],
 *   "edges": [{"from": "T0", "to": "T1", "data": 18}], // data >= 0
 *   "bandwidth": 1,       // > 0, or an m x m matrix (row: sender) whose diagonal is ignored
 *   "latency": 0,         // optional, >= 0, or an m x m matrix; default 0
 *   "expected": {}        // optional, free-form (published results), not read
 * }
 * \endcode
 * Communication time between different processors = latency + data / bandwidth.
 *
 * <b>SAGA form</b> (the JSON of SAGA's ProblemInstance, pydantic's model_dump_json):
 * \code{.json}
 * {
 *   "name": "instance",                                        // optional
 *   "task_graph": {
 *     "tasks": [{"name": "A", "cost": 2}],                     // cost >= 0
 *     "dependencies": [{"source": "A", "target": "B", "size": 3}] // size >= 0
 *   },
 *   "network": {
 *     "nodes": [{"name": "n0", "speed": 1.5}],                 // speed > 0
 *     "edges": [{"source": "n0", "target": "n1", "speed": 2}]  // speed > 0, or null: infinite
 *   }
 * }
 * \endcode
 * Execution time = task cost / node speed; communication time = size / link speed. SAGA
 * networks are complete: every pair of distinct nodes needs a link. Links are undirected
 * (one listing serves both directions) unless both directions are listed. Self-links
 * (which SAGA writes with speed null, its infinity) are accepted and ignored.
 *
 * A file may also hold several instances, {"instances": [ ... ]}, each in either form;
 * one is picked by name.
 *
 * Strict: unknown keys (with a did-you-mean), missing keys, wrong types, negative costs or
 * data, non-positive bandwidths or speeds, numbers larger than 1e15 in magnitude, speeds
 * and bandwidths below 1e-15 (so that no schedule time overflows), unknown, duplicate or
 * self-referencing names,
 * duplicate edges, tasks that can run nowhere and cycles all throw DnnInputError (cycles:
 * DnnCycleError) naming the file and the JSON path.
 */
class DnnInstanceReader
{
  public:
    /**
     * \brief Read an instance file holding one instance.
     * \param file path of the JSON file
     * \return the problem, finalized
     */
    static DnnSchedulingProblem ReadFile(const std::string& file);
    /**
     * \brief Read one instance of a file.
     * \param file path of the JSON file
     * \param instanceName name of the instance to read ("" when the file holds one)
     * \return the problem, finalized
     */
    static DnnSchedulingProblem ReadFile(const std::string& file, const std::string& instanceName);
    /**
     * \brief Read one instance of a document given as text (what ReadFile does after
     *        reading the file).
     * \param text the JSON text
     * \param file name used in error messages
     * \param instanceName name of the instance to read ("" when the text holds one)
     * \return the problem, finalized
     */
    static DnnSchedulingProblem ReadText(const std::string& text, const std::string& file,
                                         const std::string& instanceName = "");
    /**
     * \brief Read an instance from a parsed document holding one instance.
     * \param doc the JSON document
     * \param file name used in error messages
     * \return the problem, finalized
     */
    static DnnSchedulingProblem Read(const nlohmann::json& doc, const std::string& file);
    /**
     * \brief Read one instance of a parsed document.
     * \param doc the JSON document
     * \param file name used in error messages
     * \param instanceName name of the instance to read ("" when the document holds one)
     * \return the problem, finalized
     */
    static DnnSchedulingProblem Read(const nlohmann::json& doc, const std::string& file,
                                     const std::string& instanceName);

    /**
     * \brief The "name" of an instance object.
     * \param instance one instance (either form)
     * \return its name, or "" when it has none
     */
    static std::string InstanceName(const nlohmann::json& instance);
    /**
     * \brief The names of the instances of a document, in file order.
     * \param doc the JSON document (one instance, or {"instances": [...]})
     * \return one name per instance ("" for an unnamed one)
     */
    static std::vector<std::string> InstanceNames(const nlohmann::json& doc);
};

} // namespace ns3

#endif /* DNN_INSTANCE_READER_H */
