/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-profile-fit.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnProfileFit");

namespace
{

/**
 * Least squares on some columns of \p a by Householder QR: the z minimising
 * ||A_cols z - b||_2.
 * \param a the matrix, row by row \param b the right-hand side \param cols the columns used
 * \return z, one value per entry of \p cols (0 for a column QR finds dependent)
 */
std::vector<double>
SubsetLeastSquares(const std::vector<std::vector<double>>& a, const std::vector<double>& b,
                   const std::vector<std::size_t>& cols)
{
    const std::size_t m = a.size();
    const std::size_t p = cols.size();
    std::vector<std::vector<double>> r(m, std::vector<double>(p));
    for (std::size_t i = 0; i < m; ++i)
    {
        for (std::size_t j = 0; j < p; ++j)
        {
            r[i][j] = a[i][cols[j]];
        }
    }
    std::vector<double> qtb = b;
    const std::size_t steps = std::min(m, p);
    for (std::size_t k = 0; k < steps; ++k)
    {
        double norm = 0;
        for (std::size_t i = k; i < m; ++i)
        {
            norm = std::hypot(norm, r[i][k]);
        }
        if (norm == 0)
        {
            continue;
        }
        const double alpha = r[k][k] > 0 ? -norm : norm;
        // v = x - alpha e_k, kept in place in column k below the diagonal (v_k separately).
        std::vector<double> v(m, 0);
        v[k] = r[k][k] - alpha;
        for (std::size_t i = k + 1; i < m; ++i)
        {
            v[i] = r[i][k];
        }
        double vv = 0;
        for (std::size_t i = k; i < m; ++i)
        {
            vv += v[i] * v[i];
        }
        if (vv == 0)
        {
            continue;
        }
        for (std::size_t j = k; j < p; ++j)
        {
            double dot = 0;
            for (std::size_t i = k; i < m; ++i)
            {
                dot += v[i] * r[i][j];
            }
            const double f = 2 * dot / vv;
            for (std::size_t i = k; i < m; ++i)
            {
                r[i][j] -= f * v[i];
            }
        }
        double dot = 0;
        for (std::size_t i = k; i < m; ++i)
        {
            dot += v[i] * qtb[i];
        }
        const double f = 2 * dot / vv;
        for (std::size_t i = k; i < m; ++i)
        {
            qtb[i] -= f * v[i];
        }
    }
    // Back substitution on the upper triangle R z = Q^T b.
    double scale = 0;
    for (std::size_t k = 0; k < steps; ++k)
    {
        scale = std::max(scale, std::abs(r[k][k]));
    }
    std::vector<double> z(p, 0);
    for (std::size_t kk = steps; kk-- > 0;)
    {
        if (std::abs(r[kk][kk]) <= scale * 1e-14)
        {
            z[kk] = 0; // a dependent column: left out
            continue;
        }
        double sum = qtb[kk];
        for (std::size_t j = kk + 1; j < steps; ++j)
        {
            sum -= r[kk][j] * z[j];
        }
        z[kk] = sum / r[kk][kk];
    }
    return z;
}

/** A^T (b - A x). */
std::vector<double>
NegativeGradient(const std::vector<std::vector<double>>& a, const std::vector<double>& b,
                 const std::vector<double>& x)
{
    std::vector<double> w(x.size(), 0);
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        double residual = b[i];
        for (std::size_t j = 0; j < x.size(); ++j)
        {
            residual -= a[i][j] * x[j];
        }
        for (std::size_t j = 0; j < x.size(); ++j)
        {
            w[j] += a[i][j] * residual;
        }
    }
    return w;
}

} // namespace

