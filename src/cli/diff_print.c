/* A diff as text and as JSON (diff_print.h; the JSON contract: docs/diff.md). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diff_print.h"
#include "planxl/grid.h"
#include "util/json.h"
#include "util/number_text.h"
#include "util/unicode.h"

/* A description on one line and short: a text line is one change (descriptions run to paragraphs). */
#define EXCERPT_CHARS 60

static char *excerpt(char *buf, size_t size, const char *text)
{
    char *folded = pxl_fold_space(text ? text : "");
    if (!folded) {
        snprintf(buf, size, "%s", "");
        return buf;
    }
    size_t n = 0, chars = 0;
    const unsigned char *p = (const unsigned char *)folded;
    while (*p && n + 4 + sizeof "\u2026" < size) {
        if (chars == EXCERPT_CHARS) {
            memcpy(buf + n, "\u2026", sizeof "\u2026" - 1);
            n += sizeof "\u2026" - 1;
            break;
        }
        size_t len = *p < 0xC0 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        for (size_t k = 1; k < len; k++)
            if ((p[k] & 0xC0) != 0x80)
                len = k;
        memcpy(buf + n, p, len);
        n += len;
        p += len;
        chars++;
    }
    buf[n] = '\0';
    free(folded);
    return buf;
}

static void print_place(FILE *out, const pxl_cellref *ref)
{
    char name[16];
    pxl_cell_name(name, sizeof name, ref->row, ref->col);
    fputs(ref->file ? ref->file : _("(unknown file)"), out);
    if (ref->sheet)
        fprintf(out, ":%s!%s", ref->sheet, name);
    else
        fprintf(out, ":%s", name);
}

/* "Effekt 2024", "Helårseffekt": the plan's own column headings, the same in every language. */
static const char *column_label(char *buf, size_t size, const pxl_diff_change *c)
{
    if (c->column == PXL_DIFF_COLUMN_FULL_YEAR)
        snprintf(buf, size, "Helårseffekt");
    else if (c->year)
        snprintf(buf, size, "Effekt %d", c->year);
    else
        snprintf(buf, size, "Effekt");
    return buf;
}

/* An amount of a side: the number, or the cell's text when it is none ("(empty)" when missing). */
static const char *amount_text(char *buf, size_t size, const pxl_diff_side *s)
{
    if (s->value && s->value->kind != PXL_VALUE_NUMBER) {
        if (s->value->kind == PXL_VALUE_MISSING)
            snprintf(buf, size, "%s", _("(empty)"));
        else
            snprintf(buf, size, "\"%s\"", s->value->text ? s->value->text : "");
        return buf;
    }
    return pxl_amount_format(buf, size, s->amount);
}

static const char *value_text(char *buf, size_t size, const pxl_value *v)
{
    if (!v || v->kind == PXL_VALUE_MISSING)
        snprintf(buf, size, "%s", _("(empty)"));
    else
        snprintf(buf, size, "%s", v->text ? v->text : "");
    return buf;
}

static const char *trend_word(pxl_diff_trend trend)
{
    switch (trend) {
    case PXL_DIFF_TREND_INCREASED: return _("increased");
    case PXL_DIFF_TREND_DECREASED: return _("decreased");
    default: return _("changed");
    }
}

/* "+500", "-1 600"; the trend word when the amounts are not two numbers. */
static const char *delta_text(char *buf, size_t size, const pxl_diff_change *c)
{
    int numbers = (!c->old_side.value || c->old_side.value->kind == PXL_VALUE_NUMBER) &&
                  (!c->new_side.value || c->new_side.value->kind == PXL_VALUE_NUMBER);
    if (!numbers)
        return snprintf(buf, size, "%s", trend_word(c->trend)), buf;
    double delta = c->new_side.amount - c->old_side.amount;
    char num[48];
    pxl_amount_format(num, sizeof num, delta);
    snprintf(buf, size, "%s%s", delta > 0 ? "+" : "", num);
    return buf;
}

static int is_amount(pxl_diff_kind kind)
{
    return kind == PXL_DIFF_EFFECT_AMOUNT || kind == PXL_DIFF_MEASURE_AMOUNT || kind == PXL_DIFF_AREA_AMOUNT ||
           kind == PXL_DIFF_TOTAL_AMOUNT;
}

