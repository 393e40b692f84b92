/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/dnn-hash.h"
#include "ns3/dnn-link-calibration.h"
#include "ns3/dnn-platform.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace
{

using namespace ns3;
namespace fs = std::filesystem;

DnnDevice
MakeDevice(const std::string& name, DnnDeviceRole role, double x)
{
    DnnDevice device;
    device.name = name;
    device.profile = *DnnDeviceProfile::FindBuiltin("rpi4");
    device.role = role;
    device.x = x;
    return device;
}

/** Two devices on a point-to-point link of \p rate bit/s and \p delay s. */
DnnPlatform
P2pPlatform(double rate, double delay)
{
    DnnPlatform platform;
    platform.AddDevice(MakeDevice("a", DnnDeviceRole::Edge, 0));
    platform.AddDevice(MakeDevice("b", DnnDeviceRole::Cloud, 0));
    DnnNetwork link;
    link.name = "link";
    link.kind = DnnNetworkKind::P2p;
    link.members = {0, 1};
    link.dataRate = rate;
    link.delay = delay;
    platform.AddNetwork(link);
    return platform;
}

/** Device indices of the Wi-Fi platform. */
enum Cell : uint32_t
{
    AP,
    NEAR,
    FAR,
};

/** An 802.11ac access point (20 MHz, ideal rate manager), a station 3 m and one 40 m away. */
DnnPlatform
WifiPlatform()
{
    DnnPlatform platform;
    platform.AddDevice(MakeDevice("ap", DnnDeviceRole::Edge, 0));
    platform.AddDevice(MakeDevice("near", DnnDeviceRole::Iot, 3));
    platform.AddDevice(MakeDevice("far", DnnDeviceRole::Iot, 40));
    DnnNetwork wlan;
    wlan.name = "wlan";
    wlan.kind = DnnNetworkKind::Wifi;
    wlan.members = {AP, NEAR, FAR};
    wlan.accessPoint = AP;
    wlan.dataRate = 100e6;
    wlan.channelWidth = 20;
    platform.AddNetwork(wlan);
    return platform;
}

/** The measured hop from \p from to \p to. */
const DnnHopCalibration&
FindHop(const DnnCalibrationResult& result, uint32_t from, uint32_t to)
{
    for (const auto& hop : result.hops)
    {
        if (hop.from == from && hop.to == to)
        {
            return hop;
        }
    }
    throw std::out_of_range("no such hop");
}

/** A folder of its own under the system's temporary folder, removed at the end. */
struct TemporaryFolder
{
    fs::path path{fs::temp_directory_path() /
                  ("dnn-link-calibration-test-" + std::to_string(::getpid()))};

    TemporaryFolder() { fs::remove_all(path); }

    ~TemporaryFolder()
    {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

TEST(LinkCalibrationTest, FitIsTheLineThroughTwoPoints)
{
    const DnnHopModel model = DnnLinkCalibration::Fit({1000, 3000}, {0.5, 0.7});
    EXPECT_NEAR(model.fixed, 0.4, 1e-12);
    EXPECT_NEAR(model.rate, 10000, 1e-6);
    // Least squares through three points on a line.
    const DnnHopModel three = DnnLinkCalibration::Fit({0, 1000, 2000}, {0.1, 0.2, 0.3});
    EXPECT_NEAR(three.fixed, 0.1, 1e-12);
    EXPECT_NEAR(three.rate, 10000, 1e-6);
    // A negative intercept: through the origin instead.
    const DnnHopModel origin = DnnLinkCalibration::Fit({1000, 2000}, {0.05, 0.2});
    EXPECT_EQ(origin.fixed, 0);
    EXPECT_GT(origin.rate, 0);
}

TEST(LinkCalibrationTest, Fnv1aMatchesItsReferenceValues)
{
    // The FNV-1a 64-bit test vectors (Fowler, Noll, Vo: "" and "a").
    EXPECT_EQ(DnnFnv1a64(""), 0xcbf29ce484222325ULL);
    EXPECT_EQ(DnnFnv1a64("a"), 0xaf63dc4c8601ec8cULL);
    EXPECT_EQ(DnnFnv1a64Hex(""), "cbf29ce484222325");
}

/**
 * A 10 Mbit/s, 10 ms point-to-point link. Once the window is open, every full segment
 * carries 1448 payload bytes in 1448 + 32 (TCP header with the timestamp option, 20 + 12)
 * + 20 (IPv4) + 2 (PPP) = 1502 bytes on the wire, so bytes flow at 10e6 / 8 * 1448 / 1502
 * = 1,205,060 B/s (the ACKs go the other way, on a full-duplex link). A fresh connection's
 * message waits at least the handshake's round trip, 2 x 10 ms, before its first byte
 * leaves, plus 10 ms for its last byte to arrive: the fixed cost is at least 2 x delay.
 */
TEST(LinkCalibrationTest, PointToPointRateIsTheTcpPayloadShareOfTheLinkRate)
{
    const double rate = 10e6;
    const double delay = 0.01;
    const DnnPlatform platform = P2pPlatform(rate, delay);
    const DnnCalibrationResult result = DnnLinkCalibration().Measure(platform, {0});
    ASSERT_EQ(result.hops.size(), 2U);
    const double expected = rate / 8 * 1448.0 / 1502.0;
    for (const auto& hop : result.hops)
    {
        EXPECT_EQ(hop.sizes, (std::vector<uint64_t>{64 * 1024, 256 * 1024, 1024 * 1024}));
        EXPECT_NEAR(hop.model.rate / expected, 1.0, 0.03)
            << hop.from << "->" << hop.to << ": " << hop.model.rate << " B/s";
        EXPECT_GE(hop.model.fixed, 2 * delay) << hop.from << "->" << hop.to;
        EXPECT_LT(hop.model.fixed, 0.5) << hop.from << "->" << hop.to;
        EXPECT_EQ(hop.nominal.rate, rate / 8);
        EXPECT_EQ(hop.nominal.fixed, delay);
    }
    EXPECT_FALSE(result.cached);
    EXPECT_GT(result.simulatedTime, 0);
}

TEST(LinkCalibrationTest, AFarWifiStationGetsALowerRateThanANearOne)
{
    const DnnPlatform platform = WifiPlatform();
    const DnnCalibrationResult result = DnnLinkCalibration().Measure(platform, {0});
    ASSERT_EQ(result.hops.size(), 4U); // each station to the access point and back
    EXPECT_LT(FindHop(result, FAR, AP).model.rate, FindHop(result, NEAR, AP).model.rate);
    EXPECT_LT(FindHop(result, AP, FAR).model.rate, FindHop(result, AP, NEAR).model.rate);
    for (const auto& hop : result.hops)
    {
        // At 40 m the 1 MiB message is slower per byte than the 64 KiB one (more frames
        // lost and sent again as the window grows): the line's intercept is then negative and
        // the fit goes through the origin.
        EXPECT_GE(hop.model.fixed, 0)
            << hop.from << "->" << hop.to << ": " << hop.times[0] << " s, " << hop.times[1] << " s";
        EXPECT_LT(hop.model.rate, hop.nominal.rate * 2) << hop.from << "->" << hop.to;
    }

    // On the platform: a station-to-station route crosses both measured hops.
    DnnPlatform calibrated = platform;
    DnnLinkCalibration::Apply(result, calibrated);
    EXPECT_TRUE(calibrated.HasMeasuredHops());
    EXPECT_EQ(calibrated.HopModel(0, NEAR, AP).rate, FindHop(result, NEAR, AP).model.rate);
    EXPECT_EQ(calibrated.HopModel(0, AP, FAR).fixed, FindHop(result, AP, FAR).model.fixed);
}

TEST(LinkCalibrationTest, ASecondCalibrationIsACacheHitWithTheSameModels)
{
    const TemporaryFolder folder;
    DnnLinkCalibration calibration;
    calibration.SetCacheDirectory(folder.path.string());
    calibration.SetProbeSizes({16 * 1024, 256 * 1024});
    const DnnPlatform platform = P2pPlatform(20e6, 0.005);
    const DnnCalibrationResult first = calibration.Measure(platform, {0});
    EXPECT_FALSE(first.cached);
    EXPECT_EQ(first.key.size(), 16U);
    EXPECT_EQ(first.cacheFile, (folder.path / (first.key + ".json")).string());
    ASSERT_TRUE(fs::exists(first.cacheFile));
    const DnnCalibrationResult second = calibration.Measure(platform, {0});
    EXPECT_TRUE(second.cached);
    EXPECT_EQ(second.key, first.key);
    ASSERT_EQ(second.hops.size(), first.hops.size());
    for (std::size_t h = 0; h < first.hops.size(); ++h)
    {
        // To the bit.
        EXPECT_EQ(second.hops[h].model.fixed, first.hops[h].model.fixed);
        EXPECT_EQ(second.hops[h].model.rate, first.hops[h].model.rate);
        EXPECT_EQ(second.hops[h].times, first.hops[h].times);
    }
    EXPECT_EQ(second.simulatedTime, first.simulatedTime);
    // Only the cache file is in the folder (the temporary one was renamed).
    EXPECT_EQ(std::distance(fs::directory_iterator(folder.path), fs::directory_iterator()), 1);

    // Measuring again without the cache gives the same models: the probes are deterministic.
    DnnLinkCalibration uncached = calibration;
    uncached.SetCacheDirectory("");
    const DnnCalibrationResult again = uncached.Measure(platform, {0});
    EXPECT_FALSE(again.cached);
    EXPECT_EQ(again.hops[0].model.rate, first.hops[0].model.rate);
    EXPECT_EQ(again.hops[0].model.fixed, first.hops[0].model.fixed);

    // What the measurement depends on is in the key.
    EXPECT_NE(calibration.Key(P2pPlatform(20e6, 0.006), {0}), first.key);
    EXPECT_NE(calibration.Key(P2pPlatform(10e6, 0.005), {0}), first.key);
    DnnLinkCalibration otherSeed = calibration;
    otherSeed.SetSeed(2, 1);
    EXPECT_NE(otherSeed.Key(platform, {0}), first.key);
    DnnLinkCalibration otherSizes = calibration;
    otherSizes.SetProbeSizes({16 * 1024, 512 * 1024});
    EXPECT_NE(otherSizes.Key(platform, {0}), first.key);
    EXPECT_EQ(calibration.Key(P2pPlatform(20e6, 0.005), {0}), first.key);
}

TEST(LinkCalibrationTest, NoNetworksMeansNothingMeasured)
{
    const DnnCalibrationResult result = DnnLinkCalibration().Measure(P2pPlatform(1e6, 0), {});
    EXPECT_TRUE(result.hops.empty());
    EXPECT_FALSE(result.cached);
}

} // namespace
