/*
 * total-mismatch: a declared total (Summa, Totalt, Netto …) against the sum
 * of the effect rows it closes, Effekt 2024 and Helårseffekt separately
 * (issue 3); also the totals that close an area or the whole plan (issue 12). A declared amount that is empty — a formula freexl cannot read —
 * gives no finding; a row that does not parse is reported as
 * unparsable-number and makes its column's sum unknown.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check_internal.h"

static int same_sheet(const pxl_cellref *a, const pxl_cellref *b)
{
    if (!a->sheet || !b->sheet)
        return a->sheet == b->sheet;
    return strcmp(a->sheet, b->sheet) == 0;
}

/*
 * The rows a total closes: the effect rows between the previous total and
 * this one. A total right after another (a Netto under a Summa) closes the
 * whole table above it.
 */
pxl_total_rows pxl_total_rows_of(const pxl_measure *measure, size_t total_index)
{
    const pxl_total *total = measure->totals[total_index];
    pxl_total_rows r = {0, 0};
    while (r.end < measure->effect_count && same_sheet(&measure->effects[r.end]->cell, &total->cell) &&
           measure->effects[r.end]->cell.row < total->cell.row)
        r.end++;
    if (total_index > 0) {
        uint32_t previous = measure->totals[total_index - 1]->cell.row;
        size_t first = 0;
        while (first < r.end && measure->effects[first]->cell.row < previous)
            first++;
        if (first < r.end)
            r.first = first;
    }
    return r;
}

/* The sum of one column over @p rows; 0 when a row makes it unknown. */
static int column_sum(const pxl_measure *measure, pxl_total_rows rows, int full_year, double *sum)
{
    *sum = 0;
    for (size_t i = rows.first; i < rows.end; i++) {
        const pxl_effect *e = measure->effects[i];
        const pxl_value *v = full_year ? &e->full_year : &e->current_year;
        if (v->kind == PXL_VALUE_NUMBER)
            *sum += v->number;
        else if (v->kind != PXL_VALUE_MISSING || v->is_formula)
            return 0;
    }
    return 1;
}

/* What a total closes, for its message: the rows above it, an area's or the plan's effect rows. */
typedef enum closed_rows { CLOSES_ROWS, CLOSES_AREA, CLOSES_PLAN } closed_rows;

/* total-mismatch at @p declared (one of @p total's amounts): "Summa states 9 500 tkr, the rows
 * sum to 9 000 tkr". @p area names the area for CLOSES_AREA. */
static pxl_error add_total_mismatch(pxl_findings *findings, const pxl_total *total, const pxl_value *declared,
                                    double sum, closed_rows what, const char *area)
{
    char label[PXL_EXCERPT_SIZE], area_name[PXL_EXCERPT_SIZE];
    pxl_finding_draft d = {PXL_CODE_TOTAL_MISMATCH, PXL_SEVERITY_ERROR, &declared->cell, NULL,
                           1, sum, 1, declared->number};
    pxl_message_arg name = total->label && *total->label ? PXL_TEXT(pxl_excerpt(label, sizeof label, total->label))
                                                         : PXL_WORD(N_("The total"));
    switch (what) {
    case CLOSES_AREA:
        return pxl_findings_add(findings, &d, N_("%s states %s tkr, the effect rows of %s sum to %s tkr"),
                                PXL_ARGS(name, PXL_AMOUNT(declared->number),
                                         PXL_TEXT(pxl_excerpt(area_name, sizeof area_name, area)), PXL_AMOUNT(sum)));
    case CLOSES_PLAN:
        return pxl_findings_add(findings, &d, N_("%s states %s tkr, the effect rows of the plan sum to %s tkr"),
                                PXL_ARGS(name, PXL_AMOUNT(declared->number), PXL_AMOUNT(sum)));
    case CLOSES_ROWS:
        break;
    }
    return pxl_findings_add(findings, &d, N_("%s states %s tkr, the rows sum to %s tkr"),
                            PXL_ARGS(name, PXL_AMOUNT(declared->number), PXL_AMOUNT(sum)));
}

static pxl_error check_total(pxl_findings *findings, const pxl_measure *measure, size_t index)
{
    const pxl_total *total = measure->totals[index];
    pxl_total_rows rows = pxl_total_rows_of(measure, index);
    if (rows.first == rows.end)
        return PXL_OK;
    for (int full_year = 0; full_year <= 1; full_year++) {
        const pxl_value *declared = full_year ? &total->full_year : &total->current_year;
        double sum;
        if (declared->kind != PXL_VALUE_NUMBER || !column_sum(measure, rows, full_year, &sum))
            continue;
        if (fabs(sum - declared->number) <= PXL_AMOUNT_TOLERANCE)
            continue;
        pxl_error err = add_total_mismatch(findings, total, declared, sum, CLOSES_ROWS, NULL);
        if (err)
            return err;
    }
    return PXL_OK;
}

