/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_COMPUTE_ENERGY_MODEL_H
#define DNN_COMPUTE_ENERGY_MODEL_H

#include "dnn-compute-model.h"
#include "ns3/dnn-ns3-compat.h"

#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/traced-value.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Energy of a DnnComputeModel's processor, in ns-3's energy framework.
 *
 * Two states: busy (at least one core runs a task) and idle. BusyPower is the draw with every
 * core busy: with k of the processor's c cores busy the model draws IdlePower + k (BusyPower -
 * IdlePower) / c (DnnDevicePower, the power model the planners' DnnScheduleEvaluator uses
 * too), IdlePower with none. The model follows the BusyCores trace of a DnnComputeModel
 * (and takes c from its Cores; c = 1 and k = 1 in state BUSY without one), integrates its
 * own energy and
 * draws power / supply voltage amperes from its EnergySource, so that it adds up with the
 * other device energy models (e.g. a WifiRadioEnergyModel) on the same source. Like ns-3's
 * WifiRadioEnergyModel, it calls the source's UpdateEnergySource() on every state change,
 * before switching, so that the source charges the elapsed interval at the old current.
 */
class DnnComputeEnergyModel : public DeviceEnergyModel
{
  public:
    /// The states of the processor, as ChangeState() takes them.
    enum State
    {
        IDLE = 0, //!< no core busy
        BUSY = 1, //!< at least one core busy (the power depends on how many)
        OFF = 2   //!< the processor failed: draws nothing
    };

    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    /** \brief Constructor. */
    DnnComputeEnergyModel();
    ~DnnComputeEnergyModel() override;

    /**
     * \brief Create a DnnComputeEnergyModel for a node's processor and attach it to a source.
     *
     * Sets the model's energy source, appends the model to the source and makes it follow
     * the DnnComputeModel aggregated to the node.
     * \param node a node with a DnnComputeModel aggregated
     * \param source the energy source to draw from (typically installed on the node by an
     *        EnergySourceHelper)
     * \return the new model (set IdlePower and BusyPower on it, or set them as defaults)
     */
    static Ptr<DnnComputeEnergyModel> Install(Ptr<Node> node, Ptr<EnergySource> source);
    /**
     * \brief As Install(node, source), with the model made by a factory (with its
     *        attributes), e.g. DnnOffloadHelper's.
     * \param node a node with a DnnComputeModel aggregated
     * \param source the energy source to draw from
     * \param factory a factory of ns3::DnnComputeEnergyModel (or a subclass)
     * \return the new model
     */
    static Ptr<DnnComputeEnergyModel> Install(Ptr<Node> node, Ptr<EnergySource> source,
                                              const ObjectFactory& factory);

    /**
     * \brief Set the energy source this model draws from.
     * \param source the source
     */
    void SetEnergySource(Ptr<EnergySource> source) override;
    /**
     * \brief Follow a processor: its BusyCores trace drives this model's state, and its
     *        Failed trace switches it OFF for good.
     * \param model the processor (the state is set from its current BusyCores)
     */
    void SetComputeModel(Ptr<DnnComputeModel> model);

    /**
     * \brief Energy consumed so far, including the current state's elapsed part.
     * \return the energy, in J
     */
    double GetTotalEnergyConsumption() const override;
    /**
     * \brief Change state, after charging the time spent in the old one.
     * \param newState IDLE, BUSY or OFF
     */
    void ChangeState(int newState) override;
    /** \brief The current state. \return IDLE, BUSY or OFF */
    State GetState() const;
    /** \brief Power drawn now. \return the power of the current state, in W */
    double GetPowerW() const;

    /** \brief Idle power. \return the power when no core is busy, in W */
    double GetIdlePowerW() const;
    /** \brief Set the idle power (charging the elapsed time first). \param power in W */
    void SetIdlePowerW(double power);
    /** \brief Busy power. \return the power when every core is busy, in W */
    double GetBusyPowerW() const;
    /** \brief Set the busy power (charging the elapsed time first). \param power in W */
    void SetBusyPowerW(double power);

    /** \brief Called by the source when it is depleted: logs. */
    void HandleEnergyDepletion() override;
    /** \brief Called by the source when it is recharged: logs. */
    void HandleEnergyRecharged() override;
    /** \brief Called by the source when its energy changed: logs. */
    void HandleEnergyChanged() override;

  protected:
    void DoDispose() override;

  private:
    /**
     * \brief Current drawn from the source in the current state.
     * \return power / supply voltage, in A (0 without a source)
     */
    double DoGetCurrentA() const override;
    /**
     * \brief BusyCores trace sink.
     * \param oldValue busy cores before
     * \param newValue busy cores now
     */
    void BusyCoresChanged(uint32_t oldValue, uint32_t newValue);
    /** \brief Failed trace sink: switch OFF. */
    void ProcessorFailed();
    /**
     * \brief Power of a state.
     * \param state IDLE, BUSY or OFF
     * \return in W
     */
    double PowerOf(State state) const;
    /** \brief Charge the time since the last update at the current power, notify the source. */
    void Update();

    Ptr<EnergySource> m_source;                   //!< source drawn from
    Ptr<DnnComputeModel> m_computeModel;          //!< processor followed
    double m_idlePowerW;                          //!< power when idle, in W
    double m_busyPowerW;                          //!< power when every core is busy, in W
    uint32_t m_cores;                             //!< cores of the processor followed (or 1)
    uint32_t m_busyCores;                         //!< busy cores (1 in state BUSY without one)
    State m_state;                                //!< current state
    Time m_lastUpdateTime;                        //!< end of the charged interval
    TracedValue<double> m_totalEnergyConsumption; //!< energy charged up to m_lastUpdateTime
};

} // namespace ns3

#endif /* DNN_COMPUTE_ENERGY_MODEL_H */
