/*
 * Checks on single values and rows: unparsable-number, missing-field,
 * amount-stored-as-text, amount-unit-converted, partial-year-exceeds-full-year,
 * percent-out-of-range and kind-mismatch (issue 3). Each looks at one cell
 * or one row; what needs a whole table is in totals.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check_internal.h"
#include "model/value_internal.h"

/* Column names as the plan's effect header writes them. */
static const char *current_year_name(const pxl_measure *m, char *buf, size_t size)
{
    if (m->current_year > 0)
        snprintf(buf, size, "Effekt %d", m->current_year);
    else
        snprintf(buf, size, "Effekt for the year");
    return buf;
}

#define FULL_YEAR_NAME "Helårseffekt"

static pxl_error add(pxl_findings *f, const char *code, pxl_severity severity, const pxl_cellref *cell,
                     int has_expected, double expected, int has_actual, double actual,
                     const char *fmt, const char *a, const char *b, const char *c)
{
    pxl_finding_draft d = {code, severity, cell, NULL, has_expected, expected, has_actual, actual};
    return pxl_findings_add(f, &d, fmt, a, b, c);
}

/*
 * An amount: anything but a number or an empty cell does not parse; a number typed as text is a
 * warning, and one typed in another unit ("1,65 mnkr") was converted to tkr and says so, so the
 * unit can retype it. Kronor ("-1 600 kr") are not converted: the message says why.
 */
static pxl_error check_amount(pxl_findings *f, const pxl_value *v, const char *column, const char *row)
{
    if (v->kind == PXL_VALUE_MISSING)
        return PXL_OK;
    char text[PXL_EXCERPT_SIZE];
    pxl_excerpt(text, sizeof text, v->text);
    pxl_amount_notation note;
    if (v->stored_as_text || v->kind == PXL_VALUE_INVALID)
        pxl_parse_amount(v->text, NULL, &note);
    else
        memset(&note, 0, sizeof note);
    if (v->kind != PXL_VALUE_NUMBER) {
        if (note.ambiguous) {
            char kr[64], tkr[64];
            pxl_finding_draft d = {PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, &v->cell, NULL, 0, 0, 0, 0};
            return pxl_findings_add(f, &d,
                                    "%s \"%s\"%s is in kronor, but the column is in tkr: it may mean %s tkr "
                                    "or be %s tkr with the wrong unit, so it is not read; retype it in tkr",
                                    column, text, row, pxl_amount_format(kr, sizeof kr, note.kronor / 1000),
                                    pxl_amount_format(tkr, sizeof tkr, note.kronor));
        }
        return add(f, PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, &v->cell, 0, 0, 0, 0,
                   "%s \"%s\"%s is not a number", column, text, row);
    }
    if (!v->stored_as_text)
        return PXL_OK;
    if (note.unit == PXL_AMOUNT_UNIT_MNKR || note.unit == PXL_AMOUNT_UNIT_MDKR) {
        char tkr[64];
        pxl_finding_draft d = {PXL_CODE_AMOUNT_UNIT_CONVERTED, PXL_SEVERITY_WARNING, &v->cell, NULL,
                               1, v->number, 0, 0};
        pxl_error err = pxl_findings_add(f, &d,
                                         "%s \"%s\"%s is in %s, not in the column's tkr: it is read as "
                                         "%s tkr; retype it in tkr", column, text, row,
                                         pxl_amount_unit_name(note.unit),
                                         pxl_amount_format(tkr, sizeof tkr, v->number));
        if (err)
            return err;
    }
    return add(f, PXL_CODE_AMOUNT_STORED_AS_TEXT, PXL_SEVERITY_WARNING, &v->cell, 1, v->number, 0, 0,
               "%s \"%s\"%s is stored as text: Excel's SUM() skips it, so the workbook's own "
               "totals can be wrong", column, text, row);
}

