/*
 * One sheet per area: per measure its Område, Åtgärd and Beskrivning, its KPI
 * rows and effect rows, a Summa row of SUM() formulas per effect table, the
 * declared totals where they differ, and the area total at the foot.
 *
 * All rows form one table under one header, so the header can be frozen,
 * repeated on every printed page and filtered by its Typ column.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/number_text.h" /* the amounts in notes are written as in finding messages */
#include "report_internal.h"
#include "row_height.h"

enum column {
    COL_SECTION,     /* Område */
    COL_MEASURE,     /* Åtgärd */
    COL_KIND,        /* Typ: Åtgärd, Nyckeltal, Effekt, Summa, Angiven summa */
    COL_TEXT,        /* description, KPI name, effect description */
    COL_TARGET,      /* KPI Målvärde */
    COL_CURRENT,     /* KPI Utfall */
    COL_EFFECT_YEAR, /* Effekt <year> (tkr) */
    COL_EFFECT_FULL, /* Helårseffekt (tkr) */
    COL_COMMENT,     /* Kommentar */
    COL_STATUS,      /* a KPI's status against its target (docs/kpi-status.md); last, so the columns
                        before it stay where formulas and readers know them */
    COL_TREND,       /* Utveckling: how the KPI moved since the previous plan (report --previous only) */
    COL_COUNT
};

_Static_assert(COL_EFFECT_YEAR == PXL_REPORT_AREA_COL_EFFECT_YEAR && COL_EFFECT_FULL == PXL_REPORT_AREA_COL_EFFECT_FULL,
               "the summary's formulas point at these columns");
_Static_assert(COL_STATUS == PXL_REPORT_AREA_COL_STATUS, "the summary's KPI counts read this column");

/* Column widths in Excel's unit (the width of the digit 0). Together 141: one page wide on A4
 * landscape that prints at 76 % in LibreOffice with DejaVu Sans (7.3 pt a unit at 100 %), so the
 * 11-point body text is 8.4 pt on paper, and at 100 % in Excel with Calibri (issue 14: at least
 * 8 pt). Amounts up to "-99 999", the bold headers and "ej bedömbart" fit their columns. */
static const double WIDTHS[COL_COUNT] = {14, 20, 10, 29, 9, 8, 10, 12, 16, 13, 13};

/* The Typ that the area total's SUMIF adds up. */
#define KIND_SUM "Summa"

#define ROW_TITLE 0
#define ROW_SUBTITLE 1
#define ROW_HEADER 2
#define ROW_FIRST 3
_Static_assert(ROW_FIRST == PXL_REPORT_AREA_ROW_FIRST, "the summary's KPI counts start here");

/* Amounts equal to within this many tkr are the same total: amounts are written in whole tkr,
 * sometimes with decimals; anything below a thousandth of a krona is float noise. */
#define SAME_TKR 1e-6

typedef struct area_writer {
    pxl_report *report;
    lxw_worksheet *ws;
    lxw_row_t row;       /* the row being written */
    unsigned lines;      /* the lines its tallest wrapped cell needs so far */
} area_writer;

static double width_of(enum column first, enum column last)
{
    double w = 0;
    for (int c = first; c <= (int)last; c++)
        w += WIDTHS[c];
    return w;
}

/* Every wrapped cell of a row says how many lines it needs: the row is as tall as the tallest, so no
 * column's text is cut (issue 14: the Område and Åtgärd of two measures were, the height followed
 * the description alone). */
static void need_lines(area_writer *w, const char *text, double width, pxl_text_weight weight)
{
    unsigned lines = pxl_text_lines_in(text, width, weight);
    if (lines > w->lines)
        w->lines = lines;
}

/* A wrapped text cell of the current row, its lines counted. */
static void text_cell(area_writer *w, enum column col, const char *text, lxw_format *format, pxl_text_weight weight)
{
    pxl_report_string(w->report, w->ws, w->row, (lxw_col_t)col, text, format);
    need_lines(w, text, WIDTHS[col], weight);
}

