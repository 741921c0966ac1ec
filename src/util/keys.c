/* Sorting keyed items to find the ones whose keys repeat (keys.h). */
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "error_internal.h"

static int compare_keyed(const void *pa, const void *pb)
{
    const pxl_keyed *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

void pxl_keys_free(pxl_keyed *keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(keys[i].key);
    free(keys);
}

pxl_error pxl_keys_each_repeat(pxl_keyed *keys, size_t n, pxl_repeat_fn fn, void *ctx)
{
    qsort(keys, n, sizeof *keys, compare_keyed);
    pxl_error err = PXL_OK;
    size_t first = 0; /* the start of the run of equal keys: the earliest item */
    for (size_t i = 1; i < n && !err; i++) {
        if (strcmp(keys[first].key, keys[i].key) != 0)
            first = i;
        else
            err = fn(ctx, keys[first].index, keys[i].index, keys[i].key);
    }
    pxl_keys_free(keys, n);
    return err;
}
