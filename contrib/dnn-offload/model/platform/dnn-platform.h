/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_PLATFORM_H
#define DNN_PLATFORM_H

#include "dnn-device-profile.h"

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

/** \ingroup dnn-offload \brief What a device is for. */
enum class DnnDeviceRole
{
    Iot,    //!< requesting IoT device: owns the input, receives the result
    Helper, //!< nearby device that lends compute
    Edge,   //!< edge server
    Cloud,  //!< cloud server behind a WAN link
};

/** \ingroup dnn-offload \brief Name of a role ("iot", "helper", "edge", "cloud").
 *  \param role the role \return the name */
std::string DnnRoleName(DnnDeviceRole role);

/** \ingroup dnn-offload \brief Role by name. \param name "iot", "helper", "edge" or "cloud"
 *  \param role set on success \return false when the name is unknown */
bool DnnParseRole(const std::string& name, DnnDeviceRole& role);

/** \ingroup dnn-offload \brief One device of a platform. */
struct DnnDevice
{
    std::string name;                       //!< unique name
    DnnDeviceProfile profile;               //!< compute, memory and power figures
    DnnDeviceRole role{DnnDeviceRole::Iot}; //!< what it is for
    double x{0};                            //!< position east, m
    double y{0};                            //!< position north, m
    double z{0};                            //!< height, m
};

/** \ingroup dnn-offload \brief Kind of a network. */
enum class DnnNetworkKind
{
    Wifi, //!< infrastructure BSS: stations talk through the access point
    Csma, //!< shared Ethernet segment: every member reaches every other in one hop
    P2p,  //!< point-to-point link between two devices (e.g. the WAN to the cloud)
};

/** \ingroup dnn-offload \brief Name of a network kind ("wifi", "csma", "p2p").
 *  \param kind the kind \return the name */
std::string DnnNetworkKindName(DnnNetworkKind kind);

/** \ingroup dnn-offload \brief One network of a platform. */
struct DnnNetwork
{
    /** No access point. */
    static constexpr uint32_t NONE = std::numeric_limits<uint32_t>::max();

    std::string name;                          //!< unique name
    DnnNetworkKind kind{DnnNetworkKind::Csma}; //!< kind
    std::vector<uint32_t> members;             //!< device indices (Wi-Fi: the access point too)
    uint32_t accessPoint{NONE};                //!< Wi-Fi: device index of the access point
    double dataRate{0};                        //!< nominal rate, bit/s
    double delay{0};                           //!< one-hop latency, s
    double efficiency{0}; //!< share of dataRate the planner expects (0: the platform's)

    // Simulation only (DnnTopologyHelper); the planner uses dataRate and delay.
    std::string wifiStandard{"80211ac"}; //!< Wi-Fi: "80211n", "80211ac" or "80211ax"
    uint32_t channelWidth{20};           //!< Wi-Fi: channel width, MHz
    std::string rateManager{"ideal"};    //!< Wi-Fi: "ideal", "minstrel" (MinstrelHt), "constant"
    uint32_t mcs{0};                     //!< Wi-Fi: the MCS of the "constant" rate manager
};

/**
 * \ingroup dnn-offload
 * \brief How long a message takes over one hop of a network, from one device to another:
 *        fixed + bytes / rate.
 */
struct DnnHopModel
{
    double fixed{0}; //!< seconds a message costs whatever its size (latency, handshakes)
    double rate{0};  //!< bytes per second once it flows
};

/**
 * \ingroup dnn-offload
 * \brief Devices and the networks between them, and the contention-free cost model the
 *        planners use on them.
 *
 * A task runs on a device for the sum over its kinds of work of FLOPs / the profile's speed
 * on that kind (DnnDeviceProfile::Seconds), on one core. Between
 * two devices the planner assumes the nominal path of fewest hops (ties: lowest device
 * index), its rate the slowest hop's, where a hop over a network the path crosses k times
 * counts at 1/k of that network's rate (a Wi-Fi station-to-station transfer is relayed by
 * the access point over the same air), times the planning efficiency; its latency the sum
 * of the hops' delays.
 *
 * A hop's model (HopModel()) is the nominal one, the network's delay and its rate times
 * the planning efficiency, unless a measured one was set (SetHopModel(), e.g. from ns-3
 * probes): then a path's latency is the sum of its hops' fixed costs and its rate that of
 * its busiest medium (the one its hops keep busy longest per byte).
 *
 * The media (Medium()) are what transfers share under the shared-medium planning model: a
 * Wi-Fi network is one (stations and access point take turns on the air), a CSMA segment
 * one, a point-to-point link two, one per direction (full duplex).
 */
class DnnPlatform
{
  public:
    /** \brief The planner's view of the path between two devices. */
    struct Path
    {
        std::vector<uint32_t> devices;  //!< devices from source to destination
        std::vector<uint32_t> networks; //!< network of each hop
        double rate{0};                 //!< nominal rate of the path, bit/s (before efficiency)
        double latency{0};              //!< summed hop delays, s
    };

