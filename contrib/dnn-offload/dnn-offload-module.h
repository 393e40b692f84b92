/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \defgroup dnn-offload DNN offloading
 *
 * Plans the inference of DNN models split into pieces on IoT, helper, edge and cloud devices
 * with task-graph schedulers (HEFT, CPOP, PEFT, GA, PSO-GA, memetic PSO-GA, Greedy, the
 * Local / Edge / Cloud / Random baselines, SAGA's catalogue of classic heuristics: MET, MCT,
 * OLB, fastest node, MinMin, MaxMin, Sufferage, Duplex, ETF, BIL, DPS, FCP, FLB, GDL, HBMCT,
 * MSBC, WBA, and an exact brute force for small instances), then executes the plan packet by
 * packet in ns-3 to measure the latency, energy and traffic the plan really gets once the
 * activations cross a simulated network.
 *
 * The sources follow the pipeline, one folder per stage, each using only the stages before
 * it: model/common (input errors, units) -> dnn (layers, models, shape inference) ->
 * partition (task graphs, the partitioner) -> platform (device profiles, networks, the
 * planners' cost model) -> problem (scheduling problems, workload checks) -> schedule
 * (schedules, the validator, the evaluator) -> scheduler (the registry; list, classic,
 * search, exact and baseline schedulers) -> runtime (what runs inside ns-3: the runtime plan,
 * messages, compute and energy models, the worker application) -> planning (rolling-horizon and
 * recovery planners); then helper/io (readers, writers, option checks) -> simulation
 * (topology, installation, faults, recording, the run) -> results (results files,
 * comparison, experiment).
 *
 * Logging: the classes that do work log through a component named after the class or file,
 * e.g. NS_LOG="DnnHeftScheduler=level_info:DnnRollingPlanner=level_info" (the baselines
 * through DnnPlacementScheduler, the schedule validator through DnnSchedule).
 */

/**
 * \file
 * \ingroup dnn-offload
 * Umbrella header of the dnn-offload module: #include "ns3/dnn-offload-module.h".
 */
#ifndef DNN_OFFLOAD_MODULE_H
#define DNN_OFFLOAD_MODULE_H

#include "ns3/dnn-ack-manager.h"
#include "ns3/dnn-append-timeline.h"
#include "ns3/dnn-baseline-schedulers.h"
#include "ns3/dnn-batch-mode-schedulers.h"
#include "ns3/dnn-bil-scheduler.h"
#include "ns3/dnn-brute-force-scheduler.h"
#include "ns3/dnn-command-line.h"
#include "ns3/dnn-comparison.h"
#include "ns3/dnn-compute-energy-model.h"
#include "ns3/dnn-compute-model.h"
#include "ns3/dnn-cpop-scheduler.h"
#include "ns3/dnn-csv.h"
#include "ns3/dnn-data-paths.h"
#include "ns3/dnn-device-profile.h"
#include "ns3/dnn-did-you-mean.h"
#include "ns3/dnn-dps-scheduler.h"
#include "ns3/dnn-energy-source.h"
#include "ns3/dnn-etf-scheduler.h"
#include "ns3/dnn-experiment.h"
#include "ns3/dnn-failure-handler.h"
#include "ns3/dnn-fault-injector.h"
#include "ns3/dnn-fault.h"
#include "ns3/dnn-fcp-scheduler.h"
#include "ns3/dnn-flb-scheduler.h"
#include "ns3/dnn-ga-scheduler.h"
#include "ns3/dnn-gdl-scheduler.h"
#include "ns3/dnn-gene-encoding.h"
#include "ns3/dnn-greedy-scheduler.h"
#include "ns3/dnn-hash.h"
#include "ns3/dnn-hbmct-scheduler.h"
#include "ns3/dnn-heft-scheduler.h"
#include "ns3/dnn-immediate-mode-schedulers.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-instance-reader.h"
#include "ns3/dnn-json-reader.h"
#include "ns3/dnn-layer.h"
#include "ns3/dnn-link-calibration.h"
#include "ns3/dnn-list-placer.h"
#include "ns3/dnn-list-scheduling.h"
#include "ns3/dnn-memetic-psoga-scheduler.h"
#include "ns3/dnn-message-header.h"
#include "ns3/dnn-message-reassembler.h"
#include "ns3/dnn-metaheuristic-scheduler.h"
#include "ns3/dnn-model-reader.h"
#include "ns3/dnn-model-writer.h"
#include "ns3/dnn-model.h"
#include "ns3/dnn-msbc-scheduler.h"
#include "ns3/dnn-ns3-compat.h"
#include "ns3/dnn-offload-helper.h"
#include "ns3/dnn-onnx-reader.h"
#include "ns3/dnn-output-files.h"
#include "ns3/dnn-partitioner.h"
#include "ns3/dnn-peft-scheduler.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-power.h"
#include "ns3/dnn-profile-fit.h"
#include "ns3/dnn-provenance.h"
#include "ns3/dnn-psoga-optimizer.h"
#include "ns3/dnn-psoga-scheduler.h"
#include "ns3/dnn-recovery-planner.h"
#include "ns3/dnn-results-writer.h"
#include "ns3/dnn-rolling-planner.h"
#include "ns3/dnn-run-limits.h"
#include "ns3/dnn-run-recorder.h"
#include "ns3/dnn-runtime-plan.h"
#include "ns3/dnn-scenario-reader.h"
#include "ns3/dnn-schedule-evaluator.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduler.h"
#include "ns3/dnn-scheduling-problem.h"
#include "ns3/dnn-search-context.h"
#include "ns3/dnn-simulation-steps.h"
#include "ns3/dnn-simulation.h"
#include "ns3/dnn-task-graph-writer.h"
#include "ns3/dnn-task-graph.h"
#include "ns3/dnn-topology-helper.h"
#include "ns3/dnn-units.h"
#include "ns3/dnn-wba-scheduler.h"
#include "ns3/dnn-wifi-radio-energy-model-helper.h"
#include "ns3/dnn-wifi-radio-energy-model.h"
#include "ns3/dnn-wifi-rates.h"
#include "ns3/dnn-work.h"
#include "ns3/dnn-worker-application.h"
#include "ns3/dnn-workload-checks.h"
#include "ns3/dnn-workload-problem.h"

#endif /* DNN_OFFLOAD_MODULE_H */
