/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-work.h"

namespace ns3
{

namespace
{

/** Names by DnnWorkKind. */
const std::array<const char*, DNN_WORK_KINDS> KIND_NAMES = {"conv", "grouped_conv", "linear",
                                                            "pooling", "elementwise"};

} // namespace

std::string
DnnWorkKindName(DnnWorkKind kind)
{
    return KIND_NAMES.at(static_cast<std::size_t>(kind));
}

bool
DnnParseWorkKind(const std::string& name, DnnWorkKind* kind)
{
    for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
    {
        if (name == KIND_NAMES[k])
        {
            *kind = static_cast<DnnWorkKind>(k);
            return true;
        }
    }
    return false;
}

DnnWork
DnnWork::Of(DnnWorkKind kind, uint64_t amount)
{
    DnnWork work;
    work.flops[static_cast<std::size_t>(kind)] = amount;
    return work;
}

uint64_t
DnnWork::Of(DnnWorkKind kind) const
{
    return flops[static_cast<std::size_t>(kind)];
}

uint64_t
DnnWork::Total() const
{
    uint64_t sum = 0;
    for (const uint64_t amount : flops)
    {
        sum += amount;
    }
    return sum;
}

bool
DnnWork::IsZero() const
{
    return Total() == 0;
}

DnnWork&
DnnWork::operator+=(const DnnWork& other)
{
    for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
    {
        flops[k] += other.flops[k];
    }
    return *this;
}

bool
DnnWork::operator==(const DnnWork& other) const
{
    return flops == other.flops;
}

} // namespace ns3
