/*
 * pxl_diff_write_xlsx(): two plans side by side (issue 15, docs/diff.md "Workbook"): one sheet
 * per area, a row per measure with its old and new Effekt and Helårseffekt sums and their
 * difference as a formula, a row per KPI with its old and new Målvärde and Nuläge, what changed
 * named and highlighted, the totals as SUM() formulas with their cached results.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "diff/match.h"
#include "planxl/convert.h" /* pxl_sheet_name_sanitize */
#include "planxl/diff.h"
#include "util/error_internal.h"
#include "util/locale.h"
#include "util/output.h"
#include "util/unicode.h"
#include "write/lxw_close.h"
#include "write/sheet_names.h"
#include "write/xlsx_check.h"

enum column {
    COL_SECTION, COL_MEASURE, COL_KIND, COL_KPI, COL_CHANGE,
    COL_YEAR_OLD, COL_YEAR_NEW, COL_YEAR_DIFF,
    COL_FULL_OLD, COL_FULL_NEW, COL_FULL_DIFF,
    COL_TARGET_OLD, COL_TARGET_NEW, COL_CURRENT_OLD, COL_CURRENT_NEW,
    COL_COUNT
};

static const double WIDTHS[COL_COUNT] = {16, 26, 10, 28, 22, 11, 11, 11, 11, 11, 11, 10, 10, 10, 10};

#define ROW_TITLE 0
#define ROW_SUBTITLE 1
#define ROW_HEADER 2
#define ROW_FIRST 3
/* Excel's longest cell text (Excel specifications and limits). */
#define CELL_TEXT_MAX 32767

typedef struct formats {
    lxw_format *title, *header, *text, *amount, *changed_text, *changed_amount, *added_text, *added_amount,
        *removed_text, *removed_amount, *total_label, *total_amount;
} formats;

/* Pointers (measures, values of either plan) a change names, sorted: looked up per row in
 * log n, so a plan where everything changed is not n² to write. */
typedef struct pointer_set {
    const void **items;
    size_t count;
} pointer_set;

typedef struct writer {
    lxw_workbook *wb;
    const pxl_diff *diff;
    pointer_set changed_measures, changed_targets, changed_currents;
    const pxl_plan *old_plan, *new_plan;
    pxl_measure_match match;
    formats fmt;
    int year;
    lxw_error error;
    const char *error_where;
} writer;

static void lxw(writer *w, lxw_error e, const char *where)
{
    if (e != LXW_NO_ERROR && w->error == LXW_NO_ERROR) {
        w->error = e;
        w->error_where = where;
    }
}

static void put_text(writer *w, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text, lxw_format *f)
{
    if (!text || !*text) {
        lxw(w, worksheet_write_blank(ws, row, col, f), "a blank cell");
        return;
    }
    size_t chars = 0, bytes = 0;
    for (; text[bytes]; bytes++)
        if (((unsigned char)text[bytes] & 0xC0) != 0x80 && ++chars > CELL_TEXT_MAX)
            break;
    char *cut = text[bytes] ? malloc(bytes + 1) : NULL;
    if (text[bytes] && !cut) {
        lxw(w, LXW_ERROR_MEMORY_MALLOC_FAILED, "a long text cell");
        return;
    }
    if (cut) {
        memcpy(cut, text, bytes);
        cut[bytes] = '\0';
    }
    lxw(w, worksheet_write_string(ws, row, col, cut ? cut : text, f), "a text cell");
    free(cut);
}

static lxw_format *bordered(lxw_workbook *wb, lxw_color_t fill)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, 0xBFBFBF);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(f);
    if (fill)
        format_set_bg_color(f, fill);
    return f;
}

static lxw_format *amount(lxw_workbook *wb, lxw_color_t fill)
{
    lxw_format *f = bordered(wb, fill);
    format_set_num_format(f, "#,##0;[Red]-#,##0");
    return f;
}

