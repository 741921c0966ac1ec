/*
 * What libxlsxwriter 1.1.4 in constant-memory mode cannot write, added to the finished
 * .xlsx in one pass over its zip (docs/boolfix.md): boolean formula results, merged cells
 * (worksheet_merge_range is refused in that mode) and very hidden sheets (1.1.4 can only
 * hide one).
 *
 * Boolean formula results: libxlsxwriter 1.1.4 caches a
 * formula's result only as a number or a string (worksheet_write_formula_num
 * writes <c r="C14"><f>A14=B14</f><v>1</v></c>), so a TRUE result reads as 1
 * in every reader that does not recalculate (openpyxl data_only, previewers).
 * ECMA-376 Part 1, 18.3.1.4 (c) and 18.18.11 (ST_CellType): t="b" makes the
 * same <v>1</v> the boolean TRUE. This pass adds that attribute to exactly
 * the cells convert recorded, rewriting the archive once after libxlsxwriter
 * has closed it.
 */
#ifndef PLANXL_XLSX_PATCH_H
#define PLANXL_XLSX_PATCH_H

#include <stddef.h>
#include <stdint.h>

#include "planxl/error.h"
#include "planxl/grid.h"

/* A cell whose cached formula result is a boolean; all zero-based. sheet is
 * the worksheet's position in the workbook: libxlsxwriter stores worksheet i
 * as xl/worksheets/sheet<i+1>.xml. */
typedef struct pxl_xlsx_cell {
    uint32_t sheet;
    uint32_t row;
    uint32_t col;
} pxl_xlsx_cell;

/*
 * Rewrite the .xlsx at @p path in place (through a temporary file beside it,
 * renamed over it when complete) so that the <c> start tags of the @p count
 * @p cells carry t="b". @p cells must be sorted by sheet, row, column, without
 * repeats (the order convert writes them in). Every other zip entry is copied
 * byte for byte (still compressed), and entry order, names, dates and
 * attributes are kept, so the output stays deterministic; the worksheets
 * concerned are streamed through a fixed-size buffer. Every cell must be
 * found: a cell missing from its sheet is an error, never a silent skip.
 * @p name is the file named in error messages (the user's output path, not
 * the hidden temporary). On error @p path is left as it was and no
 * temporary file remains.
 */
pxl_error pxl_xlsx_bool_patch(const char *path, const char *name, const pxl_xlsx_cell *cells, size_t count);

/* A merged range of worksheet @p sheet (zero-based position, as pxl_xlsx_cell's). */
typedef struct pxl_xlsx_merge {
    uint32_t sheet;
    pxl_range range;
} pxl_xlsx_merge;

/* Everything one pass adds. Each list in order of sheet (bools as above); any may be empty. */
typedef struct pxl_xlsx_patch {
    const pxl_xlsx_cell *bools;
    size_t bool_count;
    /* written as <mergeCells> after <sheetData>, before what ECMA-376 Part 1 18.3.1.99
     * (CT_Worksheet) puts after it (phoneticPr, conditionalFormatting, ... pageMargins) */
    const pxl_xlsx_merge *merges;
    size_t merge_count;
    /* worksheet positions whose <sheet state="hidden"> in xl/workbook.xml becomes
     * "veryHidden" (18.18.68 ST_SheetState); each must be hidden already, ascending */
    const uint32_t *very_hidden;
    size_t very_hidden_count;
} pxl_xlsx_patch;

/* pxl_xlsx_bool_patch() for every list of @p patch; a patch with nothing in it leaves the
 * file alone. The same guarantees: deterministic, fixed buffers, every item found or an
 * error, @p path unchanged on error. */
pxl_error pxl_xlsx_patch_apply(const char *path, const char *name, const pxl_xlsx_patch *patch);

/* The same pass from @p src into @p dst, a file the caller made (convert's second unnamed
 * output file, util/output.h) and removes on error; @p src is not changed. */
pxl_error pxl_xlsx_patch_apply_to(const char *src, const char *dst, const char *name, const pxl_xlsx_patch *patch);

#endif