/* The current row is complete: its height is set, the next row begins. */
static void end_row(area_writer *w)
{
    if (w->lines > 1)
        pxl_report_lxw(w->report, worksheet_set_row(w->ws, w->row, pxl_row_height_points(w->lines), NULL),
                       "a row height");
    w->row++;
    w->lines = 0;
}

/* Blank bordered cells in [first, last] of the current row, so the table's grid is whole. */
static void blanks(area_writer *w, enum column first, enum column last, lxw_format *format)
{
    for (int c = first; c <= (int)last; c++)
        pxl_report_lxw(w->report, worksheet_write_blank(w->ws, w->row, (lxw_col_t)c, format), "a blank cell");
}

/* The table's last column: Utveckling only with a previous plan. */
static enum column last_col(const area_writer *w)
{
    return w->report->previous ? COL_TREND : COL_STATUS;
}

/* Blank bordered status cells (and Utveckling's, with a previous plan) on the current row. */
static void status_blanks(area_writer *w, lxw_format *format)
{
    blanks(w, COL_STATUS, last_col(w), format);
}

static void write_header(area_writer *w, const pxl_area *area)
{
    pxl_report *r = w->report;
    const pxl_report_formats *fmt = &r->fmt;
    const pxl_plan *plan = r->plan;
    pxl_report_string(r, w->ws, ROW_TITLE, 0, pxl_area_name(area), fmt->title);
    pxl_report_lxw(r, worksheet_set_row(w->ws, ROW_TITLE, 20, NULL), "the title row");

    char subtitle[1024];
    snprintf(subtitle, sizeof subtitle, "%s%s%s%s", pxl_plan_title(plan)[0] ? pxl_plan_title(plan) : "Åtgärdsplan",
             pxl_plan_committee(plan)[0] ? " – " : "", pxl_plan_committee(plan),
             ". Belopp i tkr; positivt belopp = besparing, negativt = kostnad.");
    pxl_report_string(r, w->ws, ROW_SUBTITLE, 0, subtitle, fmt->subtitle);

    char effect_year[64];
    if (r->current_year > 0)
        snprintf(effect_year, sizeof effect_year, "Effekt %d (tkr)", r->current_year);
    else
        snprintf(effect_year, sizeof effect_year, "Effekt i år (tkr)");
    const char *headers[COL_COUNT] = {"Område", "Åtgärd", "Typ", "Beskrivning, nyckeltal, effekt", "Målvärde",
                                      "Utfall", effect_year, "Helårseffekt (tkr)", "Kommentar", "Status",
                                      "Utveckling"};
    w->row = ROW_HEADER;
    for (int c = 0; c <= (int)last_col(w); c++) {
        int right = c == COL_TARGET || c == COL_CURRENT || c == COL_EFFECT_YEAR || c == COL_EFFECT_FULL;
        text_cell(w, (enum column)c, headers[c], right ? fmt->header_amount : fmt->header, PXL_TEXT_BOLD);
        pxl_report_lxw(r, worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, WIDTHS[c], NULL), "a column width");
    }
    end_row(w);
}

/* The description across the text columns of the current row, its lines counted. */
static void write_description(area_writer *w, const char *text, size_t len, lxw_format *format)
{
    pxl_report *r = w->report;
    char *part = malloc(len + 1);
    if (!part) {
        pxl_report_lxw(r, LXW_ERROR_MEMORY_MALLOC_FAILED, "a measure's description");
        return;
    }
    memcpy(part, text, len);
    part[len] = '\0';
    /* The description gets the width of every column right of Typ: a long text needs it. */
    pxl_report_lxw(r, worksheet_merge_range(w->ws, w->row, COL_TEXT, w->row, COL_COMMENT, "", format),
                   "a measure's description");
    pxl_report_string(r, w->ws, w->row, COL_TEXT, part, format);
    status_blanks(w, format);
    need_lines(w, part, width_of(COL_TEXT, COL_COMMENT), PXL_TEXT_REGULAR);
    free(part);
}

static const pxl_field *measure_field(const void *row, size_t i) { return pxl_measure_field(row, i); }
static const pxl_field *kpi_field(const void *row, size_t i) { return pxl_kpi_field(row, i); }
static const pxl_field *effect_field(const void *row, size_t i) { return pxl_effect_field(row, i); }

