/*
 * The committee workbook's parts, shared by report.c (the whole file),
 * area.c (one sheet per area), summary.c (Sammanställning),
 * findings.c (Kontroller) and format.c (the cell formats).
 *
 * Every function here calls libxlsxwriter and runs inside the C-locale guard
 * that pxl_report_write() holds (util/locale.h).
 */
#ifndef PLANXL_REPORT_INTERNAL_H
#define PLANXL_REPORT_INTERNAL_H

#include <stddef.h>
#include <time.h>
#include <xlsxwriter.h>

#include "diff/match.h"
#include "planxl/check.h"
#include "planxl/plan.h"
#include "planxl/report.h"
#include "write/sheet_names.h"

/* The formats a finance office would set by hand (format.c). */
typedef struct pxl_report_formats {
    lxw_format *title;          /* sheet heading */
    lxw_format *subtitle;       /* committee, period */
    lxw_format *header;         /* table header row: bold, filled, bordered, wrapped */
    lxw_format *header_amount;  /* the same, right-aligned over amounts */
    lxw_format *text;           /* bordered, wrapped, top-aligned */
    lxw_format *text_bold;      /* Åtgärd */
    lxw_format *text_italic;    /* declared totals' labels */
    lxw_format *measure;        /* a measure's first row: bold, a rule above */
    lxw_format *measure_text;   /* its description: wrapped, a rule above */
    lxw_format *count;          /* whole counts */
    lxw_format *amount;         /* tkr: thousands separator, no decimals, negatives red with a minus */
    lxw_format *amount_invalid; /* an amount that is not a number: shown as written, marked */
    lxw_format *amount_total;   /* Summa rows */
    lxw_format *amount_declared;/* declared totals that differ */
    lxw_format *label_total;    /* "Summa" */
    lxw_format *grand_label;    /* area and grand totals: double rule above */
    lxw_format *grand_amount;
    lxw_format *grand_count;
    lxw_format *kpi_text;       /* a KPI value that is a word */
    lxw_format *kpi_number[7];  /* by decimals shown, 0–6 */
    lxw_format *kpi_percent[7];
    lxw_format *datetime;       /* source files' modification time */
    lxw_format *note;           /* legend and sources, wrapped, no border */
    lxw_format *mono;           /* SHA-256 */
    lxw_format *link;           /* internal links to the area sheets */
    lxw_format *status;         /* a KPI's status word: bordered, centred, bold */
    /* The status column's traffic light (conditional formats, so a filtered or edited sheet keeps
     * it); the word stays in the cell, so a black-and-white print still says it. */
    lxw_format *status_achieved, *status_not_achieved, *status_not_assessable;
} pxl_report_formats;

/* The area sheet's amount columns (area.c), which the summary's formulas point at. */
#define PXL_REPORT_AREA_COL_EFFECT_YEAR 6
#define PXL_REPORT_AREA_COL_EFFECT_FULL 7
/* The area sheet's KPI status column and its first table row, which the summary's counts read. */
#define PXL_REPORT_AREA_COL_STATUS 9
#define PXL_REPORT_AREA_ROW_FIRST 3

/* How many of an area's largest measures (by Helårseffekt) the summary lists. */
#define PXL_REPORT_TOP_MEASURES 3

/* A measure's Summa row on its area sheet, and its full-year sum (the cached value there). */
typedef struct pxl_report_top {
    const pxl_measure *measure;
    lxw_row_t row;
    double full;
} pxl_report_top;

/* What an area sheet tells the summary sheet. */
typedef struct pxl_report_area {
    const pxl_area *area;
    char sheet[PXL_SHEET_NAME_SIZE];  /* the sanitised, unique sheet name */
    lxw_worksheet *ws;
    lxw_row_t total_row;              /* the row of the area total (0-based) */
    double total_current, total_full; /* its cached values */
    size_t measures, kpis, effects;
    pxl_report_top top[PXL_REPORT_TOP_MEASURES]; /* the largest by Helårseffekt, largest first */
    size_t top_count;
} pxl_report_area;

