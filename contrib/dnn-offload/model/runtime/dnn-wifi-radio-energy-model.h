/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_WIFI_RADIO_ENERGY_MODEL_H
#define DNN_WIFI_RADIO_ENERGY_MODEL_H

#include "dnn-energy-source.h"
#include "ns3/dnn-ns3-compat.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/traced-value.h"
#include "ns3/wifi-phy-listener.h"
#include "ns3/wifi-phy-state.h"
#include "ns3/wifi-tx-vector.h"

#include <memory>

namespace ns3
{

class WifiTxCurrentModel;
class DnnWifiRadioEnergyModel;

/**
 * \ingroup dnn-offload
 * \brief The WifiPhy listener of a DnnWifiRadioEnergyModel: turns the PHY's notifications
 *        into the model's states, as ns-3's WifiRadioEnergyModelPhyListener does, but
 *        without scheduling the return to idle at the end of a transmission, CCA-busy or
 *        channel-switching period (the model defers it).
 */
class DnnWifiRadioEnergyListener : public WifiPhyListener
{
  public:
    /**
     * \brief Constructor.
     * \param model the model to drive (it owns this listener)
     */
    explicit DnnWifiRadioEnergyListener(DnnWifiRadioEnergyModel* model);
    /** \brief Stop driving the model (it is disposed): later notifications are ignored. */
    void Detach();

    /** \brief The PHY starts receiving. \param duration how long the reception lasts */
    void NotifyRxStart(Time duration) override;
    /** \brief A reception ended well. */
    void NotifyRxEndOk() override;
#if DNN_NS3_VERSION_MINOR >= 45
    /** \brief A reception ended in error. \param txVector the frame's TXVECTOR */
    void NotifyRxEndError(const WifiTxVector& txVector) override;
#else
    /** \brief A reception ended in error. */
    void NotifyRxEndError() override;
#endif
    /**
     * \brief The PHY starts transmitting.
     * \param duration how long the transmission lasts
     * \param txPowerDbm the transmit power, dBm
     */
    void NotifyTxStart(Time duration, double txPowerDbm) override;
    /**
     * \brief The medium is busy (CCA).
     * \param duration how long it stays busy
     * \param channelType the channel that is busy
     * \param per20MhzDurations how long each 20 MHz subchannel stays busy
     */
    void NotifyCcaBusyStart(Time duration, WifiChannelListType channelType,
                            const std::vector<Time>& per20MhzDurations) override;
    /** \brief The PHY switches channel. \param duration how long switching lasts */
    void NotifySwitchingStart(Time duration) override;
    /** \brief The PHY goes to sleep. */
    void NotifySleep() override;
    /** \brief The PHY is switched off. */
    void NotifyOff() override;
    /** \brief The PHY wakes up. */
    void NotifyWakeup() override;
    /** \brief The PHY is switched on. */
    void NotifyOn() override;

  private:
    DnnWifiRadioEnergyModel* m_model; //!< the model this listener drives
};

/**
 * \ingroup dnn-offload
 * \brief Energy of a Wi-Fi radio: ns-3's WifiRadioEnergyModel, integrated lazily.
 *
 * The same states, currents (attributes of the same names and defaults), notifications and
 * sums as ns-3's WifiRadioEnergyModel: each interval between two state changes is charged
 * duration x the state's current x the source's voltage, added to the total in the same
 * order, so the totals are the same to the last bit (the tests check it against
 * WifiRadioEnergyModel on the same PHY). What differs is the events. WifiRadioEnergyModel's
 * PHY listener schedules the return to idle at the end of every transmission, CCA-busy and
 * channel-switching period, and on every state change the model cancels its switch-off
 * event (when the source would run dry in the new state) and schedules a new one; cancelled
 * events stay in the simulator's queue until their time comes, about 10^9 s ahead for the
 * module's sources. This model schedules none: it remembers the state it is in and when that
 * state ends (DueTime()) and applies the return to idle when it next hears from the PHY or
 * when its DnnEnergySource updates (which applies the due changes of all its models in time
 * order, so the source's integral stays exact too). GetTotalEnergyConsumption() and
 * GetCurrentState() answer as if a due return had been applied; DeviceEnergyModel's
 * GetCurrentA() gives the current of the state last applied, which is what the source needs
 * (it applies the due changes before it reads it), but may be a transmission's current
 * after the transmission ended for another caller.
 *
 * Where a notification comes at the very instant a return to idle is due, the model applies
 * the return first: a zero-length interval, and the notifications that do not cancel a
 * pending return (end of reception, wake-up, switch-on) set idle anyway, so the state and
 * the sums are those of WifiRadioEnergyModel whichever order its events ran in. (With a
 * TxCurrentModel, WifiRadioEnergyModel would charge a transmission that ends at the very
 * instant the next one starts at the new transmission's current if the start ran first; this
 * model charges it at its own. A PHY leaves at least a SIFS between its transmissions.)
 *
 * Differences, none of which arise with the module's sources (1e8 J): the WifiPhy does not
 * ask this model whether the battery can last a transmission (it asks only a
 * WifiRadioEnergyModel); and there is no switch-off event at the instant the energy runs out:
 * depletion is noticed at the source's next update (DnnEnergySource's rule), after which the
 * depletion callback (WifiPhy::SetOffMode by default) runs as an event of its own at that
 * instant, not inside the PHY notification that found it (switching a PHY off in the middle
 * of its own state change leaves it half switched). With an energy source other than a
 * DnnEnergySource the model schedules the return to idle as an event, as ns-3's does, so
 * that the source is told of every change when it happens.
 */
class DnnWifiRadioEnergyModel : public DeviceEnergyModel, public DnnDeferredStateChanges
{
  public:
    /** Called when the source is drained, and when it is recharged. */
    typedef Callback<void> EnergyCallback;

    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    /** \brief Constructor. */
    DnnWifiRadioEnergyModel();
    ~DnnWifiRadioEnergyModel() override;

