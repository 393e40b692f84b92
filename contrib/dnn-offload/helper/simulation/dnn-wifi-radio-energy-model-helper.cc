/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-wifi-radio-energy-model-helper.h"

#include "ns3/abort.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-phy.h"

namespace ns3
{

DnnWifiRadioEnergyModelHelper::DnnWifiRadioEnergyModelHelper()
{
    m_radioEnergy.SetTypeId(DnnWifiRadioEnergyModel::GetTypeId());
}

void
DnnWifiRadioEnergyModelHelper::Set(std::string name, const AttributeValue& v)
{
    m_radioEnergy.Set(name, v);
}

void
DnnWifiRadioEnergyModelHelper::SetDepletionCallback(
    DnnWifiRadioEnergyModel::EnergyCallback callback)
{
    m_depletionCallback = callback;
}

void
DnnWifiRadioEnergyModelHelper::SetRechargedCallback(
    DnnWifiRadioEnergyModel::EnergyCallback callback)
{
    m_rechargedCallback = callback;
}

Ptr<DeviceEnergyModel>
DnnWifiRadioEnergyModelHelper::DoInstall(Ptr<NetDevice> device, Ptr<EnergySource> source) const
{
    NS_ASSERT(device);
    NS_ASSERT(source);
    Ptr<WifiNetDevice> wifiDevice = DynamicCast<WifiNetDevice>(device);
    NS_ABORT_MSG_IF(!wifiDevice,
                    "DnnWifiRadioEnergyModelHelper: " << device->GetInstanceTypeId().GetName()
                                                      << " is not a WifiNetDevice");
    Ptr<WifiPhy> phy = wifiDevice->GetPhy();
    Ptr<DnnWifiRadioEnergyModel> model = m_radioEnergy.Create<DnnWifiRadioEnergyModel>();
    model->SetEnergyDepletionCallback(m_depletionCallback.IsNull()
                                          ? MakeCallback(&WifiPhy::SetOffMode, phy)
                                          : m_depletionCallback);
    model->SetEnergyRechargedCallback(m_rechargedCallback.IsNull()
                                          ? MakeCallback(&WifiPhy::ResumeFromOff, phy)
                                          : m_rechargedCallback);
    source->AppendDeviceEnergyModel(model);
    model->SetEnergySource(source);
#if DNN_NS3_VERSION_MINOR >= 41
    phy->RegisterListener(model->GetPhyListener());
#else
    phy->RegisterListener(model->GetPhyListener().get()); // the model owns the listener
#endif
    return model;
}

} // namespace ns3