static void formats_init(writer *w)
{
    formats *f = &w->fmt;
    f->title = workbook_add_format(w->wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    f->header = bordered(w->wb, 0xDDEBF7);
    format_set_bold(f->header);
    f->text = bordered(w->wb, 0);
    f->amount = amount(w->wb, 0);
    /* Changed yellow, added green, removed red: Excel's neutral, good and bad fills. */
    f->changed_text = bordered(w->wb, 0xFFEB9C);
    f->changed_amount = amount(w->wb, 0xFFEB9C);
    f->added_text = bordered(w->wb, 0xC6EFCE);
    f->added_amount = amount(w->wb, 0xC6EFCE);
    f->removed_text = bordered(w->wb, 0xFFC7CE);
    f->removed_amount = amount(w->wb, 0xFFC7CE);
    f->total_label = bordered(w->wb, 0);
    format_set_bold(f->total_label);
    format_set_top(f->total_label, LXW_BORDER_DOUBLE);
    f->total_amount = amount(w->wb, 0);
    format_set_bold(f->total_amount);
    format_set_top(f->total_amount, LXW_BORDER_DOUBLE);
}

/* The sum of the readable amounts of a measure's effect rows (the diff's own rule). */
static double measure_sum(const pxl_measure *m, int full)
{
    double sum = 0;
    for (size_t e = 0; m && e < m->effect_count; e++) {
        const pxl_value *v = full ? &m->effects[e]->full_year : &m->effects[e]->current_year;
        if (v->kind == PXL_VALUE_NUMBER)
            sum += v->number;
    }
    return sum;
}

static int compare_pointers(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (const void *const *)a, y = (uintptr_t) * (const void *const *)b;
    return (x > y) - (x < y);
}

static int set_has(const pointer_set *set, const void *p)
{
    return p && set->count && bsearch(&p, set->items, set->count, sizeof *set->items, compare_pointers) != NULL;
}

/* Collect both sides' pointers of the changes @p wanted accepts; 0 on success. */
static int set_build(pointer_set *set, const pxl_diff *diff, int (*wanted)(const pxl_diff_change *),
                     const void *(*pick)(const pxl_diff_side *))
{
    size_t n = pxl_diff_count(diff);
    set->items = malloc((n > 0 ? 2 * n : 1) * sizeof *set->items);
    set->count = 0;
    if (!set->items)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const pxl_diff_change *c = pxl_diff_get(diff, i);
        if (!wanted(c))
            continue;
        const void *a = pick(&c->old_side), *b = pick(&c->new_side);
        if (a)
            set->items[set->count++] = a;
        if (b)
            set->items[set->count++] = b;
    }
    qsort(set->items, set->count, sizeof *set->items, compare_pointers);
    return 0;
}

static int any_change(const pxl_diff_change *c)
{
    (void)c;
    return 1;
}
static int target_change(const pxl_diff_change *c)
{
    return c->kind == PXL_DIFF_KPI_TARGET;
}
static int current_change(const pxl_diff_change *c)
{
    return c->kind == PXL_DIFF_KPI_CURRENT;
}
static const void *side_measure(const pxl_diff_side *s)
{
    return s->measure;
}
static const void *side_value(const pxl_diff_side *s)
{
    return s->value;
}

/* Does a change of the diff concern this measure (of either side)? */
static int measure_changed(const writer *w, const pxl_measure *old_m, const pxl_measure *new_m)
{
    return set_has(&w->changed_measures, new_m) || set_has(&w->changed_measures, old_m);
}

/* Is there a change of @p kind at this value (the plan's own value: pointers compared)? */
static int value_changed(const writer *w, pxl_diff_kind kind, const pxl_value *old_v, const pxl_value *new_v)
{
    const pointer_set *set = kind == PXL_DIFF_KPI_TARGET ? &w->changed_targets : &w->changed_currents;
    return set_has(set, new_v) || set_has(set, old_v);
}

