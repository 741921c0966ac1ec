/*
 * area_totals: the smallest useful program on libplanxl's public API.
 * Reads one or more plan workbooks and prints, per area, the number of
 * measures and the sums of the effect rows (tkr), then what the checks found.
 *
 *   cc area_totals.c $(pkg-config --cflags --libs planxl) -o area_totals   (or: built by CMake)
 *   ./area_totals plan-2024-08.xls
 */
#include <stdio.h>

#include <planxl/planxl.h>

static double amount(const pxl_value *v)
{
    /* Only real numbers count; a missing or unreadable amount adds nothing
     * (the checks report it). */
    return v->kind == PXL_VALUE_NUMBER ? v->number : 0.0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PLAN.xls...\n", argv[0]);
        return 64;
    }
    pxl_plan *plan;
    if (pxl_plan_new(&plan) != PXL_OK)
        return 1;
    int status = 0;
    for (int i = 1; i < argc; i++)
        if (pxl_plan_read(plan, argv[i], NULL) != PXL_OK) {
            fprintf(stderr, "%s\n", pxl_error_message());
            status = 2;
        }

    for (size_t a = 0; a < pxl_plan_area_count(plan); a++) {
        const pxl_area *area = pxl_plan_area(plan, a);
        double current = 0, full = 0;
        for (size_t m = 0; m < pxl_area_measure_count(area); m++) {
            const pxl_measure *measure = pxl_area_measure(area, m);
            for (size_t e = 0; e < pxl_measure_effect_count(measure); e++) {
                const pxl_effect *effect = pxl_measure_effect(measure, e);
                current += amount(pxl_effect_current_year(effect));
                full += amount(pxl_effect_full_year(effect));
            }
        }
        printf("%-20s %3zu measures  current year %8.0f tkr  full year %8.0f tkr\n", pxl_area_name(area),
               pxl_area_measure_count(area), current, full);
    }

    pxl_findings *findings;
    if (pxl_check_run(&findings, plan, NULL) == PXL_OK) {
        for (size_t i = 0; i < pxl_findings_count(findings); i++) {
            const pxl_finding *f = pxl_findings_get(findings, i);
            char where[300];
            pxl_cellref_format(where, sizeof where, &f->cell);
            printf("%s: %s: %s: %s\n", where, pxl_severity_name(f->severity), f->code, f->message);
        }
        pxl_findings_free(findings);
    }
    pxl_plan_free(plan);
    return status;
}
