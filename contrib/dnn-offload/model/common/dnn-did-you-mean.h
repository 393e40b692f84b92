/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_DID_YOU_MEAN_H
#define DNN_DID_YOU_MEAN_H

#include <cstddef>
#include <string>
#include <vector>

namespace ns3
{

/** Longest word (and candidate) DnnDidYouMean compares, bytes. */
constexpr std::size_t DNN_DID_YOU_MEAN_MAX_LENGTH = 64;

/**
 * \ingroup dnn-offload
 * \brief The candidate closest to \p word by edit distance (Levenshtein), if it is close
 *        enough to be a plausible typo: at most max(2, |word| / 3) edits.
 *
 * Bounded work whatever the input: a word or candidate longer than DNN_DID_YOU_MEAN_MAX_LENGTH
 * characters is not compared (no suggestion for it), a candidate whose length differs from
 * the word's by more than the best distance so far is skipped, and a comparison stops as
 * soon as a row of the table exceeds that distance. So 10,000 candidates cost at most
 * 10,000 tables of 64 x 64 cells, and a 1.5 MB word costs nothing.
 * \param word what was written
 * \param candidates what was allowed
 * \return the suggestion (the first of equally close ones), or "" when nothing is close
 */
std::string DnnDidYouMean(const std::string& word, const std::vector<std::string>& candidates);

} // namespace ns3

#endif /* DNN_DID_YOU_MEAN_H */
