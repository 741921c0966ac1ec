/*
 * The Sammanställning sheet, first in the workbook: per area the counts and
 * the two effect totals pulled from the area sheets by cross-sheet formulas,
 * a grand total, the sign convention, and where the figures come from.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "planxl/planxl.h"
#include "report_internal.h"
#include "row_height.h"
#include "util/sha256.h"

enum column { COL_AREA, COL_MEASURES, COL_KPIS, COL_EFFECTS, COL_EFFECT_YEAR, COL_EFFECT_FULL, COL_COUNT };

static const double WIDTHS[COL_COUNT] = {36, 12, 12, 12, 18, 18};

#define ROW_TITLE 0
#define ROW_SUBTITLE 1
#define ROW_HEADER 3

typedef struct summary_writer {
    pxl_report *report;
    lxw_worksheet *ws;
    lxw_row_t row;
} summary_writer;

static void lxw(summary_writer *w, lxw_error e, const char *where)
{
    pxl_report_lxw(w->report, e, where);
}

/* A note across the whole table's width, its row tall enough for the text. */
static void note(summary_writer *w, const char *text, lxw_format *format)
{
    double width = 0;
    for (int c = 0; c < COL_COUNT; c++)
        width += WIDTHS[c];
    lxw(w, worksheet_merge_range(w->ws, w->row, 0, w->row, COL_COUNT - 1, "", format), "a note");
    pxl_report_string(w->report, w->ws, w->row, 0, text, format);
    unsigned lines = pxl_text_lines(text, width);
    if (lines > 1)
        lxw(w, worksheet_set_row(w->ws, w->row, pxl_row_height_points(lines), NULL), "a row height");
    w->row++;
}

static lxw_datetime utc_datetime(time_t t)
{
    struct tm tm;
    lxw_datetime dt = {1980, 1, 1, 0, 0, 0};
    if (gmtime_r(&t, &tm)) {
        dt.year = tm.tm_year + 1900;
        dt.month = tm.tm_mon + 1;
        dt.day = tm.tm_mday;
        dt.hour = tm.tm_hour;
        dt.min = tm.tm_min;
        dt.sec = tm.tm_sec;
    }
    return dt;
}

/* The area rows of the areas table (0-based, inclusive), for the chart; none when first > last. */
typedef struct area_rows {
    lxw_row_t first, last;
} area_rows;

