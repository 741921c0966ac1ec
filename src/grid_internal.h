/*
 * The grid behind its public interface: one struct, and one vtable per reader.
 * A reader's open function fills in the sheet names and its ops; grid.c picks
 * the reader and merges in formula cells.
 */
#ifndef PLANXL_GRID_INTERNAL_H
#define PLANXL_GRID_INTERNAL_H

#include <stddef.h>
#include "planxl/grid.h"

typedef struct pxl_reader_ops {
    const char *name;
    /* Visit the non-empty cells of sheet @p index in row-major order. */
    pxl_error (*scan)(void *impl, size_t index, pxl_cell_visitor visit, void *ctx);
    void (*close)(void *impl);
} pxl_reader_ops;

struct pxl_grid {
    char *path;
    char **sheet_names;       /* UTF-8, malloc'd, sheet_count of them */
    size_t sheet_count;
    int date1904;
    int biff_version;         /* 2, 3, 4, 5 or 8; 0 when unknown */
    pxl_reader_kind reader;
    int fell_back;
    char *fallback_reason;
    const pxl_reader_ops *ops;
    void *impl;
    /* AUTO on a freexl grid: grid sheet i is freexl's sheet sheet_map[i] once freexl's chart
     * and macro sheets are dropped; NULL when the numbering is the same. */
    size_t *sheet_map;
    /* AUTO on a freexl grid: the BIFF reader's supplement pass, delivering the cells freexl
     * reads wrong (docs/autofix.md); NULL when the workbook has none. */
    const pxl_reader_ops *formula_ops;
    void *formula_impl;
    /* The workbook's defined names (the BIFF reader's); every string malloc'd. */
    pxl_defined_name *defined;
    size_t defined_count;
};

/* Free grid->defined (and set it empty). */
void pxl_grid_free_defined(pxl_grid *grid);

/* Adds a copy of @p name to grid->sheet_names. */
pxl_error pxl_grid_add_sheet(pxl_grid *grid, const char *name);

/* A pull-style walk over a freexl sheet's cells, row-major (the AUTO merge drives it from
 * the BIFF pass's stream of supplement cells). A cell's text is valid until the next call. */
typedef struct pxl_freexl_cursor {
    void *reader;
    unsigned int rows, row;
    unsigned short cols, col;
} pxl_freexl_cursor;
pxl_error pxl_freexl_cursor_open(void *impl, size_t index, pxl_freexl_cursor *c);
/* 1 with the next cell in *cell; 0 at the end of the sheet. */
int pxl_freexl_cursor_next(pxl_freexl_cursor *c, pxl_cell *cell);

/* Reader entry points. Each fills grid->ops/impl/sheet_names/date1904 or fails with a message naming the path. */
pxl_error pxl_freexl_open(pxl_grid *grid, const char *path);
pxl_error pxl_biff_open(pxl_grid *grid, const char *path);
/* The .xlsx/.xlsm reader (src/read/xlsx/); also refuses .ods and other zip files by name. */
pxl_error pxl_xlsx_open(pxl_grid *grid, const char *path);

/* Excel serial (1900 system) from a civil date and time; the 1900 leap-year bug is honoured
 * (serial 60 is 1900-02-29), as Excel and libxlsxwriter do. */
double pxl_serial_from_civil(int year, int month, int day, int hour, int minute, double second);

#endif
