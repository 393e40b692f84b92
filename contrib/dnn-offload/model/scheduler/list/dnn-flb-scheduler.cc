/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-flb-scheduler.h"

#include "dnn-list-placer.h"

#include "ns3/boolean.h"
#include "ns3/log.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <string>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnFlbScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnFlbScheduler);

namespace
{

/** An entry of SAGA's heaps: (priority, name), the name given by its index. */
struct HeapEntry
{
    double priority; //!< priority
    uint32_t id;     //!< task or processor index
};

/**
 * \brief A binary heap on an array that behaves as Python's heapq on a list, including
 *        after entries are filtered out of the list (which SAGA does, and which can leave
 *        the array out of heap order).
 */
class PyHeap
{
  public:
    /** \brief An empty heap. \param names the entries' names, for ties */
    explicit PyHeap(const std::vector<std::string>& names) : m_names(&names) {}

    /** \brief Whether empty. \return true if it is */
    bool Empty() const { return m_a.empty(); }
    /** \brief The array's first entry (heapq's heap[0]). \return it */
    const HeapEntry& Head() const { return m_a.front(); }
    /** \brief heapq.heappush. \param e the entry */
    void Push(HeapEntry e)
    {
        m_a.push_back(e);
        SiftDown(0, m_a.size() - 1);
    }
    /** \brief heapq.heappop. \return the entry taken */
    HeapEntry Pop()
    {
        const HeapEntry last = m_a.back();
        m_a.pop_back();
        if (m_a.empty())
        {
            return last;
        }
        const HeapEntry top = m_a.front();
        m_a.front() = last;
        SiftUp(0);
        return top;
    }
    /** \brief Filter out every entry of an id, keeping the others' order (no re-heaping).
     *  \param id the id */
    void Remove(uint32_t id)
    {
        m_a.erase(
            std::remove_if(m_a.begin(), m_a.end(), [id](const HeapEntry& e) { return e.id == id; }),
            m_a.end());
    }

  private:
    /** \brief Tuple order. \param x one \param y another \return x < y */
    bool Less(const HeapEntry& x, const HeapEntry& y) const
    {
        return x.priority < y.priority ||
               (x.priority == y.priority && (*m_names)[x.id] < (*m_names)[y.id]);
    }
    /** \brief heapq._siftdown. \param start root \param pos position */
    void SiftDown(std::size_t start, std::size_t pos)
    {
        const HeapEntry item = m_a[pos];
        while (pos > start)
        {
            const std::size_t parent = (pos - 1) >> 1;
            if (Less(item, m_a[parent]))
            {
                m_a[pos] = m_a[parent];
                pos = parent;
                continue;
            }
            break;
        }
        m_a[pos] = item;
    }
    /** \brief heapq._siftup. \param pos position */
    void SiftUp(std::size_t pos)
    {
        const std::size_t end = m_a.size();
        const std::size_t start = pos;
        const HeapEntry item = m_a[pos];
        std::size_t child = 2 * pos + 1;
        while (child < end)
        {
            const std::size_t right = child + 1;
            if (right < end && !Less(m_a[child], m_a[right]))
            {
                child = right;
            }
            m_a[pos] = m_a[child];
            pos = child;
            child = 2 * pos + 1;
        }
        m_a[pos] = item;
        SiftDown(start, pos);
    }

    std::vector<HeapEntry> m_a;              //!< the array
    const std::vector<std::string>* m_names; //!< names for ties
};

} // namespace

TypeId
DnnFlbScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnFlbScheduler")
            .SetParent<DnnScheduler>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnFlbScheduler>()
            .AddAttribute("SagaCompatible",
                          "SAGA's variant: mean communication = size / mean link speed, "
                          "self-links counted; stale processor times for non-EP tasks.",
                          BooleanValue(false), MakeBooleanAccessor(&DnnFlbScheduler::m_saga),
                          MakeBooleanChecker());
    return tid;
}