static area_rows write_areas(summary_writer *w)
{
    pxl_report *r = w->report;
    const pxl_report_formats *fmt = &r->fmt;
    char effect_year[64];
    if (r->current_year > 0)
        snprintf(effect_year, sizeof effect_year, "Effekt %d (tkr)", r->current_year);
    else
        snprintf(effect_year, sizeof effect_year, "Effekt i år (tkr)");
    const char *headers[COL_COUNT] = {"Verksamhetsområde", "Åtgärder", "Nyckeltal", "Effektrader", effect_year,
                                      "Helårseffekt (tkr)"};
    for (int c = 0; c < COL_COUNT; c++) {
        pxl_report_string(r, w->ws, ROW_HEADER, (lxw_col_t)c, headers[c], c ? fmt->header_amount : fmt->header);
        lxw(w, worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, WIDTHS[c], NULL), "a column width");
    }
    w->row = ROW_HEADER + 1;

    lxw_row_t first = w->row;
    double sum_year = 0, sum_full = 0;
    size_t measures = 0, kpis = 0, effects = 0;
    for (size_t i = 0; i < r->area_count; i++) {
        const pxl_report_area *a = &r->areas[i];
        char quoted[PXL_SHEET_NAME_SIZE * 2 + 3], url[PXL_SHEET_NAME_SIZE * 2 + 32];
        pxl_report_quote_sheet(quoted, sizeof quoted, a->sheet);
        snprintf(url, sizeof url, "internal:%s!A1", quoted);
        lxw(w, worksheet_write_url_opt(w->ws, w->row, COL_AREA, url, fmt->link, pxl_area_name(a->area), NULL),
            "a link to an area sheet");
        lxw(w, worksheet_write_number(w->ws, w->row, COL_MEASURES, (double)a->measures, fmt->count), "a count");
        lxw(w, worksheet_write_number(w->ws, w->row, COL_KPIS, (double)a->kpis, fmt->count), "a count");
        lxw(w, worksheet_write_number(w->ws, w->row, COL_EFFECTS, (double)a->effects, fmt->count), "a count");
        /* The area totals themselves, not copies: 'Äldreomsorg'!G45 follows any edit on that sheet. */
        char cell[16], formula[PXL_SHEET_NAME_SIZE * 2 + 32];
        lxw_rowcol_to_cell(cell, a->total_row, PXL_REPORT_AREA_COL_EFFECT_YEAR);
        snprintf(formula, sizeof formula, "=%s!%s", quoted, cell);
        lxw(w, worksheet_write_formula_num(w->ws, w->row, COL_EFFECT_YEAR, formula, fmt->amount, a->total_current),
            "an area's total");
        lxw_rowcol_to_cell(cell, a->total_row, PXL_REPORT_AREA_COL_EFFECT_FULL);
        snprintf(formula, sizeof formula, "=%s!%s", quoted, cell);
        lxw(w, worksheet_write_formula_num(w->ws, w->row, COL_EFFECT_FULL, formula, fmt->amount, a->total_full),
            "an area's total");
        sum_year += a->total_current;
        sum_full += a->total_full;
        measures += a->measures;
        kpis += a->kpis;
        effects += a->effects;
        w->row++;
    }
    area_rows rows = {first, w->row > first ? w->row - 1 : 0};
    if (w->row == first)
        rows.first = 1; /* none: first > last */
    /* Over the header row too when there is no area: SUM skips its text and gives 0. */
    lxw_row_t last = w->row > first ? w->row - 1 : ROW_HEADER;
    pxl_report_string(r, w->ws, w->row, COL_AREA, "Totalt", fmt->grand_label);
    const double cached[COL_COUNT] = {0, (double)measures, (double)kpis, (double)effects, sum_year, sum_full};
    for (int c = COL_MEASURES; c < COL_COUNT; c++) {
        char range[32], formula[48];
        lxw_rowcol_to_range(range, first > last ? ROW_HEADER : first, (lxw_col_t)c, last, (lxw_col_t)c);
        snprintf(formula, sizeof formula, "=SUM(%s)", range);
        lxw(w, worksheet_write_formula_num(w->ws, w->row, (lxw_col_t)c, formula,
                                           c >= COL_EFFECT_YEAR ? fmt->grand_amount : fmt->grand_count, cached[c]),
            "the grand total");
    }
    w->row += 2;
    return rows;
}

static const pxl_kpi_status statuses[3] = {PXL_KPI_ACHIEVED, PXL_KPI_NOT_ACHIEVED, PXL_KPI_NOT_ASSESSABLE};

/* Per area how many KPIs are uppnått, ej uppnått and ej bedömbart: COUNTIFs over the area
 * sheet's Status column (so they follow an edit there), cached as pxl_kpi_assess() judges. */
