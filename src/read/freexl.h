/* The freexl reader (read/freexl.c), and the pull-style walk the AUTO reader drives. */
#ifndef PLANXL_READ_FREEXL_H
#define PLANXL_READ_FREEXL_H

#include "read/reader.h"

/* Open @p path with freexl: fills grid->ops/impl/sheet_names/date1904. Refused first
 * (pxl_freexl_check_size) when freexl would allocate too much for the sheets' declared size. */
pxl_error pxl_freexl_open(pxl_grid *grid, const char *path);

/* The same when the caller has made that check already (AUTO). */
pxl_error pxl_freexl_open_checked(pxl_grid *grid, const char *path);

/* PXL_OK, or PXL_ERR_UNSUPPORTED naming @p path, the largest sheet and its declared size
 * when freexl would allocate more than planxl allows it (read/freexl.c) for the sizes the
 * BIFF reader @p book, open on the same file, found (NULL when the BIFF reader cannot
 * open it: then a bare walk of its workbook stream says, when it opens at all); with
 * @p suggest_biff the message says to read it with --reader biff. */
pxl_error pxl_freexl_check_size(const char *path, const void *book, int suggest_biff);

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