std::vector<double>
DnnNonNegativeLeastSquares(const std::vector<std::vector<double>>& a, const std::vector<double>& b)
{
    if (a.size() != b.size())
    {
        throw std::invalid_argument("NNLS: the matrix has " + std::to_string(a.size()) +
                                    " rows, the right-hand side " + std::to_string(b.size()));
    }
    const std::size_t m = a.size();
    const std::size_t n = m == 0 ? 0 : a.front().size();
    double norm1 = 0;
    for (const auto& row : a)
    {
        if (row.size() != n)
        {
            throw std::invalid_argument("NNLS: rows of different lengths");
        }
    }
    for (std::size_t j = 0; j < n; ++j)
    {
        double column = 0;
        for (std::size_t i = 0; i < m; ++i)
        {
            column += std::abs(a[i][j]);
        }
        norm1 = std::max(norm1, column);
    }
    const double tol = 10 * std::numeric_limits<double>::epsilon() * norm1 *
                       static_cast<double>(std::max<std::size_t>({m, n, 1}));
    std::vector<double> x(n, 0);
    std::vector<bool> passive(n, false);
    std::vector<bool> blocked(n, false); // columns that made no progress since x last changed
    const std::size_t maxOuter = 3 * n + 10;
    for (std::size_t outer = 0; outer < maxOuter; ++outer)
    {
        const std::vector<double> w = NegativeGradient(a, b, x);
        std::size_t t = n;
        for (std::size_t j = 0; j < n; ++j)
        {
            if (!passive[j] && !blocked[j] && w[j] > tol && (t == n || w[j] > w[t]))
            {
                t = j;
            }
        }
        if (t == n)
        {
            break; // Kuhn-Tucker conditions hold
        }
        passive[t] = true;
        for (std::size_t inner = 0; inner <= 3 * n; ++inner)
        {
            std::vector<std::size_t> cols;
            for (std::size_t j = 0; j < n; ++j)
            {
                if (passive[j])
                {
                    cols.push_back(j);
                }
            }
            const std::vector<double> zc = SubsetLeastSquares(a, b, cols);
            std::vector<double> z(n, 0);
            for (std::size_t c = 0; c < cols.size(); ++c)
            {
                z[cols[c]] = zc[c];
            }
            if (inner == 0 && z[t] <= 0)
            {
                // Rounding: the column that looked promising does not help. Leave it out
                // until x changes (Lawson and Hanson's safeguard).
                passive[t] = false;
                blocked[t] = true;
                break;
            }
            bool feasible = true;
            for (std::size_t j : cols)
            {
                feasible = feasible && z[j] > 0;
            }
            if (feasible)
            {
                x = z;
                std::fill(blocked.begin(), blocked.end(), false);
                break;
            }
            // Step from x towards z as far as x stays non-negative; drop the columns that
            // reach 0.
            double alpha = 1;
            std::size_t first = n; // the column that reaches 0 first
            for (std::size_t j : cols)
            {
                if (z[j] <= 0 && (first == n || x[j] / (x[j] - z[j]) < alpha))
                {
                    alpha = x[j] / (x[j] - z[j]);
                    first = j;
                }
            }
            for (std::size_t j : cols)
            {
                x[j] += alpha * (z[j] - x[j]);
                if (j == first || x[j] <= tol)
                {
                    x[j] = 0;
                    passive[j] = false;
                }
            }
            std::fill(blocked.begin(), blocked.end(), false);
        }
    }
    return x;
}

