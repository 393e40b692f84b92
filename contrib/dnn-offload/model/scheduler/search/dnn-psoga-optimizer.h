/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_PSOGA_OPTIMIZER_H
#define DNN_PSOGA_OPTIMIZER_H

#include "dnn-search-context.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/** \ingroup dnn-offload \brief Parameters of a PSO-GA run (the seed's defaults). */
struct DnnPsoGaParameters
{
    uint32_t particles{50};       //!< swarm size
    uint32_t iterations{600};     //!< at most this many iterations
    uint32_t patience{50};        //!< stop after this many without a better global best
    double inertiaStart{0.8};     //!< w at the first iteration
    double inertiaEnd{0.2};       //!< w at the last iteration
    double cognitiveStart{0.9};   //!< c1 at the first iteration
    double cognitiveEnd{0.2};     //!< c1 at the last iteration
    double socialStart{0.4};      //!< c2 at the first iteration
    double socialEnd{0.9};        //!< c2 at the last iteration
    uint32_t localSearchGenes{0}; //!< memetic step: genes tried on every processor (0: off)
};

/**
 * \ingroup dnn-offload
 * \brief The PSO-GA search of Chen et al. (TPDS 2021) as the seed runs it, optionally with
 *        the seed's memetic local search.
 *
 * A particle is a chromosome. Each iteration, with w, c1 and c2 moving linearly from their
 * start to their end values, every particle (1) mutates one random gene to another allowed
 * processor with probability w (0.5 + 0.5 s), s being the share of its genes equal to the
 * global best's (the closer it has come to the global best, the more it mutates), (2) takes
 * a random two-point segment from its personal best with probability c1, (3) takes one from
 * the global best with probability c2, (4) with the memetic step, for localSearchGenes
 * random genes tries every allowed processor and keeps the best if it improves; then its
 * personal and the global best are updated. Particle 0 starts as HEFT's chromosome, the
 * others at random.
 */
class DnnPsoGaOptimizer
{
  public:
    /** \brief Run. \param context the search context \param seeds seed chromosomes
     *  \param parameters the parameters */
    static void Run(DnnSearchContext& context, const std::vector<std::vector<uint32_t>>& seeds,
                    const DnnPsoGaParameters& parameters);

    /** \brief Copy a random two-point segment of \p from into \p to. \param context random
     *  stream \param from source genes \param to destination genes \param genes length */
    static void TwoPointCrossover(DnnSearchContext& context, const uint32_t* from, uint32_t* to,
                                  uint32_t genes);

    /** \brief Try every allowed processor for \p tries random genes; keep improvements.
     *  \param context the search context \param genes the chromosome (updated)
     *  \param score its value (updated) \param tries genes to try */
    static void LocalSearch(DnnSearchContext& context, uint32_t* genes, double& score,
                            uint32_t tries);
};

} // namespace ns3

#endif /* DNN_PSOGA_OPTIMIZER_H */