/*
 * @p text and then a row's extra fields, "Ansvarig: Anna Berg" a line, after @p sep: the columns the
 * report has no column for (issue 12) stay with their row, in its Kommentar (a measure's in its
 * Beskrivning). A copy of @p text when there are none. Free with free(); NULL when out of memory.
 */
static char *with_fields(const char *text, const char *sep, size_t count,
                         const pxl_field *(*at)(const void *, size_t), const void *row)
{
    size_t n = strlen(text) + 1;
    for (size_t i = 0; i < count; i++)
        n += strlen(sep) + strlen(pxl_field_header(at(row, i))) + 2 + strlen(pxl_field_value(at(row, i)));
    char *out = malloc(n);
    if (!out)
        return NULL;
    size_t len = strlen(text);
    memcpy(out, text, len + 1);
    for (size_t i = 0; i < count; i++) {
        const pxl_field *f = at(row, i);
        /* the first field right at the top of an empty text, the others each on a line */
        len += (size_t)snprintf(out + len, n - len, "%s%s: %s", len ? (i ? "\n" : sep) : "", pxl_field_header(f),
                                pxl_field_value(f));
    }
    return out;
}

static void write_measure_row(area_writer *w, const pxl_measure *m)
{
    pxl_report *r = w->report;
    const pxl_report_formats *fmt = &r->fmt;
    text_cell(w, COL_SECTION, pxl_measure_section(m), fmt->measure, PXL_TEXT_BOLD);
    text_cell(w, COL_MEASURE, pxl_measure_title(m), fmt->measure, PXL_TEXT_BOLD);
    text_cell(w, COL_KIND, "Åtgärd", fmt->measure, PXL_TEXT_BOLD);

    /* A description taller than Excel's tallest row (409 pt) would be cut on screen and in print:
     * it goes on in the rows below, split after a paragraph, a line or a word. */
    char *described = with_fields(pxl_measure_description(m), "\n\n", pxl_measure_field_count(m), measure_field, m);
    if (!described)
        pxl_report_lxw(r, LXW_ERROR_MEMORY_MALLOC_FAILED, "a measure's description");
    const char *text = described ? described : pxl_measure_description(m);
    size_t len = strlen(text);
    size_t part = pxl_text_fit(text, width_of(COL_TEXT, COL_COMMENT), PXL_ROW_MAX_LINES);
    size_t shown = part;
    while (shown > 0 && text[shown - 1] == '\n')
        shown--;
    write_description(w, text, shown, fmt->measure_text);
    end_row(w);
    for (size_t done = part; done < len; end_row(w)) {
        while (done < len && text[done] == '\n')
            done++;
        if (done >= len)
            break;
        part = pxl_text_fit(text + done, width_of(COL_TEXT, COL_COMMENT), PXL_ROW_MAX_LINES);
        shown = part;
        while (shown > 0 && text[done + shown - 1] == '\n')
            shown--;
        blanks(w, COL_SECTION, COL_KIND, fmt->text);
        write_description(w, text + done, shown, fmt->text);
        done += part;
    }
    free(described);
}

