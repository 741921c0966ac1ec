/*
 * Measures that repeat: the same Åtgärd twice in one area, white space folded
 * (case kept), as the check's duplicate-measure and the report's refusal both
 * judge it. Found by sorting, not by comparing every pair.
 */
#ifndef PLANXL_DUPLICATES_H
#define PLANXL_DUPLICATES_H

#include <stddef.h>
#include "model/plan_internal.h"

/* An item to compare by its key: @p key malloc'd, @p index the item's place. */
typedef struct pxl_keyed {
    char *key;
    size_t index;
} pxl_keyed;

/* Free @p n keys and the array (for a walk given up before pxl_keys_each_repeat). */
void pxl_keys_free(pxl_keyed *keys, size_t n);

/* Called for each item whose key repeats an earlier one's: @p first is the earliest item of
 * its run of equal keys, @p again the repeat. A non-OK return stops the walk. */
typedef pxl_error (*pxl_repeat_fn)(void *ctx, size_t first, size_t again, const char *key);

/* Sort @p keys (@p n of them) by key and then index, and call @p fn for every repeat, in that
 * order. Frees every key and the array, whatever happens; PXL_OK or what @p fn returned. */
pxl_error pxl_keys_each_repeat(pxl_keyed *keys, size_t n, pxl_repeat_fn fn, void *ctx);

/* Called for each measure that repeats an earlier one: @p first and @p again index the
 * area's measures (first < again in plan order); @p title is the folded Åtgärd.
 * A non-OK return stops the walk and is returned by it. */
typedef pxl_error (*pxl_duplicate_fn)(void *ctx, const pxl_area *area, size_t first, size_t again,
                                      const char *title);

/* Visit every repeated measure of @p area, in order of the folded title; PXL_OK, PXL_ERR_NOMEM
 * or what @p fn returned. Empty titles never count (they are a missing field). */
pxl_error pxl_area_each_duplicate(const pxl_area *area, pxl_duplicate_fn fn, void *ctx);

#endif
