/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/dnn-compute-energy-model.h"
#include "ns3/dnn-compute-model.h"
#include "ns3/dnn-energy-source.h"
#include "ns3/dnn-schedule-evaluator.h"
#include "ns3/dnn-scheduling-problem.h"

#include "ns3/basic-energy-source-helper.h"
#include "ns3/double.h"
#include "ns3/node.h"
#include "ns3/simple-device-energy-model.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace
{

using namespace ns3;

/** Dense-convolution work of \p flops FLOPs (the kind whose speed is Flops by default). */
DnnWork
Work(double flops)
{
    return DnnWork::Of(DnnWorkKind::Conv, static_cast<uint64_t>(flops));
}

/// One trace event: "start" or "finish" of a task at a time.
struct Event
{
    std::string what; //!< "start" or "finish"
    uint32_t task;    //!< task id
    Time at;          //!< simulated time

    bool operator==(const Event& other) const
    {
        return what == other.what && task == other.task && at == other.at;
    }
};

std::ostream&
operator<<(std::ostream& os, const Event& e)
{
    return os << e.what << " " << e.task << " @" << e.at.GetSeconds() << "s";
}

/// Records the traces and done callbacks of one DnnComputeModel.
class Recorder
{
  public:
    explicit Recorder(Ptr<DnnComputeModel> model)
    {
        model->TraceConnectWithoutContext("TaskStarted", MakeCallback(&Recorder::Started, this));
        model->TraceConnectWithoutContext("TaskFinished", MakeCallback(&Recorder::Finished, this));
        model->TraceConnectWithoutContext("BusyCores", MakeCallback(&Recorder::Busy, this));
    }

    DnnComputeModel::DoneCallback Done() { return MakeCallback(&Recorder::DoneCalled, this); }

    std::vector<Event> events;              //!< starts and finishes, in order
    std::map<uint32_t, uint32_t> doneCalls; //!< done callbacks per task
    std::map<uint32_t, Time> doneAt;        //!< when each done callback ran
    std::vector<uint32_t> busyCores;        //!< BusyCores values, in order

  private:
    void Started(uint32_t task) { events.push_back({"start", task, Simulator::Now()}); }

    void Finished(uint32_t task) { events.push_back({"finish", task, Simulator::Now()}); }

    void DoneCalled(uint32_t task)
    {
        ++doneCalls[task];
        doneAt[task] = Simulator::Now();
    }

    void Busy(uint32_t /* oldValue */, uint32_t newValue) { busyCores.push_back(newValue); }
};

Ptr<DnnComputeModel>
MakeComputeNode(uint32_t cores, Ptr<Node>* node = nullptr)
{
    Ptr<Node> n = CreateObject<Node>();
    Ptr<DnnComputeModel> model = CreateObject<DnnComputeModel>();
    model->SetAttribute("Flops", DoubleValue(1e9));
    model->SetAttribute("Cores", UintegerValue(cores));
    n->AggregateObject(model);
    if (node)
    {
        *node = n;
    }
    return model;
}

TEST(ComputeModelTest, OneCoreRunsInPlannedStartOrder)
{
    Ptr<DnnComputeModel> model = MakeComputeNode(1);
    Recorder rec(model);
    // At 1e9 FLOP/s: task 0 takes 1 s (planned 3), task 1 takes 2 s (planned 1), task 2 takes
    // 3 s (planned 2). All arrive at t=0; the queue order is 1, 2, 0, so
    //   task 1: [0, 2], task 2: [2, 5], task 0: [5, 6]; busy 2 + 3 + 1 = 6 core-seconds.
    model->Submit(0, Work(1e9), Seconds(3), rec.Done());
    model->Submit(1, Work(2e9), Seconds(1), rec.Done());
    model->Submit(2, Work(3e9), Seconds(2), rec.Done());
    // Cores are handed out in an event at t=0, so nothing runs yet.
    EXPECT_EQ(model->QueueLength(), 3u);
    EXPECT_EQ(model->BusyCores(), 0u);
    Simulator::Run();

    const std::vector<Event> expected{{"start", 1, Seconds(0)}, {"finish", 1, Seconds(2)},
                                      {"start", 2, Seconds(2)}, {"finish", 2, Seconds(5)},
                                      {"start", 0, Seconds(5)}, {"finish", 0, Seconds(6)}};
    EXPECT_EQ(rec.events, expected);
    EXPECT_EQ(rec.doneCalls, (std::map<uint32_t, uint32_t>{{0, 1}, {1, 1}, {2, 1}}));
    EXPECT_EQ(rec.doneAt[0], Seconds(6));
    EXPECT_EQ(rec.doneAt[1], Seconds(2));
    EXPECT_EQ(rec.doneAt[2], Seconds(5));
    EXPECT_EQ(model->TasksRun(), 3u);
    EXPECT_EQ(model->BusyTime(), Seconds(6));
    EXPECT_EQ(model->QueueLength(), 0u);
    EXPECT_EQ(model->BusyCores(), 0u);
    // One core: 0 -> 1 at each start, 1 -> 0 at each finish (the next start follows at once).
    EXPECT_EQ(rec.busyCores, (std::vector<uint32_t>{1, 0, 1, 0, 1, 0}));
    EXPECT_EQ(Simulator::Now(), Seconds(6));
    Simulator::Destroy();
}

TEST(ComputeModelTest, TwoCoresRunInParallelAndAThirdWaits)
{
    Ptr<DnnComputeModel> model = MakeComputeNode(2);
    Recorder rec(model);
    // Same planned start: ties by id. Task 0 (2 s) and task 1 (3 s) take the two cores at
    // t=0; task 2 (1 s) waits until task 0 frees a core at t=2 and runs [2, 3]. Task 1's
    // completion (scheduled at t=0) fires before task 2's (scheduled at t=2) at t=3.
    // Busy: 2 + 3 + 1 = 6 core-seconds.
    model->Submit(2, Work(1e9), Seconds(0), rec.Done());
    model->Submit(1, Work(3e9), Seconds(0), rec.Done());
    model->Submit(0, Work(2e9), Seconds(0), rec.Done());
    uint32_t busyAt1 = 99;
    std::size_t queueAt1 = 99;
    Time busyTimeAt1;
    Simulator::Schedule(Seconds(1),
                        [&]()
                        {
                            busyAt1 = model->BusyCores();
                            queueAt1 = model->QueueLength();
                            busyTimeAt1 = model->BusyTime();
                        });
    Simulator::Run();

    const std::vector<Event> expected{{"start", 0, Seconds(0)},  {"start", 1, Seconds(0)},
                                      {"finish", 0, Seconds(2)}, {"start", 2, Seconds(2)},
                                      {"finish", 1, Seconds(3)}, {"finish", 2, Seconds(3)}};
    EXPECT_EQ(rec.events, expected);
    EXPECT_EQ(busyAt1, 2u);
    EXPECT_EQ(queueAt1, 1u);
    // Two cores busy for 1 s so far.
    EXPECT_EQ(busyTimeAt1, Seconds(2));
    EXPECT_EQ(rec.busyCores, (std::vector<uint32_t>{1, 2, 1, 2, 1, 0}));
    EXPECT_EQ(rec.doneCalls, (std::map<uint32_t, uint32_t>{{0, 1}, {1, 1}, {2, 1}}));
    EXPECT_EQ(model->TasksRun(), 3u);
    EXPECT_EQ(model->BusyTime(), Seconds(6));
    Simulator::Destroy();
}

TEST(ComputeModelTest, TaskSubmittedWhileBusyStartsWhenACoreFrees)
{
    Ptr<DnnComputeModel> model = MakeComputeNode(1);
    Recorder rec(model);
    // Task 7 (4 s) runs [0, 4]. Task 3 (1.5 s) arrives at t=1 with an earlier planned start,
    // but there is no preemption: it waits and runs [4, 5.5].
    model->Submit(7, Work(4e9), Seconds(5), rec.Done());
    Simulator::Schedule(Seconds(1), &DnnComputeModel::Submit, model, 3, Work(1.5e9), Seconds(0),
                        rec.Done());
    std::size_t queueAt2 = 99;
    Simulator::Schedule(Seconds(2), [&]() { queueAt2 = model->QueueLength(); });
    Simulator::Run();

    const std::vector<Event> expected{{"start", 7, Seconds(0)},
                                      {"finish", 7, Seconds(4)},
                                      {"start", 3, Seconds(4)},
                                      {"finish", 3, Seconds(5.5)}};
    EXPECT_EQ(rec.events, expected);
    EXPECT_EQ(queueAt2, 1u);
    EXPECT_EQ(model->TasksRun(), 2u);
    EXPECT_EQ(model->BusyTime(), Seconds(5.5));
    Simulator::Destroy();
}

TEST(ComputeModelTest, TaskSubmittedByADoneCallbackCompetesByPlannedStart)
{
    Ptr<DnnComputeModel> model = MakeComputeNode(1);
    Recorder rec(model);
    // Task 0 (1 s) runs [0, 1]; task 2 (1 s, planned 5) arrives at t=0.5 and waits. When task 0
    // finishes at t=1 its done callback submits its successor, task 1 (2 s, planned 1): both
    // wait at t=1 and the earlier planned start wins, so task 1 runs [1, 3], task 2 [3, 4].
    DnnComputeModel::DoneCallback submitSuccessor(
        [&](uint32_t) { model->Submit(1, Work(2e9), Seconds(1), rec.Done()); });
    model->Submit(0, Work(1e9), Seconds(0), submitSuccessor);
    Simulator::Schedule(Seconds(0.5), &DnnComputeModel::Submit, model, 2, Work(1e9), Seconds(5),
                        rec.Done());
    Simulator::Run();

    const std::vector<Event> expected{{"start", 0, Seconds(0)}, {"finish", 0, Seconds(1)},
                                      {"start", 1, Seconds(1)}, {"finish", 1, Seconds(3)},
                                      {"start", 2, Seconds(3)}, {"finish", 2, Seconds(4)}};
    EXPECT_EQ(rec.events, expected);
    Simulator::Destroy();
}

TEST(ComputeModelTest, DisposeCancelsRunningAndWaitingTasks)
{
    Ptr<Node> node;
    Ptr<DnnComputeModel> model = MakeComputeNode(1, &node);
    Recorder rec(model);
    model->Submit(0, Work(2e9), Seconds(0), rec.Done());
    model->Submit(1, Work(2e9), Seconds(1), rec.Done());
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    EXPECT_EQ(model->BusyCores(), 1u);
    EXPECT_EQ(model->QueueLength(), 1u);
    node->Dispose();
    EXPECT_EQ(model->QueueLength(), 0u);
    // Nothing left to run: the completion at t=2 was cancelled.
    Simulator::Run();
    EXPECT_EQ(rec.events, (std::vector<Event>{{"start", 0, Seconds(0)}}));
    EXPECT_TRUE(rec.doneCalls.empty());
    EXPECT_EQ(model->TasksRun(), 0u);
    Simulator::Destroy();
}

/// A node with a DnnComputeModel (1 core by default) and a BasicEnergySource (5 V, 1e4 J),
/// or a DnnEnergySource alike, idle 2 W, busy (every core) 10 W.
struct EnergyNode
{
    /** \param cores the processor's cores \param dnnSource a DnnEnergySource, not a
     *  BasicEnergySource */
    explicit EnergyNode(uint32_t cores = 1, bool dnnSource = false)
    {
        compute = MakeComputeNode(cores, &node);
        if (dnnSource)
        {
            source = CreateObject<DnnEnergySource>();
            source->SetAttribute("InitialEnergyJ", DoubleValue(1e4));
            source->SetAttribute("SupplyVoltageV", DoubleValue(5.0));
            source->SetNode(node);
            node->AggregateObject(source);
        }
        else
        {
            BasicEnergySourceHelper sourceHelper;
            sourceHelper.Set("BasicEnergySourceInitialEnergyJ", DoubleValue(1e4));
            sourceHelper.Set("BasicEnergySupplyVoltageV", DoubleValue(5.0));
            source = sourceHelper.Install(node).Get(0);
        }
        energy = DnnComputeEnergyModel::Install(node, source);
        energy->SetAttribute("IdlePower", DoubleValue(2.0));
        energy->SetAttribute("BusyPower", DoubleValue(10.0));
    }

    Ptr<Node> node;                    //!< the node
    Ptr<DnnComputeModel> compute;      //!< its processor
    Ptr<EnergySource> source;          //!< its battery
    Ptr<DnnComputeEnergyModel> energy; //!< the processor's energy model
};

/** One 3-s task (3e9 FLOP at 1e9 FLOP/s) from t=1 to t=4, then idle; stopped at t=10.
 *  \param compute the processor */
void
RunOneTask(Ptr<DnnComputeModel> compute)
{
    Simulator::Schedule(Seconds(1), &DnnComputeModel::Submit, compute, 0, Work(3e9), Seconds(1),
                        DnnComputeModel::DoneCallback());
    Simulator::Stop(Seconds(10));
    Simulator::Run();
}

TEST(EnergySourceTest, DefaultsAreBasicEnergySources)
{
    Ptr<DnnEnergySource> ours = CreateObject<DnnEnergySource>();
    Ptr<BasicEnergySource> basic = CreateObject<BasicEnergySource>();
    EXPECT_EQ(ours->GetInitialEnergy(), basic->GetInitialEnergy());
    EXPECT_EQ(ours->GetSupplyVoltage(), basic->GetSupplyVoltage());
    EXPECT_EQ(ours->GetRemainingEnergy(), ours->GetInitialEnergy());
    Simulator::Destroy();
}

/** The same task as EnergyIsIdleAndBusyPowerOverTime: 44 J off the source, with no event of
 *  the source's own (BasicEnergySource adds one per second). */
TEST(EnergySourceTest, IntegratesAtUpdatesWithoutEvents)
{
    uint64_t basicEvents = 0;
    double basicRemaining = 0;
    {
        EnergyNode n;
        RunOneTask(n.compute);
        basicEvents = Simulator::GetEventCount();
        basicRemaining = n.source->GetRemainingEnergy();
        Simulator::Destroy();
    }
    EnergyNode n(1, true);
    std::vector<std::pair<Time, double>> remaining;
    n.source->TraceConnectWithoutContext(
        "RemainingEnergy",
        Callback<void, double, double>([&](double, double now)
                                       { remaining.emplace_back(Simulator::Now(), now); }));
    RunOneTask(n.compute);
    // The compute model's own events and the stop: BasicEnergySource's periodic updates
    // (t = 1 to 9 s; the one due at 10 s comes after the stop) are not there.
    EXPECT_EQ(Simulator::GetEventCount() + 9, basicEvents);
    // Exact at the updates (t = 1: 2 J, t = 4: 2 + 30 J) and when read (t = 10: 44 J).
    ASSERT_EQ(remaining.size(), 2u);
    EXPECT_EQ(remaining[0].first, Seconds(1));
    EXPECT_DOUBLE_EQ(1e4 - remaining[0].second, 2.0);
    EXPECT_EQ(remaining[1].first, Seconds(4));
    EXPECT_DOUBLE_EQ(1e4 - remaining[1].second, 32.0);
    EXPECT_DOUBLE_EQ(1e4 - n.source->GetRemainingEnergy(), 44.0);
    EXPECT_DOUBLE_EQ(n.source->GetRemainingEnergy(), basicRemaining);
    EXPECT_DOUBLE_EQ(n.source->GetEnergyFraction(), (1e4 - 44.0) / 1e4);
    EXPECT_DOUBLE_EQ(n.energy->GetTotalEnergyConsumption(), 44.0);
    Simulator::Destroy();
}

/// A device energy model that draws a constant current and counts the source's notices.
class CountingEnergyModel : public SimpleDeviceEnergyModel
{
  public:
    void HandleEnergyDepletion() override { ++drained; }

    void HandleEnergyRecharged() override { ++recharged; }

    void HandleEnergyChanged() override { ++changed; }

    int drained = 0;   //!< depletion notices
    int recharged = 0; //!< recharge notices
    int changed = 0;   //!< energy-changed notices
};

/** Drained once when an update finds the energy at LowBatteryThreshold or below; no notice
 *  of each change (BasicEnergySource's makes a Wi-Fi radio model reschedule an event). */
TEST(EnergySourceTest, TellsTheModelsWhenDrainedOnly)
{
    Ptr<Node> node = CreateObject<Node>();
    Ptr<DnnEnergySource> source = CreateObject<DnnEnergySource>();
    source->SetAttribute("InitialEnergyJ", DoubleValue(10));
    source->SetAttribute("SupplyVoltageV", DoubleValue(1.0));
    source->SetNode(node);
    node->AggregateObject(source);
    Ptr<CountingEnergyModel> model = CreateObject<CountingEnergyModel>();
    model->SetNode(node);
    model->SetEnergySource(source);
    source->AppendDeviceEnergyModel(model);
    model->SetCurrentA(1.0); // 1 W: 10 J last 10 s, drained at 1 J (after 9 s)
    for (int t = 1; t <= 12; ++t)
    {
        Simulator::Schedule(Seconds(t), &DnnEnergySource::UpdateEnergySource, source);
    }
    Simulator::Stop(Seconds(13));
    Simulator::Run();
    EXPECT_EQ(model->drained, 1);
    EXPECT_EQ(model->recharged, 0);
    EXPECT_EQ(model->changed, 0);
    EXPECT_EQ(source->GetRemainingEnergy(), 0.0); // not below empty
    Simulator::Destroy();
}

TEST(ComputeModelTest, EnergyIsIdleAndBusyPowerOverTime)
{
    EnergyNode n;
    std::vector<std::pair<Time, double>> totals;
    n.energy->TraceConnectWithoutContext(
        "TotalEnergyConsumption",
        Callback<void, double, double>([&](double, double total)
                                       { totals.emplace_back(Simulator::Now(), total); }));
    // One 3-s task (3e9 FLOP at 1e9 FLOP/s) from t=1 to t=4; stopped at t=10:
    //   idle [0, 1] and [4, 10] = 7 s at 2 W = 14 J, busy [1, 4] = 3 s at 10 W = 30 J; 44 J.
    RunOneTask(n.compute);

    EXPECT_EQ(n.compute->TasksRun(), 1u);
    EXPECT_EQ(n.energy->GetState(), DnnComputeEnergyModel::IDLE);
    EXPECT_NEAR(n.energy->GetTotalEnergyConsumption(), 44.0, 44.0 * 1e-6);
    EXPECT_NEAR(1e4 - n.source->GetRemainingEnergy(), 44.0, 44.0 * 1e-6);
    // The trace moves at state changes: 2 J when the task starts (t=1), 2 + 30 = 32 J when it
    // finishes (t=4).
    ASSERT_EQ(totals.size(), 2u);
    EXPECT_EQ(totals[0].first, Seconds(1));
    EXPECT_NEAR(totals[0].second, 2.0, 1e-9);
    EXPECT_EQ(totals[1].first, Seconds(4));
    EXPECT_NEAR(totals[1].second, 32.0, 1e-9);
    Simulator::Destroy();
}

/** Busy power is the draw with every core busy: with k of c cores busy a device draws
 *  idle + k (busy - idle) / c, in the simulation and in the planners' evaluator alike. */
TEST(ComputeModelTest, MultiCoreEnergyCountsTheBusyCoresAsThePlannerDoes)
{
    // 4 cores, idle 2 W, busy 10 W: (10 - 2) / 4 = 2 W per busy core. Two 1-s tasks (1e9
    // FLOP at 1e9 FLOP/s) at once from t=0, then idle to t=3:
    //   2 W x 3 s + 2 tasks x 2 W x 1 s = 6 + 4 = 10 J (not 2 x 3 + (10 - 2) x 1 = 14 J).
    EnergyNode n(4);
    double powerWhileBusy = 0;
    double powerWhenFull = 0;
    n.compute->Submit(0, Work(1e9), Seconds(0), DnnComputeModel::DoneCallback());
    n.compute->Submit(1, Work(1e9), Seconds(0), DnnComputeModel::DoneCallback());
    Simulator::Schedule(Seconds(0.5), [&]() { powerWhileBusy = n.energy->GetPowerW(); });
    // Four 1-s tasks at once from t=3 (all cores): 10 W, 4 x 2 W x 1 s = 8 J above idle.
    for (uint32_t t = 2; t < 6; ++t)
    {
        Simulator::Schedule(Seconds(3), &DnnComputeModel::Submit, n.compute, t, Work(1e9),
                            Seconds(3), DnnComputeModel::DoneCallback());
    }
    Simulator::Schedule(Seconds(3.5), [&]() { powerWhenFull = n.energy->GetPowerW(); });
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_DOUBLE_EQ(powerWhileBusy, 2.0 + 2 * 2.0);
    EXPECT_NEAR(n.energy->GetTotalEnergyConsumption(), 10.0, 10.0 * 1e-9);
    EXPECT_NEAR(1e4 - n.source->GetRemainingEnergy(), 10.0, 10.0 * 1e-6);
    // Then to t=5: 10 J + idle 2 W x 2 s + 8 J = 22 J.
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_DOUBLE_EQ(powerWhenFull, 10.0);
    EXPECT_NEAR(n.energy->GetTotalEnergyConsumption(), 22.0, 22.0 * 1e-9);
    Simulator::Destroy();

    // The planner's energy of the first part: one 4-core processor, the two tasks of cost
    // 1 s; Evaluate() gives the energy above idle, 2 x 2 W x 1 s = 4 J, IdleEnergy() over the
    // same 3 s 6 J: 10 J again.
    DnnSchedulingProblem problem({"a", "b"}, {"P"});
    problem.SetCost(0, 0, 1.0);
    problem.SetCost(1, 0, 1.0);
    problem.SetCores(0, 4);
    problem.SetPower(0, 2.0, 10.0, 0.0);
    problem.Finalize();
    const std::vector<uint32_t> assignment = {0, 0};
    const std::vector<uint32_t> order = {0, 1};
    const auto planned = DnnScheduleEvaluator(problem).Evaluate(assignment.data(), order.data());
    EXPECT_DOUBLE_EQ(planned.makespan, 1.0);
    EXPECT_DOUBLE_EQ(planned.energy, 4.0);
    EXPECT_DOUBLE_EQ(DnnScheduleEvaluator::IdleEnergy(problem, 3.0), 6.0);
    EXPECT_DOUBLE_EQ(planned.energy + DnnScheduleEvaluator::IdleEnergy(problem, 3.0), 10.0);
}

TEST(ComputeModelTest, FailDropsTheTasksAndStopsDrawingPower)
{
    EnergyNode n;
    std::vector<uint32_t> done;
    auto record = [&](uint32_t task)
    {
        done.push_back(task);
    };
    // Task 0 runs 3 s from t=1 (to t=4), task 1 waits behind it; the processor fails at t=2:
    //   idle [0, 1] at 2 W = 2 J, busy [1, 2] at 10 W = 10 J, nothing after: 12 J.
    Simulator::Schedule(Seconds(1), &DnnComputeModel::Submit, n.compute, 0, Work(3e9), Seconds(1),
                        DnnComputeModel::DoneCallback(record));
    Simulator::Schedule(Seconds(1), &DnnComputeModel::Submit, n.compute, 1, Work(1e9), Seconds(2),
                        DnnComputeModel::DoneCallback(record));
    Simulator::Schedule(Seconds(2), &DnnComputeModel::Fail, n.compute);
    Simulator::Schedule(Seconds(3), &DnnComputeModel::Submit, n.compute, 2, Work(1e9), Seconds(3),
                        DnnComputeModel::DoneCallback(record));
    Simulator::Stop(Seconds(10));
    Simulator::Run();

    EXPECT_TRUE(done.empty());
    EXPECT_TRUE(n.compute->IsFailed());
    EXPECT_EQ(n.compute->TasksRun(), 0u);
    EXPECT_EQ(n.compute->QueueLength(), 0u);
    EXPECT_EQ(n.compute->BusyCores(), 0u);
    EXPECT_EQ(n.energy->GetState(), DnnComputeEnergyModel::OFF);
    EXPECT_NEAR(n.energy->GetTotalEnergyConsumption(), 12.0, 12.0 * 1e-6);
    Simulator::Destroy();
}

TEST(ComputeModelTest, CancelTakesAWaitingTaskOutOfTheQueueOnly)
{
    Ptr<DnnComputeModel> model = MakeComputeNode(1);
    std::vector<uint32_t> done;
    auto record = [&](uint32_t task)
    {
        done.push_back(task);
    };
    model->Submit(0, Work(1e9), Seconds(0), DnnComputeModel::DoneCallback(record));
    model->Submit(1, Work(1e9), Seconds(1), DnnComputeModel::DoneCallback(record));
    model->Submit(2, Work(1e9), Seconds(2), DnnComputeModel::DoneCallback(record));
    bool cancelledRunning = true;
    bool cancelledWaiting = false;
    Simulator::Schedule(Seconds(0.5),
                        [&]()
                        {
                            cancelledRunning = model->Cancel(0); // running: not cancelled
                            cancelledWaiting = model->Cancel(1);
                        });
    Simulator::Run();
    EXPECT_FALSE(cancelledRunning);
    EXPECT_TRUE(cancelledWaiting);
    EXPECT_EQ(done, (std::vector<uint32_t>{0, 2}));
    EXPECT_EQ(Simulator::Now(), Seconds(2));
    Simulator::Destroy();
}

TEST(ComputeModelTest, EnergyAddsUpWithOtherModelsOnTheSameSource)
{
    EnergyNode n;
    // A radio-like model drawing a constant 0.2 A at 5 V = 1 W on the same source.
    Ptr<SimpleDeviceEnergyModel> radio = CreateObject<SimpleDeviceEnergyModel>();
    radio->SetNode(n.node);
    radio->SetEnergySource(n.source);
    n.source->AppendDeviceEnergyModel(radio);
    radio->SetCurrentA(0.2);
    // Two tasks back to back on one core, [2, 4] and [4, 5], stopped at t=8:
    //   compute: idle 2 + 3 = 5 s at 2 W = 10 J, busy 3 s at 10 W = 30 J: 40 J;
    //   radio: 8 s at 1 W = 8 J; the source loses 48 J.
    Simulator::Schedule(Seconds(2), &DnnComputeModel::Submit, n.compute, 0, Work(2e9), Seconds(2),
                        DnnComputeModel::DoneCallback());
    Simulator::Schedule(Seconds(2), &DnnComputeModel::Submit, n.compute, 1, Work(1e9), Seconds(4),
                        DnnComputeModel::DoneCallback());
    Simulator::Stop(Seconds(8));
    Simulator::Run();

    EXPECT_NEAR(n.energy->GetTotalEnergyConsumption(), 40.0, 40.0 * 1e-6);
    EXPECT_NEAR(1e4 - n.source->GetRemainingEnergy(), 48.0, 48.0 * 1e-6);
    Simulator::Destroy();
}

} // namespace

