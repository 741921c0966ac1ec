/* Writing one plan value into a report cell: numbers as numbers, words as written. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

/* Excel holds at most 32 767 characters in a cell ("Excel specifications and limits"); libxlsxwriter
 * 1.1.4 refuses a longer string (LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) rather than cut it. */
#define CELL_TEXT_MAX 32767
/* The most decimals a KPI keeps from its text (pxl_report_formats.kpi_number has 0–6). */
#define KPI_DECIMALS_MAX 6

void pxl_report_lxw(pxl_report *report, lxw_error error, const char *where)
{
    if (error != LXW_NO_ERROR && report->error == LXW_NO_ERROR) {
        report->error = error;
        report->error_where = where;
    }
}

void pxl_report_string(pxl_report *report, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const char *text, lxw_format *format)
{
    if (!text || !*text) {
        pxl_report_lxw(report, worksheet_write_blank(ws, row, col, format), "a blank cell");
        return;
    }
    /* Count characters; cut a longer text at a character boundary (the plan keeps the original). */
    size_t chars = 0, bytes = 0;
    for (; text[bytes]; bytes++)
        if (((unsigned char)text[bytes] & 0xC0) != 0x80 && ++chars > CELL_TEXT_MAX)
            break;
    if (!text[bytes]) {
        pxl_report_lxw(report, worksheet_write_string(ws, row, col, text, format), "a text cell");
        return;
    }
    char *cut = malloc(bytes + 1);
    if (!cut) {
        pxl_report_lxw(report, LXW_ERROR_MEMORY_MALLOC_FAILED, "a long text cell");
        return;
    }
    memcpy(cut, text, bytes);
    cut[bytes] = '\0';
    pxl_report_lxw(report, worksheet_write_string(ws, row, col, cut, format), "a long text cell");
    free(cut);
}

int pxl_report_amount_counts(const pxl_value *value)
{
    return value->kind == PXL_VALUE_NUMBER && isfinite(value->number);
}

void pxl_report_amount(pxl_report *report, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const pxl_value *value)
{
    /* A number stored as text ("1 650") is written as a number, so that Excel's SUM, which skips
     * text, adds what the plan means. Anything else is shown as written and marked, and the SUM
     * (and its cached value) leaves it out; the Kontroller sheet says why. */
    if (pxl_report_amount_counts(value))
        pxl_report_lxw(report, worksheet_write_number(ws, row, col, value->number, report->fmt.amount),
                       "an amount");
    else if (value->kind == PXL_VALUE_MISSING || !value->text || !*value->text)
        pxl_report_lxw(report, worksheet_write_blank(ws, row, col, report->fmt.amount), "an amount");
    else
        pxl_report_string(report, ws, row, col, value->text, report->fmt.amount_invalid);
}

/* The decimals written in @p text ("34,8" → 1, "73,9 %" → 1, "1 650" → 0), or -1 when it shows none. */
static int text_decimals(const char *text)
{
    if (!text)
        return -1;
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '%'))
        n--;
    size_t digits = 0;
    while (n > 0 && text[n - 1] >= '0' && text[n - 1] <= '9') {
        n--;
        digits++;
    }
    if (digits == 0)
        return -1;
    if (n > 0 && (text[n - 1] == ',' || text[n - 1] == '.'))
        return digits > KPI_DECIMALS_MAX ? KPI_DECIMALS_MAX : (int)digits;
    return 0;
}

/* The fewest decimals (at most KPI_DECIMALS_MAX) that show @p x as it is. */
static int needed_decimals(double x)
{
    double scale = 1;
    for (int d = 0; d < KPI_DECIMALS_MAX; d++, scale *= 10)
        if (fabs(x * scale - nearbyint(x * scale)) < 1e-9 * scale)
            return d;
    return KPI_DECIMALS_MAX;
}

/* The largest fraction shown as a percent when only the other value of its KPI says it is one. */
#define PERCENT_FRACTION_MAX 1.5

void pxl_report_kpi_value(pxl_report *report, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                          const pxl_value *value, const pxl_value *other)
{
    const pxl_report_formats *fmt = &report->fmt;
    int decimals, percent = value->kind == PXL_VALUE_PERCENT;
    switch (value->kind) {
    case PXL_VALUE_NUMBER:
    case PXL_VALUE_PERCENT:
        if (!isfinite(value->number))
            break;
        /* Excel stores "54 %" typed into a cell as the number 0.54 with a percent format, which the
         * grid does not carry (pxl_cell has no format). Beside a target of "100 %", a numeric cell
         * holding 0.54 is that percent: only its look changes, never the value. */
        if (!percent && !value->stored_as_text && other && other->kind == PXL_VALUE_PERCENT &&
            fabs(value->number) <= PERCENT_FRACTION_MAX && value->number != 0) {
            percent = 1;
            decimals = needed_decimals(value->number * 100);
        } else {
            decimals = text_decimals(value->text);
            if (percent)
                decimals = decimals >= 0 ? decimals : needed_decimals(value->number * 100);
            else if (decimals < 0 || (!value->stored_as_text && decimals < needed_decimals(value->number)))
                decimals = needed_decimals(value->number); /* a numeric cell shows what it holds */
        }
        pxl_report_lxw(report,
                       worksheet_write_number(ws, row, col, value->number,
                                              percent ? fmt->kpi_percent[decimals] : fmt->kpi_number[decimals]),
                       "a KPI value");
        return;
    case PXL_VALUE_MISSING:
        pxl_report_lxw(report, worksheet_write_blank(ws, row, col, fmt->kpi_text), "a KPI value");
        return;
    default:
        break;
    }
    /* Words (Öka, Minska), free text and unreadable numbers: as written. */
    pxl_report_string(report, ws, row, col, value->text, fmt->kpi_text);
}

void pxl_report_quote_sheet(char *buf, size_t size, const char *sheet)
{
    /* A sheet reference in a formula is quoted when the name has anything but letters and digits;
     * quoting always is valid, and a quote inside the name is doubled (ECMA-376 Part 1, 18.17.2.3). */
    size_t n = 0;
    if (size < 3) {
        if (size)
            buf[0] = '\0';
        return;
    }
    buf[n++] = '\'';
    for (const char *p = sheet; *p && n + 3 < size; p++) {
        if (*p == '\'')
            buf[n++] = '\'';
        buf[n++] = *p;
    }
    buf[n++] = '\'';
    buf[n] = '\0';
}
