/*
 * planxl's own BIFF reader, for grid.c and the fuzzer: open a workbook from a file
 * or from memory, and (for PXL_READER_AUTO) a formulas-only pass beside freexl.
 */
#ifndef PLANXL_BIFF_READER_H
#define PLANXL_BIFF_READER_H

#include <stddef.h>
#include <stdint.h>

#include "grid_internal.h"

/* pxl_biff_open() on a file image in memory; @p name names it in messages. */
pxl_error pxl_biff_open_memory(pxl_grid *grid, const char *name, const uint8_t *data, size_t len);

/*
 * Open @p path for a formulas-only pass: its scan delivers only FORMULA cells (cached
 * result and text). *impl is NULL, with PXL_OK, when the workbook holds no FORMULA
 * record at all, so the caller can skip the pass. Close with pxl_biff_ops.close.
 */
pxl_error pxl_biff_open_formulas(const char *path, void **impl);

/*
 * Make sheet index i of later calls mean the worksheet named @p names[i] (another
 * reader's order): matched by name, else by position. An unmatched index has no cells.
 */
pxl_error pxl_biff_align_sheets(void *impl, char *const *names, size_t count);

/*
 * Read sheet @p index into the reader's buffer, in row-major order; *count cells.
 * pxl_biff_sheet_cell() then gives cell @p i; valid until the next load or close.
 */
pxl_error pxl_biff_sheet_load(void *impl, size_t index, size_t *count);
void pxl_biff_sheet_cell(void *impl, size_t i, pxl_cell *cell);

/* Formula cells seen so far, and how many of them kept only their cached value. */
void pxl_biff_formula_counts(const void *impl, unsigned long *formulas, unsigned long *undecoded);

extern const pxl_reader_ops pxl_biff_ops;

#endif
