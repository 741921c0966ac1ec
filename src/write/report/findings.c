/*
 * The Kontroller sheet: what pxl_check_run() found, one row per finding, so
 * the committee sees which figures the finance office has doubts about: the file,
 * sheet and cell of each, and its message in Swedish (pxl_findings_message()), the
 * committee's language on any machine. The writer itself checks nothing.
 */
#include <stdio.h>
#include <string.h>

#include "report_internal.h"
#include "row_height.h"

enum column { COL_FILE, COL_SHEET, COL_CELL, COL_SEVERITY, COL_CODE, COL_MESSAGE, COL_COUNT };

static const double WIDTHS[COL_COUNT] = {24, 16, 8, 10, 20, 80};

#define ROW_TITLE 0
#define ROW_HEADER 2

void pxl_report_write_findings(pxl_report *report, lxw_worksheet *ws)
{
    const pxl_report_formats *fmt = &report->fmt;
    const pxl_findings *findings = report->findings;
    pxl_report_string(report, ws, ROW_TITLE, 0, "Kontroller av underlaget (planxl check)", fmt->title);
    pxl_report_lxw(report, worksheet_set_row(ws, ROW_TITLE, 20, NULL), "the title row");

    const char *headers[COL_COUNT] = {"Fil", "Blad", "Cell", "Allvarlighet", "Kod", "Meddelande"};
    for (int c = 0; c < COL_COUNT; c++) {
        pxl_report_string(report, ws, ROW_HEADER, (lxw_col_t)c, headers[c], fmt->header);
        pxl_report_lxw(report, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, WIDTHS[c], NULL),
                       "a column width");
    }
    lxw_row_t row = ROW_HEADER + 1;
    size_t count = findings ? pxl_findings_count(findings) : 0;
    for (size_t i = 0; i < count; i++, row++) {
        const pxl_finding *f = pxl_findings_get(findings, i);
        const char *file = f->cell.file ? f->cell.file : "";
        const char *slash = strrchr(file, '/');
        pxl_report_string(report, ws, row, COL_FILE, slash ? slash + 1 : file, fmt->text);
        pxl_report_string(report, ws, row, COL_SHEET, f->has_cell && f->cell.sheet ? f->cell.sheet : "", fmt->text);
        char a1[16] = "";
        if (f->has_cell)
            lxw_rowcol_to_cell(a1, f->cell.row, (lxw_col_t)f->cell.col);
        pxl_report_string(report, ws, row, COL_CELL, a1, fmt->text);
        pxl_report_string(report, ws, row, COL_SEVERITY,
                          f->severity == PXL_SEVERITY_ERROR     ? "Fel"
                          : f->severity == PXL_SEVERITY_WARNING ? "Varning"
                                                                : "Information",
                          f->severity == PXL_SEVERITY_ERROR ? fmt->text_bold : fmt->text);
        pxl_report_string(report, ws, row, COL_CODE, f->code, fmt->text);
        /* The committee reads Swedish whatever the locale planxl runs in. */
        const char *message = pxl_findings_message(findings, i, PXL_LANGUAGE_SWEDISH);
        pxl_report_string(report, ws, row, COL_MESSAGE, message, fmt->text);
        unsigned lines = pxl_text_lines(message, WIDTHS[COL_MESSAGE]);
        if (lines > 1)
            pxl_report_lxw(report, worksheet_set_row(ws, row, pxl_row_height_points(lines), NULL), "a row height");
    }
    if (count > 0)
        pxl_report_lxw(report, worksheet_autofilter(ws, ROW_HEADER, 0, row - 1, COL_COUNT - 1), "the filter");
    worksheet_freeze_panes(ws, ROW_HEADER + 1, 0);
    pxl_report_print_setup(report, ws, ROW_HEADER);
}