typedef struct sheet {
    lxw_worksheet *ws;
    lxw_row_t row;
    double sums[4]; /* year old, year new, full old, full new */
} sheet;

static void write_formula_diff(writer *w, sheet *s, lxw_col_t col, lxw_col_t old_col, lxw_col_t new_col,
                               double value, lxw_format *f)
{
    char a[16], b[16], formula[48];
    lxw_rowcol_to_cell(a, s->row, new_col);
    lxw_rowcol_to_cell(b, s->row, old_col);
    snprintf(formula, sizeof formula, "=%s-%s", a, b);
    lxw(w, worksheet_write_formula_num(s->ws, s->row, col, formula, f, value), "a difference");
}

static void write_kpi_row(writer *w, sheet *s, const pxl_kpi *ok, const pxl_kpi *nk)
{
    const formats *f = &w->fmt;
    lxw_format *text = ok && nk ? f->text : nk ? f->added_text : f->removed_text;
    put_text(w, s->ws, s->row, COL_SECTION, "", text);
    put_text(w, s->ws, s->row, COL_MEASURE, "", text);
    put_text(w, s->ws, s->row, COL_KIND, "Nyckeltal", text);
    put_text(w, s->ws, s->row, COL_KPI, nk ? nk->name : ok->name, text);
    int target = ok && nk && value_changed(w, PXL_DIFF_KPI_TARGET, &ok->target, &nk->target);
    int current = ok && nk && value_changed(w, PXL_DIFF_KPI_CURRENT, &ok->current, &nk->current);
    const char *change = !ok ? "ny" : !nk ? "borttagen" : target || current ? "ändrad" : "";
    put_text(w, s->ws, s->row, COL_CHANGE, change, *change && ok && nk ? f->changed_text : text);
    for (int c = COL_YEAR_OLD; c <= COL_FULL_DIFF; c++)
        put_text(w, s->ws, s->row, (lxw_col_t)c, "", text);
    lxw_format *tf = target ? f->changed_text : text, *cf = current ? f->changed_text : text;
    put_text(w, s->ws, s->row, COL_TARGET_OLD, ok ? ok->target.text : "", tf);
    put_text(w, s->ws, s->row, COL_TARGET_NEW, nk ? nk->target.text : "", tf);
    put_text(w, s->ws, s->row, COL_CURRENT_OLD, ok ? ok->current.text : "", cf);
    put_text(w, s->ws, s->row, COL_CURRENT_NEW, nk ? nk->current.text : "", cf);
    s->row++;
}

/* The KPIs of a pair of measures, paired by folded name (the diff's rule), in the new order. */
static void write_kpis(writer *w, sheet *s, const pxl_measure *o, const pxl_measure *n)
{
    size_t oc = o ? o->kpi_count : 0, nc = n ? n->kpi_count : 0;
    char **ok = calloc(oc ? oc : 1, sizeof *ok), **nk = calloc(nc ? nc : 1, sizeof *nk);
    size_t *op = malloc((oc ? oc : 1) * sizeof *op), *np = malloc((nc ? nc : 1) * sizeof *np);
    int failed = !ok || !nk || !op || !np;
    for (size_t i = 0; !failed && i < oc; i++) {
        op[i] = PXL_NO_PARTNER;
        failed = !(ok[i] = pxl_fold_key(o->kpis[i]->name));
    }
    for (size_t j = 0; !failed && j < nc; j++) {
        np[j] = PXL_NO_PARTNER;
        failed = !(nk[j] = pxl_fold_key(n->kpis[j]->name));
    }
    if (!failed)
        failed = pxl_pair_keys(ok, oc, nk, nc, op, np) != PXL_OK;
    if (failed) {
        lxw(w, LXW_ERROR_MEMORY_MALLOC_FAILED, "a measure's KPIs");
    } else {
        for (size_t j = 0; j < nc; j++)
            write_kpi_row(w, s, np[j] == PXL_NO_PARTNER ? NULL : o->kpis[np[j]], n->kpis[j]);
        for (size_t i = 0; i < oc; i++)
            if (op[i] == PXL_NO_PARTNER)
                write_kpi_row(w, s, o->kpis[i], NULL);
    }
    for (size_t i = 0; ok && i < oc; i++)
        free(ok[i]);
    for (size_t j = 0; nk && j < nc; j++)
        free(nk[j]);
    free(ok);
    free(nk);
    free(op);
    free(np);
}

