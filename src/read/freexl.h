/* The freexl reader (read/freexl.c), and the pull-style walk the AUTO reader drives. */
#ifndef PLANXL_READ_FREEXL_H
#define PLANXL_READ_FREEXL_H

#include "read/reader.h"

/* Open @p path with freexl: fills grid->ops/impl/sheet_names/date1904. */
pxl_error pxl_freexl_open(pxl_grid *grid, const char *path);

/* A pull-style walk over a freexl sheet's cells, row-major (the AUTO merge drives it from
 * the BIFF pass's stream of supplement cells). A cell's text is valid until the next call. */
typedef struct pxl_freexl_cursor {
    void *reader;
    unsigned int rows, row;
    unsigned short cols, col;
} pxl_freexl_cursor;

/* Start a walk over sheet @p index of the freexl reader @p impl (grid->impl after pxl_freexl_open). */
pxl_error pxl_freexl_cursor_open(void *impl, size_t index, pxl_freexl_cursor *c);

/* 1 with the next cell in *cell; 0 at the end of the sheet. */
int pxl_freexl_cursor_next(pxl_freexl_cursor *c, pxl_cell *cell);

#endif