static pxl_error check_effect(pxl_findings *f, const pxl_measure *m, const pxl_effect *e)
{
    char current[32], row[PXL_EXCERPT_SIZE + 32], description[PXL_EXCERPT_SIZE];
    current_year_name(m, current, sizeof current);
    snprintf(row, sizeof row, "The effect row \"%s\"", pxl_excerpt(description, sizeof description, e->description));
    pxl_error err = check_amount(f, &e->current_year, current, "");
    if (!err)
        err = check_amount(f, &e->full_year, FULL_YEAR_NAME, "");
    if (err)
        return err;

    const pxl_value *cy = &e->current_year, *fy = &e->full_year;
    if (cy->kind == PXL_VALUE_MISSING && fy->kind == PXL_VALUE_MISSING && !cy->is_formula && !fy->is_formula)
        return add(f, PXL_CODE_MISSING_FIELD, PXL_SEVERITY_ERROR, &cy->cell, 0, 0, 0, 0,
                   "%s has neither %s nor %s", row, current, FULL_YEAR_NAME);

    /* Part of a year cannot save more than the whole year (issue 3). */
    if (cy->kind == PXL_VALUE_NUMBER && fy->kind == PXL_VALUE_NUMBER &&
        fabs(cy->number) > fabs(fy->number) + PXL_AMOUNT_TOLERANCE) {
        char a[64], b[64];
        pxl_finding_draft d = {PXL_CODE_PARTIAL_YEAR_EXCEEDS_FULL_YEAR, PXL_SEVERITY_WARNING, &cy->cell, NULL,
                               0, 0, 1, cy->number};
        return pxl_findings_add(f, &d, "%s is %s tkr, more than the full-year effect of %s tkr",
                                current, pxl_amount_format(a, sizeof a, cy->number),
                                pxl_amount_format(b, sizeof b, fy->number));
    }
    return PXL_OK;
}

static pxl_error check_total_amounts(pxl_findings *f, const pxl_measure *m, const pxl_total *t)
{
    char current[32], row[PXL_EXCERPT_SIZE + 32], label[PXL_EXCERPT_SIZE];
    current_year_name(m, current, sizeof current);
    snprintf(row, sizeof row, " of the %s row",
             pxl_excerpt(label, sizeof label, t->label && *t->label ? t->label : "total"));
    pxl_error err = check_amount(f, &t->current_year, current, row);
    return err ? err : check_amount(f, &t->full_year, FULL_YEAR_NAME, row);
}

/* A percent KPI value outside 0–100 %; the value is kept as a fraction. */
static pxl_error check_percent(pxl_findings *f, const pxl_value *v, const char *column, const char *kpi)
{
    if (v->kind != PXL_VALUE_PERCENT || (v->number >= -PXL_AMOUNT_TOLERANCE && v->number <= 1 + PXL_AMOUNT_TOLERANCE))
        return PXL_OK;
    pxl_finding_draft d = {PXL_CODE_PERCENT_OUT_OF_RANGE, PXL_SEVERITY_WARNING, &v->cell, NULL,
                           0, 0, 1, v->number * 100};
    char text[PXL_EXCERPT_SIZE];
    return pxl_findings_add(f, &d, "%s \"%s\" of KPI \"%s\" is outside 0–100 %%", column,
                            pxl_excerpt(text, sizeof text, v->text), kpi);
}

