/* The finance office's layout: measure rows, each with its KPI and effect tables; one sheet read row by row (recognizer.h). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error_internal.h"
#include "util/number_text.h"
#include "recognizer.h"

static void add_measure_row(recognizer *r, uint32_t row)
{
    const table_header *h = &r->measures;
    if (pxl_rec_has(h, PXL_HEADER_AREA)) {
        const char *name = pxl_rec_merged_text_at(r, row, h->col[PXL_HEADER_AREA]);
        if (*name) {
            r->area_name = name;
            r->area = NULL;
        }
    }
    pxl_measure *m = pxl_rec_new_measure(r, pxl_rec_current_area(r), row, h->first_col);
    r->measure = m;
    r->block.kind = TABLE_NONE;
    if (!m)
        return;
    m->section = pxl_rec_merged_text_at(r, row, h->col[PXL_HEADER_SECTION]);
    m->title = pxl_rec_merged_text_at(r, row, h->col[PXL_HEADER_MEASURE]);
    m->description = pxl_rec_text_at(r, row, h->col[PXL_HEADER_DESCRIPTION]);
    if (pxl_rec_has(h, PXL_HEADER_MEASURE))
        m->title_cell = pxl_rec_cellref(r, row, h->col[PXL_HEADER_MEASURE]);
    if (pxl_rec_has(h, PXL_HEADER_DESCRIPTION))
        m->description_cell = pxl_rec_cellref(r, row, h->col[PXL_HEADER_DESCRIPTION]);
    pxl_rec_take_fields(r, &m->fields, row, h);
}

void pxl_rec_fill_kpi(recognizer *r, pxl_kpi *k, uint32_t row, const table_header *h)
{
    k->name = pxl_rec_text_at(r, row, h->col[PXL_HEADER_KPI]);
    k->target = pxl_rec_read_value(r, row, h, PXL_HEADER_TARGET, PXL_PARSE_KPI);
    k->current = pxl_rec_read_value(r, row, h, PXL_HEADER_CURRENT, PXL_PARSE_KPI);
    k->comment = pxl_rec_text_at(r, row, h->col[PXL_HEADER_COMMENT]);
    k->cell = pxl_rec_cellref(r, row, h->first_col);
    pxl_rec_take_fields(r, &k->fields, row, h);
    r->recognised++;
}

static void fill_amounts(recognizer *r, pxl_value *current_year, pxl_value *full_year, uint32_t row,
                         const table_header *h)
{
    *current_year = pxl_rec_read_value(r, row, h, PXL_HEADER_EFFECT_YEAR, PXL_PARSE_AMOUNT);
    *full_year = pxl_rec_read_value(r, row, h, PXL_HEADER_EFFECT_FULL, PXL_PARSE_AMOUNT);
}

void pxl_rec_fill_effect(recognizer *r, pxl_effect *e, uint32_t row, const table_header *h)
{
    e->description = pxl_rec_text_at(r, row, h->text_col);
    fill_amounts(r, &e->current_year, &e->full_year, row, h);
    e->comment = pxl_rec_text_at(r, row, h->col[PXL_HEADER_COMMENT]);
    e->cell = pxl_rec_cellref(r, row, h->first_col);
    e->sheet_index = r->sheet_index;
    pxl_rec_take_fields(r, &e->fields, row, h);
    r->recognised++;
}

/* The total label of an effect-table row: a Summa/Totalt/Netto cell left of the amounts, or NULL. */
static const pxl_cell *total_label(const pxl_cell *cells, size_t count, const table_header *h)
{
    long limit = h->text_col;
    for (int role = PXL_HEADER_EFFECT_YEAR; role <= PXL_HEADER_EFFECT_FULL; role++)
        if (h->col[role] >= 0 && (limit < 0 || h->col[role] < limit))
            limit = h->col[role];
    for (size_t i = 0; i < count; i++) {
        if (cells[i].type != PXL_CELL_TEXT)
            continue;
        if (limit >= 0 && (long)cells[i].col > limit && cells[i].col != (uint32_t)h->text_col)
            break;
        if (pxl_header_is_total_label(cells[i].text))
            return &cells[i];
    }
    return NULL;
}

/* 1 when the measure's table already closed: its last row so far on this sheet is a declared total. */
static int measure_closed(const recognizer *r)
{
    const pxl_measure *m = r->measure;
    if (!m || m->total_count == 0)
        return 0;
    const pxl_total *t = m->totals[m->total_count - 1];
    if (!t->cell.sheet || strcmp(t->cell.sheet, r->sheet))
        return 0;
    if (m->effect_count == 0)
        return 1;
    const pxl_effect *e = m->effects[m->effect_count - 1];
    return !e->cell.sheet || strcmp(e->cell.sheet, r->sheet) || e->cell.row < t->cell.row;
}