/* The workbook being written. */
typedef struct pxl_report {
    lxw_workbook *wb;
    const pxl_plan *plan;
    const pxl_findings *findings;
    const char *path;             /* the target, for messages */
    pxl_report_formats fmt;
    pxl_report_area *areas;
    size_t area_count;
    time_t created;
    int current_year;             /* the effect tables' current year (2024), or 0 */
    const pxl_plan *previous;     /* the previous plan (report --previous), or NULL */
    pxl_measure_match match;      /* its measures matched to the plan's (diff/match.h), when previous */
    size_t match_cursor;          /* where the last lookup found its measure: the sheets ask in order */
    /* Per input file (pxl_plan_file()), the path of its annotated copy, or NULL: what the
     * Kontroller sheet links to (pxl_report_options version 3, `planxl report --annotate DIR`). */
    const char *const *annotated;
    lxw_error error;              /* the first libxlsxwriter error */
    const char *error_where;      /* what was being written then */
    pxl_report_cancel cancel;     /* the caller's, or NULL */
    void *cancel_ctx;
    int cancelled;                /* cancel said stop: nothing is written */
    int close_errno;              /* errno after a failed workbook_close() */
} pxl_report;

/* The KPI of the previous plan that is @p kpi of @p measure now (the measure matched as planxl
 * diff matches it, the KPI by its folded name), or NULL (no previous plan, or none there). */
const pxl_kpi *pxl_report_previous_kpi(pxl_report *report, const pxl_measure *measure, const pxl_kpi *kpi);

/* Keep the first libxlsxwriter error (and what was written then); later calls go on harmlessly. */
void pxl_report_lxw(pxl_report *report, lxw_error error, const char *where);

void pxl_report_formats_init(pxl_report *report);

/* The shared print setup: A4 landscape, one page wide, the header row @p header_row repeated on
 * every page, the plan's title and period in the page header, page numbers in the footer. */
void pxl_report_print_setup(pxl_report *report, lxw_worksheet *ws, lxw_row_t header_row);

/* Write @p text (any length: Excel's cell limit is applied) into a cell. */
void pxl_report_string(pxl_report *report, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const char *text, lxw_format *format);

/* Write a plan value: a number where it is one, else its text, else a blank cell. */
void pxl_report_amount(pxl_report *report, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const pxl_value *value);
/* @p other is the KPI's other value (target beside current): a hint that a number is a percent. */
void pxl_report_kpi_value(pxl_report *report, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                          const pxl_value *value, const pxl_value *other);

/* 1 when @p value is an amount that counts in a SUM (a number, even one stored as text). */
int pxl_report_amount_counts(const pxl_value *value);

/* A sheet name quoted for a formula: 'Äldreomsorg' with inner quotes doubled. */
void pxl_report_quote_sheet(char *buf, size_t size, const char *sheet);

void pxl_report_write_area(pxl_report *report, pxl_report_area *area);
void pxl_report_write_summary(pxl_report *report, lxw_worksheet *ws);
void pxl_report_write_findings(pxl_report *report, lxw_worksheet *ws);

/* The annotated copy of input @p file (a path as pxl_plan_file() gives it), or NULL when none was
 * written in this run. */
const char *pxl_report_annotated_copy(const pxl_report *report, const char *file);

/* A finding's cell in the submitted file, in (@p row, @p col) of the Kontroller sheet: its address
 * ("E44") as text, or, given the path of that file's @p annotated copy, the address as a link to
 * the same sheet and cell of the copy (where a later `check --annotate` puts its comment). A
 * finding without a cell gets an empty cell; a link Excel would refuse, the text alone. */
void pxl_report_write_finding_cell(pxl_report *report, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                   const pxl_finding *finding, const char *annotated);

#endif
