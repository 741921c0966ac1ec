/*
 * The grid behind its public interface, as the readers see it: the grid struct a
 * reader fills in, the operations a reader provides, and the table of readers
 * (read/readers.c) that pxl_grid_open() chooses from. Adding a reader is new files
 * in read/ plus one entry in that table; grid.c names no reader.
 */
#ifndef PLANXL_READ_READER_H
#define PLANXL_READ_READER_H

#include <stddef.h>
#include "planxl/grid.h"
#include "grid_internal.h"

/* What a reader does with an open workbook. */
typedef struct pxl_reader_ops {
    const char *name;
    /* Visit the non-empty cells of sheet @p index in row-major order. */
    pxl_error (*scan)(void *impl, size_t index, pxl_cell_visitor visit, void *ctx);
    void (*close)(void *impl);
    /* Optional, for a reader that finds a sheet's merged ranges only by reading the sheet
     * (.xlsx): sheet @p index's ranges into *ranges (malloc'd, the grid takes them over; NULL
     * when none), *count of them. A reader that knows them at open gives them with
     * pxl_grid_set_merges() instead, and one that never knows them leaves both out. */
    pxl_error (*merges)(void *impl, size_t index, pxl_range **ranges, size_t *count);
    /* Optional, for a reader that gives cell formats: from now on, scans deliver the empty
     * cells that have a format of their own too (pxl_grid_keep_blanks()). */
    void (*keep_blanks)(void *impl);
} pxl_reader_ops;

/* One sheet's merged ranges, as the grid holds them. */
typedef struct pxl_grid_merges {
    pxl_range *ranges;
    size_t count;
    int known;
} pxl_grid_merges;

struct pxl_grid {
    char *path;
    char **sheet_names;       /* UTF-8, malloc'd, sheet_count of them */
    size_t sheet_count;
    int date1904;
    /* The cell formats pxl_cell::style counts in (1 + index), owned by the reader; NULL, 0 when
     * the reader gives none. */
    const pxl_cell_style *styles;
    size_t style_count;
    int biff_version;         /* 2, 3, 4, 5 or 8; 0 when unknown */
    pxl_reader_kind reader;   /* which reader reads the cells (never AUTO) */
    int fell_back;
    char *fallback_reason;
    const pxl_reader_ops *ops;
    void *impl;
    /* The workbook's defined names; every string malloc'd. */
    pxl_defined_name *defined;
    size_t defined_count;
    /* Per sheet (sheet_count of them), or NULL: the reader cannot tell (all UNKNOWN). */
    pxl_sheet_state *sheet_states;
    /* Per sheet (sheet_count of them) once a reader gave some, else NULL. */
    pxl_grid_merges *merges;
    /* The sheets that are no worksheets (charts, macro, module and dialog sheets), which no
     * reader reads: named so that what skips them can say so. Names malloc'd. */
    char **other_names;
    pxl_other_sheet *other_kinds;
    size_t other_count;
};

/* The file formats pxl_grid_open() tells apart by their first bytes (read/sniff.c). */
typedef enum pxl_file_format {
    PXL_FORMAT_XLS,        /* an OLE2 compound file or a bare BIFF stream */
    PXL_FORMAT_ZIP         /* a zip package: the .xlsx reader says what kind (and refuses .ods, ...) */
} pxl_file_format;

/* One entry of the readers' table. */
typedef struct pxl_reader {
    const char *name;         /* as --reader names it */
    const char *reads;        /* what it reads, for a refusal: ".xls only" */
    pxl_reader_kind kind;     /* the caller's choice that picks it (pxl_grid_options.reader) */
    pxl_file_format format;   /* the format it reads */
    /* Fill grid->ops, impl, sheet_names, date1904, reader (and the defined names), or
     * fail with a message naming the path. On failure pxl_grid_open() frees what it left. */
    pxl_error (*open)(pxl_grid *grid, const char *path);
} pxl_reader;

/* The readers, ended by an entry whose open is NULL (read/readers.c). */
extern const pxl_reader pxl_readers[];

/* Say what the file at @p path is; a file planxl cannot read is refused by name. */
pxl_error pxl_sniff_format(const char *path, pxl_file_format *format);

/* Adds a copy of @p name to grid->sheet_names. */
pxl_error pxl_grid_add_sheet(pxl_grid *grid, const char *name);

/* A sheet of the workbook that is no worksheet (reader.h: other_names). */
pxl_error pxl_grid_add_other_sheet(pxl_grid *grid, const char *name, pxl_other_sheet kind);

/* Sheet @p index's state; after the sheets are added. */
pxl_error pxl_grid_set_sheet_state(pxl_grid *grid, size_t index, pxl_sheet_state state);

/* Give the grid sheet @p index's merged ranges (a malloc'd array it takes over, also on
 * failure; NULL when @p count is 0), after the sheets are added: put in order (grid.h's
 * promise), 1-cell and repeated ranges dropped. More than PXL_GRID_MAX_MERGES is refused
 * naming the sheet. Every sheet of a reader that knows merges gets a call, even with none. */
pxl_error pxl_grid_set_merges(pxl_grid *grid, size_t index, pxl_range *ranges, size_t count);

/* Forget the sheet states and merged ranges (a reader dropping or renumbering sheets
 * gives them again). */
void pxl_grid_free_sheet_facts(pxl_grid *grid);

/* Free grid->defined (and set it empty). */
void pxl_grid_free_defined(pxl_grid *grid);

/* Forget what a reader that failed half-way left in the grid (its cells, sheets, names,
 * date system), so that another reader can fill it in. */
void pxl_grid_reset(pxl_grid *grid);

#endif
