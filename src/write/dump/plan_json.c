/* The plan model written as the JSON of `planxl dump` (docs/recognize.md). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/output.h"
#include "util/error_internal.h"
#include "util/json.h"
#include "planxl/dump.h"
#include "util/locale.h"

static void write_cell(pxl_json *json, const char *key, const pxl_cellref *ref)
{
    char buf[512];
    pxl_json_key(json, key);
    pxl_json_string(json, pxl_cellref_format(buf, sizeof buf, ref));
}

static const char *direction_name(pxl_direction d)
{
    switch (d) {
    case PXL_DIRECTION_INCREASE: return "increase";
    case PXL_DIRECTION_DECREASE: return "decrease";
    case PXL_DIRECTION_UNCHANGED: return "unchanged";
    case PXL_DIRECTION_NONE: break;
    }
    return NULL;
}

/* A number where the value is one (a percent as its fraction), else null. */
static void write_number_or_null(pxl_json *json, const pxl_value *v)
{
    if (v->kind == PXL_VALUE_NUMBER || v->kind == PXL_VALUE_PERCENT)
        pxl_json_number(json, v->number);
    else
        pxl_json_null(json);
}

/* An amount in tkr: a number, or null when missing, unreadable or not an amount. */
static void write_amount(pxl_json *json, const pxl_value *v)
{
    if (v->kind == PXL_VALUE_NUMBER)
        pxl_json_number(json, v->number);
    else
        pxl_json_null(json);
}

/* VALUE: {"text","kind","value","cell"} plus where it came from. */
static void write_value(pxl_json *json, const pxl_value *v)
{
    pxl_json_begin_object(json);
    pxl_json_key(json, "text");
    pxl_json_string(json, v->text ? v->text : "");
    pxl_json_key(json, "kind");
    pxl_json_string(json, pxl_value_kind_name(v->kind));
    pxl_json_key(json, "value");
    write_number_or_null(json, v);
    write_cell(json, "cell", &v->cell);
    if (v->kind == PXL_VALUE_DIRECTION) {
        pxl_json_key(json, "direction");
        pxl_json_string(json, direction_name(v->direction));
    }
    pxl_json_key(json, "stored_as_text");
    pxl_json_bool(json, v->stored_as_text);
    pxl_json_key(json, "is_formula");
    pxl_json_bool(json, v->is_formula);
    pxl_json_key(json, "formula");
    pxl_json_string(json, v->formula);
    pxl_json_end_object(json);
}

/* "fields": a row's cells in columns with no header word: [{"header", "value", "cell"}] in column order. */
static void write_fields(pxl_json *json, size_t count, const pxl_field *(*at)(const void *, size_t), const void *row)
{
    pxl_json_key(json, "fields");
    pxl_json_begin_array(json);
    for (size_t i = 0; i < count; i++) {
        const pxl_field *f = at(row, i);
        pxl_json_begin_object(json);
        pxl_json_key(json, "header");
        pxl_json_string(json, pxl_field_header(f));
        pxl_json_key(json, "value");
        pxl_json_string(json, pxl_field_value(f));
        write_cell(json, "cell", pxl_field_cell(f));
        pxl_json_end_object(json);
    }
    pxl_json_end_array(json);
}

static const pxl_field *measure_field(const void *row, size_t i) { return pxl_measure_field(row, i); }
static const pxl_field *kpi_field(const void *row, size_t i) { return pxl_kpi_field(row, i); }
static const pxl_field *effect_field(const void *row, size_t i) { return pxl_effect_field(row, i); }

static void write_kpi(pxl_json *json, const pxl_kpi *k)
{
    pxl_json_begin_object(json);
    pxl_json_key(json, "name");
    pxl_json_string(json, pxl_kpi_name(k));
    pxl_json_key(json, "target");
    write_value(json, pxl_kpi_target(k));
    pxl_json_key(json, "current");
    write_value(json, pxl_kpi_current(k));
    pxl_json_key(json, "comment");
    pxl_json_string(json, pxl_kpi_comment(k));
    write_cell(json, "cell", pxl_kpi_cell(k));
    write_fields(json, pxl_kpi_field_count(k), kpi_field, k);
    pxl_json_end_object(json);
}

