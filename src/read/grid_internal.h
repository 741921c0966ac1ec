/* What the library's own stages use of the grid beyond its public interface. */
#ifndef PLANXL_READ_GRID_INTERNAL_H
#define PLANXL_READ_GRID_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "planxl/grid.h"

/* A sheet that is no worksheet, which the readers do not read. */
typedef enum pxl_other_sheet {
    PXL_OTHER_CHART,   /* a chart sheet */
    PXL_OTHER_MACRO,   /* an Excel 4.0 macro sheet */
    PXL_OTHER_MODULE,  /* a Visual Basic module sheet */
    PXL_OTHER_DIALOG,  /* an Excel 5 dialog sheet */
    PXL_OTHER_UNKNOWN  /* a kind the reader does not know */
} pxl_other_sheet;

/*
 * A cell format as the reader found it (an .xls XF record with its FONT, FORMAT and the
 * workbook's PALETTE resolved): what convert writes as one .xlsx cell format. The enumerations
 * keep the file's numbering (MS-XLS 2.4.353 XF: fls, dgLeft..., alc), which is also ECMA-376's
 * and libxlsxwriter's: fill patterns 0 none, 1 solid ... 18 gray0625; border styles 0 none,
 * 1 thin ... 13 slantDashDot; horizontal alignment 0 general, 1 left ... 7 distributed.
 */
#define PXL_STYLE_COLOR_AUTO UINT32_MAX   /* Excel's automatic colour: left to the application */
typedef struct pxl_cell_style {
    const char *num_format;   /* the number format string, or NULL: built-in num_format_id */
    uint16_t num_format_id;   /* with num_format NULL: a built-in format (0 General) */
    uint8_t num_format_date;  /* the format shows a date or time (what made the cell a date) */
    uint8_t num_format_builtin; /* num_format_id is one of Excel's built-in ids 0-49 */
    const char *font_name;    /* UTF-8, or NULL when the XF's font is not known */
    double font_size;         /* points */
    uint8_t bold, italic, strike, outline, shadow;
    uint8_t underline;        /* 0 none, 1 single, 2 double, 3 single accounting, 4 double accounting */
    uint8_t script;           /* 0 none, 1 superscript, 2 subscript */
    uint32_t font_color;      /* 0xRRGGBB or PXL_STYLE_COLOR_AUTO */
    uint8_t pattern;          /* fill pattern */
    uint32_t pattern_fg, pattern_bg; /* 0xRRGGBB or PXL_STYLE_COLOR_AUTO */
    uint8_t border[4];        /* left, right, top, bottom */
    uint32_t border_color[4];
    uint8_t diag_down, diag_up, diag_border;
    uint32_t diag_color;
    uint8_t halign;           /* 0 general ... 7 distributed */
    uint8_t valign;           /* 0 top, 1 center, 2 bottom, 3 justify, 4 distributed */
    uint8_t wrap, shrink, indent;
    int16_t rotation;         /* degrees, -90 (down) to 90 (up), or 270: letters stacked */
    uint8_t locked, hidden;   /* protection */
} pxl_cell_style;

/* How many cell formats the grid's reader gives (0: none; only planxl's BIFF reader does). */
size_t pxl_grid_style_count(const pxl_grid *grid);

/* The format of cells whose pxl_cell::style is @p style (owned by the grid); NULL for 0 and
 * out of range. */
const pxl_cell_style *pxl_grid_cell_style(const pxl_grid *grid, unsigned style);

/* From now on, the scans of @p grid deliver the empty cells that have a format of their own
 * too (pxl_cell::type EMPTY, style non-zero: an .xls BLANK or MULBLANK record), for convert,
 * which writes them as formatted blanks. Only a reader that gives formats has such cells; the
 * public pxl_grid_sheet_scan() never delivers them. */
void pxl_grid_keep_blanks(pxl_grid *grid);

/* 1 when the file at @p path is a zip package (.xlsx, .xlsm, .ods, ...) by its first bytes. */
int pxl_grid_path_is_zip(const char *path);

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
