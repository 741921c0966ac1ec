/*
 * The AUTO reader, a composition of two: freexl reads the cells, as the design asks;
 * the BIFF reader's supplement pass delivers the cells freexl 1.0.6 gets wrong
 * (formulas, booleans and errors, RSTRING text, dates and times it would cut:
 * docs/auto-reader.md), and the BIFF reader reads the whole file when freexl cannot
 * open it (an error, or success with a NULL handle: 118 of the 647 corpus files) or
 * would allocate more than planxl allows it for the sheets' declared size (read/freexl.c:
 * the pass learns each sheet's DIMENSIONS before freexl is asked).
 * The pass reads the workbook stream through a small window over the file
 * (read/biff/stream.c), and its file is closed at once when no sheet needs the pass.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "auto.h"
#include "freexl.h"
#include "read/biff/biff_reader.h"
#include "util/error_internal.h"

/* freexl's reader wrapped with what AUTO adds to it. */
typedef struct auto_reader {
    const pxl_reader_ops *cells_ops;   /* freexl's */
    void *cells;
    /* The BIFF reader's supplement pass, its sheets aligned with freexl's; NULL when the
     * workbook has no cell freexl reads wrong. */
    void *supplement;
    /* Grid sheet i is freexl's sheet sheet_map[i] once freexl's chart and macro sheets are
     * dropped; NULL when the numbering is the same. */
    size_t *sheet_map;
} auto_reader;

/*
 * freexl 1.0.6 lists chart, macro and VB module sheets as worksheets (calamine's
 * any_sheets.xls: its "Chart" sheet even shows another sheet's cells). grid.h promises
 * worksheets only: drop those the BIFF reader's sheet list says are not.
 */
static pxl_error drop_non_worksheets(pxl_grid *grid, const void *book, size_t **sheet_map)
{
    size_t kept = 0, count = grid->sheet_count;
    size_t *map = malloc((count ? count : 1) * sizeof *map);
    if (!map)
        return pxl_fail_nomem();
    for (size_t i = 0; i < count; i++) {
        if (pxl_biff_is_worksheet(book, grid->sheet_names[i], i, count)) {
            map[kept] = i;
            grid->sheet_names[kept++] = grid->sheet_names[i];
        } else {
            free(grid->sheet_names[i]);
        }
    }
    grid->sheet_count = kept;
    if (kept == count) {
        free(map);
        return PXL_OK;
    }
    *sheet_map = map;
    return PXL_OK;
}

/* Interleaving the supplement pass's cells into freexl's cells, both row-major. */
typedef struct formula_merge {
    pxl_cell_visitor visit;
    void *ctx;
    void *formulas;     /* the BIFF reader, its sheet loaded */
    size_t next, count;
    int stopped;
} formula_merge;

static int before(const pxl_cell *a, const pxl_cell *b)
{
    return a->row < b->row || (a->row == b->row && a->col < b->col);
}

static int merge_visit(void *p, const pxl_cell *cell)
{
    formula_merge *m = p;
    while (m->next < m->count) {
        pxl_cell f;
        pxl_biff_sheet_cell(m->formulas, m->next, &f);
        if (before(cell, &f))
            break;
        m->next++;
        int same = f.row == cell->row && f.col == cell->col;
        if (m->visit(m->ctx, &f))
            return m->stopped = 1;
        if (same)
            return 0; /* the formula cell, with its cached value, stands for freexl's */
    }
    if (m->visit(m->ctx, cell))
        return m->stopped = 1;
    return 0;
}

/* The same merge driven by the supplement pass's stream of cells, pulling freexl's cells
 * up to each one: no sheet-sized buffer of supplement cells (issue 5: memory). */
typedef struct pull_merge {
    pxl_cell_visitor visit;
    void *ctx;
    pxl_freexl_cursor cursor;
    pxl_cell cell;      /* freexl's next cell, when have */
    int have;
    int stopped;
} pull_merge;

static int pull_visit(void *p, const pxl_cell *f)
{
    pull_merge *m = p;
    while (m->have && before(&m->cell, f)) {
        if (m->visit(m->ctx, &m->cell))
            return m->stopped = 1;
        m->have = pxl_freexl_cursor_next(&m->cursor, &m->cell);
    }
    if (m->have && m->cell.row == f->row && m->cell.col == f->col) /* the supplement's cell stands for freexl's */
        m->have = pxl_freexl_cursor_next(&m->cursor, &m->cell);
    if (m->visit(m->ctx, f))
        return m->stopped = 1;
    return 0;
}

/* 1 when the supplement pass streamed the sheet (and the merge is done), 0 to collect it. */
static int scan_streamed(auto_reader *a, size_t index, size_t own, pxl_cell_visitor visit, void *ctx, pxl_error *err)
{
    pull_merge m = { .visit = visit, .ctx = ctx };
    if ((*err = pxl_freexl_cursor_open(a->cells, own, &m.cursor)) != PXL_OK)
        return 1;
    m.have = pxl_freexl_cursor_next(&m.cursor, &m.cell);
    int streamed;
    pxl_error e = pxl_biff_stream_supplement(a->supplement, index, pull_visit, &m, &streamed);
    if (!streamed)
        return 0;
    if (e != PXL_OK)
        pxl_error_clear(); /* a damaged sheet: its cells past the damage are freexl's alone */
    while (!m.stopped && m.have) {
        if (visit(ctx, &m.cell))
            break;
        m.have = pxl_freexl_cursor_next(&m.cursor, &m.cell);
    }
    return 1;
}

