/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_PROFILE_FIT_H
#define DNN_PROFILE_FIT_H

#include "ns3/dnn-device-profile.h"
#include "ns3/dnn-work.h"

#include <array>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief One measured time: some work (a whole model's or one layer's) and how long one
 *        core of the device took for it.
 */
struct DnnTimeMeasurement
{
    DnnWork work;      //!< the work measured, FLOPs by kind
    double seconds{0}; //!< the measured time, s (positive)
    std::string label; //!< what was measured (e.g. "alexnet" or "resnet50/fc"), for reports
};

/**
 * \ingroup dnn-offload
 * \brief The outcome of DnnFitProfile(): the fitted profile and how well it matches each
 *        measurement.
 */
struct DnnProfileFitResult
{
    /** The base profile with kindFlops set for every kind some measurement exercises (flops
     *  and the other fields unchanged). */
    DnnDeviceProfile profile;
    /** Whether some measurement has work of each kind (by DnnWorkKind). */
    std::array<bool, DNN_WORK_KINDS> exercised{};
    /** Fitted seconds per FLOP of each kind; the base's 1 / Speed(kind) for kinds not
     *  exercised or held. */
    std::array<double, DNN_WORK_KINDS> secondsPerFlop{};
    /** Exercised kinds the measurements leave no time for: the fit gives them 0 s per FLOP
     *  (an infinite speed). Each is held at the base's figure instead (kindFlops = the
     *  base's Speed(kind)) and the other kinds are fitted around it; callers should warn. */
    std::vector<DnnWorkKind> heldKinds;
    /** Predicted seconds of each measurement (sum over kinds of FLOPs x secondsPerFlop). */
    std::vector<double> predicted;
    /** Relative residual of each measurement: (predicted - measured) / measured. */
    std::vector<double> residual;
};

/**
 * \ingroup dnn-offload
 * \brief Fit a profile's per-kind speeds to measured times by non-negative least squares.
 *
 * Unknowns: x_k, seconds per FLOP of kind k, for every kind some measurement exercises.
 * Minimised: the sum over measurements of ((sum_k work_k x_k - t) / t)^2 (relative
 * residuals: a 0.1 s and a 1 s measurement weigh alike) plus \p ridge x sum_k (x_k / x0_k -
 * 1)^2, where x0_k = 1 / base.Speed(k); subject to x_k >= 0. The small ridge pulls each
 * x_k towards the base figure, so a system with fewer independent measurements than kinds
 * (3 models, 4 kinds) has one solution, the one closest to the base in relative terms. It
 * moves a well-determined x_k by about ridge x |x_k / x0_k - 1| / s^2 relative, where s is
 * the kind's share of a measurement's time: with the default 1e-10, negligible.
 *
 * The problem is solved in the variables y_k = x_k / x0_k (columns: the base's predicted
 * share of each measured time, so of order 1) by Lawson and Hanson's active-set NNLS with
 * Householder QR for the subproblems: deterministic, exact for consistent data.
 *
 * A kind the fit gives 0 s per FLOP (the measurements leave it no time: an infinite speed)
 * is not emitted as such: it is held at the base's figure, its work charged at that speed,
 * and the remaining kinds are fitted again (repeatedly, if another then reaches 0); it is
 * listed in DnnProfileFitResult::heldKinds. Predictions and residuals are the returned
 * profile's.
 *
 * \param base the profile whose figures are the starting point (and the ridge's target)
 * \param measurements the measured times (at least one; positive seconds, non-zero work);
 *        throws std::invalid_argument otherwise
 * \param ridge the ridge weight lambda (>= 0; default 1e-10)
 * \return the fit
 */
DnnProfileFitResult DnnFitProfile(const DnnDeviceProfile& base,
                                  const std::vector<DnnTimeMeasurement>& measurements,
                                  double ridge = 1e-10);

/**
 * \ingroup dnn-offload
 * \brief Non-negative least squares: the x >= 0 minimising ||A x - b||_2 (Lawson and
 *        Hanson, "Solving Least Squares Problems", 1974, algorithm NNLS).
 *
 * Deterministic (ties go to the lowest column). For the small dense systems of profile
 * fitting; the columns in the solution's passive set must be linearly independent (true
 * whenever a ridge row is present for every column).
 *
 * \param a the matrix, row by row (rows x cols, every row the same length)
 * \param b the right-hand side (rows)
 * \return x (cols); throws std::invalid_argument on mismatched sizes
 */
std::vector<double> DnnNonNegativeLeastSquares(const std::vector<std::vector<double>>& a,
                                               const std::vector<double>& b);

} // namespace ns3

#endif /* DNN_PROFILE_FIT_H */
