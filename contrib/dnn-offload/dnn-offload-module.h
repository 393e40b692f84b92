/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * \ingroup dnn-offload
 * Umbrella header of the dnn-offload module: #include "ns3/dnn-offload-module.h".
 */
#ifndef DNN_OFFLOAD_MODULE_H
#define DNN_OFFLOAD_MODULE_H

#include "ns3/dnn-command-line.h"
#include "ns3/dnn-cpop-scheduler.h"
#include "ns3/dnn-heft-scheduler.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-instance-reader.h"
#include "ns3/dnn-json-reader.h"
#include "ns3/dnn-layer.h"
#include "ns3/dnn-list-scheduling.h"
#include "ns3/dnn-model-reader.h"
#include "ns3/dnn-model.h"
#include "ns3/dnn-output-files.h"
#include "ns3/dnn-partitioner.h"
#include "ns3/dnn-peft-scheduler.h"
#include "ns3/dnn-schedule-evaluator.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduler.h"
#include "ns3/dnn-scheduling-problem.h"
#include "ns3/dnn-task-graph-writer.h"
#include "ns3/dnn-task-graph.h"

#endif /* DNN_OFFLOAD_MODULE_H */
