/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_HASH_H
#define DNN_HASH_H

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief The 64-bit FNV-1a hash (Fowler, Noll, Vo): our own, so stable across builds,
 *        platforms and library versions. Not cryptographic: it names contents (cache keys,
 *        the scenario a result was made from), it does not guard them.
 * \param text the bytes \return the hash
 */
uint64_t DnnFnv1a64(const std::string& text);

/**
 * \ingroup dnn-offload
 * \brief DnnFnv1a64() as 16 lower-case hex digits.
 * \param text the bytes \return e.g. "cbf29ce484222325" for ""
 */
std::string DnnFnv1a64Hex(const std::string& text);

} // namespace ns3

#endif /* DNN_HASH_H */