DnnSchedule
DnnFlbScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    if (m_saga)
    {
        return PlanSaga(problem);
    }
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    const double inf = DnnSchedulingProblem::INF;
    const uint32_t none = DnnSchedulingProblem::NONE;

    DnnListPlacer placer(problem);
    const DnnSchedule& schedule = placer.Schedule();
    std::vector<double> lmt(n, 0.0);
    std::vector<uint32_t> ep(n, none);
    std::vector<double> emt(n, 0.0);
    std::vector<uint8_t> isEp(n, 0);
    // Min-heaps of (key, task): ties go to the lower task index. The ready non-EP tasks by
    // LMT; per processor, its ready EP tasks by EMT and by LMT. An EP task that becomes a
    // non-EP task, or is placed, stays in its processor's heaps until it surfaces there.
    using Entry = std::pair<double, uint32_t>;
    using MinHeap = std::priority_queue<Entry, std::vector<Entry>, std::greater<>>;
    MinHeap nonEp;
    std::vector<MinHeap> epByEmt(m);
    std::vector<MinHeap> epByLmt(m);
    auto isLiveEp = [&](uint32_t t, uint32_t p)
    {
        return isEp[t] && ep[t] == p && !placer.Placed(t);
    };
    auto classify = [&](uint32_t t)
    {
        double last = -inf;
        for (auto a = problem.PredBegin(t); a != problem.PredEnd(t); ++a)
        {
            const double arrival = schedule.Finish(a->task) + problem.MeanCommTime(a->data);
            if (arrival > last)
            {
                last = arrival;
                ep[t] = schedule.Processor(a->task);
            }
        }
        lmt[t] = std::max(last, 0.0);
        if (ep[t] != none && placer.Allowed(t, ep[t]) && lmt[t] >= placer.Tail(ep[t]))
        {
            emt[t] = placer.Ready(t, ep[t]);
            isEp[t] = 1;
            epByEmt[ep[t]].emplace(emt[t], t);
            epByLmt[ep[t]].emplace(lmt[t], t);
        }
        else
        {
            isEp[t] = 0;
            nonEp.emplace(lmt[t], t);
        }
    };
    std::vector<uint32_t> waiting(n);
    for (uint32_t t = 0; t < n; ++t)
    {
        waiting[t] = static_cast<uint32_t>(problem.PredEnd(t) - problem.PredBegin(t));
        if (waiting[t] == 0)
        {
            classify(t);
        }
    }
    std::vector<uint32_t> candidates;
    for (uint32_t placed = 0; placed < n; ++placed)
    {
        // The EP task that starts earliest on its EP: each processor's least EMT.
        uint32_t t1 = none;
        double start1 = inf;
        for (uint32_t p = 0; p < m; ++p)
        {
            auto& heap = epByEmt[p];
            while (!heap.empty() && !isLiveEp(heap.top().second, p))
            {
                heap.pop();
            }
            if (!heap.empty())
            {
                const uint32_t head = heap.top().second;
                const double start = placer.Start(head, p, false);
                if (t1 == none || start < start1)
                {
                    t1 = head;
                    start1 = start;
                }
            }
        }
        // The non-EP task of least LMT on the processor free first.
        const uint32_t t2 = nonEp.empty() ? none : nonEp.top().second;
        uint32_t p2 = none;
        double start2 = inf;
        if (t2 != none)
        {
            placer.Candidates(t2, candidates);
            for (uint32_t p : candidates)
            {
                if (p2 == none || placer.Tail(p) < placer.Tail(p2))
                {
                    p2 = p;
                }
            }
            start2 = placer.Start(t2, p2, false);
        }
        uint32_t t = t1;
        uint32_t p = t1 != none ? ep[t1] : none;
        if (t1 == none || (t2 != none && start2 < start1))
        {
            t = t2;
            p = p2;
            nonEp.pop();
        }
        else
        {
            epByEmt[p].pop();
        }
        placer.Place(t, p, false);
        // EP tasks of p whose last message comes before p is free become non-EP tasks.
        auto& byLmt = epByLmt[p];
        while (!byLmt.empty() &&
               (!isLiveEp(byLmt.top().second, p) || byLmt.top().first < placer.Tail(p)))
        {
            const uint32_t u = byLmt.top().second;
            byLmt.pop();
            if (isLiveEp(u, p))
            {
                isEp[u] = 0;
                nonEp.emplace(lmt[u], u);
            }
        }
        for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
        {
            if (--waiting[a->task] == 0)
            {
                classify(a->task);
            }
        }
    }
    NS_LOG_INFO("FLB makespan " << schedule.Makespan() << " s");
    return placer.Schedule();
}

