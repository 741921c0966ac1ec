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

/* The current-year column's name as the plan's effect header writes it ("Effekt 2024"), in @p buf. */
static pxl_message_arg current_year_name(const pxl_measure *m, char *buf, size_t size)
{
    if (m->current_year <= 0)
        return PXL_WORD(N_("Effekt for the year"));
    snprintf(buf, size, "Effekt %d", m->current_year);
    return PXL_TEXT(buf);
}

#define FULL_YEAR_NAME "Helårseffekt"

static pxl_error add(pxl_findings *f, const char *code, pxl_severity severity, const pxl_cellref *cell,
                     int has_expected, double expected, const char *msgid, size_t argc, const pxl_message_arg *args)
{
    pxl_finding_draft d = {code, severity, cell, NULL, has_expected, expected, 0, 0};
    return pxl_findings_add(f, &d, msgid, argc, args);
}

/*
 * An amount: anything but a number or an empty cell does not parse; a number typed as text is a
 * warning, and one typed in another unit ("1,65 mnkr") was converted to tkr and says so, so the
 * unit can retype it. Kronor ("-1 600 kr") are not converted: the message says why. @p row names
 * the total's row for a total's amount, NULL for an effect row's.
 */
static pxl_error check_amount(pxl_findings *f, const pxl_value *v, pxl_message_arg column, const pxl_message_arg *row)
{
    if (v->kind == PXL_VALUE_MISSING)
        return PXL_OK;
    char text_buf[PXL_EXCERPT_SIZE];
    pxl_message_arg text = PXL_TEXT(pxl_excerpt(text_buf, sizeof text_buf, v->text));
    pxl_message_arg none = PXL_TEXT("");
    pxl_message_arg at = row ? *row : none;
    pxl_amount_notation note;
    if (v->stored_as_text || v->kind == PXL_VALUE_INVALID)
        pxl_parse_amount(v->text, NULL, &note);
    else
        memset(&note, 0, sizeof note);
    if (v->kind != PXL_VALUE_NUMBER) {
        if (note.ambiguous)
            return add(f, PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, &v->cell, 0, 0,
                       row ? N_("%s \"%s\" of the %s row is in kronor, but the column is in tkr: it may mean "
                                "%s tkr or be %s tkr with the wrong unit, so it is not read; retype it in tkr")
                           : N_("%s \"%s\" is in kronor, but the column is in tkr: it may mean %s tkr "
                                "or be %s tkr with the wrong unit, so it is not read; retype it in tkr"),
                       row ? 5 : 4,
                       row ? (const pxl_message_arg[]){column, text, at, PXL_AMOUNT(note.kronor / 1000),
                                                        PXL_AMOUNT(note.kronor)}
                           : (const pxl_message_arg[]){column, text, PXL_AMOUNT(note.kronor / 1000),
                                                        PXL_AMOUNT(note.kronor)});
        return add(f, PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, &v->cell, 0, 0,
                   row ? N_("%s \"%s\" of the %s row is not a number") : N_("%s \"%s\" is not a number"),
                   PXL_ARGS(column, text, at));
    }
    if (!v->stored_as_text)
        return PXL_OK;
    if (note.unit == PXL_AMOUNT_UNIT_MNKR || note.unit == PXL_AMOUNT_UNIT_MDKR) {
        pxl_message_arg unit = PXL_TEXT(pxl_amount_unit_name(note.unit));
        pxl_error err = add(f, PXL_CODE_AMOUNT_UNIT_CONVERTED, PXL_SEVERITY_WARNING, &v->cell, 1, v->number,
                            row ? N_("%s \"%s\" of the %s row is in %s, not in the column's tkr: it is read as "
                                     "%s tkr; retype it in tkr")
                                : N_("%s \"%s\" is in %s, not in the column's tkr: it is read as %s tkr; "
                                     "retype it in tkr"),
                            row ? 5 : 4,
                            row ? (const pxl_message_arg[]){column, text, at, unit, PXL_AMOUNT(v->number)}
                                : (const pxl_message_arg[]){column, text, unit, PXL_AMOUNT(v->number)});
        if (err)
            return err;
    }
    return add(f, PXL_CODE_AMOUNT_STORED_AS_TEXT, PXL_SEVERITY_WARNING, &v->cell, 1, v->number,
               row ? N_("%s \"%s\" of the %s row is stored as text: Excel's SUM() skips it, so the workbook's "
                        "own totals can be wrong")
                   : N_("%s \"%s\" is stored as text: Excel's SUM() skips it, so the workbook's own totals "
                        "can be wrong"),
               PXL_ARGS(column, text, at));
}

