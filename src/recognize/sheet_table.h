/*
 * One sheet materialised for random access. The grid streams cells in
 * row-major order; recognising a plan needs to look around (the header row
 * above, the cell to the right), so the recogniser copies one sheet at a time
 * into this table. Rows are sparse: only non-empty rows are stored, and a
 * lookup is two binary searches, so nothing here is quadratic.
 */
#ifndef PLANXL_SHEET_TABLE_H
#define PLANXL_SHEET_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include "planxl/grid.h"

typedef struct pxl_sheet_table pxl_sheet_table;

/*
 * Copy sheet @p index of @p grid. Text cells holding only white space (and
 * no formula) are dropped: to a reader they are blank. Free with
 * pxl_sheet_table_free(). Errors are the grid's (message naming file and sheet).
 */
pxl_error pxl_sheet_table_load(pxl_sheet_table **out, pxl_grid *grid, size_t index);
void pxl_sheet_table_free(pxl_sheet_table *table);

/* The sheet's name (owned by the table). */
const char *pxl_sheet_table_name(const pxl_sheet_table *table);

/* Number of non-empty rows, and the 0-based sheet row of the i-th of them. */
size_t pxl_sheet_table_row_count(const pxl_sheet_table *table);
uint32_t pxl_sheet_table_row_number(const pxl_sheet_table *table, size_t i);

/* The cells of the i-th non-empty row, left to right; *count receives how many. */
const pxl_cell *pxl_sheet_table_row_cells(const pxl_sheet_table *table, size_t i, size_t *count);

/* Number of cells kept, and the 0-based place of @p cell (one of this table's) among them:
 * what the recogniser's record of the cells it took is indexed by (coverage.c). */
size_t pxl_sheet_table_cell_count(const pxl_sheet_table *table);
size_t pxl_sheet_table_cell_index(const pxl_sheet_table *table, const pxl_cell *cell);

/* The cell at (@p row, @p col), or NULL when it is empty. */
const pxl_cell *pxl_sheet_table_get(const pxl_sheet_table *table, uint32_t row, uint32_t col);

#endif
