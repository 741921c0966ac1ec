/* How the committee workbook looks: cell formats and the page setup for printing. */
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

/* Excel's page header and footer hold at most 255 characters (ECMA-376 Part 1, 18.3.1.39 oddHeader:
 * ST_Xstring limited by Excel; libxlsxwriter 1.1.4 refuses longer with LXW_HEADER_FOOTER_MAX). */
#define HEADER_MAX LXW_HEADER_FOOTER_MAX
/* Paper size code 9 is A4 (ECMA-376 Part 1, 18.3.1.63 pageSetup, paperSize). */
#define PAPER_A4 9

/* Colours a finance office uses for table headers and rules: muted, and readable in black and white. */
#define COLOR_HEADER_FILL 0xDDE5F0
#define COLOR_BORDER 0xA6A6A6
#define COLOR_INVALID_FILL 0xFFE699
#define COLOR_DECLARED 0x7F6000

/* Thousands separator, no decimals, a negative amount red and with a minus sign so that it shows in
 * print too. The separator is the reader's: Swedish Excel shows "17 170". */
#define NUM_AMOUNT "#,##0;[Red]-#,##0"

static lxw_format *bordered(lxw_workbook *wb)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, COLOR_BORDER);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

static lxw_format *total_rule(lxw_workbook *wb, int grand)
{
    lxw_format *f = bordered(wb);
    format_set_bold(f);
    format_set_top(f, grand ? LXW_BORDER_DOUBLE : LXW_BORDER_THIN);
    format_set_top_color(f, LXW_COLOR_BLACK);
    return f;
}

void pxl_report_formats_init(pxl_report *report)
{
    lxw_workbook *wb = report->wb;
    pxl_report_formats *fmt = &report->fmt;

    fmt->title = workbook_add_format(wb);
    format_set_bold(fmt->title);
    format_set_font_size(fmt->title, 14);

    fmt->subtitle = workbook_add_format(wb);
    format_set_italic(fmt->subtitle);

    fmt->header = bordered(wb);
    format_set_bold(fmt->header);
    format_set_text_wrap(fmt->header);
    format_set_bg_color(fmt->header, COLOR_HEADER_FILL);
    format_set_bottom(fmt->header, LXW_BORDER_MEDIUM);
    format_set_bottom_color(fmt->header, LXW_COLOR_BLACK);

    fmt->header_amount = bordered(wb);
    format_set_bold(fmt->header_amount);
    format_set_text_wrap(fmt->header_amount);
    format_set_bg_color(fmt->header_amount, COLOR_HEADER_FILL);
    format_set_bottom(fmt->header_amount, LXW_BORDER_MEDIUM);
    format_set_bottom_color(fmt->header_amount, LXW_COLOR_BLACK);
    format_set_align(fmt->header_amount, LXW_ALIGN_RIGHT);

    fmt->text = bordered(wb);
    format_set_text_wrap(fmt->text);

    fmt->text_bold = bordered(wb);
    format_set_text_wrap(fmt->text_bold);
    format_set_bold(fmt->text_bold);

    fmt->text_italic = bordered(wb);
    format_set_text_wrap(fmt->text_italic);
    format_set_italic(fmt->text_italic);
    format_set_font_color(fmt->text_italic, COLOR_DECLARED);

    fmt->measure = bordered(wb);
    format_set_text_wrap(fmt->measure);
    format_set_bold(fmt->measure);
    format_set_top(fmt->measure, LXW_BORDER_MEDIUM);
    format_set_top_color(fmt->measure, LXW_COLOR_BLACK);

    fmt->measure_text = bordered(wb);
    format_set_text_wrap(fmt->measure_text);
    format_set_top(fmt->measure_text, LXW_BORDER_MEDIUM);
    format_set_top_color(fmt->measure_text, LXW_COLOR_BLACK);

    fmt->count = bordered(wb);
    format_set_num_format(fmt->count, "#,##0");

    fmt->amount = bordered(wb);
    format_set_num_format(fmt->amount, NUM_AMOUNT);

    fmt->amount_invalid = bordered(wb);
    format_set_align(fmt->amount_invalid, LXW_ALIGN_RIGHT);
    format_set_bg_color(fmt->amount_invalid, COLOR_INVALID_FILL);

    fmt->amount_total = total_rule(wb, 0);
    format_set_num_format(fmt->amount_total, NUM_AMOUNT);

    fmt->amount_declared = bordered(wb);
    format_set_num_format(fmt->amount_declared, NUM_AMOUNT);
    format_set_italic(fmt->amount_declared);
    format_set_font_color(fmt->amount_declared, COLOR_DECLARED);

    fmt->label_total = total_rule(wb, 0);

    fmt->grand_label = total_rule(wb, 1);
    format_set_text_wrap(fmt->grand_label); /* "Totalt <a long area name>" */
    fmt->grand_amount = total_rule(wb, 1);
    format_set_num_format(fmt->grand_amount, NUM_AMOUNT);
    fmt->grand_count = total_rule(wb, 1);
    format_set_num_format(fmt->grand_count, "#,##0");

    fmt->kpi_text = bordered(wb);
    format_set_text_wrap(fmt->kpi_text);
    format_set_align(fmt->kpi_text, LXW_ALIGN_RIGHT);

    /* A KPI keeps the decimals it was written with: "34,8" stays 34,8 and "95 %" stays 95 %. */
    static const char *const number_formats[7] = {"#,##0", "#,##0.0", "#,##0.00", "#,##0.000",
                                                  "#,##0.0000", "#,##0.00000", "#,##0.000000"};
    static const char *const percent_formats[7] = {"0%", "0.0%", "0.00%", "0.000%",
                                                   "0.0000%", "0.00000%", "0.000000%"};
    for (int i = 0; i < 7; i++) {
        fmt->kpi_number[i] = bordered(wb);
        format_set_num_format(fmt->kpi_number[i], number_formats[i]);
        fmt->kpi_percent[i] = bordered(wb);
        format_set_num_format(fmt->kpi_percent[i], percent_formats[i]);
    }

    fmt->datetime = workbook_add_format(wb);
    format_set_num_format(fmt->datetime, "yyyy-mm-dd hh:mm");
    format_set_align(fmt->datetime, LXW_ALIGN_LEFT);
    format_set_align(fmt->datetime, LXW_ALIGN_VERTICAL_TOP);

    fmt->note = workbook_add_format(wb);
    format_set_text_wrap(fmt->note);
    format_set_align(fmt->note, LXW_ALIGN_VERTICAL_TOP);

    fmt->mono = bordered(wb);
    format_set_font_name(fmt->mono, "Courier New");
    format_set_font_size(fmt->mono, 9);

    fmt->status = bordered(wb);
    format_set_bold(fmt->status);
    format_set_align(fmt->status, LXW_ALIGN_CENTER);
    /* wrapped, so a word wider than its column never spills past the table and shrinks the print */
    format_set_text_wrap(fmt->status);
    /* Excel's own "good", "bad" and "neutral" cell styles' colours. */
    static const struct {
        lxw_color_t fill, font;
    } lights[3] = {{0xC6EFCE, 0x006100}, {0xFFC7CE, 0x9C0006}, {0xEDEDED, 0x3F3F3F}};
    lxw_format **light[3] = {&fmt->status_achieved, &fmt->status_not_achieved, &fmt->status_not_assessable};
    for (int i = 0; i < 3; i++) {
        *light[i] = workbook_add_format(wb);
        format_set_bg_color(*light[i], lights[i].fill);
        format_set_font_color(*light[i], lights[i].font);
    }

    fmt->link = workbook_add_format(wb);
    format_set_underline(fmt->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(fmt->link, LXW_COLOR_BLUE);
    format_set_border(fmt->link, LXW_BORDER_THIN);
    format_set_border_color(fmt->link, COLOR_BORDER);
    format_set_align(fmt->link, LXW_ALIGN_VERTICAL_TOP);
}

/* Append @p text to @p buf with '&' doubled: in a page header '&' starts a code (ECMA-376 Part 1,
 * 18.3.1.39). Stops at a whole UTF-8 character before the buffer is full. */
static void append_header_text(char *buf, size_t size, const char *text)
{
    size_t n = strlen(buf);
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        size_t len = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
        size_t need = *p == '&' ? 2 : len;
        if (n + need + 1 > size)
            break;
        if (*p == '&')
            buf[n++] = '&';
        for (size_t i = 0; i < len && p[i]; i++)
            buf[n++] = (char)p[i];
        p += len;
    }
    buf[n] = '\0';
}