static void write_amount_pair(pxl_json *json, const pxl_value *current_year, const pxl_value *full_year)
{
    pxl_json_key(json, "current_year_tkr");
    write_amount(json, current_year);
    pxl_json_key(json, "full_year_tkr");
    write_amount(json, full_year);
    write_cell(json, "current_year_cell", &current_year->cell);
    write_cell(json, "full_year_cell", &full_year->cell);
    pxl_json_key(json, "current_year_value");
    write_value(json, current_year);
    pxl_json_key(json, "full_year_value");
    write_value(json, full_year);
}

static void write_effect(pxl_json *json, const pxl_effect *e)
{
    pxl_json_begin_object(json);
    pxl_json_key(json, "description");
    pxl_json_string(json, pxl_effect_description(e));
    write_amount_pair(json, pxl_effect_current_year(e), pxl_effect_full_year(e));
    pxl_json_key(json, "comment");
    pxl_json_string(json, pxl_effect_comment(e));
    write_cell(json, "cell", pxl_effect_cell(e));
    write_fields(json, pxl_effect_field_count(e), effect_field, e);
    pxl_json_end_object(json);
}

static void write_total(pxl_json *json, const pxl_total *t, int summary)
{
    pxl_json_begin_object(json);
    pxl_json_key(json, "label");
    pxl_json_string(json, pxl_total_label(t));
    write_amount_pair(json, pxl_total_current_year(t), pxl_total_full_year(t));
    write_cell(json, "cell", pxl_total_cell(t));
    if (summary) {
        /* the area a summary row names; null for the plan's total */
        pxl_json_key(json, "area");
        if (pxl_total_summary_area(t))
            pxl_json_string(json, pxl_total_summary_area(t));
        else
            pxl_json_null(json);
    }
    pxl_json_end_object(json);
}

static void write_measure(pxl_json *json, const pxl_measure *m)
{
    pxl_json_begin_object(json);
    pxl_json_key(json, "section");
    pxl_json_string(json, pxl_measure_section(m));
    pxl_json_key(json, "title");
    pxl_json_string(json, pxl_measure_title(m));
    pxl_json_key(json, "description");
    pxl_json_string(json, pxl_measure_description(m));
    write_cell(json, "cell", pxl_measure_cell(m));
    write_cell(json, "title_cell", pxl_measure_title_cell(m));
    write_cell(json, "description_cell", pxl_measure_description_cell(m));
    pxl_json_key(json, "file");
    pxl_json_string(json, pxl_measure_cell(m)->file);
    pxl_json_key(json, "current_year");
    if (pxl_measure_current_year(m))
        pxl_json_int(json, pxl_measure_current_year(m));
    else
        pxl_json_null(json);
    write_fields(json, pxl_measure_field_count(m), measure_field, m);
    pxl_json_key(json, "kpis");
    pxl_json_begin_array(json);
    for (size_t i = 0; i < pxl_measure_kpi_count(m); i++)
        write_kpi(json, pxl_measure_kpi(m, i));
    pxl_json_end_array(json);
    pxl_json_key(json, "effects");
    pxl_json_begin_array(json);
    for (size_t i = 0; i < pxl_measure_effect_count(m); i++)
        write_effect(json, pxl_measure_effect(m, i));
    pxl_json_end_array(json);
    pxl_json_key(json, "declared_totals");
    pxl_json_begin_array(json);
    for (size_t i = 0; i < pxl_measure_total_count(m); i++)
        write_total(json, pxl_measure_total(m, i), 0);
    pxl_json_end_array(json);
    pxl_json_end_object(json);
}

/* "A4:A14" */
static const char *range_text(char *buf, size_t size, const pxl_range *r)
{
    char first[16], last[16];
    snprintf(buf, size, "%s:%s", pxl_cell_name(first, sizeof first, r->first_row, r->first_col),
             pxl_cell_name(last, sizeof last, r->last_row, r->last_col));
    return buf;
}

