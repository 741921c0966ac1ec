/* What the library's own stages use of the grid beyond its public interface. */
#ifndef PLANXL_READ_GRID_INTERNAL_H
#define PLANXL_READ_GRID_INTERNAL_H

#include <stddef.h>

#include "planxl/grid.h"

/* A sheet that is no worksheet, which the readers do not read. */
typedef enum pxl_other_sheet {
    PXL_OTHER_CHART,   /* a chart sheet */
    PXL_OTHER_MACRO,   /* an Excel 4.0 macro sheet */
    PXL_OTHER_MODULE,  /* a Visual Basic module sheet */
    PXL_OTHER_DIALOG,  /* an Excel 5 dialog sheet */
    PXL_OTHER_UNKNOWN  /* a kind the reader does not know */
} pxl_other_sheet;

/* How many sheets of the workbook are no worksheets (not in pxl_grid_sheet_count()). */
size_t pxl_grid_other_sheet_count(const pxl_grid *grid);

/* The name of the @p index th of them (owned by the grid), and its kind in @p kind. */
const char *pxl_grid_other_sheet(const pxl_grid *grid, size_t index, pxl_other_sheet *kind);

/* "a chart sheet", ... (English, for convert's warnings). */
const char *pxl_other_sheet_text(pxl_other_sheet kind);

/* pxl_grid_sheet_scan() for the library's own visitors: a visitor that stops returns
 * PXL_OK here (such a visitor stops with an error of its own, kept in its context, which
 * the caller returns), where the public scan returns PXL_ERR_CANCELLED. */
pxl_error pxl_grid_sheet_visit(pxl_grid *grid, size_t index, pxl_cell_visitor visit, void *ctx);

/* PXL_ERR_INVALID_ARGUMENT, with a message naming @p path, for options of an unknown
 * version or reader; PXL_OK otherwise. */
pxl_error pxl_grid_options_check(const pxl_grid_options *options, const char *path);

#endif
