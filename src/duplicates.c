/* Repeated measures of an area (duplicates.h). */
#include <stdlib.h>
#include <string.h>

#include "duplicates.h"
#include "error_internal.h"
#include "unicode.h"

typedef struct keyed {
    char *key;
    size_t index;
} keyed;

static int compare_keyed(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

pxl_error pxl_area_each_duplicate(const pxl_area *area, pxl_duplicate_fn fn, void *ctx)
{
    size_t n = 0;
    keyed *keys = calloc(area->measure_count ? area->measure_count : 1, sizeof *keys);
    if (!keys)
        return pxl_fail_nomem();
    pxl_error err = PXL_OK;
    for (size_t i = 0; i < area->measure_count && !err; i++) {
        const char *title = area->measures[i]->title;
        if (!title || !*title)
            continue;
        char *key = pxl_fold_space(title);
        if (!key)
            err = pxl_fail_nomem();
        else if (!*key)
            free(key);
        else
            keys[n++] = (keyed){key, i};
    }
    if (!err)
        qsort(keys, n, sizeof *keys, compare_keyed);
    size_t first = 0; /* the start of the run of equal keys: the earliest measure */
    for (size_t i = 1; i < n && !err; i++) {
        if (strcmp(keys[first].key, keys[i].key) != 0)
            first = i;
        else
            err = fn(ctx, area, keys[first].index, keys[i].index, keys[i].key);
    }
    for (size_t i = 0; i < n; i++)
        free(keys[i].key);
    free(keys);
    return err;
}
