/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_ENERGY_SOURCE_H
#define DNN_ENERGY_SOURCE_H

#include "ns3/dnn-ns3-compat.h"

#include "ns3/nstime.h"
#include "ns3/traced-value.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief An energy source that integrates its remaining energy only when asked, and so
 *        schedules no event.
 *
 * Like ns-3's BasicEnergySource, it holds an initial energy at a constant supply voltage,
 * and on every UpdateEnergySource() it takes total current x voltage x the time since the
 * previous update off its remaining energy (the device energy models call it on each of
 * their state changes, before switching, so each interval is charged at the current drawn
 * during it). Unlike BasicEnergySource it has no periodic update: BasicEnergySource's
 * reschedules itself on every update (once per Wi-Fi radio state change), which made most
 * of the events of a run. The remaining energy is exact at every update and whenever it is
 * read (GetRemainingEnergy() and GetEnergyFraction() update first); depletion is noticed at
 * the next update after it happens, not at the instant it happens.
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

    double m_initialEnergyJ;                //!< initial energy, J
    double m_supplyVoltageV;                //!< supply voltage, V
    double m_lowBatteryThreshold;           //!< drained at or below this fraction
    double m_highBatteryThreshold;          //!< recharged above this fraction
    bool m_depleted;                        //!< drained and not recharged since
    TracedValue<double> m_remainingEnergyJ; //!< remaining energy, J
    Time m_lastUpdateTime;                  //!< time of the previous update
};

} // namespace ns3

#endif /* DNN_ENERGY_SOURCE_H */
