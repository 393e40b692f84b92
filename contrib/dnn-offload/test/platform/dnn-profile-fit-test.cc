/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Unit tests of DnnFitProfile and DnnNonNegativeLeastSquares: per-kind speeds recovered
 * from synthetic times, least-squares answers derived by hand, the ridge's pull towards the
 * base profile, kinds the measurements do not exercise, and kinds the data leave no time
 * for (held at the base's figure).
 */

#include "ns3/dnn-device-profile.h"
#include "ns3/dnn-profile-fit.h"
#include "ns3/dnn-work.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace ns3;

namespace
{

/** A base profile of 1 GFLOP/s for every kind. */
DnnDeviceProfile
Base()
{
    DnnDeviceProfile base;
    base.name = "base";
    base.flops = 1e9;
    return base;
}

/** Index of a kind. */
std::size_t
K(DnnWorkKind kind)
{
    return static_cast<std::size_t>(kind);
}

/** Work of two kinds. */
DnnWork
Two(DnnWorkKind a, uint64_t fa, DnnWorkKind b, uint64_t fb)
{
    DnnWork work = DnnWork::Of(a, fa);
    work += DnnWork::Of(b, fb);
    return work;
}

/** Expect \p actual within \p rel of \p expected, relatively. */
void
ExpectRelative(double actual, double expected, double rel, const std::string& what)
{
    EXPECT_LE(std::abs(actual - expected), rel * std::abs(expected))
        << what << ": " << actual << " vs " << expected;
}

} // namespace

TEST(ProfileFitTest, NnlsSolvesASmallSystemExactly)
{
    // [1 0; 0 1; 1 1] x = [1; 2; 3]: consistent, x = (1, 2).
    const std::vector<double> x = DnnNonNegativeLeastSquares({{1, 0}, {0, 1}, {1, 1}}, {1, 2, 3});
    ASSERT_EQ(x.size(), 2U);
    EXPECT_NEAR(x[0], 1, 1e-14);
    EXPECT_NEAR(x[1], 2, 1e-14);
    // [1 0; 0 1] x = [1; -1]: the unconstrained answer (1, -1) is clamped to (1, 0).
    const std::vector<double> clamped = DnnNonNegativeLeastSquares({{1, 0}, {0, 1}}, {1, -1});
    EXPECT_NEAR(clamped[0], 1, 1e-14);
    EXPECT_EQ(clamped[1], 0);
    // [1 1] x = 2 with rows (x1 - 0), (x2 - 0) of weight 1e-3: x1 = x2 = 2 / (2 + 1e-6).
    const std::vector<double> even =
        DnnNonNegativeLeastSquares({{1, 1}, {1e-3, 0}, {0, 1e-3}}, {2, 0, 0});
    EXPECT_NEAR(even[0], 2 / (2 + 1e-6), 1e-14);
    EXPECT_NEAR(even[1], 2 / (2 + 1e-6), 1e-14);
    EXPECT_THROW(DnnNonNegativeLeastSquares({{1}}, {1, 2}), std::invalid_argument);
}

TEST(ProfileFitTest, OneKindPerMeasurementGivesFlopsOverSeconds)
{
    // 2 GFLOP of conv in 0.25 s: 8 GFLOP/s; 0.3 GFLOP of linear in 0.6 s: 0.5 GFLOP/s.
    const std::vector<DnnTimeMeasurement> times = {
        {DnnWork::Of(DnnWorkKind::Conv, 2000000000), 0.25, "conv"},
        {DnnWork::Of(DnnWorkKind::Linear, 300000000), 0.6, "linear"},
    };
    const DnnProfileFitResult fit = DnnFitProfile(Base(), times);
    EXPECT_TRUE(fit.heldKinds.empty());
    ExpectRelative(fit.profile.kindFlops[K(DnnWorkKind::Conv)], 8e9, 1e-6, "conv");
    ExpectRelative(fit.profile.kindFlops[K(DnnWorkKind::Linear)], 0.5e9, 1e-6, "linear");
    EXPECT_EQ(fit.profile.flops, 1e9); // unchanged
    EXPECT_TRUE(fit.exercised[K(DnnWorkKind::Conv)]);
    EXPECT_FALSE(fit.exercised[K(DnnWorkKind::Pooling)]);
    ASSERT_EQ(fit.predicted.size(), 2U);
    ExpectRelative(fit.predicted[0], 0.25, 1e-6, "conv time");
    ExpectRelative(fit.predicted[1], 0.6, 1e-6, "linear time");
    EXPECT_NEAR(fit.residual[0], 0, 1e-6);
    EXPECT_NEAR(fit.residual[1], 0, 1e-6);
}

TEST(ProfileFitTest, MixedWorkFromKnownSpeedsIsRecovered)
{
    // Speeds: conv 12 GFLOP/s, grouped conv 3, linear 0.4, pooling 0.8, elementwise 2.
    // Five models of mixed work, timed with these speeds: the fit finds them again.
    DnnDeviceProfile truth = Base();
    truth.kindFlops = {12e9, 3e9, 0.4e9, 0.8e9, 2e9};
    const std::vector<std::array<uint64_t, DNN_WORK_KINDS>> works = {
        {1400000000, 0, 120000000, 3000000, 5000000}, {3000000000, 0, 2000000, 40000000, 30000000},
        {8000000000, 0, 4000000, 5000000, 60000000},  {300000000, 20000000, 2500000, 0, 20000000},
        {500000000, 100000000, 0, 10000000, 0},
    };
    std::vector<DnnTimeMeasurement> times;
    for (const auto& flops : works)
    {
        DnnWork work;
        work.flops = flops;
        times.push_back({work, truth.Seconds(work), "m" + std::to_string(times.size())});
    }
    const DnnProfileFitResult fit = DnnFitProfile(Base(), times);
    EXPECT_TRUE(fit.heldKinds.empty());
    for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
    {
        ExpectRelative(fit.profile.kindFlops[k], truth.kindFlops[k], 1e-6,
                       DnnWorkKindName(static_cast<DnnWorkKind>(k)));
        ExpectRelative(fit.profile.Speed(static_cast<DnnWorkKind>(k)), truth.kindFlops[k], 1e-6,
                       "Speed");
    }
    for (std::size_t i = 0; i < times.size(); ++i)
    {
        EXPECT_NEAR(fit.residual[i], 0, 1e-9) << times[i].label;
        ExpectRelative(fit.profile.Seconds(times[i].work), times[i].seconds, 1e-6, "Seconds");
    }
}

TEST(ProfileFitTest, InconsistentTimesOfOneKindGiveTheHandDerivedAnswer)
{
    // 1 GFLOP of conv measured at 1 s and at 0.5 s. With a_i = W_i / t_i (1e9 and 2e9
    // FLOP/s) and x seconds per FLOP, minimise (a_1 x - 1)^2 + (a_2 x - 1)^2:
    // x = (a_1 + a_2) / (a_1^2 + a_2^2) = 3e9 / 5e18 = 0.6 ns, a speed of 1 / 0.6 ns =
    // 1.667 GFLOP/s; both predict 0.6 s: residuals (0.6 - 1) / 1 = -40 % and
    // (0.6 - 0.5) / 0.5 = +20 %. (An absolute least squares would give 0.75 s.)
    const std::vector<DnnTimeMeasurement> times = {
        {DnnWork::Of(DnnWorkKind::Conv, 1000000000), 1.0, "slow"},
        {DnnWork::Of(DnnWorkKind::Conv, 1000000000), 0.5, "fast"},
    };
    const DnnProfileFitResult fit = DnnFitProfile(Base(), times);
    ExpectRelative(fit.profile.kindFlops[K(DnnWorkKind::Conv)], 1e9 / 0.6, 1e-6, "conv");
    ExpectRelative(fit.secondsPerFlop[K(DnnWorkKind::Conv)], 0.6e-9, 1e-6, "s/FLOP");
    ExpectRelative(fit.predicted[0], 0.6, 1e-6, "slow");
    ExpectRelative(fit.predicted[1], 0.6, 1e-6, "fast");
    ExpectRelative(fit.residual[0], -0.4, 1e-6, "slow residual");
    ExpectRelative(fit.residual[1], 0.2, 1e-6, "fast residual");
}

TEST(ProfileFitTest, InconsistentTimesOfTwoKindsGiveTheHandDerivedAnswer)
{
    // 1 GFLOP of conv in 1 s, 1 GFLOP of linear in 1 s, and both together also in 1 s.
    // With a = 1e9 x_conv and b = 1e9 x_linear, minimise (a - 1)^2 + (b - 1)^2 +
    // (a + b - 1)^2: the gradient gives (a - 1) + (a + b - 1) = 0 and (b - 1) + (a + b - 1)
    // = 0, so a = b and 3a = 2: a = b = 2/3, speeds 1.5 GFLOP/s, predicted 2/3, 2/3 and
    // 4/3 s, residuals -1/3, -1/3, +1/3.
    const std::vector<DnnTimeMeasurement> times = {
        {DnnWork::Of(DnnWorkKind::Conv, 1000000000), 1.0, "conv"},
        {DnnWork::Of(DnnWorkKind::Linear, 1000000000), 1.0, "linear"},
        {Two(DnnWorkKind::Conv, 1000000000, DnnWorkKind::Linear, 1000000000), 1.0, "both"},
    };
    const DnnProfileFitResult fit = DnnFitProfile(Base(), times);
    ExpectRelative(fit.profile.kindFlops[K(DnnWorkKind::Conv)], 1.5e9, 1e-6, "conv");
    ExpectRelative(fit.profile.kindFlops[K(DnnWorkKind::Linear)], 1.5e9, 1e-6, "linear");
    ExpectRelative(fit.residual[0], -1.0 / 3, 1e-6, "conv residual");
    ExpectRelative(fit.residual[1], -1.0 / 3, 1e-6, "linear residual");
    ExpectRelative(fit.residual[2], 1.0 / 3, 1e-6, "both residual");
}

TEST(ProfileFitTest, KindsNotExercisedKeepTheBaseSpeed)
{
    DnnDeviceProfile base = Base();
    base.kindFlops[K(DnnWorkKind::Pooling)] = 0.7e9; // the base's own per-kind figure
    const std::vector<DnnTimeMeasurement> times = {
        {DnnWork::Of(DnnWorkKind::Conv, 4000000000), 1.0, "conv"},
    };
    const DnnProfileFitResult fit = DnnFitProfile(base, times);
    ExpectRelative(fit.profile.kindFlops[K(DnnWorkKind::Conv)], 4e9, 1e-6, "conv");
    EXPECT_EQ(fit.profile.kindFlops[K(DnnWorkKind::Pooling)], 0.7e9);
    EXPECT_EQ(fit.profile.kindFlops[K(DnnWorkKind::Linear)], 0); // still: the profile's flops
    EXPECT_EQ(fit.profile.Speed(DnnWorkKind::Linear), 1e9);
    EXPECT_EQ(fit.profile.Speed(DnnWorkKind::GroupedConv), 1e9);
    EXPECT_EQ(fit.profile.Speed(DnnWorkKind::Elementwise), 1e9);
    EXPECT_FALSE(fit.exercised[K(DnnWorkKind::Linear)]);
    EXPECT_EQ(fit.secondsPerFlop[K(DnnWorkKind::Pooling)], 1 / 0.7e9);
}

TEST(ProfileFitTest, UnderdeterminedKindsStayClosestToTheBase)
{
    // One measurement, two kinds: 1 GFLOP conv + 1 GFLOP linear in 1 s, base 1 GFLOP/s
    // (which predicts 2 s). With y = x / x0 (each kind's time in s), every y_conv +
    // y_linear = 1 fits exactly; the ridge picks the one nearest (1, 1): y = (0.5, 0.5)
    // (exactly (1 + lambda) / (2 + lambda)), speeds 2 GFLOP/s.
    const std::vector<DnnTimeMeasurement> times = {
        {Two(DnnWorkKind::Conv, 1000000000, DnnWorkKind::Linear, 1000000000), 1.0, "both"},
    };
    const DnnProfileFitResult fit = DnnFitProfile(Base(), times);
    ExpectRelative(fit.profile.kindFlops[K(DnnWorkKind::Conv)], 2e9, 1e-6, "conv");
    ExpectRelative(fit.profile.kindFlops[K(DnnWorkKind::Linear)], 2e9, 1e-6, "linear");
    EXPECT_NEAR(fit.residual[0], 0, 1e-6);
    // Measurements the base already predicts: nothing moves.
    const std::vector<DnnTimeMeasurement> exact = {
        {Two(DnnWorkKind::Conv, 1000000000, DnnWorkKind::Linear, 1000000000), 2.0, "both"},
    };
    const DnnProfileFitResult same = DnnFitProfile(Base(), exact);
    ExpectRelative(same.profile.kindFlops[K(DnnWorkKind::Conv)], 1e9, 1e-12, "conv");
    ExpectRelative(same.profile.kindFlops[K(DnnWorkKind::Linear)], 1e9, 1e-12, "linear");
}

TEST(ProfileFitTest, AKindTheTimesLeaveNoTimeForIsHeldAtTheBaseFigure)
{
    // Base: 1 GFLOP/s, linear 4 GFLOP/s. 1 GFLOP conv in 1 s; 1 GFLOP conv + 1 GFLOP linear
    // in 0.5 s. In y = x / x0 the rows are y_c = 1 and 2 y_c + 0.5 y_l = 1: exactly
    // y_c = 1, y_l = -2. Non-negative, y_l = 0 and y_c minimises (y_c - 1)^2 + (2 y_c - 1)^2:
    // 0.6 (the gradient on y_l, 0.5 (2 x 0.6 - 1) > 0, keeps it at 0): linear would be
    // infinitely fast. So it is held at 4 GFLOP/s (0.25 s of the second time) and conv
    // refitted: (y_c - 1)^2 + (2 y_c + 0.5 - 1)^2 is least at 10 y_c = 4, y_c = 0.4:
    // 2.5 GFLOP/s; predicted 0.4 s (-60 %) and 0.65 s (+30 %).
    DnnDeviceProfile base = Base();
    base.kindFlops[K(DnnWorkKind::Linear)] = 4e9;
    const std::vector<DnnTimeMeasurement> times = {
        {DnnWork::Of(DnnWorkKind::Conv, 1000000000), 1.0, "conv"},
        {Two(DnnWorkKind::Conv, 1000000000, DnnWorkKind::Linear, 1000000000), 0.5, "both"},
    };
    const DnnProfileFitResult fit = DnnFitProfile(base, times);
    ASSERT_EQ(fit.heldKinds.size(), 1U);
    EXPECT_EQ(fit.heldKinds[0], DnnWorkKind::Linear);
    EXPECT_EQ(fit.profile.kindFlops[K(DnnWorkKind::Linear)], 4e9); // the base's, not inf
    EXPECT_EQ(fit.secondsPerFlop[K(DnnWorkKind::Linear)], 0.25e-9);
    ExpectRelative(fit.profile.kindFlops[K(DnnWorkKind::Conv)], 2.5e9, 1e-6, "conv");
    ExpectRelative(fit.predicted[0], 0.4, 1e-6, "conv time");
    ExpectRelative(fit.predicted[1], 0.65, 1e-6, "both time");
    ExpectRelative(fit.residual[0], -0.6, 1e-6, "conv residual");
    ExpectRelative(fit.residual[1], 0.3, 1e-6, "both residual");
    ExpectRelative(fit.profile.Seconds(times[1].work), 0.65, 1e-6, "Seconds");
}

TEST(ProfileFitTest, BadMeasurementsAreRejected)
{
    EXPECT_THROW(DnnFitProfile(Base(), {}), std::invalid_argument);
    EXPECT_THROW(DnnFitProfile(Base(), {{DnnWork::Of(DnnWorkKind::Conv, 1), 0.0, "zero"}}),
                 std::invalid_argument);
    EXPECT_THROW(DnnFitProfile(Base(), {{DnnWork::Of(DnnWorkKind::Conv, 1), -1.0, "neg"}}),
                 std::invalid_argument);
    EXPECT_THROW(DnnFitProfile(Base(), {{DnnWork{}, 1.0, "no work"}}), std::invalid_argument);
    EXPECT_THROW(DnnFitProfile(Base(), {{DnnWork::Of(DnnWorkKind::Conv, 1), 1.0, "x"}}, -1),
                 std::invalid_argument);
}