static void write_kpi(area_writer *w, const pxl_measure *m, const pxl_kpi *kpi)
{
    pxl_report *r = w->report;
    const pxl_report_formats *fmt = &r->fmt;
    blanks(w, COL_SECTION, COL_MEASURE, fmt->text);
    text_cell(w, COL_KIND, "Nyckeltal", fmt->text, PXL_TEXT_REGULAR);
    text_cell(w, COL_TEXT, pxl_kpi_name(kpi), fmt->text, PXL_TEXT_REGULAR);
    pxl_report_kpi_value(r, w->ws, w->row, COL_TARGET, pxl_kpi_target(kpi), pxl_kpi_current(kpi));
    pxl_report_kpi_value(r, w->ws, w->row, COL_CURRENT, pxl_kpi_current(kpi), pxl_kpi_target(kpi));
    /* A KPI value that is a word ("Minska") wraps in its narrow column. */
    need_lines(w, pxl_kpi_target(kpi)->text, WIDTHS[COL_TARGET], PXL_TEXT_REGULAR);
    need_lines(w, pxl_kpi_current(kpi)->text, WIDTHS[COL_CURRENT], PXL_TEXT_REGULAR);
    blanks(w, COL_EFFECT_YEAR, COL_EFFECT_FULL, fmt->amount);
    char *comment = with_fields(pxl_kpi_comment(kpi), "\n", pxl_kpi_field_count(kpi), kpi_field, kpi);
    if (!comment)
        pxl_report_lxw(r, LXW_ERROR_MEMORY_MALLOC_FAILED, "a KPI's comment");
    text_cell(w, COL_COMMENT, comment ? comment : pxl_kpi_comment(kpi), fmt->text, PXL_TEXT_REGULAR);
    free(comment);
    text_cell(w, COL_STATUS, pxl_kpi_status_name(pxl_kpi_assess(kpi, NULL)), fmt->status, PXL_TEXT_BOLD);
    if (r->previous)
        text_cell(w, COL_TREND, pxl_kpi_trend_name(pxl_kpi_compare(pxl_report_previous_kpi(r, m, kpi), kpi)),
                  fmt->status, PXL_TEXT_BOLD);
    end_row(w);
}

static void write_effect(area_writer *w, const pxl_effect *e)
{
    pxl_report *r = w->report;
    const pxl_report_formats *fmt = &r->fmt;
    blanks(w, COL_SECTION, COL_MEASURE, fmt->text);
    text_cell(w, COL_KIND, "Effekt", fmt->text, PXL_TEXT_REGULAR);
    text_cell(w, COL_TEXT, pxl_effect_description(e), fmt->text, PXL_TEXT_REGULAR);
    blanks(w, COL_TARGET, COL_CURRENT, fmt->text);
    pxl_report_amount(r, w->ws, w->row, COL_EFFECT_YEAR, pxl_effect_current_year(e));
    pxl_report_amount(r, w->ws, w->row, COL_EFFECT_FULL, pxl_effect_full_year(e));
    char *comment = with_fields(pxl_effect_comment(e), "\n", pxl_effect_field_count(e), effect_field, e);
    if (!comment)
        pxl_report_lxw(r, LXW_ERROR_MEMORY_MALLOC_FAILED, "an effect's comment");
    text_cell(w, COL_COMMENT, comment ? comment : pxl_effect_comment(e), fmt->text, PXL_TEXT_REGULAR);
    free(comment);
    status_blanks(w, fmt->text);
    end_row(w);
}

/* A SUM over [first, last] of @p col, written with its cached value @p sum. */
static void write_sum(area_writer *w, enum column col, lxw_row_t first, lxw_row_t last, double sum)
{
    char range[32], formula[48];
    lxw_rowcol_to_range(range, first, (lxw_col_t)col, last, (lxw_col_t)col);
    snprintf(formula, sizeof formula, "=SUM(%s)", range);
    pxl_report_lxw(w->report,
                   worksheet_write_formula_num(w->ws, w->row, (lxw_col_t)col, formula, w->report->fmt.amount_total,
                                               sum),
                   "a Summa formula");
}

/* Does the declared @p value differ from the computed @p sum? A declared amount that is not a
 * number differs by definition; a missing one says nothing. */
static int declared_differs(const pxl_value *value, double sum)
{
    if (value->kind == PXL_VALUE_MISSING)
        return 0;
    if (!pxl_report_amount_counts(value))
        return 1;
    return fabs(value->number - sum) > SAME_TKR;
}