DnnProfileFitResult
DnnFitProfile(const DnnDeviceProfile& base, const std::vector<DnnTimeMeasurement>& measurements,
              double ridge)
{
    NS_LOG_FUNCTION(base.name << measurements.size() << ridge);
    if (measurements.empty())
    {
        throw std::invalid_argument("no measured times to fit");
    }
    if (!(ridge >= 0) || !std::isfinite(ridge))
    {
        throw std::invalid_argument("the ridge weight must be finite and >= 0");
    }
    DnnProfileFitResult result;
    result.profile = base;
    std::array<double, DNN_WORK_KINDS> x0{};
    for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
    {
        const double speed = base.Speed(static_cast<DnnWorkKind>(k));
        if (!(speed > 0) || !std::isfinite(speed))
        {
            throw std::invalid_argument("the base profile's speed of " +
                                        DnnWorkKindName(static_cast<DnnWorkKind>(k)) +
                                        " work is not a positive number");
        }
        x0[k] = 1 / speed;
        result.secondsPerFlop[k] = x0[k];
    }
    for (const DnnTimeMeasurement& m : measurements)
    {
        if (!(m.seconds > 0) || !std::isfinite(m.seconds))
        {
            throw std::invalid_argument("measurement \"" + m.label +
                                        "\": the time must be positive");
        }
        if (m.work.IsZero())
        {
            throw std::invalid_argument("measurement \"" + m.label + "\" has no work");
        }
        for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
        {
            result.exercised[k] = result.exercised[k] || m.work.flops[k] > 0;
        }
    }
    // Fit the exercised kinds; a kind the fit gives 0 s per FLOP is held at the base's
    // figure (its work charged at the base speed) and the others fitted again, until every
    // fitted kind has a positive time (at most one round per kind).
    std::array<bool, DNN_WORK_KINDS> held{};
    for (std::size_t round = 0; round <= DNN_WORK_KINDS; ++round)
    {
        std::vector<std::size_t> kinds; // the unknowns: exercised kinds not held
        for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
        {
            if (result.exercised[k] && !held[k])
            {
                kinds.push_back(k);
            }
        }
        if (kinds.empty())
        {
            break;
        }
        // Rows: one per measurement, (sum_k work_k x0_k y_k) / t - (1 - the held kinds'
        // share); then one ridge row per unknown, sqrt(ridge) (y_k - 1).
        std::vector<std::vector<double>> a;
        std::vector<double> b;
        for (const DnnTimeMeasurement& m : measurements)
        {
            std::vector<double> row;
            for (std::size_t k : kinds)
            {
                row.push_back(static_cast<double>(m.work.flops[k]) * x0[k] / m.seconds);
            }
            double rhs = 1;
            for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
            {
                if (held[k])
                {
                    rhs -= static_cast<double>(m.work.flops[k]) * x0[k] / m.seconds;
                }
            }
            a.push_back(row);
            b.push_back(rhs);
        }
        const double weight = std::sqrt(ridge);
        for (std::size_t c = 0; c < kinds.size(); ++c)
        {
            std::vector<double> row(kinds.size(), 0);
            row[c] = weight;
            a.push_back(row);
            b.push_back(weight);
        }
        const std::vector<double> y = DnnNonNegativeLeastSquares(a, b);
        bool zero = false;
        for (std::size_t c = 0; c < kinds.size(); ++c)
        {
            const std::size_t k = kinds[c];
            NS_LOG_LOGIC(base.name << ", round " << round << ": "
                                   << DnnWorkKindName(static_cast<DnnWorkKind>(k)) << " " << y[c]
                                   << " x the base's time per FLOP");
            if (y[c] > 0)
            {
                result.secondsPerFlop[k] = y[c] * x0[k];
                result.profile.kindFlops[k] = 1 / result.secondsPerFlop[k];
            }
            else
            {
                held[k] = true;
                zero = true;
                result.heldKinds.push_back(static_cast<DnnWorkKind>(k));
                result.secondsPerFlop[k] = x0[k];
                result.profile.kindFlops[k] = base.Speed(static_cast<DnnWorkKind>(k));
            }
        }
        if (!zero)
        {
            break;
        }
    }
    for (const DnnTimeMeasurement& m : measurements)
    {
        double seconds = 0;
        for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
        {
            seconds += static_cast<double>(m.work.flops[k]) * result.secondsPerFlop[k];
        }
        result.predicted.push_back(seconds);
        result.residual.push_back((seconds - m.seconds) / m.seconds);
    }
    return result;
}

} // namespace ns3