static size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void pxl_report_print_setup(pxl_report *report, lxw_worksheet *ws, lxw_row_t header_row)
{
    worksheet_set_paper(ws, PAPER_A4);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0); /* one page wide, as many long as it takes */
    /* 1 cm left and right (most printers print to 5 mm of the edge): the width the table needs to
     * print its body text at 8 pt or more (area.c). */
    worksheet_set_margins(ws, 0.4, 0.4, 0.75, 0.75);
    pxl_report_lxw(report, worksheet_repeat_rows(ws, header_row, header_row), "the rows repeated on each page");

    /* "&L title – committee &R period": the plan's own words, so a loose page still says what it is. */
    const pxl_plan *plan = report->plan;
    char left[HEADER_MAX + 1] = "", right[64] = "";
    append_header_text(left, 120, pxl_plan_title(plan)[0] ? pxl_plan_title(plan) : "Åtgärdsplan");
    if (pxl_plan_committee(plan)[0]) {
        append_header_text(left, 200, " – ");
        append_header_text(left, 200, pxl_plan_committee(plan));
    }
    if (pxl_plan_period(plan)[0]) {
        append_header_text(right, sizeof right, "Period ");
        append_header_text(right, sizeof right, pxl_plan_period(plan));
    }
    char header[HEADER_MAX * 4 + 1];
    snprintf(header, sizeof header, "&L%s&C&A&R%s", left, right);
    /* The limit counts characters; the buffers above keep well inside it. */
    if (utf8_length(header) <= HEADER_MAX)
        pxl_report_lxw(report, worksheet_set_header(ws, header), "the page header");
    pxl_report_lxw(report, worksheet_set_footer(ws, "&LSkapad med planxl&CSida &P av &N"), "the page footer");
}
