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

/* What sheet_ref gives for a deleted sheet (unquoted, so no sheet's own text): the whole
 * reference is then written as the error #REF!, as LibreOffice writes and computes it. */
#define PXL_FORMULA_DELETED_SHEET "#REF"

typedef struct pxl_formula_context {
    int biff_version;        /* 5 or 8 */
    uint32_t row, col;       /* the formula's own cell: base of ptgRefN/ptgAreaN (shared formulas) */
    /* EXTERNSHEET index (BIFF8 ixti; BIFF5 the signed index of ptgRef3d) to a sheet
     * reference ready to print before '!', quoted when it must be ("Sheet2",
     * "'My Sheet'", "Sheet1:Sheet3"); PXL_FORMULA_DELETED_SHEET for a sheet since deleted;
     * NULL when it names another workbook or is unknown. */
    const char *(*sheet_ref)(void *ctx, int index);
    /* Defined name number (1-based, ptgName) to its text, or NULL when unknown. */
    const char *(*name)(void *ctx, unsigned index);
    void *ctx;
    /* Optional (0/NULL when unused): */
    /* Nonzero when the tokens come from a SHRFMLA record (or a conditional format,
     * data validation): then ptgRef3d/ptgArea3d, like ptgRefN/ptgAreaN, hold
     * offsets from row/col where their relative flags are set (MS-XLS 2.5.198.85,
     * RgceLocRel). */
    int shared;
    /* External name (ptgNameX: BIFF8 ixti, BIFF5 the signed EXTERNSHEET index;
     * 1-based name number) to its text: an add-in function's name such as
     * "_xlfn.IFERROR" for ptgFuncVar 255, or a name in another workbook.
     * NULL, or a NULL result, makes the formula PXL_FORMULA_UNSUPPORTED. */
    const char *(*extern_name)(void *ctx, int index, unsigned name_index);
    /* BIFF5 only: the unquoted name of the worksheet at BOUNDSHEET position @p tab
     * (0-based), or NULL. A BIFF5 3-D reference over several sheets
     * (Sheet1:Sheet3!A1) names its sheets by position, which its EXTERNSHEET entry
     * cannot express; without this callback such a formula is UNSUPPORTED. */
    const char *(*sheet_name)(void *ctx, unsigned tab);
    /* Nonzero for a defined name's formula: a relative reference makes it UNSUPPORTED
     * (it would count from the cell using the name, wrapping round a 65 536-row sheet). */
    int absolute_only;
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

/* An error value's text (MS-XLS 2.5.97.2 BErr: 0x07 "#DIV/0!", ...), or NULL for a code
 * that is none of Excel's seven. */
const char *pxl_biff_error_text(unsigned code);

/*
 * ptgExp/ptgTbl: a FORMULA record whose tokens are only a ptgExp (or ptgTbl)
 * belongs to a shared formula (SHRFMLA) or an array formula (ARRAY), or to a
 * data table (TABLE), anchored at the cell this function returns. The record
 * reader looks that record up and decodes *its* tokens with the cell's own
 * row/col in the context (and .shared set for SHRFMLA); pxl_formula_decode()
 * itself returns PXL_FORMULA_UNSUPPORTED for ptgExp/ptgTbl.
 * Returns 1 for ptgExp, 2 for ptgTbl (a data table: no formula text), and stores
 * the anchor's 0-based row and column; 0 when the tokens are something else.
 * The layout is the same in BIFF5 and BIFF8 (MS-XLS 2.5.198.58 PtgExp).
 */
int pxl_formula_exp_anchor(const uint8_t *tokens, size_t len, uint32_t *row, uint32_t *col);

#endif