/* "Underlagets Summa (Äldreomsorg!C44) anger helårseffekt 9 500 tkr; raderna summerar till 9 000 tkr." */
static void describe_difference(char *buf, size_t size, const pxl_total *t, double sum_year, double sum_full)
{
    char cell[256] = "";
    const pxl_cellref *ref = pxl_total_cell(t);
    if (ref && ref->sheet) {
        char a1[16];
        lxw_rowcol_to_cell(a1, ref->row, (lxw_col_t)ref->col);
        snprintf(cell, sizeof cell, " (%s!%s)", ref->sheet, a1);
    }
    size_t n = (size_t)snprintf(buf, size, "Underlagets %s%s anger",
                                pxl_total_label(t)[0] ? pxl_total_label(t) : "summa", cell);
    const pxl_value *declared[2] = {pxl_total_current_year(t), pxl_total_full_year(t)};
    const double sums[2] = {sum_year, sum_full};
    const char *what[2] = {"årets effekt", "helårseffekt"};
    int first = 1;
    for (int i = 0; i < 2 && n < size; i++) {
        if (!declared_differs(declared[i], sums[i]))
            continue;
        char stated[64], summed[48];
        if (pxl_report_amount_counts(declared[i])) {
            char tkr[48];
            pxl_amount_format(tkr, sizeof tkr, declared[i]->number);
            snprintf(stated, sizeof stated, "%s tkr", tkr);
        } else {
            /* Quoted as written, cut at a whole UTF-8 character to stay valid XML. */
            const char *text = declared[i]->text ? declared[i]->text : "";
            size_t len = strlen(text) > 40 ? 40 : strlen(text);
            while (len > 0 && text[len] && ((unsigned char)text[len] & 0xC0) == 0x80)
                len--;
            snprintf(stated, sizeof stated, "\"%.*s\"", (int)len, text);
        }
        pxl_amount_format(summed, sizeof summed, sums[i]);
        n += (size_t)snprintf(buf + n, size - n, "%s %s %s; raderna summerar till %s tkr", first ? "" : ", och",
                              what[i], stated, summed);
        first = 0;
    }
    if (n + 1 < size)
        snprintf(buf + n, size - n, ".");
}

/* A declared total (a measure's or an area's) that differs from what its rows add up to: the
 * input's claim, as numbers and never as a formula, with the difference in Kommentar. */
static void write_declared(area_writer *w, const pxl_total *total, double sum_year, double sum_full)
{
    pxl_report *r = w->report;
    const pxl_report_formats *fmt = &r->fmt;
    blanks(w, COL_SECTION, COL_MEASURE, fmt->text);
    text_cell(w, COL_KIND, "Angiven summa", fmt->text_italic, PXL_TEXT_REGULAR);
    char label[512];
    snprintf(label, sizeof label, "%s enligt underlaget", pxl_total_label(total)[0] ? pxl_total_label(total) : "Summa");
    text_cell(w, COL_TEXT, label, fmt->text_italic, PXL_TEXT_REGULAR);
    blanks(w, COL_TARGET, COL_CURRENT, fmt->text);
    const pxl_value *values[2] = {pxl_total_current_year(total), pxl_total_full_year(total)};
    for (int i = 0; i < 2; i++) {
        lxw_col_t col = i == 0 ? COL_EFFECT_YEAR : COL_EFFECT_FULL;
        if (pxl_report_amount_counts(values[i]))
            pxl_report_lxw(r, worksheet_write_number(w->ws, w->row, col, values[i]->number, fmt->amount_declared),
                           "a declared total");
        else
            pxl_report_amount(r, w->ws, w->row, col, values[i]);
    }
    char why[1024];
    describe_difference(why, sizeof why, total, sum_year, sum_full);
    text_cell(w, COL_COMMENT, why, fmt->text_italic, PXL_TEXT_REGULAR);
    status_blanks(w, fmt->text);
    end_row(w);
}

/* Keep @p m among the area's largest measures by Helårseffekt (ties: the earlier stays ahead). */
static void note_top(pxl_report_area *ra, const pxl_measure *m, lxw_row_t row, double full)
{
    size_t at = ra->top_count;
    while (at > 0 && ra->top[at - 1].full < full)
        at--;
    if (at >= PXL_REPORT_TOP_MEASURES)
        return;
    size_t last = ra->top_count < PXL_REPORT_TOP_MEASURES ? ra->top_count : PXL_REPORT_TOP_MEASURES - 1;
    memmove(&ra->top[at + 1], &ra->top[at], (last - at) * sizeof ra->top[0]);
    ra->top[at] = (pxl_report_top){m, row, full};
    if (ra->top_count < PXL_REPORT_TOP_MEASURES)
        ra->top_count++;
}