DnnSchedule
DnnFlbScheduler::PlanSaga(const DnnSchedulingProblem& problem) const
{
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    const double inf = DnnSchedulingProblem::INF;
    const uint32_t none = DnnSchedulingProblem::NONE;
    double speed = 0.0; // SAGA's mean link speed: self-links counted in the mean
    for (uint32_t p = 0; p < m; ++p)
    {
        for (uint32_t q = p + 1; q < m; ++q)
        {
            speed += problem.Bandwidth(p, q);
        }
    }
    speed /= m * (m + 1.0) / 2.0;
    auto meanComm = [&](double data)
    {
        return speed > 0.0 ? data / speed : 0.0;
    };
    std::vector<std::string> taskNames(n);
    std::vector<std::string> procNames(m);
    for (uint32_t t = 0; t < n; ++t)
    {
        taskNames[t] = problem.TaskName(t);
    }
    for (uint32_t p = 0; p < m; ++p)
    {
        procNames[p] = problem.ProcessorName(p);
    }
    DnnListPlacer placer(problem);
    const DnnSchedule& schedule = placer.Schedule();
    auto lmtOf = [&](uint32_t t)
    {
        double last = 0.0;
        for (auto a = problem.PredBegin(t); a != problem.PredEnd(t); ++a)
        {
            last = std::max(last, schedule.Finish(a->task) + meanComm(a->data));
        }
        return last;
    };
    auto epOf = [&](uint32_t t)
    {
        uint32_t ep = none;
        double last = -inf;
        for (auto a = problem.PredBegin(t); a != problem.PredEnd(t); ++a)
        {
            const double arrival = schedule.Finish(a->task) + meanComm(a->data);
            if (arrival > last)
            {
                last = arrival;
                ep = schedule.Processor(a->task);
            }
        }
        return ep;
    };
    auto est = [&](uint32_t t, uint32_t p)
    {
        return placer.Start(t, p, false);
    };
    PyHeap nonEp(taskNames);
    std::vector<PyHeap> emtEp(m, PyHeap(taskNames));
    std::vector<PyHeap> lmtEp(m, PyHeap(taskNames));
    PyHeap allProcs(procNames);
    PyHeap activeProcs(procNames);
    std::vector<uint32_t> waiting(n);
    for (uint32_t t = 0; t < n; ++t)
    {
        waiting[t] = static_cast<uint32_t>(problem.PredEnd(t) - problem.PredBegin(t));
        if (waiting[t] == 0)
        {
            nonEp.Push({0.0, t});
        }
    }
    for (uint32_t p = 0; p < m; ++p)
    {
        allProcs.Push({0.0, p});
    }
    std::vector<uint32_t> candidates;
    for (uint32_t placed = 0; placed < n; ++placed)
    {
        const uint32_t p1 = activeProcs.Empty() ? none : activeProcs.Head().id;
        const uint32_t t1 = p1 != none && !emtEp[p1].Empty() ? emtEp[p1].Head().id : none;
        uint32_t p2 = allProcs.Empty() ? none : allProcs.Head().id;
        const uint32_t t2 = nonEp.Empty() ? none : nonEp.Head().id;
        const double est1 = t1 != none ? est(t1, p1) : inf;
        bool moved = false; // p2 replaced: the task may not run on the heap's head
        if (t2 != none && !placer.Allowed(t2, p2))
        {
            placer.Candidates(t2, candidates);
            p2 = candidates.front();
            for (uint32_t p : candidates)
            {
                p2 = placer.Tail(p) < placer.Tail(p2) ? p : p2;
            }
            moved = true;
        }
        const double est2 = t2 != none ? est(t2, p2) : inf;
        uint32_t t = none;
        uint32_t p = none;
        if (t1 != none && (t2 == none || est1 <= est2))
        {
            t = t1;
            p = p1;
            placer.Place(t, p, false);
            activeProcs.Pop();
            emtEp[p].Pop();
            lmtEp[p].Remove(t);
        }
        else
        {
            t = t2;
            p = p2;
            placer.Place(t, p, false);
            if (moved)
            {
                allProcs.Remove(p);
            }
            else
            {
                allProcs.Pop();
            }
            allProcs.Push({placer.Tail(p), p});
            nonEp.Pop();
        }
        // update_task_lists
        while (!lmtEp[p].Empty())
        {
            const uint32_t head = lmtEp[p].Head().id;
            if (lmtOf(head) >= placer.Tail(p))
            {
                break;
            }
            lmtEp[p].Pop();
            emtEp[p].Remove(head);
            nonEp.Push({lmtOf(head), head});
        }
        // update_proc_lists
        activeProcs.Remove(p);
        if (!emtEp[p].Empty())
        {
            activeProcs.Push({est(emtEp[p].Head().id, p), p});
        }
        // update_ready_tasks
        for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
        {
            const uint32_t s = a->task;
            if (--waiting[s] != 0)
            {
                continue;
            }
            const uint32_t ep = epOf(s);
            const double lmt = lmtOf(s);
            if (lmt < placer.Tail(ep) || !placer.Allowed(s, ep))
            {
                nonEp.Push({lmt, s});
                continue;
            }
            const double emt = placer.Ready(s, ep);
            if (emtEp[ep].Empty())
            {
                activeProcs.Push({est(s, ep), ep});
            }
            else if (emt < placer.Ready(emtEp[ep].Head().id, ep))
            {
                activeProcs.Remove(ep);
                activeProcs.Push({std::max(emt, placer.Tail(ep)), ep});
            }
            emtEp[ep].Push({emt, s});
            lmtEp[ep].Push({lmt, s});
        }
    }
    NS_LOG_INFO("FLB (SAGA) makespan " << schedule.Makespan() << " s");
    return placer.Schedule();
}

} // namespace ns3
