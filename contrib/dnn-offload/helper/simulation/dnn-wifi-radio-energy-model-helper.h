/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_WIFI_RADIO_ENERGY_MODEL_HELPER_H
#define DNN_WIFI_RADIO_ENERGY_MODEL_HELPER_H

#include "ns3/dnn-ns3-compat.h"
#include "ns3/dnn-wifi-radio-energy-model.h"

#include "ns3/energy-model-helper.h"
#include "ns3/object-factory.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Installs a DnnWifiRadioEnergyModel on Wi-Fi devices, as WifiRadioEnergyModelHelper
 *        installs ns-3's WifiRadioEnergyModel.
 *
 * Each model is appended to its energy source, registers its listener with the device's
 * WifiPhy, and switches the PHY off when the source is drained (WifiPhy::SetOffMode) and on
 * again when it is recharged (WifiPhy::ResumeFromOff), unless other callbacks are set.
 */
class DnnWifiRadioEnergyModelHelper : public DeviceEnergyModelHelper
{
  public:
    /** \brief Constructor: models of type ns3::DnnWifiRadioEnergyModel. */
    DnnWifiRadioEnergyModelHelper();

    /**
     * \brief Set an attribute of the models to install.
     * \param name the attribute's name (e.g. "TxCurrentA")
     * \param v its value
     */
    void Set(std::string name, const AttributeValue& v) override;
    /**
     * \brief Call this instead of WifiPhy::SetOffMode when a source is drained.
     * \param callback the callback
     */
    void SetDepletionCallback(DnnWifiRadioEnergyModel::EnergyCallback callback);
    /**
     * \brief Call this instead of WifiPhy::ResumeFromOff when a source is recharged.
     * \param callback the callback
     */
    void SetRechargedCallback(DnnWifiRadioEnergyModel::EnergyCallback callback);

  private:
    /**
     * \brief Install a model on a Wi-Fi device.
     * \param device a WifiNetDevice (anything else is a fatal error)
     * \param source the source the model draws from
     * \return the model
     */
    Ptr<DeviceEnergyModel> DoInstall(Ptr<NetDevice> device,
                                     Ptr<EnergySource> source) const override;

    ObjectFactory m_radioEnergy;                                 //!< makes the models
    DnnWifiRadioEnergyModel::EnergyCallback m_depletionCallback; //!< instead of SetOffMode
    DnnWifiRadioEnergyModel::EnergyCallback m_rechargedCallback; //!< instead of ResumeFromOff
};

} // namespace ns3

#endif /* DNN_WIFI_RADIO_ENERGY_MODEL_HELPER_H */
