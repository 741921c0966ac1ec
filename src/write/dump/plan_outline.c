/* The plan model as an indented outline for people (`planxl dump --format text`). */
#include <errno.h>
#include <string.h>

#include "util/output.h"
#include "util/error_internal.h"
#include "util/number_text.h"
#include "planxl/dump.h"
#include "util/locale.h"

/* Longest description shown in the outline, in bytes; the JSON has it whole. */
#define OUTLINE_DESCRIPTION_MAX 160

/* @p text on one line (line breaks as spaces), cut at @p max bytes on a character boundary. */
static void put_line(FILE *out, const char *text, size_t max)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++, n++) {
        if (n >= max && (*p & 0xC0) != 0x80) {
            fputs(" …", out);
            return;
        }
        fputc(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p, out);
    }
}

static void put_value(FILE *out, const pxl_value *v)
{
    char buf[40];
    if (v->kind == PXL_VALUE_MISSING) {
        fputs(v->is_formula ? "(formula, value unknown)" : "(missing)", out);
        return;
    }
    put_line(out, v->text, 60);
    if (v->kind == PXL_VALUE_PERCENT || (v->kind == PXL_VALUE_NUMBER && v->stored_as_text))
        fprintf(out, " [%s %s]", pxl_value_kind_name(v->kind), pxl_number_text(buf, sizeof buf, v->number));
    else if (v->kind == PXL_VALUE_INVALID)
        fputs(" [not a number]", out);
}

static void put_cell(FILE *out, const pxl_cellref *ref)
{
    char buf[512];
    fprintf(out, "  (%s)\n", pxl_cellref_format(buf, sizeof buf, ref));
}

static double number_or_zero(const pxl_value *v)
{
    return v->kind == PXL_VALUE_NUMBER ? v->number : 0;
}

static void put_total(FILE *out, const char *indent, const char *what, const pxl_total *t)
{
    fprintf(out, "%s%s \"%s\": this year ", indent, what, pxl_total_label(t));
    put_value(out, pxl_total_current_year(t));
    fputs(" tkr, full year ", out);
    put_value(out, pxl_total_full_year(t));
    fputs(" tkr", out);
    put_cell(out, pxl_total_cell(t));
}

/* A row's extra fields, one line each under it: "Ansvarig: Anna Berg (Blad1!G4)". */
static void put_fields(FILE *out, const char *indent, size_t count, const pxl_field *(*at)(const void *, size_t),
                       const void *row)
{
    for (size_t i = 0; i < count; i++) {
        const pxl_field *f = at(row, i);
        fputs(indent, out);
        put_line(out, pxl_field_header(f), 40);
        fputs(": ", out);
        put_line(out, pxl_field_value(f), 80);
        put_cell(out, pxl_field_cell(f));
    }
}

static const pxl_field *measure_field(const void *row, size_t i) { return pxl_measure_field(row, i); }
static const pxl_field *kpi_field(const void *row, size_t i) { return pxl_kpi_field(row, i); }
static const pxl_field *effect_field(const void *row, size_t i) { return pxl_effect_field(row, i); }

static void put_measure(FILE *out, const pxl_measure *m)
{
    fputs("  - ", out);
    if (*pxl_measure_section(m))
        fprintf(out, "%s: ", pxl_measure_section(m));
    fputs(*pxl_measure_title(m) ? pxl_measure_title(m) : "(no title)", out);
    put_cell(out, pxl_measure_cell(m));
    if (*pxl_measure_description(m)) {
        fputs("      ", out);
        put_line(out, pxl_measure_description(m), OUTLINE_DESCRIPTION_MAX);
        fputc('\n', out);
    }
    put_fields(out, "      ", pxl_measure_field_count(m), measure_field, m);
    for (size_t i = 0; i < pxl_measure_kpi_count(m); i++) {
        const pxl_kpi *k = pxl_measure_kpi(m, i);
        fputs("      KPI ", out);
        put_line(out, pxl_kpi_name(k), 80);
        fputs(": target ", out);
        put_value(out, pxl_kpi_target(k));
        fputs(", now ", out);
        put_value(out, pxl_kpi_current(k));
        put_cell(out, pxl_kpi_cell(k));
        put_fields(out, "        ", pxl_kpi_field_count(k), kpi_field, k);
    }
    int year = pxl_measure_current_year(m);
    for (size_t i = 0; i < pxl_measure_effect_count(m); i++) {
        const pxl_effect *e = pxl_measure_effect(m, i);
        fputs("      Effect ", out);
        put_line(out, pxl_effect_description(e), 80);
        if (year)
            fprintf(out, ": %d ", year);
        else
            fputs(": this year ", out);
        put_value(out, pxl_effect_current_year(e));
        fputs(" tkr, full year ", out);
        put_value(out, pxl_effect_full_year(e));
        fputs(" tkr", out);
        put_cell(out, pxl_effect_cell(e));
        put_fields(out, "        ", pxl_effect_field_count(e), effect_field, e);
    }
    for (size_t i = 0; i < pxl_measure_total_count(m); i++)
        put_total(out, "      ", "Declared total", pxl_measure_total(m, i));
}