static void write_measure(area_writer *w, pxl_report_area *ra, const pxl_measure *m)
{
    pxl_report *r = w->report;
    const pxl_report_formats *fmt = &r->fmt;
    write_measure_row(w, m);
    for (size_t k = 0; k < pxl_measure_kpi_count(m); k++)
        write_kpi(w, m, pxl_measure_kpi(m, k));

    size_t effects = pxl_measure_effect_count(m);
    lxw_row_t first_effect = w->row;
    double sum_year = 0, sum_full = 0;
    for (size_t e = 0; e < effects; e++) {
        const pxl_effect *effect = pxl_measure_effect(m, e);
        /* The cached sum adds exactly what Excel's SUM adds: the cells written as numbers. */
        if (pxl_report_amount_counts(pxl_effect_current_year(effect)))
            sum_year += pxl_effect_current_year(effect)->number;
        if (pxl_report_amount_counts(pxl_effect_full_year(effect)))
            sum_full += pxl_effect_full_year(effect)->number;
        write_effect(w, effect);
    }
    if (effects > 0) {
        lxw_row_t last_effect = w->row - 1;
        blanks(w, COL_SECTION, COL_MEASURE, fmt->label_total);
        pxl_report_string(r, w->ws, w->row, COL_KIND, KIND_SUM, fmt->label_total);
        pxl_report_string(r, w->ws, w->row, COL_TEXT, "Summa för åtgärden", fmt->label_total);
        blanks(w, COL_TARGET, COL_CURRENT, fmt->label_total);
        write_sum(w, COL_EFFECT_YEAR, first_effect, last_effect, sum_year);
        write_sum(w, COL_EFFECT_FULL, first_effect, last_effect, sum_full);
        blanks(w, COL_COMMENT, COL_COMMENT, fmt->label_total);
        status_blanks(w, fmt->label_total);
        note_top(ra, m, w->row, sum_full);
        end_row(w);
        ra->total_current += sum_year;
        ra->total_full += sum_full;
    }

    /* Declared totals are the input's claims: shown where they differ from what the rows add up
     * to, so the committee sees both. */
    for (size_t t = 0; t < pxl_measure_total_count(m); t++) {
        const pxl_total *total = pxl_measure_total(m, t);
        if (declared_differs(pxl_total_current_year(total), sum_year) ||
            declared_differs(pxl_total_full_year(total), sum_full))
            write_declared(w, total, sum_year, sum_full);
    }
}

/* The status column's traffic light: one rule per word, over the table's rows. */
static void status_lights(area_writer *w, lxw_row_t last)
{
    const pxl_report_formats *fmt = &w->report->fmt;
    const struct {
        pxl_kpi_status status;
        lxw_format *format;
    } lights[] = {{PXL_KPI_ACHIEVED, fmt->status_achieved},
                  {PXL_KPI_NOT_ACHIEVED, fmt->status_not_achieved},
                  {PXL_KPI_NOT_ASSESSABLE, fmt->status_not_assessable}};
    const struct {
        pxl_kpi_trend trend;
        lxw_format *format;
    } trends[] = {{PXL_KPI_IMPROVED, fmt->status_achieved},
                  {PXL_KPI_WORSENED, fmt->status_not_achieved},
                  {PXL_KPI_UNCHANGED, fmt->status_not_assessable},
                  {PXL_KPI_TREND_NOT_ASSESSABLE, fmt->status_not_assessable}};
    size_t n = sizeof lights / sizeof lights[0], m = w->report->previous ? sizeof trends / sizeof trends[0] : 0;
    for (size_t i = 0; i < n + m; i++) {
        char word[32];
        snprintf(word, sizeof word, "\"%s\"",
                 i < n ? pxl_kpi_status_name(lights[i].status) : pxl_kpi_trend_name(trends[i - n].trend));
        lxw_conditional_format rule;
        memset(&rule, 0, sizeof rule);
        rule.type = LXW_CONDITIONAL_TYPE_CELL;
        rule.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
        rule.value_string = word;
        rule.format = i < n ? lights[i].format : trends[i - n].format;
        lxw_col_t col = i < n ? COL_STATUS : COL_TREND;
        pxl_report_lxw(w->report, worksheet_conditional_format_range(w->ws, ROW_FIRST, col, last, col, &rule),
                       "the status column's colours");
    }
}

