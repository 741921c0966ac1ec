/*
 * Cell formats for convert: one lxw_format per cell format of the grid that a cell uses
 * (created the first time, then reused), never one per cell; memory is bounded by the
 * workbook's XF count, not by its cells.
 */
#ifndef PLANXL_CONVERT_FORMAT_H
#define PLANXL_CONVERT_FORMAT_H

#include <stddef.h>

#include <xlsxwriter.h>

#include "planxl/grid.h"

/* Why a part of a cell format was not carried: called once per cell format, for the first
 * cell that uses it. */
typedef void (*pxl_format_note)(void *ctx, const pxl_cell *cell, const char *what);

/* The number format convert gives a date cell whose own format does not say it is a date
 * (or has no format): which of convert's four. */
typedef enum pxl_date_look {
    PXL_DATE_LOOK_NONE = 0, /* not a date cell */
    PXL_DATE_LOOK_DATE,
    PXL_DATE_LOOK_DATETIME,
    PXL_DATE_LOOK_TIME,
    PXL_DATE_LOOK_DURATION,
    PXL_DATE_LOOK_COUNT
} pxl_date_look;

typedef struct pxl_format_cache {
    lxw_workbook *wb;
    const pxl_grid *grid;
    const char *const *date_formats; /* PXL_DATE_LOOK_COUNT of them, [0] unused */
    lxw_format **slots;              /* style_count × PXL_DATE_LOOK_COUNT, allocated at first use */
    size_t style_count;
    size_t formats;                  /* lxw_formats made */
    pxl_format_note note;
    void *note_ctx;
} pxl_format_cache;

/* Set up for the workbook @p wb being written from @p grid. */
void pxl_format_cache_init(pxl_format_cache *c, lxw_workbook *wb, const pxl_grid *grid,
                           const char *const *date_formats, pxl_format_note note, void *note_ctx);

/*
 * The format to write @p cell with: its own cell format, and for a date cell (@p look not
 * NONE) whose format is not a date format, convert's date format of that look. *fmt NULL
 * when the cell has no format of its own (the caller then uses its plain date formats).
 * Returns 0, or -1 when out of memory.
 */
int pxl_format_for(pxl_format_cache *c, const pxl_cell *cell, pxl_date_look look, lxw_format **fmt);

/* Free the cache (the lxw_formats belong to the workbook). */
void pxl_format_cache_free(pxl_format_cache *c);

#endif
