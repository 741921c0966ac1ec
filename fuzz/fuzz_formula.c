/*
 * libFuzzer target: pxl_formula_decode() on arbitrary bytes.
 * Input: byte 0 picks the BIFF version and the shared flag, bytes 1-2 the
 * formula's row, byte 3 its column, byte 4 how many of the rest are tokens;
 * the remainder after the tokens is rgbExtra. The decoder must return a status
 * and a NUL-terminated text, never read out of bounds (ASan/UBSan).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/biff/formula.h"

static const char *sheet_ref(void *ctx, int index)
{
    (void)ctx;
    return index == 0 || index == -1 ? "Sheet2" : index == 1 ? "'My Sheet'" : NULL;
}

static const char *name(void *ctx, unsigned index)
{
    (void)ctx;
    return index == 1 ? "Total" : NULL;
}

static const char *extern_name(void *ctx, int index, unsigned name_index)
{
    (void)ctx;
    (void)index;
    return name_index == 1 ? "_xlfn.IFERROR" : NULL;
}

static const char *sheet_name(void *ctx, unsigned tab)
{
    static const char *const names[] = {"Data", "Other Sheet", "it's", "A1"};
    (void)ctx;
    return tab < sizeof names / sizeof names[0] ? names[tab] : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 5)
        return 0;
    pxl_formula_context cx = {.biff_version = data[0] & 1 ? 8 : 5,
                              .shared = (data[0] & 2) != 0,
                              .row = (uint32_t)data[1] | (uint32_t)data[2] << 8,
                              .col = data[3],
                              .sheet_ref = sheet_ref,
                              .name = name,
                              .extern_name = extern_name,
                              .sheet_name = sheet_name};
    size_t len = data[4];
    const uint8_t *tokens = data + 5;
    size_t rest = size - 5;
    if (len > rest)
        len = rest;
    /* Copies of exactly the right size, so ASan sees any read past them. */
    uint8_t *t = malloc(len ? len : 1), *x = malloc(rest - len ? rest - len : 1);
    char out[512];
    if (!t || !x)
        abort();
    memcpy(t, tokens, len);
    memcpy(x, tokens + len, rest - len);
    size_t out_size = 1 + data[0] % sizeof out; /* small buffers too */
    const char *reason;
    pxl_formula_status s = pxl_formula_decode(t, len, x, rest - len, &cx, out, out_size, &reason);
    if (s > PXL_FORMULA_TOO_LONG || !memchr(out, '\0', out_size) || (s != PXL_FORMULA_OK && (out[0] || !reason)))
        abort();
    free(t);
    free(x);
    return 0;
}
