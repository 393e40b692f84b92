/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_LINK_CALIBRATION_H
#define DNN_LINK_CALIBRATION_H

#include "ns3/dnn-platform.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

struct DnnScenario;

/** \ingroup dnn-offload \brief One measured hop: its probes and the fitted model. */
struct DnnHopCalibration
{
    uint32_t network{0};         //!< network index
    uint32_t from{0};            //!< sending device
    uint32_t to{0};              //!< receiving device
    bool representative{false};  //!< CSMA: stands for every ordered pair of members
    std::vector<uint64_t> sizes; //!< probe sizes, bytes
    std::vector<double> times;   //!< per size, s from the connect call to the last byte
    DnnHopModel model;           //!< the fit: fixed + bytes / rate
    DnnHopModel nominal;         //!< the network's delay and dataRate / 8, for comparison
};

/** \ingroup dnn-offload \brief What a calibration measured (or found in its cache). */
struct DnnCalibrationResult
{
    std::vector<uint32_t> networks;      //!< the networks calibrated
    std::vector<DnnHopCalibration> hops; //!< per measured hop, networks and members in order
    std::string key;                     //!< the cache key (16 hex digits)
    bool cached{false};                  //!< read from the cache, not simulated now
    std::string cacheFile;               //!< the cache file ("" without a cache folder)
    double simulatedTime{0};             //!< s of simulated time the probes took together
    uint64_t events{0};                  //!< simulator events of the probe run
    double measureWallClock{0};          //!< s of wall-clock time the measurement took
    double wallClock{0};                 //!< s of wall-clock time now (a cache hit: the read)
};

/**
 * \ingroup dnn-offload
 * \brief Measures, with short ns-3 probes over the platform's own topology, how long a
 *        message takes over each hop of some networks, as fixed + bytes / rate, for the
 *        planners (DnnPlatform::SetHopModel).
 *
 * Measure() builds the world the run builds (DnnTopologyHelper with its default TCP
 * settings, the same seed and run, streams from 1000) and, from plan time 0
 * (DnnTopologyHelper::AssociationBound(), when every station has associated), runs the
 * probes one at a time, 100 ms of idle air apart, so that none contends with another:
 * for each network and each hop that can differ (Wi-Fi: every station to the access point
 * and back; CSMA: the first member to the second, which stands for every ordered pair, since
 * all share one channel of one rate and delay; point-to-point: both directions), one
 * message of each probe size (default 64 KiB, 256 KiB and 1 MiB), after an untimed first
 * message of the largest size that lets the rate manager settle, over a fresh TCP connection: the
 * time runs from the connect call (the runtime's first message to a peer opens its
 * connection the same way) to the arrival of the last byte, so the handshake's round trip
 * and slow start are in it. A least-squares line through (size, time) gives the hop's
 * fixed cost (intercept) and rate (1 / slope); with two sizes the line through both.
 * A negative intercept is fitted again through the origin (fixed 0).
 *
 * With a cache folder, the result is kept as <folder>/<key>.json, the key the 64-bit FNV-1a
 * hash of CanonicalText() (everything the measurement depends on), written through a
 * temporary file and a rename; a later Measure() with the same key reads it instead of
 * simulating, and gives the same models to the bit. Nothing else in the folder is touched.
 */
class DnnLinkCalibration
{
  public:
    /** Version of the probe method: part of the cache key. */
    static constexpr uint32_t VERSION = 2;

    /** \brief Probes of 64 KiB, 256 KiB and 1 MiB, seed 1, run 1, no cache. */
    DnnLinkCalibration();

    /** \brief The probe sizes. \param sizes at least two distinct positive sizes, bytes */
    void SetProbeSizes(std::vector<uint64_t> sizes);
    /** \brief The RngSeedManager seed and run of the probe run (use the scenario's).
     *  \param seed seed \param run run number */
    void SetSeed(uint32_t seed, uint32_t run);
    /** \brief The cache folder (created when needed; "" for none). \param dir the folder */
    void SetCacheDirectory(const std::string& dir);

    /** \brief Everything the measurement depends on, as text (one fact per line).
     *  \param platform the platform \param networks the networks to calibrate
     *  \return the text */
    std::string CanonicalText(const DnnPlatform& platform,
                              const std::vector<uint32_t>& networks) const;
    /** \brief The cache key: the FNV-1a 64-bit hash of CanonicalText(), in hex.
     *  \param platform the platform \param networks the networks \return 16 hex digits */
    std::string Key(const DnnPlatform& platform, const std::vector<uint32_t>& networks) const;

    /**
     * \brief Measure (or read from the cache) the hops of some networks. Runs its own
     *        simulation and destroys the simulator (Simulator::Destroy, Names::Clear)
     *        afterwards: call it when no other simulation is set up.
     * \param platform the platform \param networks network indices to calibrate
     * \return the result; throws std::runtime_error when a probe does not complete
     */
    DnnCalibrationResult Measure(const DnnPlatform& platform,
                                 const std::vector<uint32_t>& networks) const;

    /** \brief Set a result's models on a platform (a representative CSMA hop on every
     *  ordered pair of its network's members). \param result the result \param platform
     *  the platform it was measured on */
    static void Apply(const DnnCalibrationResult& result, DnnPlatform& platform);
    /** \brief The result as JSON for the results folder (calibration.json).
     *  \param result the result \param platform the platform \return the text */
    static std::string Json(const DnnCalibrationResult& result, const DnnPlatform& platform);

    /**
     * \brief Calibrate a scenario's networks that are to be (DnnScenario::calibrated) with
     *        its seed and run, and set the models on its platform.
     * \param scenario the scenario \param cacheDir the cache folder ("" for none)
     * \return the result (no networks: nothing measured)
     */
    static DnnCalibrationResult CalibrateScenario(DnnScenario& scenario,
                                                  const std::string& cacheDir);

    /** \brief Fit fixed + bytes / rate by least squares (see the class doc).
     *  \param sizes bytes \param times s \return the model */
    static DnnHopModel Fit(const std::vector<uint64_t>& sizes, const std::vector<double>& times);

  private:
    /** \brief The hops to probe. \param platform the platform \param networks the networks
     *  \return the hops, sizes and times empty */
    static std::vector<DnnHopCalibration> Hops(const DnnPlatform& platform,
                                               const std::vector<uint32_t>& networks);
    /** \brief Run the probes. \param platform the platform \param result filled in */
    void Simulate(const DnnPlatform& platform, DnnCalibrationResult& result) const;
    /** \brief Read a cache file. \param file the file \param text the canonical text it
     *  must hold (against hash collisions) \param result filled in \return false if absent,
     *  unreadable or for another configuration */
    static bool ReadCache(const std::string& file, const std::string& text,
                          DnnCalibrationResult& result);
    /** \brief Write a cache file atomically. \param file the file \param text the canonical
     *  text \param result the result */
    static void WriteCache(const std::string& file, const std::string& text,
                           const DnnCalibrationResult& result);

    std::vector<uint64_t> m_sizes; //!< probe sizes, bytes
    uint32_t m_seed{1};            //!< RngSeedManager seed
    uint32_t m_run{1};             //!< RngSeedManager run
    std::string m_cacheDir;        //!< cache folder ("" none)
};

} // namespace ns3

#endif /* DNN_LINK_CALIBRATION_H */