static void write_measure(writer *w, sheet *s, const pxl_measure *o, const pxl_measure *n, pxl_match_how how)
{
    const formats *f = &w->fmt;
    const pxl_measure *m = n ? n : o;
    lxw_format *text = o && n ? f->text : n ? f->added_text : f->removed_text;
    lxw_format *amt = o && n ? f->amount : n ? f->added_amount : f->removed_amount;
    char change[512] = "";
    if (!o)
        snprintf(change, sizeof change, "ny");
    else if (!n)
        snprintf(change, sizeof change, "borttagen");
    else if (how == PXL_MATCH_RENAMED)
        snprintf(change, sizeof change, "nytt namn, förut ”%.400s”", o->title);
    else if (how == PXL_MATCH_MOVED)
        snprintf(change, sizeof change, "flyttad från %.400s", o->area->name);
    else if (measure_changed(w, o, n))
        snprintf(change, sizeof change, "ändrad");
    put_text(w, s->ws, s->row, COL_SECTION, m->section, text);
    put_text(w, s->ws, s->row, COL_MEASURE, m->title, how == PXL_MATCH_RENAMED ? f->changed_text : text);
    put_text(w, s->ws, s->row, COL_KIND, "Åtgärd", text);
    put_text(w, s->ws, s->row, COL_KPI, "", text);
    put_text(w, s->ws, s->row, COL_CHANGE, change, change[0] && o && n ? f->changed_text : text);
    const lxw_col_t olds[2] = {COL_YEAR_OLD, COL_FULL_OLD}, news[2] = {COL_YEAR_NEW, COL_FULL_NEW},
                    diffs[2] = {COL_YEAR_DIFF, COL_FULL_DIFF};
    for (int k = 0; k < 2; k++) {
        double a = measure_sum(o, k), b = measure_sum(n, k);
        lxw_format *af = o && n && a != b ? f->changed_amount : amt;
        if (o)
            lxw(w, worksheet_write_number(s->ws, s->row, olds[k], a, af), "an old amount");
        else
            put_text(w, s->ws, s->row, olds[k], "", af);
        if (n)
            lxw(w, worksheet_write_number(s->ws, s->row, news[k], b, af), "a new amount");
        else
            put_text(w, s->ws, s->row, news[k], "", af);
        write_formula_diff(w, s, diffs[k], olds[k], news[k], b - a, af);
        s->sums[2 * k] += a;
        s->sums[2 * k + 1] += b;
    }
    for (int c = COL_TARGET_OLD; c <= COL_CURRENT_NEW; c++)
        put_text(w, s->ws, s->row, (lxw_col_t)c, "", text);
    s->row++;
    write_kpis(w, s, o, n);
}

