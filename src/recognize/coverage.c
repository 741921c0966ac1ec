/*
 * Every cell accounted for (issue 12, item 5): the recogniser notes each cell it takes into the
 * model or names as a title, a header or a label; after the sheet, one pass lists the non-empty
 * cells it did not take, so that check reports each (unrecognized-content) instead of dropping it
 * unseen. Decoration ("-----") and white space are no content (pxl_rec_is_meaningful()).
 */
#include <stdlib.h>
#include <string.h>

#include "recognizer.h"

int pxl_rec_coverage_begin(recognizer *r)
{
    free(r->taken);
    r->taken_count = pxl_sheet_table_cell_count(r->table);
    r->taken = r->taken_count ? calloc(r->taken_count, 1) : NULL;
    if (r->taken_count && !r->taken) {
        r->taken_count = 0;
        return -1;
    }
    return 0;
}

void pxl_rec_take(recognizer *r, const pxl_cell *c)
{
    if (!c || !r->taken)
        return;
    size_t i = pxl_sheet_table_cell_index(r->table, c);
    if (i < r->taken_count)
        r->taken[i] = 1;
}

void pxl_rec_take_texts(recognizer *r, const pxl_cell *cells, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (cells[i].type == PXL_CELL_TEXT && pxl_rec_is_meaningful(&cells[i]))
            pxl_rec_take(r, &cells[i]);
}

/* An amount, as the AMOUNT rules would read it: a number, a formula, or text that parses as one. */
int pxl_rec_is_amount_like(const pxl_cell *c)
{
    if (c->type == PXL_CELL_NUMBER || (c->type == PXL_CELL_EMPTY && c->is_formula))
        return 1;
    if (c->type != PXL_CELL_TEXT || !c->text)
        return 0;
    double number;
    pxl_direction direction;
    return pxl_parse_text(c->text, PXL_PARSE_AMOUNT, &number, &direction) == PXL_VALUE_NUMBER;
}

/* The untaken cells of one row: a row of which nothing was taken and that holds a text beside an
 * amount looks like an effect row outside any table; else each cell is an amount or a text. */
static void report_row(recognizer *r, const pxl_cell *cells, size_t count)
{
    int any_taken = 0, texts = 0, amounts = 0, untaken = 0;
    for (size_t i = 0; i < count; i++) {
        const pxl_cell *c = &cells[i];
        if (r->taken[pxl_sheet_table_cell_index(r->table, c)]) {
            any_taken = 1;
            continue;
        }
        if (!pxl_rec_is_meaningful(c))
            continue;
        untaken++;
        if (pxl_rec_is_amount_like(c))
            amounts++;
        else if (c->type == PXL_CELL_TEXT)
            texts++;
    }
    int effect_row = !any_taken && texts > 0 && amounts > 0;
    for (size_t i = 0; i < count && untaken && !r->nomem; i++) {
        const pxl_cell *c = &cells[i];
        if (r->taken[pxl_sheet_table_cell_index(r->table, c)] || !pxl_rec_is_meaningful(c))
            continue;
        char buf[64];
        pxl_unplaced u;
        u.cell = pxl_rec_cellref(r, c->row, c->col);
        u.text = c->is_formula && c->type == PXL_CELL_EMPTY && c->formula ? c->formula
                                                                           : pxl_rec_cell_text(buf, sizeof buf, c);
        u.kind = effect_row ? PXL_UNPLACED_EFFECT_ROW : pxl_rec_is_amount_like(c) ? PXL_UNPLACED_AMOUNT : PXL_UNPLACED_TEXT;
        if (pxl_plan_add_unplaced(r->plan, &u) != PXL_OK)
            r->nomem = 1;
    }
}

void pxl_rec_coverage_end(recognizer *r, int report)
{
    if (report && r->taken) {
        size_t rows = pxl_sheet_table_row_count(r->table);
        for (size_t i = 0; i < rows && !r->nomem; i++) {
            size_t count;
            const pxl_cell *cells = pxl_sheet_table_row_cells(r->table, i, &count);
            report_row(r, cells, count);
        }
    }
    free(r->taken);
    r->taken = NULL;
    r->taken_count = 0;
}