static pxl_error auto_scan(void *impl, size_t index, pxl_cell_visitor visit, void *ctx)
{
    auto_reader *a = impl;
    size_t own = a->sheet_map ? a->sheet_map[index] : index;
    if (!a->supplement)
        return a->cells_ops->scan(a->cells, own, visit, ctx);
    pxl_error err;
    if (scan_streamed(a, index, own, visit, ctx, &err))
        return err;
    formula_merge m = { visit, ctx, a->supplement, 0, 0, 0 };
    err = pxl_biff_sheet_load(a->supplement, index, &m.count);
    if (err != PXL_OK) {
        /* the formula pass cannot read this sheet: freexl's cells alone, as without it */
        pxl_error_clear();
        m.count = 0;
    }
    err = a->cells_ops->scan(a->cells, own, merge_visit, &m);
    if (err != PXL_OK || m.stopped)
        return err;
    while (m.next < m.count) {
        pxl_cell f;
        pxl_biff_sheet_cell(m.formulas, m.next++, &f);
        if (visit(ctx, &f))
            break;
    }
    return PXL_OK;
}

static void auto_close(void *impl)
{
    auto_reader *a = impl;
    a->cells_ops->close(a->cells);
    if (a->supplement)
        pxl_biff_ops.close(a->supplement);
    free(a->sheet_map);
    free(a);
}

static const pxl_reader_ops auto_ops = {"auto", auto_scan, auto_close, NULL, NULL};

/* freexl's grid, turned into AUTO's: its cells with the supplement's, its sheets renumbered. */
static pxl_error wrap_freexl(pxl_grid *grid, void *supplement)
{
    size_t *sheet_map = NULL;
    if (pxl_biff_defined_names(supplement, grid) != PXL_OK ||
        drop_non_worksheets(grid, supplement, &sheet_map) != PXL_OK ||
        (pxl_biff_supplement_needed(supplement) &&
         pxl_biff_align_sheets(supplement, grid->sheet_names, grid->sheet_count) != PXL_OK)) {
        free(sheet_map);
        pxl_biff_ops.close(supplement);
        return PXL_ERR_NOMEM; /* the names already copied go with pxl_grid_close() */
    }
    /* the sheets' states and merged ranges, which freexl does not read, from the pass */
    pxl_error facts = pxl_biff_sheet_facts(supplement, grid);
    if (facts != PXL_OK) {
        free(sheet_map);
        pxl_biff_ops.close(supplement);
        return facts;
    }
    if (!pxl_biff_supplement_needed(supplement)) {
        pxl_biff_ops.close(supplement);
        supplement = NULL;
        if (!sheet_map)
            return PXL_OK; /* freexl's grid as it is */
    }
    auto_reader *a = malloc(sizeof *a);
    if (!a) {
        free(sheet_map);
        if (supplement)
            pxl_biff_ops.close(supplement);
        return pxl_fail_nomem();
    }
    *a = (auto_reader){ grid->ops, grid->impl, supplement, sheet_map };
    grid->ops = &auto_ops;
    grid->impl = a;
    return PXL_OK;
}

/* The BIFF reader reads the whole file instead of freexl; pxl_error_message() says why
 * freexl did not (kept for --verbose). */
static pxl_error fall_back(pxl_grid *grid, const char *path)
{
    grid->fallback_reason = strdup(pxl_error_message());
    if (!grid->fallback_reason)
        return pxl_fail_nomem();
    pxl_grid_reset(grid);
    grid->fell_back = 1;
    return pxl_biff_open(grid, path);
}

pxl_error pxl_auto_open(pxl_grid *grid, const char *path)
{
    void *supplement = NULL;
    pxl_error pass = pxl_biff_open_supplement(path, &supplement);
    if (pass != PXL_OK) {
        /* the BIFF reader cannot read a file freexl may still read: freexl's cells stand */
        pxl_error_clear();
        supplement = NULL;
    }
    /* an encrypted workbook's records are garbage: freexl and then the BIFF reader refuse it */
    if (pass != PXL_ERR_ENCRYPTED && pxl_freexl_check_size(path, supplement, 0) != PXL_OK) {
        /* freexl would allocate more for the sheets' declared size than planxl allows it:
         * the BIFF reader reads the file, needing only what its cells need (or says why
         * it cannot) */
        if (supplement)
            pxl_biff_ops.close(supplement);
        return fall_back(grid, path);
    }
    if (supplement && !pxl_biff_supplement_needed(supplement))
        pxl_biff_release_stream(supplement);
    pxl_error err = pxl_freexl_open_checked(grid, path);
    if (err == PXL_ERR_ENCRYPTED || err == PXL_ERR_NOMEM) {
        if (supplement)
            pxl_biff_ops.close(supplement);
        return err; /* the BIFF reader would refuse it too */
    }
    if (err != PXL_OK) {
        if (supplement)
            pxl_biff_ops.close(supplement);
        return fall_back(grid, path);
    }
    return supplement ? wrap_freexl(grid, supplement) : PXL_OK;
}

void *pxl_auto_supplement(const pxl_grid *grid)
{
    return grid->ops == &auto_ops ? ((const auto_reader *)grid->impl)->supplement : NULL;
}
