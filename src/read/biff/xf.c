/* FORMAT and XF records: from a cell's XF index to what its number means. */
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

int pxl_xf_add_format(pxl_xf_table *t, unsigned id, const char *format)
{
    if (t->format_count == t->format_cap) {
        size_t cap = t->format_cap ? t->format_cap * 2 : 64;
        struct pxl_format_kind *f = realloc(t->formats, cap * sizeof *f);
        if (!f)
            return -1;
        t->formats = f;
        t->format_cap = cap;
    }
    t->formats[t->format_count].id = (uint16_t)id;
    t->formats[t->format_count].kind = (uint8_t)pxl_numfmt_classify(format);
    t->formats[t->format_count].freexl = (uint8_t)pxl_numfmt_freexl_classify(format);
    t->format_count++;
    return 0;
}

int pxl_xf_add_xf(pxl_xf_table *t, unsigned format_id)
{
    if (t->xf_count == t->xf_cap) {
        size_t cap = t->xf_cap ? t->xf_cap * 2 : 64;
        uint16_t *f = realloc(t->xf_format, cap * sizeof *f);
        if (!f)
            return -1;
        t->xf_format = f;
        t->xf_cap = cap;
    }
    t->xf_format[t->xf_count++] = (uint16_t)format_id;
    return 0;
}

int pxl_xf_resolve(pxl_xf_table *t)
{
    /* One byte per possible format id (they are 16-bit): no search per XF, whatever the file holds. */
    uint8_t *by_id = malloc(UINT16_MAX + 1);
    free(t->xf_kind);
    t->xf_kind = malloc(t->xf_count ? t->xf_count : 1);
    if (!by_id || !t->xf_kind) {
        free(by_id);
        return -1;
    }
    /* Only the reserved ids have a built-in meaning: asking for all 65 536 made every open cost
     * 130 000 calls (most of fuzz_biff's time: issue 16, item 5). */
    memset(by_id, PXL_NUMFMT_NUMBER, UINT16_MAX + 1);
    for (unsigned id = 0; id < PXL_NUMFMT_BUILTIN_IDS; id++)
        by_id[id] = (uint8_t)pxl_numfmt_builtin(id);
    /* A FORMAT record overrides the built-in meaning; the last one for an id wins. */
    for (size_t f = 0; f < t->format_count; f++)
        by_id[t->formats[f].id] = t->formats[f].kind;
    for (size_t i = 0; i < t->xf_count; i++)
        t->xf_kind[i] = by_id[t->xf_format[i]];
    /* freexl's guess: the first FORMAT record for an id (freexl.c check_xf_datetime stops at
     * the first), the BIFF5/8 built-in date ids before any FORMAT record */
    free(t->xf_freexl);
    t->xf_freexl = malloc(t->xf_count ? t->xf_count : 1);
    if (!t->xf_freexl) {
        free(by_id);
        return -1;
    }
    memset(by_id, PXL_NUMFMT_NUMBER, UINT16_MAX + 1);
    for (size_t f = t->format_count; f-- > 0;)
        by_id[t->formats[f].id] = t->formats[f].freexl;
    for (unsigned id = 0; t->biff58 && id < PXL_NUMFMT_BUILTIN_IDS; id++)
        if (pxl_numfmt_freexl_builtin(id) != PXL_NUMFMT_NUMBER)
            by_id[id] = (uint8_t)pxl_numfmt_freexl_builtin(id);
    for (size_t i = 0; i < t->xf_count; i++)
        t->xf_freexl[i] = by_id[t->xf_format[i]];
    free(by_id);
    return 0;
}

void pxl_xf_free(pxl_xf_table *t)
{
    free(t->formats);
    free(t->xf_format);
    free(t->xf_kind);
    free(t->xf_freexl);
    *t = (pxl_xf_table){0};
}
