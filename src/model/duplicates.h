/*
 * Measures that repeat: the same Åtgärd twice in one area, white space folded
 * (case kept), as the check's duplicate-measure and the report's refusal both
 * judge it. Found by sorting keys (util/keys.h), not by comparing every pair.
 */
#ifndef PLANXL_MODEL_DUPLICATES_H
#define PLANXL_MODEL_DUPLICATES_H

#include "plan_internal.h"

/* Called for each measure that repeats an earlier one: @p first and @p again index the
 * area's measures (first < again in plan order); @p title is the folded Åtgärd.
 * A non-OK return stops the walk and is returned by it. */
typedef pxl_error (*pxl_duplicate_fn)(void *ctx, const pxl_area *area, size_t first, size_t again,
                                      const char *title);

/* Visit every repeated measure of @p area, in order of the folded title; PXL_OK, PXL_ERR_NOMEM
 * or what @p fn returned. Empty titles never count (they are a missing field). */
pxl_error pxl_area_each_duplicate(const pxl_area *area, pxl_duplicate_fn fn, void *ctx);

#endif
