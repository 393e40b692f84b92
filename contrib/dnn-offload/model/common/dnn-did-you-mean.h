/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_DID_YOU_MEAN_H
#define DNN_DID_YOU_MEAN_H

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief The candidate closest to \p word by edit distance (Levenshtein), if it is close
 *        enough to be a plausible typo: at most max(2, |word| / 3) edits.
 * \param word what was written
 * \param candidates what was allowed
 * \return the suggestion (the first of equally close ones), or "" when nothing is close
 */
std::string DnnDidYouMean(const std::string& word, const std::vector<std::string>& candidates);

} // namespace ns3

#endif /* DNN_DID_YOU_MEAN_H */