    /** \brief Add a device. \param device the device (unique name, positive FLOP/s)
     *  \return its index */
    uint32_t AddDevice(DnnDevice device);
    /** \brief Add a network between devices already added. \param network the network
     *  \return its index */
    uint32_t AddNetwork(DnnNetwork network);
    /** \brief Fraction of the nominal rate the planner expects to get (TCP/IP and MAC
     *  overheads). \param efficiency in (0, 1] */
    void SetPlanningEfficiency(double efficiency);

    /**
     * \brief Set a hop's measured model, which replaces the nominal one.
     * \param network the network \param from sending member \param to receiving member
     * \param model fixed >= 0 s, rate > 0 B/s
     * \throw std::invalid_argument for devices not on the network or a bad model
     */
    void SetHopModel(uint32_t network, uint32_t from, uint32_t to, DnnHopModel model);
    /** \brief A hop's model: measured if set, else the network's delay and nominal rate
     *  times its planning efficiency. \param network the network \param from sender
     *  \param to receiver \return the model */
    DnnHopModel HopModel(uint32_t network, uint32_t from, uint32_t to) const;
    /** \brief Whether some hop has a measured model. \return true if so */
    bool HasMeasuredHops() const;
    /** \brief Forget the measured hop models: back to the nominal ones. */
    void ClearMeasuredHops();
    /** \brief Number of media. \return the count */
    uint32_t MediumCount() const;
    /** \brief The medium a hop occupies. \param network the network \param from sender
     *  \param to receiver \return the medium */
    uint32_t Medium(uint32_t network, uint32_t from, uint32_t to) const;
    /** \brief A medium's name: the network's, with "/a->b" for a direction of a
     *  point-to-point link. \param medium the medium \return the name */
    std::string MediumName(uint32_t medium) const;

    /** \brief Number of devices. \return the count */
    uint32_t DeviceCount() const;
    /** \brief A device. \param index index \return the device */
    const DnnDevice& Device(uint32_t index) const;
    /** \brief Index of a device. \param name its name \return index, or DnnNetwork::NONE */
    uint32_t FindDevice(const std::string& name) const;
    /** \brief The networks. \return all networks */
    const std::vector<DnnNetwork>& Networks() const;
    /** \brief The planning efficiency. \return the factor */
    double PlanningEfficiency() const;

    /** \brief Path between two devices. Throws DnnInputError when there is none.
     *  \param from source device \param to destination device \return the path */
    Path Route(uint32_t from, uint32_t to) const;
    /** \brief The paths from one device to every device (to itself: an empty path), from
     *  one breadth-first search: each is the path Route() gives. Throws DnnInputError
     *  naming the lowest-indexed unreachable device. \param from source device
     *  \return DeviceCount() paths */
    std::vector<Path> RoutesFrom(uint32_t from) const;
    /** \brief All paths, row-major from x to (a device to itself: an empty path).
     *  Throws DnnInputError naming the first unreachable pair. Memory grows with the square
     *  of the device count: prefer RoutesFrom() one source at a time. \return m x m paths */
    std::vector<Path> AllRoutes() const;
    /** \brief The planner's bandwidth of a path: the smallest share of a hop's rate times
     *  that network's efficiency (or the platform's). \param path a path \return bytes/s */
    double PlanningBandwidth(const Path& path) const;
    /** \brief Execution time of some work on one core (DnnDeviceProfile::Seconds).
     *  \param work work, FLOPs by kind \param device device
     *  \return seconds */
    double ExecutionTime(const DnnWork& work, uint32_t device) const;

  private:
    /** \brief Breadth-first search over one-hop links from \p from, neighbours in (network,
     *  member) order, so ties between equally short paths go to the lower-indexed network
     *  and device; stops once \p stop is reached (DnnNetwork::NONE: never).
     *  \param from source \param stop device to stop at
     *  \param previous filled: each reached device's predecessor (NONE if unreached)
     *  \param via filled: the network of the hop into each reached device */
    void Search(uint32_t from, uint32_t stop, std::vector<uint32_t>& previous,
                std::vector<uint32_t>& via) const;
    /** \brief The path to \p to in a search tree of Search(); throws DnnInputError if
     *  \p to was not reached. \param from source \param to destination
     *  \param previous predecessors \param via networks \return the path */
    Path TracePath(uint32_t from, uint32_t to, const std::vector<uint32_t>& previous,
                   const std::vector<uint32_t>& via) const;

    std::vector<DnnDevice> m_devices;   //!< devices
    std::vector<DnnNetwork> m_networks; //!< networks
    double m_efficiency{1.0};           //!< planning efficiency
    std::map<std::tuple<uint32_t, uint32_t, uint32_t>, DnnHopModel> m_measured; //!< by hop
};

} // namespace ns3

#endif /* DNN_PLATFORM_H */
