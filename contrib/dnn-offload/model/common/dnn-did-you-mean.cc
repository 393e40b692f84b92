/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-did-you-mean.h"

#include <algorithm>

namespace ns3
{

namespace
{

/** Levenshtein distance between \p a and \p b (one row of the table), or \p bound as soon
 *  as it is known to be at least \p bound (a row's minimum never decreases). */
std::size_t
EditDistance(const std::string& a, const std::string& b, std::size_t bound)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
    {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i)
    {
        std::size_t diagonal = row[0];
        row[0] = i;
        std::size_t rowMinimum = row[0];
        for (std::size_t j = 1; j <= b.size(); ++j)
        {
            const std::size_t up = row[j];
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            rowMinimum = std::min(rowMinimum, row[j]);
            diagonal = up;
        }
        if (rowMinimum >= bound)
        {
            return bound;
        }
    }
    return std::min(row[b.size()], bound);
}

} // namespace

std::string
DnnDidYouMean(const std::string& word, const std::vector<std::string>& candidates)
{
    std::string best;
    if (word.size() > DNN_DID_YOU_MEAN_MAX_LENGTH)
    {
        return best;
    }
    std::size_t bestDistance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& candidate : candidates)
    {
        const std::size_t lengthGap = candidate.size() > word.size()
                                        ? candidate.size() - word.size()
                                        : word.size() - candidate.size();
        if (candidate.size() > DNN_DID_YOU_MEAN_MAX_LENGTH || lengthGap >= bestDistance)
        {
            continue;
        }
        const std::size_t d = EditDistance(word, candidate, bestDistance);
        if (d < bestDistance)
        {
            bestDistance = d;
            best = candidate;
        }
    }
    return best;
}

} // namespace ns3
