/*
 * duplicate-measure (the same area and Åtgärd twice, across all inputs) and
 * duplicate-row (the same effect row twice in one table), issue 3. White space
 * is folded so "Flytt av  verksamhet " and "Flytt av verksamhet" match.
 * Duplicates are found by sorting, not by comparing every pair, so a sheet of
 * 65 536 rows stays fast.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "model/duplicates.h"
#include "util/keys.h"
#include "util/unicode.h"
#include "util/locale.h"

/* ---- duplicate-measure --------------------------------------------------------------------- */

static pxl_error add_duplicate_measure(void *ctx, const pxl_area *area, size_t first, size_t again_index,
                                       const char *title_key)
{
    pxl_findings *f = ctx;
    const pxl_measure *original = area->measures[first];
    const pxl_measure *again = area->measures[again_index];
    char where[512 + 384];
    const pxl_cellref *o = &original->title_cell;
    if (o->file && again->title_cell.file && strcmp(o->file, again->title_cell.file) != 0)
        snprintf(where, sizeof where, "%s:", o->file);
    else
        where[0] = '\0';
    char ref[384];
    pxl_cellref_format(ref, sizeof ref, o);
    pxl_finding_draft d = {PXL_CODE_DUPLICATE_MEASURE, PXL_SEVERITY_ERROR, &again->title_cell, NULL, 0, 0, 0, 0};
    char title[PXL_EXCERPT_SIZE], area_name[PXL_EXCERPT_SIZE];
    strncat(where, ref, sizeof where - strlen(where) - 1);
    pxl_message_arg title_arg = PXL_TEXT(pxl_excerpt(title, sizeof title, title_key));
    if (!area->name)
        return pxl_findings_add(f, &d, N_("The measure \"%s\" of this area appears twice (first at %s)"),
                                PXL_ARGS(title_arg, PXL_TEXT(where)));
    return pxl_findings_add(f, &d, N_("The measure \"%s\" of %s appears twice (first at %s)"),
                            PXL_ARGS(title_arg, PXL_TEXT(pxl_excerpt(area_name, sizeof area_name, area->name)),
                                     PXL_TEXT(where)));
}

static pxl_error duplicate_measures(pxl_findings *f, const pxl_area *area)
{
    return pxl_area_each_duplicate(area, add_duplicate_measure, f);
}

/* ---- duplicate-row ------------------------------------------------------------------------- */

static void amount_key(char *buf, size_t size, const pxl_value *v)
{
    if (v->kind == PXL_VALUE_NUMBER)
        pxl_c_snprintf(buf, size, "n%.6f", v->number); /* a key, not shown */
    else if (v->kind == PXL_VALUE_MISSING)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "t%s", v->text ? v->text : "");
}

typedef struct row_repeat {
    pxl_findings *f;
    const pxl_measure *m;
} row_repeat;

static pxl_error add_duplicate_row(void *ctx, size_t first, size_t again_index, const char *key)
{
    const row_repeat *r = ctx;
    const pxl_measure *m = r->m;
    (void)key;
    const pxl_effect *original = m->effects[first];
    const pxl_effect *again = m->effects[again_index];
    char a[PXL_EXCERPT_SIZE], b[PXL_EXCERPT_SIZE], description[PXL_EXCERPT_SIZE];
    pxl_finding_draft d = {PXL_CODE_DUPLICATE_ROW, PXL_SEVERITY_WARNING, &again->cell, NULL, 0, 0, 0, 0};
    pxl_message_arg current = again->current_year.kind == PXL_VALUE_NUMBER
                                  ? PXL_AMOUNT(again->current_year.number)
                                  : PXL_TEXT(pxl_excerpt(a, sizeof a, again->current_year.text));
    pxl_message_arg full_year = again->full_year.kind == PXL_VALUE_NUMBER
                                    ? PXL_AMOUNT(again->full_year.number)
                                    : PXL_TEXT(pxl_excerpt(b, sizeof b, again->full_year.text));
    return pxl_findings_add(r->f, &d, N_("The effect row \"%s\" (%s and %s tkr) appears twice in this table "
                                         "(first at row %s)"),
                            PXL_ARGS(PXL_TEXT(pxl_excerpt(description, sizeof description, again->description)),
                                     current, full_year, PXL_COUNT(original->cell.row + 1)));
}

static pxl_error duplicate_rows(pxl_findings *f, const pxl_measure *m)
{
    size_t n = 0;
    pxl_keyed *keys = calloc(m->effect_count ? m->effect_count : 1, sizeof *keys);
    if (!keys)
        return pxl_fail_nomem();
    for (size_t i = 0; i < m->effect_count; i++) {
        const pxl_effect *e = m->effects[i];
        if (e->current_year.kind == PXL_VALUE_MISSING && e->full_year.kind == PXL_VALUE_MISSING)
            continue;  /* an empty row is missing-field */
        char *desc = pxl_fold_space(e->description ? e->description : "");
        char a[128], b[128];
        amount_key(a, sizeof a, &e->current_year);
        amount_key(b, sizeof b, &e->full_year);
        size_t len = (desc ? strlen(desc) : 0) + strlen(a) + strlen(b) + 3;
        keys[n].key = desc ? malloc(len) : NULL;
        if (!keys[n].key) {
            free(desc);
            pxl_keys_free(keys, n);
            return pxl_fail_nomem();
        }
        /* \x1f (unit separator) cannot occur in cell text Excel lets a user type. */
        snprintf(keys[n].key, len, "%s\x1f%s\x1f%s", desc, a, b);
        free(desc);
        keys[n++].index = i;
    }
    row_repeat r = {f, m};
    return pxl_keys_each_repeat(keys, n, add_duplicate_row, &r);
}

pxl_error pxl_check_duplicates(pxl_findings *findings, const pxl_plan *plan)
{
    for (size_t a = 0; a < plan->area_count; a++) {
        const pxl_area *area = plan->areas[a];
        pxl_error err = duplicate_measures(findings, area);
        for (size_t m = 0; !err && m < area->measure_count; m++)
            err = duplicate_rows(findings, area->measures[m]);
        if (err)
            return err;
    }
    return PXL_OK;
}