static void write_kpi_overview(summary_writer *w)
{
    pxl_report *r = w->report;
    const pxl_report_formats *fmt = &r->fmt;
    const char *headers[4] = {"Nyckeltal mot målvärde", "Uppnått", "Ej uppnått", "Ej bedömbart"};
    for (int c = 0; c < 4; c++)
        pxl_report_string(r, w->ws, w->row, (lxw_col_t)c, headers[c], c ? fmt->header_amount : fmt->header);
    w->row++;
    lxw_row_t first = w->row;
    double totals[3] = {0, 0, 0};
    for (size_t i = 0; i < r->area_count; i++) {
        const pxl_report_area *a = &r->areas[i];
        double counts[3] = {0, 0, 0};
        for (size_t m = 0; m < pxl_area_measure_count(a->area); m++) {
            const pxl_measure *measure = pxl_area_measure(a->area, m);
            for (size_t k = 0; k < pxl_measure_kpi_count(measure); k++) {
                pxl_kpi_status status = pxl_kpi_assess(pxl_measure_kpi(measure, k), NULL);
                counts[status == PXL_KPI_ACHIEVED ? 0 : status == PXL_KPI_NOT_ACHIEVED ? 1 : 2]++;
            }
        }
        pxl_report_string(r, w->ws, w->row, COL_AREA, pxl_area_name(a->area), fmt->text);
        char quoted[PXL_SHEET_NAME_SIZE * 2 + 3], range[32], formula[PXL_SHEET_NAME_SIZE * 2 + 96];
        pxl_report_quote_sheet(quoted, sizeof quoted, a->sheet);
        lxw_rowcol_to_range_abs(range, PXL_REPORT_AREA_ROW_FIRST, PXL_REPORT_AREA_COL_STATUS, a->total_row,
                                PXL_REPORT_AREA_COL_STATUS);
        for (int c = 0; c < 3; c++) {
            snprintf(formula, sizeof formula, "=COUNTIF(%s!%s,\"%s\")", quoted, range, pxl_kpi_status_name(statuses[c]));
            lxw(w, worksheet_write_formula_num(w->ws, w->row, (lxw_col_t)(COL_MEASURES + c), formula, fmt->count,
                                               counts[c]),
                "a KPI count");
            totals[c] += counts[c];
        }
        w->row++;
    }
    lxw_row_t last = w->row > first ? w->row - 1 : first - 1;
    pxl_report_string(r, w->ws, w->row, COL_AREA, "Totalt", fmt->grand_label);
    for (int c = 0; c < 3; c++) {
        char range[32], formula[48];
        lxw_rowcol_to_range(range, first > last ? first - 1 : first, (lxw_col_t)(COL_MEASURES + c), last,
                            (lxw_col_t)(COL_MEASURES + c));
        snprintf(formula, sizeof formula, "=SUM(%s)", range);
        lxw(w, worksheet_write_formula_num(w->ws, w->row, (lxw_col_t)(COL_MEASURES + c), formula, fmt->grand_count,
                                           totals[c]),
            "the KPI counts' total");
    }
    w->row += 2;
}

/* The effects at a glance: Effekt YYYY and Helårseffekt per area as columns, from the table above. */
static void write_chart(summary_writer *w, area_rows rows)
{
    pxl_report *r = w->report;
    if (rows.first > rows.last)
        return;
    lxw_chart *chart = workbook_add_chart(r->wb, LXW_CHART_COLUMN);
    if (!chart) {
        lxw(w, LXW_ERROR_MEMORY_MALLOC_FAILED, "the chart");
        return;
    }
    const char *sheet = w->ws->name;
    const lxw_col_t cols[2] = {COL_EFFECT_YEAR, COL_EFFECT_FULL};
    char names[2][64];
    if (r->current_year > 0)
        snprintf(names[0], sizeof names[0], "Effekt %d", r->current_year);
    else
        snprintf(names[0], sizeof names[0], "Effekt i år");
    snprintf(names[1], sizeof names[1], "Helårseffekt");
    for (int i = 0; i < 2; i++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series) {
            lxw(w, LXW_ERROR_MEMORY_MALLOC_FAILED, "the chart's series");
            return;
        }
        chart_series_set_categories(series, sheet, rows.first, COL_AREA, rows.last, COL_AREA);
        chart_series_set_values(series, sheet, rows.first, cols[i], rows.last, cols[i]);
        chart_series_set_name(series, names[i]);
    }
    chart_title_set_name(chart, "Effekter per verksamhetsområde (tkr)");
    chart_axis_set_name(chart->y_axis, "tkr");
    chart_axis_set_num_format(chart->y_axis, "#,##0");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    /* As wide as the table (A:F, about 770 px of the default 480), 10 rows tall: the summary
     * still prints on one page. */
    lxw_chart_options options = {0};
    options.x_scale = 1.6;
    options.y_scale = 0.7;
    options.description = "Effekt och helårseffekt per verksamhetsområde";
    lxw(w, worksheet_insert_chart_opt(w->ws, w->row, COL_AREA, chart, &options), "the chart");
    w->row += 11;
}

