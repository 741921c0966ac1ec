/*
 * The Kontroller sheet: what pxl_check_run() found, one row per finding, so
 * the committee sees which figures the finance office has doubts about: the file,
 * sheet and cell of each in the submitted workbook, its severity and its message in
 * Swedish (pxl_findings_message()), the committee's language on any machine, and its
 * code. The writer itself checks nothing.
 */
#include <stdio.h>
#include <string.h>

#include "report_internal.h"
#include "row_height.h"

enum column { COL_FILE, COL_SHEET, COL_CELL, COL_SEVERITY, COL_CODE, COL_MESSAGE, COL_COUNT };

/* Together 134 units: one page wide on A4 landscape at the area sheets' scale or larger, so the
 * text prints at 8 pt or more (area.c). */
static const double WIDTHS[COL_COUNT] = {22, 14, 7, 12, 21, 58};

#define ROW_TITLE 0
#define ROW_HEADER 2

/* Excel's longest hyperlink (libxlsxwriter 1.1.4: LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED). */
#define URL_MAX 2079

static const char *severity_text(pxl_severity severity)
{
    return severity == PXL_SEVERITY_ERROR ? "Fel" : severity == PXL_SEVERITY_WARNING ? "Varning" : "Information";
}

void pxl_report_write_finding_cell(pxl_report *report, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                                   const pxl_finding *finding, const char *annotated)
{
    const pxl_report_formats *fmt = &report->fmt;
    char a1[16] = "";
    if (finding->has_cell)
        lxw_rowcol_to_cell(a1, finding->cell.row, (lxw_col_t)finding->cell.col);
    if (annotated && *annotated && finding->has_cell && finding->cell.sheet) {
        /* "external:copy.xlsx#'Äldreomsorg'!E44": the cell in the unit's annotated copy. */
        char sheet[2 * PXL_SHEET_NAME_SIZE + 8], url[URL_MAX + 1];
        pxl_report_quote_sheet(sheet, sizeof sheet, finding->cell.sheet);
        int n = snprintf(url, sizeof url, "external:%s#%s!%s", annotated, sheet, a1);
        /* A link Excel would refuse leaves the address as text, not a report that is not written. */
        if (n > 0 && (size_t)n < sizeof url && worksheet_write_url(ws, row, col, url, fmt->link) == LXW_NO_ERROR) {
            pxl_report_string(report, ws, row, col, a1, fmt->link);
            return;
        }
    }
    pxl_report_string(report, ws, row, col, a1, fmt->text);
}

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
        const char *path = f->cell.file ? f->cell.file : "";
        const char *slash = strrchr(path, '/');
        const char *file = slash ? slash + 1 : path;
        const char *sheet = f->has_cell && f->cell.sheet ? f->cell.sheet : "";
        /* The committee reads Swedish whatever the locale planxl runs in. */
        const char *message = pxl_findings_message(findings, i, PXL_LANGUAGE_SWEDISH);
        pxl_report_string(report, ws, row, COL_FILE, file, fmt->text);
        pxl_report_string(report, ws, row, COL_SHEET, sheet, fmt->text);
        pxl_report_write_finding_cell(report, ws, row, COL_CELL, f, pxl_report_annotated_copy(report, f->cell.file));
        pxl_report_string(report, ws, row, COL_SEVERITY, severity_text(f->severity),
                          f->severity == PXL_SEVERITY_ERROR ? fmt->text_bold : fmt->text);
        pxl_report_string(report, ws, row, COL_CODE, f->code, fmt->text);
        pxl_report_string(report, ws, row, COL_MESSAGE, message, fmt->text);
        /* Every wrapped cell of the row counts: a long file name or code wraps as a message does. */
        const char *texts[COL_COUNT] = {file, sheet, "", severity_text(f->severity), f->code, message};
        unsigned lines = 1;
        for (int c = 0; c < COL_COUNT; c++) {
            pxl_text_weight weight = c == COL_SEVERITY && f->severity == PXL_SEVERITY_ERROR ? PXL_TEXT_BOLD
                                                                                           : PXL_TEXT_REGULAR;
            unsigned need = pxl_text_lines_in(texts[c], WIDTHS[c], weight);
            if (need > lines)
                lines = need;
        }
        if (lines > 1)
            pxl_report_lxw(report, worksheet_set_row(ws, row, pxl_row_height_points(lines), NULL), "a row height");
    }
    if (count > 0)
        pxl_report_lxw(report, worksheet_autofilter(ws, ROW_HEADER, 0, row - 1, COL_COUNT - 1), "the filter");
    worksheet_freeze_panes(ws, ROW_HEADER + 1, 0);
    pxl_report_print_setup(report, ws, ROW_HEADER);
}
