/*
 * Decoding a BIFF5/BIFF8 parsed formula (MS-XLS 2.2.2, "Formulas": Ptg tokens)
 * into A1-style text without the leading '='.
 *
 * The record reader owns the workbook context (sheet names, EXTERNSHEET/SUPBOOK,
 * defined names) and hands it over through callbacks; the decoder owns only the
 * token walk. A token it does not support gives PXL_FORMULA_UNSUPPORTED: the
 * caller then keeps the cell's cached value only — never a wrong formula.
 */
#ifndef PLANXL_BIFF_FORMULA_H
#define PLANXL_BIFF_FORMULA_H

#include <stddef.h>
#include <stdint.h>

typedef enum pxl_formula_status {
    PXL_FORMULA_OK = 0,
    PXL_FORMULA_UNSUPPORTED, /* a valid token planxl does not decode; reason says which */
    PXL_FORMULA_MALFORMED,   /* the token stream is truncated or inconsistent */
    PXL_FORMULA_TOO_LONG     /* the text does not fit the output buffer */
} pxl_formula_status;

typedef struct pxl_formula_context {
    int biff_version;        /* 5 or 8 */
    uint32_t row, col;       /* the formula's own cell: base of ptgRefN/ptgAreaN (shared formulas) */
    /* EXTERNSHEET index (BIFF8 ixti; BIFF5 the signed index of ptgRef3d) to a sheet
     * reference ready to print before '!', quoted when it must be ("Sheet2",
     * "'My Sheet'", "Sheet1:Sheet3"); NULL when it names another workbook or is unknown. */
    const char *(*sheet_ref)(void *ctx, int index);
    /* Defined name number (1-based, ptgName) to its text, or NULL when unknown. */
    const char *(*name)(void *ctx, unsigned index);
    void *ctx;
} pxl_formula_context;

/*
 * Decode @p len bytes of tokens (the rgce, without its length prefix) into @p out.
 * @p extra/@p extra_len: the bytes that follow rgce in the record (rgbExtra: array
 * constants of ptgArray), or NULL/0.
 * On anything but PXL_FORMULA_OK, @p reason (when not NULL) points to a static
 * text naming the token, and @p out holds "".
 */
pxl_formula_status pxl_formula_decode(const uint8_t *tokens, size_t len,
                                      const uint8_t *extra, size_t extra_len,
                                      const pxl_formula_context *context,
                                      char *out, size_t out_size, const char **reason);

#endif