static void write_header(writer *w, sheet *s, const char *area)
{
    char title[512], year_old[48], year_new[48];
    snprintf(title, sizeof title, "Ändringar – %s", area);
    put_text(w, s->ws, ROW_TITLE, 0, title, w->fmt.title);
    char files[1024];
    size_t n = (size_t)snprintf(files, sizeof files, "Gammal plan:");
    for (size_t i = 0; i < pxl_plan_file_count(w->old_plan) && n < sizeof files; i++)
        n += (size_t)snprintf(files + n, sizeof files - n, " %s", pxl_plan_file(w->old_plan, i));
    if (n < sizeof files)
        n += (size_t)snprintf(files + n, sizeof files - n, ". Ny plan:");
    for (size_t i = 0; i < pxl_plan_file_count(w->new_plan) && n < sizeof files; i++)
        n += (size_t)snprintf(files + n, sizeof files - n, " %s", pxl_plan_file(w->new_plan, i));
    if (n < sizeof files)
        snprintf(files + n, sizeof files - n, ". Belopp i tkr; gult = ändrat, grönt = nytt, rött = borttaget.");
    put_text(w, s->ws, ROW_SUBTITLE, 0, files, NULL);
    if (w->year) {
        snprintf(year_old, sizeof year_old, "Effekt %d gammal", w->year);
        snprintf(year_new, sizeof year_new, "Effekt %d ny", w->year);
    } else {
        snprintf(year_old, sizeof year_old, "Effekt gammal");
        snprintf(year_new, sizeof year_new, "Effekt ny");
    }
    const char *headers[COL_COUNT] = {"Område", "Åtgärd", "Typ", "Nyckeltal", "Ändring", year_old, year_new,
                                      "Skillnad", "Helårseffekt gammal", "Helårseffekt ny", "Skillnad",
                                      "Målvärde gammal", "Målvärde ny", "Nuläge gammal", "Nuläge ny"};
    for (int c = 0; c < COL_COUNT; c++) {
        put_text(w, s->ws, ROW_HEADER, (lxw_col_t)c, headers[c], w->fmt.header);
        lxw(w, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, WIDTHS[c], NULL), "a column width");
    }
    s->row = ROW_FIRST;
}

static void write_totals(writer *w, sheet *s)
{
    lxw_row_t last = s->row > ROW_FIRST ? s->row - 1 : ROW_HEADER;
    put_text(w, s->ws, s->row, COL_SECTION, "Totalt", w->fmt.total_label);
    for (int c = COL_MEASURE; c < COL_YEAR_OLD; c++)
        put_text(w, s->ws, s->row, (lxw_col_t)c, "", w->fmt.total_label);
    const lxw_col_t cols[6] = {COL_YEAR_OLD, COL_YEAR_NEW, COL_YEAR_DIFF, COL_FULL_OLD, COL_FULL_NEW, COL_FULL_DIFF};
    const double cached[6] = {s->sums[0], s->sums[1], s->sums[1] - s->sums[0],
                              s->sums[2], s->sums[3], s->sums[3] - s->sums[2]};
    for (int i = 0; i < 6; i++) {
        char range[32], formula[48];
        lxw_rowcol_to_range(range, ROW_FIRST > last ? ROW_HEADER : ROW_FIRST, cols[i], last, cols[i]);
        snprintf(formula, sizeof formula, "=SUM(%s)", range);
        lxw(w, worksheet_write_formula_num(s->ws, s->row, cols[i], formula, w->fmt.total_amount, cached[i]),
            "a total");
    }
    for (int c = COL_TARGET_OLD; c <= COL_CURRENT_NEW; c++)
        put_text(w, s->ws, s->row, (lxw_col_t)c, "", w->fmt.total_label);
    worksheet_freeze_panes(s->ws, ROW_FIRST, 0);
    worksheet_set_paper(s->ws, 9 /* A4 */);
    worksheet_set_landscape(s->ws);
    worksheet_fit_to_pages(s->ws, 1, 0);
    lxw(w, worksheet_repeat_rows(s->ws, ROW_HEADER, ROW_HEADER), "the rows repeated on each page");
}

/* 1 when the folded names are equal (the diff's rule for areas). */
static int same_name(const char *a, const char *b)
{
    char *x = pxl_fold_key(a), *y = pxl_fold_key(b);
    int same = x && y && !strcmp(x, y);
    free(x);
    free(y);
    return same;
}