static void print_message(FILE *out, const pxl_diff_change *c)
{
    const pxl_diff_side *o = &c->old_side, *n = &c->new_side;
    char item[256], label[32], a[64], b[64], d[64];
    switch (c->kind) {
    case PXL_DIFF_MEASURE_ADDED:
        fprintf(out, _("%s: new measure \"%s\""), n->area, n->title);
        break;
    case PXL_DIFF_MEASURE_REMOVED:
        fprintf(out, _("%s: measure \"%s\" removed"), o->area, o->title);
        break;
    case PXL_DIFF_MEASURE_RENAMED:
        fprintf(out, _("%s: measure \"%s\" renamed \"%s\""), n->area, o->title, n->title);
        break;
    case PXL_DIFF_MEASURE_MOVED:
        fprintf(out, _("measure \"%s\" moved from %s to %s"), n->title, o->area, n->area);
        break;
    case PXL_DIFF_EFFECT_ADDED:
        fprintf(out, _("%s: \"%s\": new effect row \"%s\""), n->area, n->title, excerpt(item, sizeof item, n->item));
        break;
    case PXL_DIFF_EFFECT_REMOVED:
        fprintf(out, _("%s: \"%s\": effect row \"%s\" removed"), o->area, o->title,
                excerpt(item, sizeof item, o->item));
        break;
    case PXL_DIFF_EFFECT_AMOUNT:
        fprintf(out, _("%s: \"%s\": effect row \"%s\": %s %s → %s tkr (%s)"), n->area, n->title,
                excerpt(item, sizeof item, n->item), column_label(label, sizeof label, c),
                amount_text(a, sizeof a, o), amount_text(b, sizeof b, n), delta_text(d, sizeof d, c));
        break;
    case PXL_DIFF_MEASURE_AMOUNT:
        fprintf(out, _("%s: \"%s\": %s %s → %s tkr (%s)"), n->area, n->title, column_label(label, sizeof label, c),
                amount_text(a, sizeof a, o), amount_text(b, sizeof b, n), delta_text(d, sizeof d, c));
        break;
    case PXL_DIFF_AREA_AMOUNT:
        fprintf(out, _("%s: %s %s → %s tkr (%s)"), n->area, column_label(label, sizeof label, c),
                amount_text(a, sizeof a, o), amount_text(b, sizeof b, n), delta_text(d, sizeof d, c));
        break;
    case PXL_DIFF_TOTAL_AMOUNT:
        fprintf(out, _("the whole plan: %s %s → %s tkr (%s)"), column_label(label, sizeof label, c),
                amount_text(a, sizeof a, o), amount_text(b, sizeof b, n), delta_text(d, sizeof d, c));
        break;
    case PXL_DIFF_KPI_ADDED:
        fprintf(out, _("%s: \"%s\": new KPI \"%s\""), n->area, n->title, excerpt(item, sizeof item, n->item));
        break;
    case PXL_DIFF_KPI_REMOVED:
        fprintf(out, _("%s: \"%s\": KPI \"%s\" removed"), o->area, o->title, excerpt(item, sizeof item, o->item));
        break;
    case PXL_DIFF_KPI_TARGET:
        fprintf(out, _("%s: \"%s\": KPI \"%s\": Målvärde %s → %s (%s)"), n->area, n->title,
                excerpt(item, sizeof item, n->item), value_text(a, sizeof a, o->value),
                value_text(b, sizeof b, n->value), trend_word(c->trend));
        break;
    case PXL_DIFF_KPI_CURRENT:
        fprintf(out, _("%s: \"%s\": KPI \"%s\": Nuläge %s → %s (%s)"), n->area, n->title,
                excerpt(item, sizeof item, n->item), value_text(a, sizeof a, o->value),
                value_text(b, sizeof b, n->value), trend_word(c->trend));
        break;
    }
    /* A sum that left out an unreadable amount says so (an effect row's own change shows its text). */
    if (is_amount(c->kind) && c->kind != PXL_DIFF_EFFECT_AMOUNT && (!o->complete || !n->complete))
        fputs(_(" (an amount could not be read and is not counted)"), out);
}

void diff_print_text(FILE *out, const pxl_diff *diff, const pxl_plan *old_plan, const pxl_plan *new_plan)
{
    size_t count = pxl_diff_count(diff);
    for (size_t i = 0; i < count; i++) {
        const pxl_diff_change *c = pxl_diff_get(diff, i);
        /* Where the change is now; where it was when it is gone; a sum's plan file when neither has a cell. */
        const pxl_diff_side *here = c->new_side.has_cell ? &c->new_side : c->old_side.has_cell ? &c->old_side : NULL;
        if (here)
            print_place(out, &here->cell);
        else {
            const char *file = pxl_plan_file(new_plan, 0) ? pxl_plan_file(new_plan, 0) : pxl_plan_file(old_plan, 0);
            fputs(file ? file : _("(unknown file)"), out);
        }
        fprintf(out, ": %s: ", pxl_diff_kind_name(c->kind));
        print_message(out, c);
        if (c->new_side.has_cell && c->old_side.has_cell) {
            fputs(_(" (was "), out);
            print_place(out, &c->old_side.cell);
            fputc(')', out);
        }
        fputc('\n', out);
    }
    if (count == 0)
        fputs(_("no changes: the plans are equal\n"), out);
    else {
        fprintf(out, pxl_ntext("%zu change", "%zu changes", count), count);
        fputc('\n', out);
    }
}

/* ---- JSON (docs/diff.md, share/planxl/diff.schema.json) ---- */

static void json_cell(pxl_json *json, const pxl_diff_side *s)
{
    pxl_json_key(json, "cell");
    if (!s->has_cell) {
        pxl_json_null(json);
        return;
    }
    char name[16];
    pxl_json_begin_object(json);
    pxl_json_key(json, "file");
    pxl_json_string(json, s->cell.file);
    pxl_json_key(json, "sheet");
    pxl_json_string(json, s->cell.sheet);
    pxl_json_key(json, "ref");
    pxl_json_string(json, pxl_cell_name(name, sizeof name, s->cell.row, s->cell.col));
    pxl_json_end_object(json);
}