/* The sheets that are not plain visible ones read as they are: skipped, of unknown state, or merged. */
static void put_sheets(FILE *out, const pxl_plan *plan)
{
    for (size_t i = 0; i < pxl_plan_sheet_count(plan); i++) {
        const pxl_sheet_info *s = pxl_plan_sheet(plan, i);
        if (s->read && s->state == PXL_SHEET_VISIBLE && !s->merge_count)
            continue;
        fprintf(out, "Sheet: %s (%s%s)", s->name, pxl_sheet_state_name(s->state), s->read ? "" : ", not read");
        for (size_t m = 0; m < s->merge_count; m++) {
            char first[16], last[16];
            const pxl_range *r = &s->merges[m];
            fprintf(out, "%s%s:%s", m ? ", " : " merged ", pxl_cell_name(first, sizeof first, r->first_row, r->first_col),
                    pxl_cell_name(last, sizeof last, r->last_row, r->last_col));
        }
        fputc('\n', out);
    }
}

static pxl_error write_outline(const pxl_plan *plan, FILE *out, const char *out_name)
{
    for (size_t i = 0; i < pxl_plan_file_count(plan); i++)
        fprintf(out, "File: %s\n", pxl_plan_file(plan, i));
    put_sheets(out, plan);
    static const struct { const char *label; const char *(*get)(const pxl_plan *); } fields[] = {
        {"Title", pxl_plan_title},
        {"Committee", pxl_plan_committee},
        {"Municipality", pxl_plan_municipality},
        {"Period", pxl_plan_period},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (*fields[i].get(plan))
            fprintf(out, "%s: %s\n", fields[i].label, fields[i].get(plan));
    for (size_t a = 0; a < pxl_plan_area_count(plan); a++) {
        const pxl_area *area = pxl_plan_area(plan, a);
        double current = 0, full = 0;
        size_t effects = 0;
        for (size_t m = 0; m < pxl_area_measure_count(area); m++) {
            const pxl_measure *measure = pxl_area_measure(area, m);
            for (size_t e = 0; e < pxl_measure_effect_count(measure); e++) {
                current += number_or_zero(pxl_effect_current_year(pxl_measure_effect(measure, e)));
                full += number_or_zero(pxl_effect_full_year(pxl_measure_effect(measure, e)));
                effects++;
            }
        }
        char c[40], f[40];
        fprintf(out, "\nArea: %s — %zu measures, %zu effect rows summing to %s tkr this year, %s tkr full year\n",
                pxl_area_name(area), pxl_area_measure_count(area), effects, pxl_number_text(c, sizeof c, current),
                pxl_number_text(f, sizeof f, full));
        for (size_t m = 0; m < pxl_area_measure_count(area); m++)
            put_measure(out, pxl_area_measure(area, m));
        for (size_t t = 0; t < pxl_area_total_count(area); t++)
            put_total(out, "  ", "Area total", pxl_area_total(area, t));
    }
    if (pxl_plan_total_count(plan))
        fputs("\n", out);
    for (size_t t = 0; t < pxl_plan_total_count(plan); t++)
        put_total(out, "", "Plan total", pxl_plan_total(plan, t));
    if (pxl_plan_summary_count(plan))
        fputs("\n", out);
    for (size_t t = 0; t < pxl_plan_summary_count(plan); t++)
        put_total(out, "", pxl_total_summary_area(pxl_plan_summary(plan, t)) ? "Summary row" : "Summary total",
                  pxl_plan_summary(plan, t));
    for (size_t i = 0; i < pxl_plan_unreadable_count(plan); i++) {
        const char *message = "";
        const char *file = pxl_plan_unreadable_file(plan, i, &message);
        fprintf(out, "\nNot read: %s: %s\n", file, message);
    }
    errno = 0;
    if (fflush(out) != 0 || ferror(out)) {
        const char *why = pxl_output_errno_text(errno);
        if (why)
            return pxl_fail(PXL_ERR_IO, "%s: could not write the plan: %s", out_name ? out_name : "output", why);
        return pxl_fail(PXL_ERR_IO, "%s: could not write the plan", out_name ? out_name : "output");
    }
    return PXL_OK;
}

/* In the C locale, whatever the host set (util/locale.h). */
pxl_error pxl_plan_write_outline(const pxl_plan *plan, FILE *out, const char *out_name)
{
    pxl_error err = pxl_locale_enter();
    if (err)
        return err;
    err = write_outline(plan, out, out_name);
    pxl_locale_leave();
    return err;
}