/* Per area its largest measures by Helårseffekt, each amount a formula on its Summa cell. */
static void write_top_measures(summary_writer *w)
{
    pxl_report *r = w->report;
    const pxl_report_formats *fmt = &r->fmt;
    pxl_report_string(r, w->ws, w->row, COL_AREA, "Största åtgärder (helårseffekt)", fmt->header);
    lxw(w, worksheet_merge_range(w->ws, w->row, COL_MEASURES, w->row, COL_EFFECT_YEAR, "", fmt->header), "a header");
    pxl_report_string(r, w->ws, w->row, COL_MEASURES, "Åtgärd", fmt->header);
    pxl_report_string(r, w->ws, w->row, COL_EFFECT_FULL, "Helårseffekt (tkr)", fmt->header_amount);
    w->row++;
    for (size_t i = 0; i < r->area_count; i++) {
        const pxl_report_area *a = &r->areas[i];
        char quoted[PXL_SHEET_NAME_SIZE * 2 + 3], cell[16], formula[PXL_SHEET_NAME_SIZE * 2 + 32];
        pxl_report_quote_sheet(quoted, sizeof quoted, a->sheet);
        for (size_t t = 0; t < a->top_count; t++) {
            pxl_report_string(r, w->ws, w->row, COL_AREA, t == 0 ? pxl_area_name(a->area) : "", fmt->text);
            lxw(w, worksheet_merge_range(w->ws, w->row, COL_MEASURES, w->row, COL_EFFECT_YEAR, "", fmt->text),
                "a measure's name");
            pxl_report_string(r, w->ws, w->row, COL_MEASURES, pxl_measure_title(a->top[t].measure), fmt->text);
            /* A long Åtgärd wraps in its merged cell: the row grows with it. */
            unsigned lines = pxl_text_lines(pxl_measure_title(a->top[t].measure),
                                            WIDTHS[COL_MEASURES] + WIDTHS[COL_KPIS] + WIDTHS[COL_EFFECTS] +
                                                WIDTHS[COL_EFFECT_YEAR]);
            if (lines > 1)
                lxw(w, worksheet_set_row(w->ws, w->row, pxl_row_height_points(lines), NULL), "a row height");
            lxw_rowcol_to_cell(cell, a->top[t].row, PXL_REPORT_AREA_COL_EFFECT_FULL);
            snprintf(formula, sizeof formula, "=%s!%s", quoted, cell);
            lxw(w, worksheet_write_formula_num(w->ws, w->row, COL_EFFECT_FULL, formula, fmt->amount, a->top[t].full),
                "a measure's Helårseffekt");
            w->row++;
        }
    }
    w->row++;
}

static void write_findings_note(summary_writer *w)
{
    const pxl_findings *f = w->report->findings;
    if (!f)
        return;
    char text[256];
    size_t errors = pxl_findings_count_severity(f, PXL_SEVERITY_ERROR);
    size_t warnings = pxl_findings_count_severity(f, PXL_SEVERITY_WARNING);
    if (pxl_findings_count(f) == 0)
        snprintf(text, sizeof text, "Kontroller: planxl check fann inga fel eller varningar i underlaget.");
    else
        snprintf(text, sizeof text, "Kontroller: %zu fel och %zu varningar i underlaget – se bladet Kontroller.",
                 errors, warnings);
    note(w, text, w->report->fmt.text_bold);
    w->row++;
}