static void write_sheets(writer *w)
{
    const pxl_plan *op = w->old_plan, *np = w->new_plan;
    size_t areas = np->area_count + op->area_count;
    char (*names)[PXL_SHEET_NAME_SIZE] = calloc(areas ? areas : 1, sizeof *names);
    const char **taken = calloc(areas ? areas : 1, sizeof *taken);
    unsigned char *old_done = calloc(op->area_count ? op->area_count : 1, 1);
    if (!names || !taken || !old_done) {
        lxw(w, LXW_ERROR_MEMORY_MALLOC_FAILED, "the sheets");
        goto done;
    }
    size_t n_sheets = 0, k = 0;
    /* The new plan's areas in order, then the areas only the old plan has. */
    for (size_t pass = 0; pass < 2; pass++) {
        const pxl_plan *plan = pass == 0 ? np : op;
        for (size_t a = 0; a < plan->area_count && w->error == LXW_NO_ERROR; a++) {
            const pxl_area *area = plan->areas[a];
            const pxl_area *old_area = NULL;
            size_t old_index = 0;
            if (pass == 1) {
                if (old_done[a])
                    continue;
                old_area = area;
                old_index = a;
            } else {
                for (size_t i = 0; i < op->area_count && !old_area; i++)
                    if (!old_done[i] && same_name(op->areas[i]->name, area->name))
                        old_area = op->areas[i], old_index = i;
            }
            if (old_area)
                old_done[old_index] = 1;
            pxl_sheet_name_sanitize(names[n_sheets], PXL_SHEET_NAME_SIZE, area->name);
            pxl_sheet_name_make_unique(names[n_sheets], PXL_SHEET_NAME_SIZE, taken, n_sheets);
            taken[n_sheets] = names[n_sheets];
            sheet s = {workbook_add_worksheet(w->wb, names[n_sheets]), 0, {0, 0, 0, 0}};
            n_sheets++;
            if (!s.ws) {
                lxw(w, LXW_ERROR_PARAMETER_VALIDATION, "an area sheet's name");
                break;
            }
            write_header(w, &s, area->name);
            if (pass == 0)
                for (size_t m = 0; m < area->measure_count; m++, k++) {
                    const pxl_match_side *ns = &w->match.new_side;
                    const pxl_measure *o = ns->how[k] == PXL_MATCH_NONE ? NULL
                                                                         : w->match.old_side.measures[ns->partner[k]];
                    write_measure(w, &s, o, ns->measures[k], ns->how[k]);
                }
            if (old_area) {
                const pxl_match_side *os = &w->match.old_side;
                for (size_t i = 0; i < os->count; i++)
                    if (os->area_of[i] == old_index && os->how[i] == PXL_MATCH_NONE)
                        write_measure(w, &s, os->measures[i], NULL, PXL_MATCH_NONE);
            }
            write_totals(w, &s);
        }
    }
done:
    free(names);
    free(taken);
    free(old_done);
}

static int first_year(const pxl_plan *plan)
{
    for (size_t a = 0; a < plan->area_count; a++)
        for (size_t m = 0; m < plan->areas[a]->measure_count; m++)
            if (plan->areas[a]->measures[m]->current_year)
                return plan->areas[a]->measures[m]->current_year;
    return 0;
}

static pxl_error write_file(writer *w, const char *path, const char *temp)
{
    lxw_workbook_options wopts;
    memset(&wopts, 0, sizeof wopts);
    wopts.tmpdir = pxl_temp_dir(NULL);
    w->wb = workbook_new_opt(temp, &wopts);
    if (!w->wb)
        return pxl_fail(PXL_ERR_WRITE, "%s: cannot write the comparison workbook (%s, at %s)", path,
                        lxw_strerror(LXW_ERROR_CREATING_XLSX_FILE), "the workbook");
    formats_init(w);
    write_sheets(w);
    /* One thread at a time (libxlsxwriter's gmtime()), and the system's reason of a failed write. */
    lxw_error closed = pxl_lxw_workbook_close(w->wb);
    const char *why = closed != LXW_NO_ERROR && w->error == LXW_NO_ERROR ? pxl_output_errno_text(errno) : NULL;
    w->wb = NULL;
    if (why)
        return pxl_fail(PXL_ERR_WRITE, "%s: cannot write the comparison workbook: %s", path, why);
    lxw(w, closed, "the finished file");
    if (w->error != LXW_NO_ERROR)
        return pxl_fail(w->error == LXW_ERROR_MEMORY_MALLOC_FAILED ? PXL_ERR_NOMEM : PXL_ERR_WRITE,
                        "%s: cannot write the comparison workbook (%s, at %s)", path, lxw_strerror(w->error),
                        w->error_where ? w->error_where : "the workbook");
    /* workbook_close() says LXW_NO_ERROR whatever its scratch files lost (write/xlsx_check.h). */
    return pxl_xlsx_check_written(temp, path, wopts.tmpdir, NULL, 0);
}