/*
 * A row that closes the area ("Summa Hemtjänst", "Summa verksamhet", "Summa åtgärder" after a
 * measure's total) or the whole plan ("Totalt nämnden"), wherever its label sits left of the
 * amounts: a declared total of the area or the plan, never of the last measure (issue 12).
 * Its amounts are in the columns of the open effect table, or of the last one on the sheet.
 * Returns 1 when the row was such a total.
 */
static int add_closing_total(recognizer *r, uint32_t row, const pxl_cell *cells, size_t count)
{
    const table_header *h = r->block.kind == TABLE_EFFECT ? &r->block
                            : r->last_effect.kind == TABLE_EFFECT ? &r->last_effect : NULL;
    if (!h || r->block.kind == TABLE_FLAT_EFFECT || r->block.kind == TABLE_FLAT_KPI || r->block.kind == TABLE_SUMMARY)
        return 0;
    long limit = -1;
    for (int role = PXL_HEADER_EFFECT_YEAR; role <= PXL_HEADER_EFFECT_FULL; role++)
        if (h->col[role] >= 0 && (limit < 0 || h->col[role] < limit))
            limit = h->col[role];
    const pxl_cell *label = NULL;
    pxl_total_level level = PXL_TOTAL_NONE;
    for (size_t i = 0; i < count && !label; i++) {
        if (cells[i].type != PXL_CELL_TEXT || !pxl_rec_is_meaningful(&cells[i]))
            continue;
        if (limit >= 0 && (long)cells[i].col >= limit)
            break;
        level = pxl_header_total_level(cells[i].text, r->area ? r->area_name : NULL);
        if (level == PXL_TOTAL_NONE)
            return 0; /* the row's first text is no total label: an effect row or a measure row */
        label = &cells[i];
    }
    if (level == PXL_TOTAL_MEASURES && measure_closed(r))
        level = PXL_TOTAL_AREA;
    if (level != PXL_TOTAL_AREA && level != PXL_TOTAL_PLAN)
        return 0;
    if (level == PXL_TOTAL_AREA && !r->area)
        return 0; /* no measure of this area read on this sheet: nothing it could close */
    pxl_total *t = level == PXL_TOTAL_PLAN ? pxl_plan_add_total(r->plan) : pxl_area_add_total(r->plan, r->area);
    if (!t) {
        r->nomem = 1;
        return 1;
    }
    t->label = pxl_rec_keep(r, label->text);
    pxl_rec_take(r, label);
    fill_amounts(r, &t->current_year, &t->full_year, row, h);
    t->cell = pxl_rec_cellref(r, row, label->col < h->first_col ? label->col : h->first_col);
    t->sheet_index = r->sheet_index;
    r->recognised++;
    return 1;
}

/*
 * A row of a summary table (Sammanställning): the total of the area it names, or with a total label
 * ("Totalt", "Summa", "Totalt nämnden") the plan's; kept as declared and checked against the area
 * sheets (summary-mismatch), never a measure (issue 12). A row with a name but no amounts is one
 * too while no blank row separates it from the table: freexl 1.0.6 drops formula cells, and
 * summaries are formulas into the area sheets. Other rows (a title, a note after a blank row) are
 * read as any row. Returns 1 when the row was a summary row.
 */
static int add_summary_row(recognizer *r, uint32_t row)
{
    static const pxl_header_role amounts[] = {PXL_HEADER_EFFECT_YEAR, PXL_HEADER_EFFECT_FULL};
    const table_header *h = &r->block;
    long name_col = pxl_rec_has(h, PXL_HEADER_AREA) ? h->col[PXL_HEADER_AREA] : h->col[PXL_HEADER_SECTION];
    const pxl_cell *name_cell = pxl_rec_cell_at(r, row, name_col);
    int named = name_cell && pxl_rec_is_meaningful(name_cell);
    if (!pxl_rec_row_has_value(r, row, h, amounts, 2) && (!named || r->blank_since_block_row))
        return 0;
    const char *name = pxl_rec_text_at(r, row, name_col);
    r->blank_since_block_row = 0;
    pxl_total *t = pxl_plan_add_summary_total(r->plan);
    if (!t) {
        r->nomem = 1;
        return 1;
    }
    t->label = name;
    t->summary_area = pxl_header_total_level(name, NULL) != PXL_TOTAL_NONE ? NULL : name;
    fill_amounts(r, &t->current_year, &t->full_year, row, h);
    t->cell = pxl_rec_cellref(r, row, name_col);
    t->sheet_index = r->sheet_index;
    r->recognised++;
    return 1;
}

int pxl_rec_row_has_value(const recognizer *r, uint32_t row, const table_header *h, const pxl_header_role *roles,
                         size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (pxl_rec_cell_at(r, row, h->col[roles[i]]))
            return 1;
    return 0;
}