    /**
     * \brief Set the energy source this model draws from (registers with a DnnEnergySource
     *        so that it applies this model's deferred changes).
     * \param source the source
     */
    void SetEnergySource(Ptr<EnergySource> source) override;
    /** \return the energy the radio has used up to now, J */
    double GetTotalEnergyConsumption() const override;
    /**
     * \brief Switch the radio to a state now, after charging the state it leaves.
     * \param newState a WifiPhyState
     */
    void ChangeState(int newState) override;
    /**
     * \brief Switch to a state for a time, then back to idle (transmission, CCA busy,
     *        channel switching).
     * \param state the state (WifiPhyState::TX, CCA_BUSY or SWITCHING)
     * \param duration how long it lasts
     */
    void ChangeStateFor(WifiPhyState state, Time duration);
    /** \brief Forget a pending return to idle (reception, sleep and off cancel it). */
    void CancelReturnToIdle();
    /** \brief Calls the depletion callback. */
    void HandleEnergyDepletion() override;
    /** \brief Calls the recharged callback. */
    void HandleEnergyRecharged() override;
    /** \brief Nothing to do: no switch-off event to move. */
    void HandleEnergyChanged() override;

    /** \return the state the radio is in now */
    WifiPhyState GetCurrentState() const;
    /** \return the listener to register with the WifiPhy (the model owns it) */
    std::shared_ptr<DnnWifiRadioEnergyListener> GetPhyListener() const;
    /**
     * \brief Set what to call when the source is drained (WifiPhy::SetOffMode by the helper).
     * \param callback the callback
     */
    void SetEnergyDepletionCallback(EnergyCallback callback);
    /**
     * \brief Set what to call when the source is recharged (WifiPhy::ResumeFromOff by the
     *        helper).
     * \param callback the callback
     */
    void SetEnergyRechargedCallback(EnergyCallback callback);
    /**
     * \brief Set the transmit current from the TxCurrentModel, if there is one.
     * \param txPowerDbm the transmit power, dBm
     */
    void SetTxCurrentFromModel(double txPowerDbm);

    /** \return when the pending return to idle is due (Time::Max() if none) */
    Time DueTime() const override;
    /** \brief Return to idle at DueTime(), charging the state left up to then. */
    void ApplyDueChange() override;

    /**
     * \param state a state
     * \return the current the radio draws in it, A (the attributes; 0 when off)
     */
    double GetStateCurrentA(WifiPhyState state) const;

  private:
    void DoDispose() override;
    /** \return the current of the state last applied, A (the source applies due changes
     *          before it reads it) */
    double DoGetCurrentA() const override;
    /** \brief Apply the pending return to idle if it is due by now. */
    void ApplyReturnToIdleIfDue();
    /**
     * \brief Add the energy of the state the radio is in from the last change to a time.
     * \param until the end of the interval
     */
    void ChargeUntil(Time until);

    Ptr<EnergySource> m_source;                   //!< the source
    Ptr<DnnEnergySource> m_deferringSource;       //!< the source, if it applies the returns
    double m_idleCurrentA;                        //!< idle current, A
    double m_ccaBusyCurrentA;                     //!< CCA-busy current, A
    double m_txCurrentA;                          //!< transmit current, A
    double m_rxCurrentA;                          //!< receive current, A
    double m_switchingCurrentA;                   //!< channel-switching current, A
    double m_sleepCurrentA;                       //!< sleep current, A
    Ptr<WifiTxCurrentModel> m_txCurrentModel;     //!< transmit current from transmit power
    WifiPhyState m_state;                         //!< the state last applied
    Time m_lastUpdateTime;                        //!< when the radio entered m_state
    Time m_returnToIdleAt;                        //!< when the radio goes back to idle (Max: never)
    EventId m_returnToIdleEvent;                  //!< the return as an event (other sources)
    uint32_t m_nestedChanges;                     //!< ChangeState() calls in progress
    TracedValue<double> m_totalEnergyConsumption; //!< energy used up to m_lastUpdateTime, J
    EnergyCallback m_depletionCallback;           //!< called when the source is drained
    EnergyCallback m_rechargedCallback;           //!< called when the source is recharged
    std::shared_ptr<DnnWifiRadioEnergyListener> m_listener; //!< the PHY listener
};

} // namespace ns3

#endif /* DNN_WIFI_RADIO_ENERGY_MODEL_H */