static pxl_error diff_write(const pxl_diff *diff, const pxl_plan *old_plan, const pxl_plan *new_plan, const char *path,
                            const pxl_diff_xlsx_options *options)
{
    if (!diff || !old_plan || !new_plan || !path || !*path)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: pxl_diff_write_xlsx needs a diff, both plans and an output path",
                        path && *path ? path : "(no output file)");
    if (options && options->version != PXL_DIFF_XLSX_OPTIONS_VERSION)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: unknown pxl_diff_xlsx_options version %u", path,
                        options->version);
    writer w;
    memset(&w, 0, sizeof w);
    w.diff = diff;
    w.old_plan = old_plan;
    w.new_plan = new_plan;
    w.year = first_year(new_plan) ? first_year(new_plan) : first_year(old_plan);
    if (set_build(&w.changed_measures, diff, any_change, side_measure) ||
        set_build(&w.changed_targets, diff, target_change, side_value) ||
        set_build(&w.changed_currents, diff, current_change, side_value)) {
        free(w.changed_measures.items);
        free(w.changed_targets.items);
        free(w.changed_currents.items);
        return pxl_fail_nomem();
    }
    pxl_error err = pxl_match_measures(&w.match, old_plan, new_plan);
    if (err) {
        free(w.changed_measures.items);
        free(w.changed_targets.items);
        free(w.changed_currents.items);
        return err;
    }
    /* Never over an input of either side. */
    size_t inputs = old_plan->file_count + new_plan->file_count;
    const char **files = malloc((inputs ? inputs : 1) * sizeof *files);
    if (!files) {
        pxl_match_free(&w.match);
        free(w.changed_measures.items);
        free(w.changed_targets.items);
        free(w.changed_currents.items);
        return pxl_fail_nomem();
    }
    /* A plan built in memory has no files (and NULL for the list): memcpy wants a pointer. */
    if (old_plan->file_count)
        memcpy(files, old_plan->files, old_plan->file_count * sizeof *files);
    if (new_plan->file_count)
        memcpy(files + old_plan->file_count, new_plan->files, new_plan->file_count * sizeof *files);
    pxl_output out;
    err = pxl_output_begin(&out, path, options ? options->overwrite : 0, files, inputs);
    free(files);
    if (!err) {
        err = write_file(&w, path, out.temp);
        if (!err)
            err = pxl_output_commit(&out);
        pxl_output_end(&out);
    }
    pxl_match_free(&w.match);
    free(w.changed_measures.items);
    free(w.changed_targets.items);
    free(w.changed_currents.items);
    return err;
}

/* libxlsxwriter writes numbers with printf: the whole write runs in the C locale (util/locale.h). */
pxl_error pxl_diff_write_xlsx(const pxl_diff *diff, const pxl_plan *old_plan, const pxl_plan *new_plan,
                              const char *path, const pxl_diff_xlsx_options *options)
{
    pxl_error err = pxl_locale_enter();
    if (err)
        return err;
    err = diff_write(diff, old_plan, new_plan, path, options);
    pxl_locale_leave();
    return err;
}
