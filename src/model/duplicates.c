/* Repeated measures of an area (model/duplicates.h). */
#include <stdlib.h>

#include "duplicates.h"
#include "util/error_internal.h"
#include "util/keys.h"
#include "util/unicode.h"

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
