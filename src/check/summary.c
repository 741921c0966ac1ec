/*
 * summary-mismatch: the rows of a summary sheet (Sammanställning: one row per area, or the plan's
 * total) against the effect rows the plan holds for that area, or for the whole plan (issue 12).
 * A summary is read from the same workbooks as the area sheets, so it is compared with all of
 * them, whatever file or sheet holds the area. Names are compared without regard to case and runs
 * of white space ("funktionsstöd" is Funktionsstöd). A summary row naming no area of the plan is
 * reported too: its amount is counted nowhere else.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "util/unicode.h"

/* @p s with white space folded and ASCII and Latin-1 capitals (Å Ä Ö É) lowered; NULL on OOM. */
static char *fold_name(const char *s)
{
    char *folded = pxl_fold_space(s ? s : "");
    if (!folded)
        return NULL;
    for (unsigned char *p = (unsigned char *)folded; *p; p++) {
        if (*p >= 'A' && *p <= 'Z')
            *p = (unsigned char)(*p + 32);
        else if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97)
            p[1] = (unsigned char)(p[1] + 0x20), p++;
    }
    return folded;
}

/* The sum of one column over the effect rows of the area named @p folded (NULL: every area). */
static int area_sum(const pxl_plan *plan, const char *folded, int full_year, double *sum, int *found,
                    int *nomem)
{
    *sum = 0;
    *found = folded == NULL;
    int known = 1;
    for (size_t a = 0; a < plan->area_count; a++) {
        const pxl_area *area = plan->areas[a];
        if (folded) {
            char *name = fold_name(area->name);
            if (!name) {
                *nomem = 1;
                return 0;
            }
            int same = strcmp(name, folded) == 0;
            free(name);
            if (!same)
                continue;
            *found = 1;
        }
        for (size_t m = 0; m < area->measure_count; m++) {
            const pxl_measure *measure = area->measures[m];
            for (size_t i = 0; i < measure->effect_count; i++) {
                const pxl_value *v = full_year ? &measure->effects[i]->full_year : &measure->effects[i]->current_year;
                if (v->kind == PXL_VALUE_NUMBER)
                    *sum += v->number;
                else if (v->kind != PXL_VALUE_MISSING || v->is_formula)
                    known = 0;
            }
        }
    }
    return known;
}

static pxl_error check_row(pxl_findings *findings, const pxl_plan *plan, const pxl_total *t)
{
    char *folded = NULL;
    if (t->summary_area && !(folded = fold_name(t->summary_area)))
        return PXL_ERR_NOMEM;
    char label_buf[PXL_EXCERPT_SIZE];
    pxl_message_arg label = t->label && *t->label ? PXL_TEXT(pxl_excerpt(label_buf, sizeof label_buf, t->label))
                                                  : PXL_WORD(N_("(no name)"));
    pxl_error err = PXL_OK;
    for (int full_year = 0; full_year <= 1 && !err; full_year++) {
        const pxl_value *declared = full_year ? &t->full_year : &t->current_year;
        if (declared->kind != PXL_VALUE_NUMBER)
            continue;
        double sum;
        int found, nomem = 0;
        int known = area_sum(plan, folded, full_year, &sum, &found, &nomem);
        if (nomem) {
            err = PXL_ERR_NOMEM;
            break;
        }
        if (!found) {
            /* once per row, at the name: the amounts are counted in no area */
            pxl_finding_draft d = {PXL_CODE_SUMMARY_MISMATCH, PXL_SEVERITY_ERROR, &t->cell, NULL, 0, 0, 0, 0};
            err = pxl_findings_add(findings, &d,
                                   N_("The summary row \"%s\" names no area of the plan: no sheet holds its "
                                      "measures, so its amounts are counted nowhere"),
                                   PXL_ARGS(label));
            break;
        }
        if (!known || fabs(sum - declared->number) <= PXL_AMOUNT_TOLERANCE)
            continue;
        pxl_finding_draft d = {PXL_CODE_SUMMARY_MISMATCH, PXL_SEVERITY_ERROR, &declared->cell, NULL,
                               1, sum, 1, declared->number};
        err = pxl_findings_add(findings, &d,
                               folded ? N_("The summary states %s tkr for %s, its area's effect rows sum to %s tkr")
                                      : N_("The summary states %s tkr for %s, the plan's effect rows sum to %s tkr"),
                               PXL_ARGS(PXL_AMOUNT(declared->number), label, PXL_AMOUNT(sum)));
    }
    free(folded);
    return err == PXL_ERR_NOMEM ? pxl_fail_nomem() : err;
}

pxl_error pxl_check_summaries(pxl_findings *findings, const pxl_plan *plan)
{
    for (size_t i = 0; i < plan->summary_count; i++) {
        pxl_error err = check_row(findings, plan, plan->summary[i]);
        if (err)
            return err;
    }
    return PXL_OK;
}