static pxl_error check_kpi(pxl_findings *f, const pxl_kpi *k)
{
    char name_buf[PXL_EXCERPT_SIZE], text[PXL_EXCERPT_SIZE], other[PXL_EXCERPT_SIZE];
    const char *name = pxl_excerpt(name_buf, sizeof name_buf, k->name);
    if (*name == '\0') {
        pxl_finding_draft d = {PXL_CODE_MISSING_FIELD, PXL_SEVERITY_ERROR, &k->cell, NULL, 0, 0, 0, 0};
        pxl_error err = pxl_findings_add(f, &d, "The KPI row has no name (Nyckeltal)");
        if (err)
            return err;
        name = "(no name)";
    }
    const pxl_value *values[2] = {&k->target, &k->current};
    const char *columns[2] = {"Målvärde", "Nuläge"};
    for (int i = 0; i < 2; i++) {
        pxl_error err = PXL_OK;
        if (values[i]->kind == PXL_VALUE_INVALID)
            err = add(f, PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, &values[i]->cell, 0, 0, 0, 0,
                      "%s \"%s\" of KPI \"%s\" is not a number", columns[i],
                      pxl_excerpt(text, sizeof text, values[i]->text), name);
        if (!err)
            err = check_percent(f, values[i], columns[i], name);
        if (err)
            return err;
    }
    /*
     * A number or percent target with a free-text current value cannot be
     * followed up. A direction word (Öka, Minska) as target beside a number is
     * how plans state a trend, and is fine.
     */
    if ((k->target.kind == PXL_VALUE_NUMBER || k->target.kind == PXL_VALUE_PERCENT) &&
        k->current.kind == PXL_VALUE_TEXT) {
        pxl_finding_draft d = {PXL_CODE_KIND_MISMATCH, PXL_SEVERITY_WARNING, &k->current.cell, NULL, 0, 0, 0, 0};
        return pxl_findings_add(f, &d,
                                "Nuläge \"%s\" of KPI \"%s\" is text, but its Målvärde \"%s\" is a %s: "
                                "the two cannot be compared",
                                pxl_excerpt(text, sizeof text, k->current.text), name,
                                pxl_excerpt(other, sizeof other, k->target.text),
                                k->target.kind == PXL_VALUE_PERCENT ? "percent" : "number");
    }
    return PXL_OK;
}

static pxl_error check_measure(pxl_findings *f, const pxl_measure *m)
{
    pxl_error err = PXL_OK;
    if (!m->title || !*m->title) {
        pxl_finding_draft d = {PXL_CODE_MISSING_FIELD, PXL_SEVERITY_ERROR, &m->title_cell, NULL, 0, 0, 0, 0};
        char section[PXL_EXCERPT_SIZE];
        err = pxl_findings_add(f, &d, "The measure in section \"%s\" has no Åtgärd (title)",
                               pxl_excerpt(section, sizeof section, m->section));
    }
    for (size_t i = 0; !err && i < m->kpi_count; i++)
        err = check_kpi(f, m->kpis[i]);
    for (size_t i = 0; !err && i < m->effect_count; i++)
        err = check_effect(f, m, m->effects[i]);
    for (size_t i = 0; !err && i < m->total_count; i++)
        err = check_total_amounts(f, m, m->totals[i]);
    return err;
}

/* The current year of the effect tables an area or plan total sums: the first measure's that knows it. */
static const pxl_measure *year_measure(const pxl_area *const *areas, size_t count, const char *file)
{
    for (size_t a = 0; a < count; a++)
        for (size_t m = 0; m < areas[a]->measure_count; m++) {
            const pxl_measure *measure = areas[a]->measures[m];
            if (measure->current_year > 0 && measure->cell.file && file && !strcmp(measure->cell.file, file))
                return measure;
        }
    return NULL;
}

/* The amounts of a total that closes an area or the plan: the same value checks as a measure total's. */
static pxl_error check_closing_totals(pxl_findings *f, const pxl_area *const *areas, size_t area_count,
                                      pxl_total *const *totals, size_t count)
{
    static const pxl_measure unknown_year; /* "Effekt for the year" */
    for (size_t i = 0; i < count; i++) {
        const pxl_measure *m = year_measure(areas, area_count, totals[i]->cell.file);
        pxl_error err = check_total_amounts(f, m ? m : &unknown_year, totals[i]);
        if (err)
            return err;
    }
    return PXL_OK;
}

pxl_error pxl_check_values(pxl_findings *findings, const pxl_plan *plan)
{
    for (size_t a = 0; a < plan->area_count; a++) {
        const pxl_area *area = plan->areas[a];
        for (size_t m = 0; m < area->measure_count; m++) {
            pxl_error err = check_measure(findings, area->measures[m]);
            if (err)
                return err;
        }
        pxl_error err = check_closing_totals(findings, &area, 1, area->totals, area->total_count);
        if (err)
            return err;
    }
    pxl_error err = check_closing_totals(findings, (const pxl_area *const *)plan->areas, plan->area_count,
                                         plan->totals, plan->total_count);
    if (err)
        return err;
    return check_closing_totals(findings, (const pxl_area *const *)plan->areas, plan->area_count, plan->summary,
                                plan->summary_count);
}