void pxl_report_write_area(pxl_report *report, pxl_report_area *ra)
{
    area_writer w = {report, ra->ws, ROW_FIRST, 0};
    const pxl_area *area = ra->area;
    const pxl_report_formats *fmt = &report->fmt;
    write_header(&w, area);

    ra->measures = pxl_area_measure_count(area);
    for (size_t i = 0; i < ra->measures; i++) {
        const pxl_measure *m = pxl_area_measure(area, i);
        ra->kpis += pxl_measure_kpi_count(m);
        ra->effects += pxl_measure_effect_count(m);
        write_measure(&w, ra, m);
    }
    lxw_row_t last = w.row > ROW_FIRST ? w.row - 1 : ROW_HEADER;
    pxl_report_lxw(report, worksheet_autofilter(w.ws, ROW_HEADER, 0, last, last_col(&w)), "the filter");
    if (last >= ROW_FIRST)
        status_lights(&w, last);

    /* The area total, after an empty row: a SUMIF over the Typ column adds the Summa rows and
     * nothing else. One formula whatever the number of measures: a SUM of each Summa cell would hit
     * Excel's limits of 255 arguments and 8 192 characters per formula ("Excel specifications and
     * limits"). */
    w.row++;
    ra->total_row = w.row;
    char label[512];
    snprintf(label, sizeof label, "Totalt %s", pxl_area_name(area));
    /* Across Område and Åtgärd: a label running on into a bordered cell would be cut there. */
    pxl_report_lxw(report, worksheet_merge_range(w.ws, w.row, COL_SECTION, w.row, COL_MEASURE, "", fmt->grand_label),
                   "the area total");
    pxl_report_string(report, w.ws, w.row, COL_SECTION, label, fmt->grand_label);
    need_lines(&w, label, width_of(COL_SECTION, COL_MEASURE), PXL_TEXT_BOLD);
    pxl_report_string(report, w.ws, w.row, COL_KIND, "Totalt", fmt->grand_label);
    blanks(&w, COL_TEXT, COL_CURRENT, fmt->grand_label);
    char kinds[32], range[32], formula[128];
    lxw_rowcol_to_range_abs(kinds, ROW_HEADER, COL_KIND, last, COL_KIND);
    for (int i = 0; i < 2; i++) {
        lxw_col_t col = i == 0 ? COL_EFFECT_YEAR : COL_EFFECT_FULL;
        lxw_rowcol_to_range(range, ROW_HEADER, col, last, col);
        snprintf(formula, sizeof formula, "=SUMIF(%s,\"%s\",%s)", kinds, KIND_SUM, range);
        pxl_report_lxw(report,
                       worksheet_write_formula_num(w.ws, w.row, col, formula, fmt->grand_amount,
                                                   i == 0 ? ra->total_current : ra->total_full),
                       "the area total");
    }
    blanks(&w, COL_COMMENT, COL_COMMENT, fmt->grand_label);
    status_blanks(&w, fmt->grand_label);
    end_row(&w);

    /* The area's declared totals ("Summa Hemtjänst", issue 12): shown under the formula where they
     * differ from it, as a measure's are. */
    for (size_t t = 0; t < pxl_area_total_count(area); t++) {
        const pxl_total *total = pxl_area_total(area, t);
        if (declared_differs(pxl_total_current_year(total), ra->total_current) ||
            declared_differs(pxl_total_full_year(total), ra->total_full))
            write_declared(&w, total, ra->total_current, ra->total_full);
    }

    worksheet_freeze_panes(w.ws, ROW_FIRST, 0);
    pxl_report_print_setup(report, w.ws, ROW_HEADER);
}