/* Every sheet met: its state, whether it was read, its merged ranges (null: not known). */
static void write_sheets(pxl_json *json, const pxl_plan *plan)
{
    pxl_json_key(json, "sheets");
    pxl_json_begin_array(json);
    for (size_t i = 0; i < pxl_plan_sheet_count(plan); i++) {
        const pxl_sheet_info *s = pxl_plan_sheet(plan, i);
        pxl_json_begin_object(json);
        pxl_json_key(json, "file");
        pxl_json_string(json, s->file);
        pxl_json_key(json, "name");
        pxl_json_string(json, s->name);
        pxl_json_key(json, "state");
        pxl_json_string(json, pxl_sheet_state_name(s->state));
        pxl_json_key(json, "read");
        pxl_json_bool(json, s->read);
        pxl_json_key(json, "merges");
        if (!s->merges_known) {
            pxl_json_null(json);
        } else {
            char buf[40];
            pxl_json_begin_array(json);
            for (size_t m = 0; m < s->merge_count; m++)
                pxl_json_string(json, range_text(buf, sizeof buf, &s->merges[m]));
            pxl_json_end_array(json);
        }
        pxl_json_end_object(json);
    }
    pxl_json_end_array(json);
}

static pxl_error write_json(const pxl_plan *plan, FILE *out, const char *out_name)
{
    pxl_json json;
    pxl_json_init(&json, out);
    pxl_json_begin_object(&json);
    if (pxl_plan_file_count(plan) == 1) {
        pxl_json_key(&json, "file");
        pxl_json_string(&json, pxl_plan_file(plan, 0));
    }
    pxl_json_key(&json, "files");
    pxl_json_begin_array(&json);
    for (size_t i = 0; i < pxl_plan_file_count(plan); i++)
        pxl_json_string(&json, pxl_plan_file(plan, i));
    pxl_json_end_array(&json);
    pxl_json_key(&json, "unreadable");
    pxl_json_begin_array(&json);
    for (size_t i = 0; i < pxl_plan_unreadable_count(plan); i++) {
        const char *message = "";
        const char *file = pxl_plan_unreadable_file(plan, i, &message);
        pxl_json_begin_object(&json);
        pxl_json_key(&json, "file");
        pxl_json_string(&json, file);
        pxl_json_key(&json, "message");
        pxl_json_string(&json, message);
        pxl_json_end_object(&json);
    }
    pxl_json_end_array(&json);
    write_sheets(&json, plan);
    static const struct { const char *key; const char *(*get)(const pxl_plan *); } fields[] = {
        {"title", pxl_plan_title},
        {"committee", pxl_plan_committee},
        {"municipality", pxl_plan_municipality},
        {"period", pxl_plan_period},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        pxl_json_key(&json, fields[i].key);
        pxl_json_string(&json, fields[i].get(plan));
    }
    pxl_json_key(&json, "areas");
    pxl_json_begin_array(&json);
    for (size_t a = 0; a < pxl_plan_area_count(plan); a++) {
        const pxl_area *area = pxl_plan_area(plan, a);
        pxl_json_begin_object(&json);
        pxl_json_key(&json, "name");
        pxl_json_string(&json, pxl_area_name(area));
        pxl_json_key(&json, "measures");
        pxl_json_begin_array(&json);
        for (size_t m = 0; m < pxl_area_measure_count(area); m++)
            write_measure(&json, pxl_area_measure(area, m));
        pxl_json_end_array(&json);
        pxl_json_key(&json, "declared_totals");
        pxl_json_begin_array(&json);
        for (size_t t = 0; t < pxl_area_total_count(area); t++)
            write_total(&json, pxl_area_total(area, t), 0);
        pxl_json_end_array(&json);
        pxl_json_end_object(&json);
    }
    pxl_json_end_array(&json);
    pxl_json_key(&json, "declared_totals");
    pxl_json_begin_array(&json);
    for (size_t t = 0; t < pxl_plan_total_count(plan); t++)
        write_total(&json, pxl_plan_total(plan, t), 0);
    pxl_json_end_array(&json);
    pxl_json_key(&json, "summary_totals");
    pxl_json_begin_array(&json);
    for (size_t t = 0; t < pxl_plan_summary_count(plan); t++)
        write_total(&json, pxl_plan_summary(plan, t), 1);
    pxl_json_end_array(&json);
    pxl_json_end_object(&json);
    pxl_json_finish(&json);
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
pxl_error pxl_plan_write_json(const pxl_plan *plan, FILE *out, const char *out_name)
{
    pxl_error err = pxl_locale_enter();
    if (err)
        return err;
    err = write_json(plan, out, out_name);
    pxl_locale_leave();
    return err;
}