static void write_sources(summary_writer *w)
{
    pxl_report *r = w->report;
    const pxl_report_formats *fmt = &r->fmt;
    pxl_report_string(r, w->ws, w->row, COL_AREA, "Underlag", fmt->header);
    lxw(w, worksheet_merge_range(w->ws, w->row, 1, w->row, COL_COUNT - 1, "", fmt->header), "a header");
    w->row++;
    for (size_t i = 0; i < pxl_plan_file_count(r->plan); i++) {
        const char *file = pxl_plan_file(r->plan, i);
        const char *slash = strrchr(file, '/');
        pxl_report_string(r, w->ws, w->row, COL_AREA, "Fil", fmt->text_bold);
        lxw(w, worksheet_merge_range(w->ws, w->row, 1, w->row, COL_COUNT - 1, "", fmt->text), "a file name");
        pxl_report_string(r, w->ws, w->row, 1, slash ? slash + 1 : file, fmt->text);
        w->row++;

        struct stat st;
        pxl_report_string(r, w->ws, w->row, COL_AREA, "Ändrad (UTC)", fmt->text);
        lxw(w, worksheet_merge_range(w->ws, w->row, 1, w->row, COL_COUNT - 1, "", fmt->text), "a date");
        if (stat(file, &st) == 0) {
            lxw_datetime dt = utc_datetime(st.st_mtime);
            lxw(w, worksheet_write_datetime(w->ws, w->row, 1, &dt, fmt->datetime), "a file's date");
        }
        w->row++;

        char hex[PXL_SHA256_HEX_SIZE];
        pxl_report_string(r, w->ws, w->row, COL_AREA, "SHA-256", fmt->text);
        lxw(w, worksheet_merge_range(w->ws, w->row, 1, w->row, COL_COUNT - 1, "", fmt->mono), "a checksum");
        if (pxl_sha256_file(hex, file) == PXL_OK)
            pxl_report_string(r, w->ws, w->row, 1, hex, fmt->mono);
        else
            pxl_report_string(r, w->ws, w->row, 1, "(filen kunde inte läsas)", fmt->text);
        w->row += 2;
    }

    char made[128];
    snprintf(made, sizeof made, "Skapad (UTC) med planxl %s", pxl_version());
    pxl_report_string(r, w->ws, w->row, COL_AREA, made, fmt->note);
    lxw_datetime created = utc_datetime(r->created);
    lxw(w, worksheet_merge_range(w->ws, w->row, 1, w->row, COL_COUNT - 1, "", fmt->datetime), "a date");
    lxw(w, worksheet_write_datetime(w->ws, w->row, 1, &created, fmt->datetime), "the report's date");
    w->row++;
}

void pxl_report_write_summary(pxl_report *report, lxw_worksheet *ws)
{
    summary_writer w = {report, ws, 0};
    const pxl_plan *plan = report->plan;
    const pxl_report_formats *fmt = &report->fmt;

    char title[1024];
    snprintf(title, sizeof title, "%s", pxl_plan_title(plan)[0] ? pxl_plan_title(plan) : "Åtgärdsplan");
    pxl_report_string(report, ws, ROW_TITLE, 0, title, fmt->title);
    lxw(&w, worksheet_set_row(ws, ROW_TITLE, 20, NULL), "the title row");
    char subtitle[1024];
    snprintf(subtitle, sizeof subtitle, "Sammanställning%s%s%s%s%s%s", pxl_plan_committee(plan)[0] ? " – " : "",
             pxl_plan_committee(plan), pxl_plan_municipality(plan)[0] ? ", " : "", pxl_plan_municipality(plan),
             pxl_plan_period(plan)[0] ? ", period " : "", pxl_plan_period(plan));
    pxl_report_string(report, ws, ROW_SUBTITLE, 0, subtitle, fmt->subtitle);

    area_rows rows = write_areas(&w);
    write_chart(&w, rows);
    write_kpi_overview(&w);
    write_top_measures(&w);
    note(&w,
         "Teckenkonvention: ett positivt belopp är en besparing (lägre kostnad eller högre intäkt), ett negativt "
         "belopp är en kostnad. Belopp i tusental kronor (tkr). Summorna är formler över raderna på "
         "områdesbladen; ett belopp som inte kunde läsas som tal är gulmarkerat och räknas inte med.",
         fmt->note);
    w.row++;
    write_findings_note(&w);
    write_sources(&w);

    worksheet_freeze_panes(ws, ROW_HEADER + 1, 0);
    pxl_report_print_setup(report, ws, ROW_HEADER);
}