TEST(ComputeModelTest, EachKindOfWorkRunsAtItsOwnSpeed)
{
    // Flops 1e9; ConvFlops 4e9, LinearFlops 0.5e9, PoolingFlops left at 0 (= Flops). A task of
    // 8e9 conv + 1e9 linear + 2e9 pooling FLOPs takes 8/4 + 1/0.5 + 2/1 = 2 + 2 + 2 = 6 s.
    Ptr<DnnComputeModel> model = CreateObject<DnnComputeModel>();
    model->SetAttribute("Flops", DoubleValue(1e9));
    model->SetAttribute("ConvFlops", DoubleValue(4e9));
    model->SetAttribute("LinearFlops", DoubleValue(0.5e9));
    DnnWork work = DnnWork::Of(DnnWorkKind::Conv, 8000000000);
    work += DnnWork::Of(DnnWorkKind::Linear, 1000000000);
    work += DnnWork::Of(DnnWorkKind::Pooling, 2000000000);
    EXPECT_DOUBLE_EQ(model->Duration(work).GetSeconds(), 6.0);
    EXPECT_DOUBLE_EQ(model->Speed(DnnWorkKind::Pooling), 1e9);
    EXPECT_DOUBLE_EQ(model->Speed(DnnWorkKind::Linear), 0.5e9);
    Time finished;
    model->Submit(0, work, Seconds(0), MakeCallback(+[](uint32_t) {}));
    model->TraceConnectWithoutContext(
        "TaskFinished", Callback<void, uint32_t>([&](uint32_t) { finished = Simulator::Now(); }));
    Simulator::Run();
    Simulator::Destroy();
    EXPECT_EQ(finished, Seconds(6));
}
