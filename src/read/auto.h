/* The AUTO reader (read/auto.c): freexl's cells with the BIFF reader's supplement pass. */
#ifndef PLANXL_READ_AUTO_H
#define PLANXL_READ_AUTO_H

#include "read/reader.h"

/* Open @p path with freexl and the BIFF pass beside it, or with the BIFF reader alone
 * when freexl cannot open it or would allocate more than planxl allows it for the
 * sheets' declared size (grid->fell_back, grid->fallback_reason say why). */
pxl_error pxl_auto_open(pxl_grid *grid, const char *path);

/* The BIFF reader's supplement pass of an AUTO grid (for tests: pxl_biff_scan_paths);
 * NULL when the grid is not AUTO's or needs no pass. */
void *pxl_auto_supplement(const pxl_grid *grid);

#endif
