/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_WORK_H
#define DNN_WORK_H

#include <array>
#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief The kinds of work a device runs at different speeds (a profile gives one FLOP/s
 *        figure per kind).
 */
enum class DnnWorkKind : uint8_t
{
    Conv,        //!< dense convolution (groups = 1)
    GroupedConv, //!< grouped or depthwise convolution (groups > 1)
    Linear,      //!< fully connected layers
    Pooling,     //!< max, average and adaptive average pooling
    Elementwise, //!< batchnorm, activations, add, softmax (concat, flatten, dropout: 0 FLOPs)
};

/** Number of DnnWorkKind values. */
constexpr std::size_t DNN_WORK_KINDS = 5;

/**
 * \ingroup dnn-offload
 * \brief The name of a work kind in scenario files and CSVs ("conv", "grouped_conv",
 *        "linear", "pooling", "elementwise").
 * \param kind the kind
 * \return its name
 */
std::string DnnWorkKindName(DnnWorkKind kind);

/**
 * \ingroup dnn-offload
 * \brief A work kind by name.
 * \param name the name (DnnWorkKindName)
 * \param kind set to the kind when found
 * \return true when \p name names a kind
 */
bool DnnParseWorkKind(const std::string& name, DnnWorkKind* kind);

/**
 * \ingroup dnn-offload
 * \brief Work in FLOPs, by kind: what a task asks of a device.
 */
struct DnnWork
{
    std::array<uint64_t, DNN_WORK_KINDS> flops{}; //!< FLOPs of each kind, by DnnWorkKind

    /** \brief Work of one kind. \param kind the kind \param amount FLOPs \return the work */
    static DnnWork Of(DnnWorkKind kind, uint64_t amount);
    /** \brief FLOPs of one kind. \param kind the kind \return FLOPs */
    uint64_t Of(DnnWorkKind kind) const;
    /** \brief All FLOPs. \return the sum over kinds */
    uint64_t Total() const;
    /** \brief Whether there is no work. \return true when every kind is 0 */
    bool IsZero() const;
    /** \brief Adds work. \param other the work to add \return this */
    DnnWork& operator+=(const DnnWork& other);
    /** \brief Equality of every kind. \param other other \return true when equal */
    bool operator==(const DnnWork& other) const;
};

/**
 * \ingroup dnn-offload
 * \brief Seconds one core takes for some work: the sum over kinds, in DnnWorkKind order, of
 *        FLOPs / that kind's speed (the planners and the simulation both sum this way, so
 *        they agree to the last bit).
 * \param work the work
 * \param speedOf the FLOP/s of a kind: double(DnnWorkKind)
 * \return s
 */
template<typename SpeedOf>
double
DnnWorkSeconds(const DnnWork& work, SpeedOf speedOf)
{
    double seconds = 0;
    for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
    {
        if (work.flops[k] > 0)
        {
            seconds += static_cast<double>(work.flops[k]) / speedOf(static_cast<DnnWorkKind>(k));
        }
    }
    return seconds;
}

} // namespace ns3

#endif /* DNN_WORK_H */
