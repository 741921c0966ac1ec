/*
 * Which measure of the old plan is which of the new (docs/diff.md, "Matching"): by area and
 * Åtgärd, folded; what is left by Åtgärd alone in another area (moved); what is left then by
 * area, Område and effect rows (renamed). Items are paired by sorting keys, not by comparing
 * every pair, so a plan of thousands of measures matches in n log n.
 */
#ifndef PLANXL_DIFF_MATCH_H
#define PLANXL_DIFF_MATCH_H

#include <stddef.h>

#include "model/plan_internal.h"

typedef enum pxl_match_how {
    PXL_MATCH_NONE = 0, /* unmatched: added or removed */
    PXL_MATCH_SAME,     /* same area, same Åtgärd */
    PXL_MATCH_MOVED,    /* same Åtgärd, another area */
    PXL_MATCH_RENAMED   /* same area, Område and effect rows; another Åtgärd */
} pxl_match_how;

/* One plan's measures in plan order, with what each was matched to on the other side. */
typedef struct pxl_match_side {
    const pxl_measure **measures;
    size_t *area_of;       /* the measure's area index in its plan */
    size_t *partner;       /* index into the other side's measures; valid when how != NONE */
    pxl_match_how *how;
    size_t count;
} pxl_match_side;

typedef struct pxl_measure_match {
    pxl_match_side old_side, new_side;
} pxl_measure_match;

/* Match the measures of @p old_plan and @p new_plan; PXL_OK or PXL_ERR_NOMEM (nothing to free then). */
pxl_error pxl_match_measures(pxl_measure_match *match, const pxl_plan *old_plan, const pxl_plan *new_plan);
void pxl_match_free(pxl_measure_match *match);

/*
 * Pair @p old_keys[i] with @p new_keys[j] of equal key, each index at most once, earliest
 * first; a NULL key takes no part. old_partner[i] (and new_partner[j]) receive the partner's
 * index, or (size_t)-1 when left alone. Entries already paired (partner not -1 on entry) are
 * kept. PXL_OK or PXL_ERR_NOMEM. Shared by measures, effect rows and KPIs.
 */
#define PXL_NO_PARTNER ((size_t)-1)
pxl_error pxl_pair_keys(char *const *old_keys, size_t old_count, char *const *new_keys, size_t new_count,
                        size_t *old_partner, size_t *new_partner);

#endif