static void json_value(pxl_json *json, const pxl_value *v)
{
    pxl_json_key(json, "value");
    if (!v) {
        pxl_json_null(json);
        return;
    }
    pxl_json_begin_object(json);
    pxl_json_key(json, "kind");
    pxl_json_string(json, pxl_value_kind_name(v->kind));
    pxl_json_key(json, "text");
    pxl_json_string(json, v->text ? v->text : "");
    pxl_json_key(json, "number");
    if (v->kind == PXL_VALUE_NUMBER || v->kind == PXL_VALUE_PERCENT)
        pxl_json_number(json, v->number);
    else
        pxl_json_null(json);
    pxl_json_end_object(json);
}

static void json_side(pxl_json *json, const char *key, const pxl_diff_change *c, const pxl_diff_side *s)
{
    pxl_json_key(json, key);
    if (!s->present) {
        pxl_json_null(json);
        return;
    }
    pxl_json_begin_object(json);
    pxl_json_key(json, "area");
    pxl_json_string(json, s->area);
    pxl_json_key(json, "measure");
    pxl_json_string(json, s->title);
    pxl_json_key(json, "item");
    pxl_json_string(json, s->item);
    json_cell(json, s);
    json_value(json, s->value);
    pxl_json_key(json, "amount");
    if (is_amount(c->kind) && (!s->value || s->value->kind == PXL_VALUE_NUMBER))
        pxl_json_number(json, s->amount);
    else
        pxl_json_null(json);
    pxl_json_key(json, "complete");
    pxl_json_bool(json, !is_amount(c->kind) || s->complete);
    pxl_json_end_object(json);
}

static void json_delta(pxl_json *json, const pxl_diff_change *c)
{
    const pxl_diff_side *o = &c->old_side, *n = &c->new_side;
    pxl_json_key(json, "delta");
    if (is_amount(c->kind) && (!o->value || o->value->kind == PXL_VALUE_NUMBER) &&
        (!n->value || n->value->kind == PXL_VALUE_NUMBER))
        pxl_json_number(json, n->amount - o->amount);
    else if ((c->kind == PXL_DIFF_KPI_TARGET || c->kind == PXL_DIFF_KPI_CURRENT) &&
             (c->trend == PXL_DIFF_TREND_INCREASED || c->trend == PXL_DIFF_TREND_DECREASED))
        pxl_json_number(json, n->value->number - o->value->number);
    else
        pxl_json_null(json);
}

static void json_files(pxl_json *json, const char *key, const pxl_plan *plan)
{
    pxl_json_key(json, key);
    pxl_json_begin_array(json);
    for (size_t i = 0; i < pxl_plan_file_count(plan); i++)
        pxl_json_string(json, pxl_plan_file(plan, i));
    pxl_json_end_array(json);
}

void diff_print_json(FILE *out, const pxl_diff *diff, const pxl_plan *old_plan, const pxl_plan *new_plan)
{
    pxl_json json;
    pxl_json_init(&json, out);
    pxl_json_begin_object(&json);
    pxl_json_key(&json, "version");
    pxl_json_int(&json, 1);
    json_files(&json, "old_files", old_plan);
    json_files(&json, "new_files", new_plan);
    pxl_json_key(&json, "equal");
    pxl_json_bool(&json, pxl_diff_count(diff) == 0);
    pxl_json_key(&json, "counts");
    pxl_json_begin_object(&json);
    for (int k = PXL_DIFF_MEASURE_ADDED; k <= PXL_DIFF_KPI_CURRENT; k++) {
        pxl_json_key(&json, pxl_diff_kind_name((pxl_diff_kind)k));
        pxl_json_int(&json, (long)pxl_diff_count_kind(diff, (pxl_diff_kind)k));
    }
    pxl_json_end_object(&json);
    pxl_json_key(&json, "changes");
    pxl_json_begin_array(&json);
    for (size_t i = 0; i < pxl_diff_count(diff); i++) {
        const pxl_diff_change *c = pxl_diff_get(diff, i);
        pxl_json_begin_object(&json);
        pxl_json_key(&json, "kind");
        pxl_json_string(&json, pxl_diff_kind_name(c->kind));
        pxl_json_key(&json, "column");
        if (c->column)
            pxl_json_string(&json, pxl_diff_column_name(c->column));
        else
            pxl_json_null(&json);
        pxl_json_key(&json, "year");
        if (c->year)
            pxl_json_int(&json, c->year);
        else
            pxl_json_null(&json);
        pxl_json_key(&json, "trend");
        pxl_json_string(&json, pxl_diff_trend_name(c->trend));
        json_delta(&json, c);
        json_side(&json, "old", c, &c->old_side);
        json_side(&json, "new", c, &c->new_side);
        pxl_json_end_object(&json);
    }
    pxl_json_end_array(&json);
    pxl_json_end_object(&json);
    pxl_json_finish(&json);
}
