/*
 * planxl's own BIFF reader, for grid.c and the fuzzer: open a workbook from a file
 * or from memory, and (for PXL_READER_AUTO) a formulas-only pass beside freexl.
 */
#ifndef PLANXL_BIFF_READER_H
#define PLANXL_BIFF_READER_H

#include <stddef.h>
#include <stdint.h>

#include "read/reader.h"

/* Open @p path with planxl's BIFF reader: fills grid->ops/impl/sheet_names/date1904 and
 * the defined names. */
pxl_error pxl_biff_open(pxl_grid *grid, const char *path);

/* pxl_biff_open() on a file image in memory; @p name names it in messages. */
pxl_error pxl_biff_open_memory(pxl_grid *grid, const char *name, const uint8_t *data, size_t len);

/*
 * Open @p path for the supplement pass beside freexl (docs/auto-reader.md): its sheets
 * deliver only the cells freexl 1.0.6 reads wrong or not at all: FORMULA cells (cached
 * result and text), BOOLERR cells (freexl: 1/0 and error codes as numbers), RSTRING
 * cells (freexl drops them), and numbers whose date or time format makes freexl lose
 * part of the value (see pxl_biff_supplement_record). The shared string table is not
 * read. Close with pxl_biff_ops.close.
 */
pxl_error pxl_biff_open_supplement(const char *path, void **impl);

/*
 * The size the workbook's sheets declare (their DIMENSIONS records, or without one the
 * extent of their cells): the cells summed over every sheet substream, worksheet or not,
 * as another reader that allocates by it would need (read/freexl.c). Nothing in this
 * reader is sized by it. Known once the workbook is open.
 */
uint64_t pxl_biff_declared_cells(const void *impl);

/* The same for the file at @p path when the BIFF reader cannot open it: its workbook stream
 * walked record by record as far as it goes, whatever its globals hold. Fails only when
 * the stream itself cannot be opened. */
pxl_error pxl_biff_declared_walk(const char *path, uint64_t *cells);

/* The worksheet that declares the most cells (*cells), with its declared rows and columns
 * (the last DIMENSIONS record's); NULL when no worksheet declares any. */
const char *pxl_biff_largest_declared(const void *impl, uint64_t *cells, uint32_t *rows, uint32_t *cols);

/* Copy the workbook's defined names into @p grid (grid->defined). */
pxl_error pxl_biff_defined_names(const void *impl, pxl_grid *grid);

/*
 * Give @p grid its sheets' states and merged ranges (pxl_grid_set_sheet_state,
 * pxl_grid_set_merges) from this workbook's BOUNDSHEET and MERGEDCELLS records, after the
 * grid's sheets are in place: the grid's own sheets when this book reads them, another
 * reader's matched by name, else by position. When a grid sheet matches none, the grid is
 * left knowing nothing (states unknown, merges not read) rather than half.
 */
pxl_error pxl_biff_sheet_facts(const void *impl, pxl_grid *grid);

/* 1 when some worksheet holds a cell the supplement pass delivers; else the pass can go. */
int pxl_biff_supplement_needed(const void *impl);

/* Free the workbook stream when no sheet needs the pass: the sheet list stays for
 * pxl_biff_is_worksheet, and every sheet then loads with no cells. */
void pxl_biff_release_stream(void *impl);

/*
 * Is another reader's sheet @p name (at @p position of its @p count sheets) a worksheet?
 * 0 only when the workbook's sheet list (BOUNDSHEET records) says it is a chart, macro or
 * VB module sheet; 1 when it is a worksheet or the reader cannot tell.
 */
int pxl_biff_is_worksheet(const void *impl, const char *name, size_t position, size_t count);

/*
 * Make sheet index i of later calls mean the worksheet named @p names[i] (another
 * reader's order): matched by name, else by position. An unmatched index has no cells.
 */
pxl_error pxl_biff_align_sheets(void *impl, char *const *names, size_t count);

/*
 * The supplement pass's cells of sheet @p index (numbered as pxl_biff_align_sheets made
 * it) to @p visit as the sheet's records give them, when they come in row-major order
 * (*streamed = 1; a sheet without such cells streams none); else *streamed = 0 and
 * nothing was visited: load it with pxl_biff_sheet_load. On a damaged sheet the cells
 * before the damage have been visited when the error comes back.
 */
pxl_error pxl_biff_stream_supplement(void *impl, size_t index, pxl_cell_visitor visit, void *ctx, int *streamed);

/*
 * Read sheet @p index into the reader's buffer, in row-major order; *count cells.
 * pxl_biff_sheet_cell() then gives cell @p i; valid until the next load or close.
 */
pxl_error pxl_biff_sheet_load(void *impl, size_t index, size_t *count);
void pxl_biff_sheet_cell(void *impl, size_t i, pxl_cell *cell);

/* Formula cells seen so far, and how many of them kept only their cached value. */
void pxl_biff_formula_counts(const void *impl, unsigned long *formulas, unsigned long *undecoded);

/* Sheet scans of a full reading (pxl_biff_ops.scan) so far, by path: streamed in the
 * file's order (already row-major), or collected and sorted. For tests and profiling. */
void pxl_biff_scan_paths(const void *impl, unsigned long *streamed, unsigned long *buffered);

extern const pxl_reader_ops pxl_biff_ops;

#endif
