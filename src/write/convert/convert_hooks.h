/*
 * The converter with hooks, for writers that build on a converted workbook (the
 * annotated copy of a checked file, write/annotate/): they add sheets of their own and
 * write into each converted sheet before its cells, in libxlsxwriter's constant-memory
 * mode (comments and conditional formats ahead of the rows are accepted there).
 */
#ifndef PLANXL_CONVERT_HOOKS_H
#define PLANXL_CONVERT_HOOKS_H

#include <stddef.h>

#include <xlsxwriter.h>

#include "planxl/convert.h"
#include "write/sheet_names.h"

typedef struct pxl_convert_hooks {
    void *ctx;
    /* 1: an .xlsx input is rewritten through the grid too (its values and formulas; the
     * grid carries no .xlsx formatting), where pxl_convert() refuses it */
    int accept_xlsx;
    /* Before the converted sheets: @p names are their names in the .xlsx, in the order of
     * @p grid's sheets (renamed where Excel's rules required). NULL for none. */
    pxl_error (*first_sheets)(void *ctx, lxw_workbook *wb, const pxl_grid *grid,
                              const char (*names)[PXL_SHEET_NAME_SIZE], size_t count);
    /* Sheet @p index of the input, named @p input_name there, is about to get its cells.
     * NULL for none. */
    pxl_error (*sheet_begins)(void *ctx, lxw_workbook *wb, lxw_worksheet *ws, size_t index,
                              const char *input_name);
} pxl_convert_hooks;

/* pxl_convert() with @p hooks (NULL: the same as pxl_convert()). */
pxl_error pxl_convert_hooked(const char *in, const char *out, const pxl_convert_options *options,
                             pxl_convert_stats *stats, const pxl_convert_hooks *hooks);

#endif