static void add_kpi_row(recognizer *r, uint32_t row)
{
    static const pxl_header_role wanted[] = {PXL_HEADER_KPI, PXL_HEADER_TARGET, PXL_HEADER_CURRENT};
    if (!pxl_rec_row_has_value(r, row, &r->block, wanted, 3))
        return; /* a comment alone is no KPI */
    pxl_measure *m = pxl_rec_block_measure(r, row);
    pxl_kpi *k = m ? pxl_measure_add_kpi(r->plan, m) : NULL;
    if (!k) {
        r->nomem = 1;
        return;
    }
    pxl_rec_fill_kpi(r, k, row, &r->block);
}

static void add_effect_row(recognizer *r, uint32_t row, const pxl_cell *cells, size_t count)
{
    const table_header *h = &r->block;
    const pxl_cell *label = total_label(cells, count, h);
    pxl_measure *m;
    if (label) {
        /* A declared total: kept as stated (missing amounts stay missing), never an effect row. */
        if (!(m = pxl_rec_block_measure(r, row)))
            return;
        pxl_total *t = pxl_measure_add_total(r->plan, m);
        if (!t) {
            r->nomem = 1;
            return;
        }
        t->label = pxl_rec_keep(r, label->text);
        pxl_rec_take(r, label);
        fill_amounts(r, &t->current_year, &t->full_year, row, h);
        t->cell = pxl_rec_cellref(r, row, label->col < h->first_col ? label->col : h->first_col);
        t->sheet_index = r->sheet_index;
        pxl_rec_note_year(r, m, h);
        r->recognised++;
        return;
    }
    static const pxl_header_role wanted[] = {PXL_HEADER_EFFECT_YEAR, PXL_HEADER_EFFECT_FULL};
    if (!pxl_rec_row_has_value(r, row, h, wanted, 2) && !pxl_rec_cell_at(r, row, h->text_col))
        return; /* a comment alone is no effect */
    if (!(m = pxl_rec_block_measure(r, row)))
        return;
    pxl_effect *e = pxl_measure_add_effect(r->plan, m);
    if (!e) {
        r->nomem = 1;
        return;
    }
    pxl_rec_fill_effect(r, e, row, h);
    pxl_rec_note_year(r, m, h);
}

/* A Beskrivning typed over several rows: the rows below the measure row are more paragraphs. */
static void continue_description(recognizer *r, const pxl_cell *cell)
{
    pxl_measure *m = r->measure;
    const char *text = cell->text;
    pxl_rec_take(r, cell);
    size_t a = strlen(m->description), b = strlen(text);
    char *joined = malloc(a + b + 3);
    if (!joined) {
        r->nomem = 1;
        return;
    }
    memcpy(joined, m->description, a);
    size_t n = a;
    if (a) {
        memcpy(joined + n, "\n\n", 2);
        n += 2;
    }
    memcpy(joined + n, text, b + 1);
    m->description = pxl_rec_keep(r, joined);
    free(joined);
}

/* 1 when the row has a cell in the measure table's Område or Åtgärd column; *inside says whether
 * that column also lies inside the open KPI/effect table's span. */
static int hits_measure_columns(const recognizer *r, const pxl_cell *cells, size_t count, int *inside)
{
    const table_header *h = &r->measures;
    int hit = 0;
    *inside = 0;
    if (h->kind != TABLE_MEASURE)
        return 0;
    for (size_t i = 0; i < count; i++) {
        long col = cells[i].col;
        if (!pxl_rec_is_meaningful(&cells[i]) ||
            (col != h->col[PXL_HEADER_SECTION] && col != h->col[PXL_HEADER_MEASURE] && col != h->col[PXL_HEADER_AREA]))
            continue;
        int in_block = r->block.kind != TABLE_NONE && cells[i].col >= r->block.first_col &&
                       cells[i].col <= r->block.last_col;
        if (!in_block)
            return 1;
        hit = 1;
        *inside = 1;
    }
    return hit;
}

