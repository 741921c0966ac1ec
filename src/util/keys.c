/* Repeated measures of an area (duplicates.h). */
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "error_internal.h"
#include "unicode.h"

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

typedef struct area_repeat {
    const pxl_area *area;
    pxl_duplicate_fn fn;
    void *ctx;
} area_repeat;

static pxl_error measure_repeats(void *ctx, size_t first, size_t again, const char *title)
{
    area_repeat *r = ctx;
    return r->fn(r->ctx, r->area, first, again, title);
}

pxl_error pxl_area_each_duplicate(const pxl_area *area, pxl_duplicate_fn fn, void *ctx)
{
    size_t n = 0;
    pxl_keyed *keys = calloc(area->measure_count ? area->measure_count : 1, sizeof *keys);
    if (!keys)
        return pxl_fail_nomem();
    for (size_t i = 0; i < area->measure_count; i++) {
        const char *title = area->measures[i]->title;
        if (!title || !*title)
            continue;
        char *key = pxl_fold_space(title);
        if (!key) {
            pxl_keys_free(keys, n);
            return pxl_fail_nomem();
        }
        if (!*key)
            free(key);
        else
            keys[n++] = (pxl_keyed){key, i};
    }
    area_repeat r = {area, fn, ctx};
    return pxl_keys_each_repeat(keys, n, measure_repeats, &r);
}
