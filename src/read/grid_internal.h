/* What the library's own stages use of the grid beyond its public interface. */
#ifndef PLANXL_READ_GRID_INTERNAL_H
#define PLANXL_READ_GRID_INTERNAL_H

#include "planxl/grid.h"

/* pxl_grid_sheet_scan() for the library's own visitors: a visitor that stops returns
 * PXL_OK here (such a visitor stops with an error of its own, kept in its context, which
 * the caller returns), where the public scan returns PXL_ERR_CANCELLED. */
pxl_error pxl_grid_sheet_visit(pxl_grid *grid, size_t index, pxl_cell_visitor visit, void *ctx);

/* PXL_ERR_INVALID_ARGUMENT, with a message naming @p path, for options of an unknown
 * version or reader; PXL_OK otherwise. */
pxl_error pxl_grid_options_check(const pxl_grid_options *options, const char *path);

#endif