static void read_row(recognizer *r, uint32_t row, const pxl_cell *cells, size_t count)
{
    size_t meaningful = 0;
    const pxl_cell *only = NULL;
    for (size_t i = 0; i < count; i++)
        if (pxl_rec_is_meaningful(&cells[i])) {
            meaningful++;
            only = &cells[i];
        }
    if (meaningful == 0) {
        r->blank_since_block_row = 1; /* decoration counts as a blank row */
        return;
    }
    /* Named, so accounted for (coverage.c); the row is read on as it always was. A text alone
     * above the sheet's first table is the sheet's title block ("Sammanställning",
     * "Uppdaterad 2023-10-15"), a unit note ("Belopp i tkr:") decoration wherever it stands. */
    if (meaningful == 1 && only->type == PXL_CELL_TEXT &&
        (pxl_header_is_unit_note(only->text) ||
         (!r->seen_header && !pxl_rec_is_amount_like(only))))
        pxl_rec_take(r, only);

    table_header h = pxl_rec_read_header(cells, count);
    if (h.kind != TABLE_NONE) {
        pxl_rec_take_texts(r, cells, count); /* its header words, and the headers of extra columns */
        r->seen_header = 1;
    }
    if (h.kind == TABLE_MEASURE) {
        r->measures = h;
        r->block.kind = TABLE_NONE;
        r->measure = NULL;
        return;
    }
    /* Område over amounts under a measure of this sheet: the effect table it always was. */
    if (h.kind == TABLE_SUMMARY && !pxl_rec_has(&h, PXL_HEADER_AREA) && r->measures.kind == TABLE_MEASURE)
        h.kind = TABLE_EFFECT;
    if (h.kind != TABLE_NONE) {
        r->block = h;
        if (h.kind == TABLE_EFFECT)
            r->last_effect = h;
        r->blank_since_block_row = 0;
        if (h.kind == TABLE_FLAT_KPI || h.kind == TABLE_FLAT_EFFECT || h.kind == TABLE_SUMMARY) {
            r->measure = NULL;
            r->flat_area = r->flat_section = r->flat_title = NULL;
        }
        return;
    }

    if (r->block.kind == TABLE_SUMMARY && add_summary_row(r, row))
        return;
    if (add_closing_total(r, row, cells, count))
        return;

    /* A title row: one text that names an area, outside any open table's columns. */
    if (meaningful == 1 && only->type == PXL_CELL_TEXT) {
        int outside_block = r->block.kind == TABLE_NONE || r->blank_since_block_row ||
                            only->col < r->block.first_col;
        int left_of_measures = r->measures.kind != TABLE_MEASURE || only->col <= r->measures.first_col;
        char buf[AREA_NAME_MAX * 4 + 8];
        const char *name;
        if (outside_block && left_of_measures && (name = pxl_rec_area_from_title(buf, sizeof buf, only->text)) != NULL) {
            pxl_rec_take(r, only);
            r->area_name = pxl_rec_keep(r, name);
            r->area = NULL;
            r->measure = NULL;
            r->block.kind = TABLE_NONE;
            return;
        }
        if (outside_block && left_of_measures && pxl_rec_plan_title_row(r, only->text)) {
            pxl_rec_take(r, only);
            return;
        }
    }

    int inside = 0;
    int measure_row = hits_measure_columns(r, cells, count, &inside);
    switch (r->block.kind) {
    case TABLE_KPI:
        if (measure_row && (!inside || r->blank_since_block_row))
            break;
        add_kpi_row(r, row);
        r->blank_since_block_row = 0;
        return;
    case TABLE_EFFECT:
        /* A Summa row whose label sits in the Åtgärd column is still the table's total. */
        if (measure_row && !total_label(cells, count, &r->block) && (!inside || r->blank_since_block_row))
            break;
        add_effect_row(r, row, cells, count);
        r->blank_since_block_row = 0;
        return;
    case TABLE_FLAT_KPI:
    case TABLE_FLAT_EFFECT:
        pxl_rec_add_flat_row(r, row, cells, count);
        r->blank_since_block_row = 0;
        return;
    case TABLE_SUMMARY:
    case TABLE_MEASURE:
    case TABLE_NONE:
        break;
    }
    if (measure_row)
        add_measure_row(r, row);
    else if (r->block.kind == TABLE_NONE && meaningful == 1 && only->type == PXL_CELL_TEXT && r->measure &&
             r->measures.kind == TABLE_MEASURE && (long)only->col == r->measures.col[PXL_HEADER_DESCRIPTION])
        continue_description(r, only);
}

void pxl_rec_read_sheet(recognizer *r)
{
    r->area = NULL;
    r->measure = NULL;
    memset(&r->measures, 0, sizeof r->measures);
    memset(&r->block, 0, sizeof r->block);
    memset(&r->last_effect, 0, sizeof r->last_effect);
    r->blank_since_block_row = 0;
    r->seen_header = 0;
    r->flat_area = r->flat_section = r->flat_title = NULL;
    size_t rows = pxl_sheet_table_row_count(r->table);
    uint32_t previous = 0;
    for (size_t i = 0; i < rows && !r->nomem; i++) {
        uint32_t row = pxl_sheet_table_row_number(r->table, i);
        if (i > 0 && row > previous + 1)
            r->blank_since_block_row = 1;
        previous = row;
        size_t count;
        const pxl_cell *cells = pxl_sheet_table_row_cells(r->table, i, &count);
        read_row(r, row, cells, count);
    }
}
