/*
 * A sheet's layout (read/layout.h) written with libxlsxwriter in constant-memory mode:
 * the columns, the default row and the window before the sheet's cells, each row's height
 * just before its cells (the mode writes a row when the next one starts).
 */
#ifndef PLANXL_CONVERT_LAYOUT_H
#define PLANXL_CONVERT_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include <xlsxwriter.h>

#include "read/layout.h"
#include "xlsx_patch.h"

/* Columns, default row height, panes, selection, zoom, gridlines, tab colour and print
 * setup of @p layout to @p ws, before any cell; @p hidden hides the sheet. */
lxw_error pxl_convert_layout_sheet(lxw_worksheet *ws, const pxl_sheet_layout *layout, int hidden);

/* The cell comments of @p layout to @p ws (before a hook's own comments: the later comment
 * of a cell is the one libxlsxwriter keeps). */
lxw_error pxl_convert_layout_notes(lxw_worksheet *ws, const pxl_sheet_layout *layout);

/* The rows of @p layout from *next on whose row is at most @p upto, in order (*next moves
 * past them): call before the first cell of row @p upto, and with UINT32_MAX after the
 * sheet's last cell. */
lxw_error pxl_convert_layout_rows(lxw_worksheet *ws, const pxl_sheet_layout *layout, size_t *next, uint32_t upto);

/* What the patch after closing adds (xlsx_patch.h): merged ranges, very hidden sheets. */
typedef struct pxl_convert_extras {
    pxl_xlsx_merge *merges;
    size_t merge_count;
    uint32_t *very_hidden;
    size_t very_hidden_count;
} pxl_convert_extras;

/* Collect them from @p grid (before it is closed: the patch runs after, so that the
 * reader's memory is gone first); grid sheet i is worksheet @p offset + i of the .xlsx
 * (a hook may put sheets of its own first). */
pxl_error pxl_convert_layout_collect(pxl_grid *grid, uint32_t offset, pxl_convert_extras *extras);
void pxl_convert_extras_free(pxl_convert_extras *extras);

/* The sheet the .xlsx opens on: the .xls's active sheet when it is visible, else the
 * first visible one; the first sheet when none is (it is then shown). */
size_t pxl_convert_active_sheet(const pxl_grid *grid);

/* Is sheet @p index written hidden? Hidden or very hidden in the .xls, and not the
 * sheet the .xlsx opens on. */
int pxl_convert_sheet_hidden(const pxl_grid *grid, size_t index);

/* A built-in name of @p ws's sheet that is a sheet setting (Print_Area, Print_Titles, and
 * _FilterDatabase: an autofilter's range, its buttons without their criteria) with its formula
 * ("Sheet1!$A$1:$D$20", "Sheet1!$A:$A,Sheet1!$1:$2") written with worksheet_print_area /
 * worksheet_repeat_rows / worksheet_repeat_columns / worksheet_autofilter: 1 written, 0 not such
 * a name, -1 a formula that is no such area (several areas, titles that are not whole rows or
 * columns). */
int pxl_convert_print_name(lxw_worksheet *ws, const char *name, const char *formula);

/* libxlsxwriter's width in characters that writes a <col width> of @p width256 / 256
 * (a .xls column width) to the nearest pixel. For tests. */
double pxl_convert_col_width(unsigned width256);

#endif
