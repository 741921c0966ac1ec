/* The recogniser's view of cells: their text, and values read from them (recognizer.h). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error_internal.h"
#include "util/number_text.h"
#include "recognizer.h"

const char *pxl_rec_keep(recognizer *r, const char *s)
{
    const char *copy = pxl_plan_strdup(r->plan, s ? s : "");
    if (!copy) {
        r->nomem = 1;
        return "";
    }
    return copy;
}

pxl_cellref pxl_rec_cellref(const recognizer *r, uint32_t row, long col)
{
    pxl_cellref ref = {r->file, r->sheet, row, col < 0 ? 0 : (uint32_t)col};
    return ref;
}

const pxl_cell *pxl_rec_cell_at(const recognizer *r, uint32_t row, long col)
{
    return col < 0 ? NULL : pxl_sheet_table_get(r->table, row, (uint32_t)col);
}

const char *pxl_rec_cell_text(char *buf, size_t size, const pxl_cell *c)
{
    if (!c)
        return "";
    switch (c->type) {
    case PXL_CELL_TEXT:
    case PXL_CELL_ERROR:
        return c->text ? c->text : "";
    case PXL_CELL_BOOLEAN:
        return c->number != 0 ? "TRUE" : "FALSE";
    case PXL_CELL_NUMBER:
    case PXL_CELL_DATE:
    case PXL_CELL_DATETIME:
    case PXL_CELL_TIME:
        return pxl_number_text(buf, size, c->number);
    case PXL_CELL_EMPTY:
        break;
    }
    return "";
}

/* Text of the cell at (row, col), kept in the plan. */
const char *pxl_rec_text_at(recognizer *r, uint32_t row, long col)
{
    char buf[64];
    const pxl_cell *c = pxl_rec_cell_at(r, row, col);
    pxl_rec_take(r, c);
    return pxl_rec_keep(r, pxl_rec_cell_text(buf, sizeof buf, c));
}

void pxl_rec_take_fields(recognizer *r, pxl_fields *fields, uint32_t row, const table_header *h)
{
    for (size_t i = 0; i < h->extra_count && !r->nomem; i++) {
        const pxl_cell *c = pxl_rec_cell_at(r, row, h->extra_col[i]);
        if (!c || !pxl_rec_is_meaningful(c))
            continue;
        const char *value = pxl_rec_text_at(r, row, h->extra_col[i]);
        if (pxl_fields_add(r->plan, fields, h->extra_header[i], value, pxl_rec_cellref(r, row, h->extra_col[i])))
            r->nomem = 1;
    }
}

static int down_order(const void *pa, const void *pb)
{
    const pxl_range *a = pa, *b = pb;
    if (a->first_col != b->first_col)
        return a->first_col < b->first_col ? -1 : 1;
    if (a->first_row != b->first_row)
        return a->first_row < b->first_row ? -1 : 1;
    return 0;
}

int pxl_rec_set_merges(recognizer *r, const pxl_range *merges, size_t count)
{
    free(r->down);
    r->down = NULL;
    r->down_count = 0;
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        n += merges[i].last_row > merges[i].first_row;
    if (!n)
        return 0;
    if (!(r->down = malloc(n * sizeof *r->down)))
        return -1;
    for (size_t i = 0; i < count; i++)
        if (merges[i].last_row > merges[i].first_row)
            r->down[r->down_count++] = merges[i];
    qsort(r->down, r->down_count, sizeof *r->down, down_order);
    return 0;
}

/* The range of r->down whose first cell is in column @p col and which spans @p row; NULL when
 * none. Ranges of one column do not overlap in a file Excel wrote; in one that does, the last
 * range starting at or above @p row is the one asked. */
static const pxl_range *merged_down(const recognizer *r, uint32_t row, uint32_t col)
{
    size_t lo = 0, hi = r->down_count;
    /* the first range after (col, row) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const pxl_range *m = &r->down[mid];
        if (m->first_col < col || (m->first_col == col && m->first_row <= row))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const pxl_range *m = &r->down[lo - 1];
    return m->first_col == col && m->first_row <= row && row <= m->last_row ? m : NULL;
}

const char *pxl_rec_merged_text_at(recognizer *r, uint32_t row, long col)
{
    const pxl_range *m;
    if (col >= 0 && !pxl_rec_cell_at(r, row, col) && (m = merged_down(r, row, (uint32_t)col)) != NULL)
        return pxl_rec_text_at(r, m->first_row, col);
    return pxl_rec_text_at(r, row, col);
}

/* 1 when @p s holds a letter or a digit: "-----" and "***" rows are decoration. */
int pxl_rec_has_content(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p >= 0xC0)
            return 1;
    return 0;
}

int pxl_rec_is_meaningful(const pxl_cell *c)
{
    if (c->type == PXL_CELL_TEXT)
        return c->text && pxl_rec_has_content(c->text);
    return c->type != PXL_CELL_EMPTY || c->is_formula;
}

/*
 * A value from the cell at (row, col). Amounts are read with AMOUNT rules,
 * KPI values with KPI rules; an empty cell is MISSING but still knows where
 * it should have been, and a formula freexl could not evaluate stays MISSING
 * (never 0): freexl 1.0.6 returns FORMULA records as empty cells.
 */
pxl_value pxl_rec_read_value(recognizer *r, uint32_t row, const table_header *h, pxl_header_role role,
                            pxl_parse_mode mode)
{
    pxl_value v;
    memset(&v, 0, sizeof v);
    v.kind = PXL_VALUE_MISSING;
    v.text = "";
    /* A table without this column: the value is missing, and its place is the row's first cell. */
    long col = h->col[role];
    v.cell = pxl_rec_cellref(r, row, col >= 0 ? col : (long)h->first_col);
    const pxl_cell *c = pxl_rec_cell_at(r, row, col);
    if (!c)
        return v;
    pxl_rec_take(r, c);
    char buf[64];
    v.is_formula = c->is_formula;
    v.formula = c->formula ? pxl_rec_keep(r, c->formula) : NULL;
    switch (c->type) {
    case PXL_CELL_NUMBER:
        v.kind = PXL_VALUE_NUMBER;
        v.number = c->number;
        v.text = pxl_rec_keep(r, pxl_number_text(buf, sizeof buf, c->number));
        break;
    case PXL_CELL_TEXT: {
        double number = 0;
        pxl_direction direction = PXL_DIRECTION_NONE;
        v.text = pxl_rec_keep(r, c->text);
        v.kind = pxl_parse_text(c->text, mode, &number, &direction);
        v.number = number;
        v.direction = direction;
        v.stored_as_text = v.kind == PXL_VALUE_NUMBER || v.kind == PXL_VALUE_PERCENT;
        break;
    }
    case PXL_CELL_ERROR:
        /* "#DIV/0!", "#REF!": a value that should be a number and is not. */
        v.kind = PXL_VALUE_INVALID;
        v.text = pxl_rec_keep(r, c->text);
        break;
    case PXL_CELL_BOOLEAN:
    case PXL_CELL_DATE:
    case PXL_CELL_DATETIME:
    case PXL_CELL_TIME:
        /* A date or TRUE where an amount belongs is a typing mistake, not an amount. */
        v.kind = mode == PXL_PARSE_AMOUNT ? PXL_VALUE_INVALID : PXL_VALUE_TEXT;
        v.text = pxl_rec_keep(r, pxl_rec_cell_text(buf, sizeof buf, c));
        break;
    case PXL_CELL_EMPTY:
        break;
    }
    return v;
}