static int same_string(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/*
 * 1 when effect row @p e lies in what the closing total @p t closes: the same file; on the
 * total's sheet above it and below @p after (the previous closing total there, or NULL); for a
 * plan total also on the sheets before its own.
 */
static int closes(const pxl_effect *e, const pxl_total *t, const pxl_cellref *after, int plan_level)
{
    if (!same_string(e->cell.file, t->cell.file))
        return 0;
    if (!same_sheet(&e->cell, &t->cell))
        return plan_level && e->sheet_index < t->sheet_index;
    return e->cell.row < t->cell.row && (!after || e->cell.row > after->row);
}

/* The sum of one column over the effect rows of @p areas that the closing total closes; 0 when unknown. */
static int closing_sum(const pxl_area *const *areas, size_t area_count, const pxl_total *total,
                       const pxl_cellref *after, int plan_level, int full_year, double *sum, size_t *rows)
{
    *sum = 0;
    *rows = 0;
    int known = 1;
    for (size_t a = 0; a < area_count; a++)
        for (size_t m = 0; m < areas[a]->measure_count; m++) {
            const pxl_measure *measure = areas[a]->measures[m];
            for (size_t i = 0; i < measure->effect_count; i++) {
                const pxl_effect *e = measure->effects[i];
                if (!closes(e, total, after, plan_level))
                    continue;
                const pxl_value *v = full_year ? &e->full_year : &e->current_year;
                ++*rows;
                if (v->kind == PXL_VALUE_NUMBER)
                    *sum += v->number;
                else if (v->kind != PXL_VALUE_MISSING || v->is_formula)
                    known = 0;
            }
        }
    return known;
}

/*
 * The closing total of @p totals[index] before it on its sheet, when rows lie between the two;
 * NULL otherwise (a total right under another, "Netto Hemtjänst" under "Summa Hemtjänst",
 * closes the same rows).
 */
static const pxl_cellref *previous_closing(pxl_total *const *totals, size_t index)
{
    const pxl_total *t = totals[index];
    for (size_t i = index; i-- > 0;)
        if (same_string(totals[i]->cell.file, t->cell.file) && same_sheet(&totals[i]->cell, &t->cell) &&
            totals[i]->cell.row < t->cell.row)
            return &totals[i]->cell;
    return NULL;
}

static pxl_error check_closing_total(pxl_findings *findings, const pxl_area *const *areas, size_t area_count,
                                     pxl_total *const *totals, size_t index, int plan_level)
{
    const pxl_total *total = totals[index];
    const pxl_cellref *after = previous_closing(totals, index);
    for (int full_year = 0; full_year <= 1; full_year++) {
        const pxl_value *declared = full_year ? &total->full_year : &total->current_year;
        double sum;
        size_t rows;
        if (declared->kind != PXL_VALUE_NUMBER)
            continue;
        int known = closing_sum(areas, area_count, total, after, plan_level, full_year, &sum, &rows);
        if (after && rows == 0)
            known = closing_sum(areas, area_count, total, NULL, plan_level, full_year, &sum, &rows);
        if (!known || rows == 0 || fabs(sum - declared->number) <= PXL_AMOUNT_TOLERANCE)
            continue;
        pxl_error err = add_total_mismatch(findings, total, declared, sum, plan_level ? CLOSES_PLAN : CLOSES_AREA,
                                           areas[0]->name);
        if (err)
            return err;
    }
    return PXL_OK;
}

pxl_error pxl_check_totals(pxl_findings *findings, const pxl_plan *plan)
{
    for (size_t a = 0; a < plan->area_count; a++) {
        const pxl_area *area = plan->areas[a];
        for (size_t t = 0; t < area->total_count; t++) {
            pxl_error err = check_closing_total(findings, &area, 1, area->totals, t, 0);
            if (err)
                return err;
        }
    }
    for (size_t t = 0; t < plan->total_count; t++) {
        pxl_error err = check_closing_total(findings, (const pxl_area *const *)plan->areas, plan->area_count,
                                            plan->totals, t, 1);
        if (err)
            return err;
    }
    for (size_t a = 0; a < plan->area_count; a++) {
        const pxl_area *area = plan->areas[a];
        for (size_t m = 0; m < area->measure_count; m++) {
            const pxl_measure *measure = area->measures[m];
            for (size_t t = 0; t < measure->total_count; t++) {
                pxl_error err = check_total(findings, measure, t);
                if (err)
                    return err;
            }
        }
    }
    return PXL_OK;
}
