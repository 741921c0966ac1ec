/* A sheet copied from the grid for random access: sorted cells, sparse row index. */
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/error_internal.h"
#include "read/grid_internal.h"
#include "sheet_table.h"
#include "util/unicode.h"

typedef struct table_row {
    uint32_t row;
    size_t first;   /* index of its first cell in cells[] */
    size_t count;
} table_row;

struct pxl_sheet_table {
    pxl_arena arena;      /* the cells' strings */
    const char *name;
    pxl_cell *cells;      size_t cell_count, cell_cap;
    table_row *rows;      size_t row_count;
    int unsorted;         /* a reader delivered a cell out of row-major order */
    int nomem;
};

static int only_space(const char *s)
{
    for (size_t k; *s; s += k)
        if ((k = pxl_space_len(s)) == 0)
            return 0;
    return 1;
}

static const char *copy_string(pxl_sheet_table *t, const char *s)
{
    if (!s)
        return NULL;
    const char *copy = pxl_arena_strndup(&t->arena, s, strlen(s));
    if (!copy)
        t->nomem = 1;
    return copy;
}

static int add_cell(void *ctx, const pxl_cell *cell)
{
    pxl_sheet_table *t = ctx;
    if (cell->type == PXL_CELL_TEXT && !cell->is_formula && (!cell->text || only_space(cell->text)))
        return 0;
    if (t->cell_count == t->cell_cap) {
        size_t cap = t->cell_cap ? t->cell_cap * 2 : 256;
        pxl_cell *cells = realloc(t->cells, cap * sizeof *cells);
        if (!cells) {
            t->nomem = 1;
            return 1;
        }
        t->cells = cells;
        t->cell_cap = cap;
    }
    if (t->cell_count > 0) {
        const pxl_cell *last = &t->cells[t->cell_count - 1];
        if (cell->row < last->row || (cell->row == last->row && cell->col <= last->col))
            t->unsorted = 1;
    }
    pxl_cell *c = &t->cells[t->cell_count++];
    *c = *cell;
    c->text = copy_string(t, cell->text);
    c->formula = copy_string(t, cell->formula);
    return t->nomem;
}

static int compare_cells(const void *a, const void *b)
{
    const pxl_cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return 0;
}

/* Sort (only when a reader broke row-major order) and keep the last of any duplicate address. */
static void normalise(pxl_sheet_table *t)
{
    if (!t->unsorted)
        return;
    /* qsort is not stable; a merge of duplicates keeps whichever lands last, which is acceptable
     * for a malformed file (two records for one cell) and never crashes. */
    qsort(t->cells, t->cell_count, sizeof *t->cells, compare_cells);
    size_t out = 0;
    for (size_t i = 0; i < t->cell_count; i++) {
        if (out > 0 && compare_cells(&t->cells[out - 1], &t->cells[i]) == 0)
            t->cells[out - 1] = t->cells[i];
        else
            t->cells[out++] = t->cells[i];
    }
    t->cell_count = out;
}

static int index_rows(pxl_sheet_table *t)
{
    size_t n = 0;
    for (size_t i = 0; i < t->cell_count; i++)
        if (i == 0 || t->cells[i].row != t->cells[i - 1].row)
            n++;
    t->rows = n ? calloc(n, sizeof *t->rows) : NULL;
    if (n && !t->rows)
        return -1;
    t->row_count = 0;
    for (size_t i = 0; i < t->cell_count; i++) {
        if (i == 0 || t->cells[i].row != t->cells[i - 1].row) {
            table_row *r = &t->rows[t->row_count++];
            r->row = t->cells[i].row;
            r->first = i;
        }
        t->rows[t->row_count - 1].count++;
    }
    return 0;
}

pxl_error pxl_sheet_table_load(pxl_sheet_table **out, pxl_grid *grid, size_t index)
{
    *out = NULL;
    pxl_sheet_table *t = calloc(1, sizeof *t);
    if (!t)
        return pxl_fail_nomem();
    t->name = copy_string(t, pxl_grid_sheet_name(grid, index));
    if (!t->name)
        t->name = "";
    pxl_error err = pxl_grid_sheet_visit(grid, index, add_cell, t);
    if (err == PXL_OK && t->nomem)
        err = pxl_fail_nomem();
    if (err == PXL_OK) {
        normalise(t);
        if (index_rows(t) != 0)
            err = pxl_fail_nomem();
    }
    if (err != PXL_OK) {
        pxl_sheet_table_free(t);
        return err;
    }
    *out = t;
    return PXL_OK;
}

void pxl_sheet_table_free(pxl_sheet_table *table)
{
    if (!table)
        return;
    free(table->cells);
    free(table->rows);
    pxl_arena_free(&table->arena);
    free(table);
}

const char *pxl_sheet_table_name(const pxl_sheet_table *table)
{
    return table->name;
}

size_t pxl_sheet_table_row_count(const pxl_sheet_table *table)
{
    return table->row_count;
}

uint32_t pxl_sheet_table_row_number(const pxl_sheet_table *table, size_t i)
{
    return i < table->row_count ? table->rows[i].row : 0;
}

const pxl_cell *pxl_sheet_table_row_cells(const pxl_sheet_table *table, size_t i, size_t *count)
{
    if (i >= table->row_count) {
        *count = 0;
        return NULL;
    }
    *count = table->rows[i].count;
    return table->cells + table->rows[i].first;
}

size_t pxl_sheet_table_cell_count(const pxl_sheet_table *table)
{
    return table->cell_count;
}

size_t pxl_sheet_table_cell_index(const pxl_sheet_table *table, const pxl_cell *cell)
{
    return (size_t)(cell - table->cells);
}

const pxl_cell *pxl_sheet_table_get(const pxl_sheet_table *table, uint32_t row, uint32_t col)
{
    size_t lo = 0, hi = table->row_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (table->rows[mid].row < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == table->row_count || table->rows[lo].row != row)
        return NULL;
    const pxl_cell *cells = table->cells + table->rows[lo].first;
    size_t a = 0, b = table->rows[lo].count;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (cells[mid].col < col)
            a = mid + 1;
        else
            b = mid;
    }
    return a < table->rows[lo].count && cells[a].col == col ? &cells[a] : NULL;
}
