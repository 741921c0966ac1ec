/*
 * Boolean formula results in a finished .xlsx: libxlsxwriter 1.1.4 caches a
 * formula's result only as a number or a string (worksheet_write_formula_num
 * writes <c r="C14"><f>A14=B14</f><v>1</v></c>), so a TRUE result reads as 1
 * in every reader that does not recalculate (openpyxl data_only, previewers).
 * ECMA-376 Part 1, 18.3.1.4 (c) and 18.18.11 (ST_CellType): t="b" makes the
 * same <v>1</v> the boolean TRUE. This pass adds that attribute to exactly
 * the cells convert recorded, rewriting the archive once after libxlsxwriter
 * has closed it.
 */
#ifndef PLANXL_XLSX_BOOL_PATCH_H
#define PLANXL_XLSX_BOOL_PATCH_H

#include <stddef.h>
#include <stdint.h>

#include "planxl/error.h"

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

/*
 * The same pass from @p src into @p dst, a file the caller made (convert's
 * second unnamed output file, util/output.h) and removes on error; @p src is
 * not changed. With no @p cells, @p dst is an exact copy of the entries.
 */
pxl_error pxl_xlsx_bool_patch_to(const char *src, const char *dst, const char *name, const pxl_xlsx_cell *cells,
                                 size_t count);

#endif