static pxl_error check_effect(pxl_findings *f, const pxl_measure *m, const pxl_effect *e)
{
    char current_buf[32], description[PXL_EXCERPT_SIZE];
    pxl_message_arg current = current_year_name(m, current_buf, sizeof current_buf);
    pxl_message_arg full_year = PXL_TEXT(FULL_YEAR_NAME);
    pxl_error err = check_amount(f, &e->current_year, current, NULL);
    if (!err)
        err = check_amount(f, &e->full_year, full_year, NULL);
    if (err)
        return err;

    const pxl_value *cy = &e->current_year, *fy = &e->full_year;
    if (cy->kind == PXL_VALUE_MISSING && fy->kind == PXL_VALUE_MISSING && !cy->is_formula && !fy->is_formula)
        return add(f, PXL_CODE_MISSING_FIELD, PXL_SEVERITY_ERROR, &cy->cell, 0, 0,
                   N_("The effect row \"%s\" has neither %s nor %s"),
                   PXL_ARGS(PXL_TEXT(pxl_excerpt(description, sizeof description, e->description)), current,
                            full_year));

    /* Part of a year cannot save more than the whole year (issue 3). */
    if (cy->kind == PXL_VALUE_NUMBER && fy->kind == PXL_VALUE_NUMBER &&
        fabs(cy->number) > fabs(fy->number) + PXL_AMOUNT_TOLERANCE) {
        pxl_finding_draft d = {PXL_CODE_PARTIAL_YEAR_EXCEEDS_FULL_YEAR, PXL_SEVERITY_WARNING, &cy->cell, NULL,
                               0, 0, 1, cy->number};
        return pxl_findings_add(f, &d, N_("%s is %s tkr, more than the full-year effect of %s tkr"),
                                PXL_ARGS(current, PXL_AMOUNT(cy->number), PXL_AMOUNT(fy->number)));
    }
    return PXL_OK;
}

static pxl_error check_total_amounts(pxl_findings *f, const pxl_measure *m, const pxl_total *t)
{
    char current_buf[32], label[PXL_EXCERPT_SIZE];
    pxl_message_arg current = current_year_name(m, current_buf, sizeof current_buf);
    pxl_message_arg row = t->label && *t->label ? PXL_TEXT(pxl_excerpt(label, sizeof label, t->label))
                                                : PXL_WORD(N_("total"));
    pxl_error err = check_amount(f, &t->current_year, current, &row);
    return err ? err : check_amount(f, &t->full_year, PXL_TEXT(FULL_YEAR_NAME), &row);
}

/* A percent KPI value outside 0–100 %; the value is kept as a fraction. */
static pxl_error check_percent(pxl_findings *f, const pxl_value *v, const char *column, pxl_message_arg kpi)
{
    if (v->kind != PXL_VALUE_PERCENT || (v->number >= -PXL_AMOUNT_TOLERANCE && v->number <= 1 + PXL_AMOUNT_TOLERANCE))
        return PXL_OK;
    pxl_finding_draft d = {PXL_CODE_PERCENT_OUT_OF_RANGE, PXL_SEVERITY_WARNING, &v->cell, NULL,
                           0, 0, 1, v->number * 100};
    char text[PXL_EXCERPT_SIZE];
    return pxl_findings_add(f, &d, N_("%s \"%s\" of KPI \"%s\" is outside 0–100 %%"),
                            PXL_ARGS(PXL_TEXT(column), PXL_TEXT(pxl_excerpt(text, sizeof text, v->text)), kpi));
}

static pxl_error check_kpi(pxl_findings *f, const pxl_kpi *k)
{
    char name_buf[PXL_EXCERPT_SIZE], text[PXL_EXCERPT_SIZE], other[PXL_EXCERPT_SIZE];
    pxl_message_arg name = PXL_TEXT(pxl_excerpt(name_buf, sizeof name_buf, k->name));
    if (*name.text == '\0') {
        pxl_finding_draft d = {PXL_CODE_MISSING_FIELD, PXL_SEVERITY_ERROR, &k->cell, NULL, 0, 0, 0, 0};
        pxl_error err = pxl_findings_add(f, &d, N_("The KPI row has no name (Nyckeltal)"), 0, NULL);
        if (err)
            return err;
        name = PXL_WORD(N_("(no name)"));
    }
    const pxl_value *values[2] = {&k->target, &k->current};
    const char *columns[2] = {"Målvärde", "Nuläge"};
    for (int i = 0; i < 2; i++) {
        pxl_error err = PXL_OK;
        if (values[i]->kind == PXL_VALUE_INVALID)
            err = add(f, PXL_CODE_UNPARSABLE_NUMBER, PXL_SEVERITY_ERROR, &values[i]->cell, 0, 0,
                      N_("%s \"%s\" of KPI \"%s\" is not a number"),
                      PXL_ARGS(PXL_TEXT(columns[i]), PXL_TEXT(pxl_excerpt(text, sizeof text, values[i]->text)),
                               name));
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
                                k->target.kind == PXL_VALUE_PERCENT
                                    ? N_("Nuläge \"%s\" of KPI \"%s\" is text, but its Målvärde \"%s\" is a "
                                         "percent: the two cannot be compared")
                                    : N_("Nuläge \"%s\" of KPI \"%s\" is text, but its Målvärde \"%s\" is a "
                                         "number: the two cannot be compared"),
                                PXL_ARGS(PXL_TEXT(pxl_excerpt(text, sizeof text, k->current.text)), name,
                                         PXL_TEXT(pxl_excerpt(other, sizeof other, k->target.text))));
    }
    return PXL_OK;
}

static pxl_error check_measure(pxl_findings *f, const pxl_measure *m)
{
    pxl_error err = PXL_OK;
    if (!m->title || !*m->title) {
        pxl_finding_draft d = {PXL_CODE_MISSING_FIELD, PXL_SEVERITY_ERROR, &m->title_cell, NULL, 0, 0, 0, 0};
        char section[PXL_EXCERPT_SIZE];
        err = pxl_findings_add(f, &d, N_("The measure in section \"%s\" has no Åtgärd (title)"),
                               PXL_ARGS(PXL_TEXT(pxl_excerpt(section, sizeof section, m->section))));
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
