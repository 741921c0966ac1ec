/*
 * total-mismatch: a declared total (Summa, Totalt, Netto …) against the sum
 * of the effect rows it closes, Effekt 2024 and Helårseffekt separately
 * (issue 3). A declared amount that is empty — a formula freexl cannot read —
 * gives no finding; a row that does not parse is reported as
 * unparsable-number and makes its column's sum unknown.
 */
#include <math.h>
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
        char said[64], rows_sum[64], label[PXL_EXCERPT_SIZE];
        pxl_finding_draft d = {PXL_CODE_TOTAL_MISMATCH, PXL_SEVERITY_ERROR, &declared->cell, NULL,
                               1, sum, 1, declared->number};
        pxl_error err = pxl_findings_add(findings, &d, "%s states %s tkr, the rows sum to %s tkr",
                                         pxl_excerpt(label, sizeof label,
                                                     total->label && *total->label ? total->label : "The total"),
                                         pxl_amount_format(said, sizeof said, declared->number),
                                         pxl_amount_format(rows_sum, sizeof rows_sum, sum));
        if (err)
            return err;
    }
    return PXL_OK;
}

pxl_error pxl_check_totals(pxl_findings *findings, const pxl_plan *plan)
{
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
