/*
 * stated-amount-mismatch: an amount stated in a Beskrivning against the sum
 * of the measure's effect rows in the column it speaks of (issue 3). A
 * measure without an effect table, or with a row that does not parse, has
 * nothing to hold the prose against.
 */
#include <stdio.h>
#include <string.h>

#include "check_internal.h"
#include "prose.h"

/* The sum of one column of the effect rows; 0 when a value makes it unknown. */
static int effect_sum(const pxl_measure *m, pxl_amount_scope scope, double *sum)
{
    *sum = 0;
    if (m->effect_count == 0)
        return 0;
    for (size_t i = 0; i < m->effect_count; i++) {
        const pxl_value *v = scope == PXL_SCOPE_CURRENT_YEAR ? &m->effects[i]->current_year
                                                             : &m->effects[i]->full_year;
        if (v->kind == PXL_VALUE_NUMBER)
            *sum += v->number;
        else if (v->kind != PXL_VALUE_MISSING || v->is_formula)
            return 0;
    }
    return 1;
}

static int plan_year(const pxl_plan *plan)
{
    const char *p = plan->period;  /* "YYYY-MM" */
    if (!p || strlen(p) < 4)
        return 0;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        y = y * 10 + (p[i] - '0');
    }
    return y;
}

static pxl_error check_measure(pxl_findings *f, const pxl_measure *m, int fallback_year)
{
    if (!m->description || !*m->description || m->effect_count == 0)
        return PXL_OK;
    pxl_stated_amount amounts[PXL_PROSE_MAX_AMOUNTS];
    int year = m->current_year ? m->current_year : fallback_year;
    size_t n = pxl_prose_scan(m->description, year, amounts, PXL_PROSE_MAX_AMOUNTS);
    for (size_t i = 0; i < n; i++) {
        double sum;
        if (!effect_sum(m, amounts[i].scope, &sum) || pxl_stated_amount_agrees(&amounts[i], sum))
            continue;
        char column[32], stated[96];
        pxl_message_arg column_arg = PXL_TEXT(column);
        if (amounts[i].scope == PXL_SCOPE_FULL_YEAR)
            snprintf(column, sizeof column, "Helårseffekt");
        else if (m->current_year)
            snprintf(column, sizeof column, "Effekt %d", m->current_year);
        else
            column_arg = PXL_WORD(N_("Effekt for the year"));
        int length = amounts[i].length > 80 ? 80 : (int)amounts[i].length;
        snprintf(stated, sizeof stated, "%.*s", length, m->description + amounts[i].offset);
        pxl_finding_draft d = {PXL_CODE_STATED_AMOUNT_MISMATCH, PXL_SEVERITY_WARNING, &m->description_cell, NULL,
                               1, sum, 1, amounts[i].tkr};
        /* One finding per cell and code: the first amount that disagrees is the one reported. */
        return pxl_findings_add(f, &d, N_("Beskrivning states %s, but the effect rows' %s sums to %s tkr"),
                                PXL_ARGS(PXL_TEXT(stated), column_arg, PXL_AMOUNT(sum)));
    }
    return PXL_OK;
}

pxl_error pxl_check_stated_amounts(pxl_findings *findings, const pxl_plan *plan)
{
    int year = plan_year(plan);
    for (size_t a = 0; a < plan->area_count; a++) {
        const pxl_area *area = plan->areas[a];
        for (size_t m = 0; m < area->measure_count; m++) {
            pxl_error err = check_measure(findings, area->measures[m], year);
            if (err)
                return err;
        }
    }
    return PXL_OK;
}
