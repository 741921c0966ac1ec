/*
 * Items whose keys repeat, found by sorting (n log n), not by comparing every pair:
 * duplicate measures and duplicate effect rows.
 */
#ifndef PLANXL_UTIL_KEYS_H
#define PLANXL_UTIL_KEYS_H

#include <stddef.h>
#include "planxl/error.h"

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

#endif
