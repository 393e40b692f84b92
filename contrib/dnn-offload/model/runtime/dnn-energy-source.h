/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_ENERGY_SOURCE_H
#define DNN_ENERGY_SOURCE_H

#include "ns3/dnn-ns3-compat.h"

#include "ns3/nstime.h"
#include "ns3/traced-value.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief A device energy model that knows in advance when its next state change is due,
 *        and lets its DnnEnergySource apply it instead of scheduling an event for it.
 *
 * E.g. a Wi-Fi radio that starts transmitting knows that it goes back to idle when the
 * transmission ends. DnnEnergySource, before it integrates its energy up to now, applies the
 * due changes of its models in time order, integrating up to each, so that every interval is
 * charged at the current drawn during it, as if each change had been an event.
 */
class DnnDeferredStateChanges
{
  public:
    virtual ~DnnDeferredStateChanges() = default;
    /** \return when the next deferred state change is due (Time::Max() if none) */
    virtual Time DueTime() const = 0;
    /**
     * \brief Apply the deferred state change due at DueTime(): charge the model's energy up
     *        to then at the old state's current and switch. The source has integrated up to
     *        DueTime() and calls this before it reads the model's current again.
     */
    virtual void ApplyDueChange() = 0;
};

/**
 * \ingroup dnn-offload
 * \brief An energy source that integrates its remaining energy only when asked, and so
 *        schedules no event.
 *
 * Like ns-3's BasicEnergySource, it holds an initial energy at a constant supply voltage,
 * and on every UpdateEnergySource() it takes total current x voltage x the time since the
 * previous update off its remaining energy (the device energy models call it on each of
 * their state changes, before switching, so each interval is charged at the current drawn
 * during it), in double precision (BasicEnergySource multiplies a Time, which rounds each
 * update's energy to a nanojoule). Unlike BasicEnergySource it has no periodic update:
 * BasicEnergySource's reschedules itself on every update (once per Wi-Fi radio state change), which
 * made most of the events of a run. The remaining energy is exact at every update and whenever it
 * is read (GetRemainingEnergy() and GetEnergyFraction() update first); depletion is noticed at the
 * next update after it happens, not at the instant it happens.
 *
 * When the remaining energy falls to LowBatteryThreshold x the initial energy, the source
 * tells its device energy models that it is drained, and that it is recharged when it rises
 * above HighBatteryThreshold x the initial energy again (energy harvesters), as
 * BasicEnergySource does. It does not tell them of every change of its remaining energy
 * (EnergySource::NotifyEnergyChanged()), which BasicEnergySource does on each update: a
 * WifiRadioEnergyModel answers that by cancelling and rescheduling its switch-off event,
 * and it reschedules that event on its own state changes anyway. Its RemainingEnergy trace
 * is BasicEnergySource's (same name and signature), and fires on every update that changes
 * the remaining energy.
 */
class DnnEnergySource : public EnergySource
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    /** \brief Constructor. */
    DnnEnergySource();
    ~DnnEnergySource() override;

    /** \return the initial energy, J */
    double GetInitialEnergy() const override;
    /** \return the supply voltage, V */
    double GetSupplyVoltage() const override;
    /** \return the remaining energy, J, integrated up to now */
    double GetRemainingEnergy() override;
    /** \return the remaining energy as a fraction of the initial energy, up to now */
    double GetEnergyFraction() override;
    /**
     * \brief Take the energy drawn since the previous update off the remaining energy (at
     *        the total current drawn now, which the device models have not yet changed),
     *        and notify the device models of depletion or recharge.
     */
    void UpdateEnergySource() override;
    /**
     * \brief Apply the deferred state changes of the registered models that are due by now,
     *        in time order, integrating the remaining energy up to each (no depletion or
     *        recharge notification: UpdateEnergySource() gives those).
     */
    void ApplyDueStateChanges();
    /**
     * \brief Register a device model of this source that defers its state changes.
     * \param model the model (appended to this source with AppendDeviceEnergyModel() too,
     *        which keeps it alive)
     */
    void AddDeferredStateChanges(DnnDeferredStateChanges* model);
    /**
     * \brief Forget a model registered with AddDeferredStateChanges() (it is disposed, or
     *        draws from another source now).
     * \param model the model
     */
    void RemoveDeferredStateChanges(DnnDeferredStateChanges* model);

    /**
     * \brief Set the initial energy; the remaining energy starts from it.
     * \param initialEnergyJ the energy, J (at least 0)
     */
    void SetInitialEnergy(double initialEnergyJ);
    /**
     * \brief Set the supply voltage.
     * \param supplyVoltageV the voltage, V
     */
    void SetSupplyVoltage(double supplyVoltageV);

  private:
    void DoInitialize() override;
    void DoDispose() override;
    /**
     * \brief Take the energy drawn from the previous update to a time off the remaining
     *        energy, at the total current drawn now.
     * \param until the end of the interval (not before the previous update)
     */
    void IntegrateUntil(Time until);

    double m_initialEnergyJ;                          //!< initial energy, J
    double m_supplyVoltageV;                          //!< supply voltage, V
    double m_lowBatteryThreshold;                     //!< drained at or below this fraction
    double m_highBatteryThreshold;                    //!< recharged above this fraction
    bool m_depleted;                                  //!< drained and not recharged since
    TracedValue<double> m_remainingEnergyJ;           //!< remaining energy, J
    Time m_lastUpdateTime;                            //!< time of the previous update
    std::vector<DnnDeferredStateChanges*> m_deferred; //!< models that defer state changes
};

} // namespace ns3

#endif /* DNN_ENERGY_SOURCE_H */
