/*
 * A sheet's layout into libxlsxwriter (convert_layout.h). libxlsxwriter 1.1.4 writes the
 * columns, the default row and the window when it assembles the sheet, so they may come
 * at any time before workbook_close; in constant-memory mode a row's height must come
 * before its first cell, and a row without cells in its place among the others.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/error_internal.h"
#include "read/grid_internal.h"
#include "convert_layout.h"

/* libxlsxwriter 1.1.4 (worksheet.c) counts widths in pixels of its default font:
 * 7 pixels a character plus 5 of padding; a width under 1 character is 12 pixels
 * a character. A .xls width (1/256 character, the padding included) is pixels / 7. */
#define LXW_DIGIT_PX 7
#define LXW_PADDING_PX 5
#define LXW_NARROW_PX (LXW_DIGIT_PX + LXW_PADDING_PX)
/* The .xlsx default: Excel's 8.43 characters, 64 pixels, and libxlsxwriter's 15 points. */
#define XLSX_DEFAULT_COL_PX 64
#define XLSX_DEFAULT_ROW_TWIPS 300
/* Excel 97-2003's row height for its default font, when a sheet does not say (twips). */
#define XLS_DEFAULT_ROW_TWIPS 255
/* Excel rounds a default column width up to a multiple of 8 pixels. */
#define DEFAULT_COL_ROUND_PX 8
#define XLS_COLS 256
/* libxlsxwriter's split panes (worksheet.c _calculate_x_split_width, _write_pane):
 * ySplit = 20 * points + 300; xSplit = 20 * (pixels * 3 / 4, truncated) + 390. */
#define Y_SPLIT_BASE 300
#define X_SPLIT_BASE 390
#define TWIPS_PER_POINT 20.0

double pxl_convert_col_width(unsigned width256)
{
    long px = lround(width256 * (double)LXW_DIGIT_PX / 256.0);
    if (px <= 0)
        return 0;
    if (px < LXW_NARROW_PX)
        return (double)px / LXW_NARROW_PX;
    /* the middle of the pixel, so that libxlsxwriter's rounding lands on it */
    return (double)(px - LXW_PADDING_PX) / LXW_DIGIT_PX;
}

/* The width in pixels of a column no COLINFO covers. */
static long default_col_px(const pxl_sheet_layout *l)
{
    if (l->default_width)
        return lround(l->default_width * (double)LXW_DIGIT_PX / 256.0);
    if (l->default_chars) {
        long px = (long)l->default_chars * LXW_DIGIT_PX + LXW_PADDING_PX;
        return (px + DEFAULT_COL_ROUND_PX - 1) / DEFAULT_COL_ROUND_PX * DEFAULT_COL_ROUND_PX;
    }
    return XLSX_DEFAULT_COL_PX;
}

static lxw_error write_cols(lxw_worksheet *ws, const pxl_sheet_layout *l)
{
    unsigned char covered[XLS_COLS];
    memset(covered, 0, sizeof covered);
    for (size_t i = 0; i < l->col_count; i++) {
        const pxl_col_layout *c = &l->cols[i];
        lxw_row_col_options opt = { .hidden = c->hidden, .level = c->level, .collapsed = 0 };
        lxw_error e = worksheet_set_column_opt(ws, c->first, c->last, pxl_convert_col_width(c->width), NULL, &opt);
        if (e != LXW_NO_ERROR)
            return e;
        for (unsigned k = c->first; k <= c->last && k < XLS_COLS; k++)
            covered[k] = 1;
    }
    /* libxlsxwriter 1.1.4 cannot set <sheetFormatPr defaultColWidth>: a default width of
     * the .xls's own goes to each column of the .xls's 256 that no COLINFO sets */
    long px = default_col_px(l);
    if (px == XLSX_DEFAULT_COL_PX)
        return LXW_NO_ERROR;
    unsigned width256 = (unsigned)(px * 256 / LXW_DIGIT_PX);
    for (unsigned k = 0; k < XLS_COLS;) {
        if (covered[k]) {
            k++;
            continue;
        }
        unsigned last = k;
        while (last + 1 < XLS_COLS && !covered[last + 1])
            last++;
        lxw_error e = worksheet_set_column(ws, k, last, pxl_convert_col_width(width256), NULL);
        if (e != LXW_NO_ERROR)
            return e;
        k = last + 1;
    }
    return LXW_NO_ERROR;
}

static void write_print(lxw_worksheet *ws, const pxl_print_setup *p);

static void write_panes(lxw_worksheet *ws, const pxl_sheet_layout *l)
{
    if (l->pane == PXL_PANE_FROZEN) {
        /* The bottom-right pane cannot start inside the frozen part. Without frozen columns
         * PANE's colLeft means nothing (writers leave 64 there), nor rwTop without frozen
         * rows: the window's own first cell then. */
        uint32_t top = l->pane_y ? l->pane_top_row : l->top_row;
        uint32_t left = l->pane_x ? l->pane_left_col : l->left_col;
        if (top < l->pane_y)
            top = l->pane_y;
        if (left < l->pane_x)
            left = l->pane_x;
        worksheet_freeze_panes_opt(ws, l->pane_y, (lxw_col_t)l->pane_x, top, (lxw_col_t)left, 0);
    } else if (l->pane == PXL_PANE_SPLIT) {
        double vertical = l->pane_y > Y_SPLIT_BASE ? (l->pane_y - Y_SPLIT_BASE) / TWIPS_PER_POINT : 0;
        double horizontal = 0;
        if (l->pane_x > X_SPLIT_BASE) {
            /* to the pixel whose three quarters make the split's points */
            double points = round((l->pane_x - X_SPLIT_BASE) / TWIPS_PER_POINT);
            long px = (long)ceil(points * 4.0 / 3.0);
            horizontal = px < LXW_NARROW_PX ? (double)px / LXW_NARROW_PX
                                            : (double)(px - LXW_PADDING_PX) / LXW_DIGIT_PX;
        }
        if (vertical > 0 || horizontal > 0)
            worksheet_split_panes_opt(ws, vertical, horizontal, l->pane_top_row, (lxw_col_t)l->pane_left_col);
    }
}

lxw_error pxl_convert_layout_sheet(lxw_worksheet *ws, const pxl_sheet_layout *l, int hidden)
{
    if (hidden)
        worksheet_hide(ws);
    if (!l)
        return LXW_NO_ERROR;
    lxw_error e = write_cols(ws, l);
    if (e != LXW_NO_ERROR)
        return e;
    unsigned row_twips = l->default_height ? l->default_height : XLS_DEFAULT_ROW_TWIPS;
    if (row_twips != XLSX_DEFAULT_ROW_TWIPS || l->default_hidden)
        worksheet_set_default_row(ws, row_twips / TWIPS_PER_POINT, l->default_hidden);
    /* libxlsxwriter's options are bits: screen 1, print 2 */
    uint8_t grid = (uint8_t)((!l->has_window || l->gridlines ? LXW_SHOW_SCREEN_GRIDLINES : 0) |
                             (l->print.print_gridlines ? LXW_SHOW_PRINT_GRIDLINES : 0));
    if (grid != LXW_SHOW_SCREEN_GRIDLINES)
        worksheet_gridlines(ws, grid);
    if (l->zoom && l->zoom != 100)
        worksheet_set_zoom(ws, l->zoom);
    if (l->has_tab_color)
        worksheet_set_tab_color(ws, (lxw_color_t)l->tab_color);
    write_panes(ws, l);
    write_print(ws, &l->print);
    if (l->has_selection) {
        const pxl_range *r = &l->selection;
        /* libxlsxwriter makes a range's first cell the active one */
        if (r->first_row == l->active_row && r->first_col == l->active_col)
            worksheet_set_selection(ws, r->first_row, (lxw_col_t)r->first_col, r->last_row, (lxw_col_t)r->last_col);
        else
            worksheet_set_selection(ws, l->active_row, (lxw_col_t)l->active_col, l->active_row,
                                    (lxw_col_t)l->active_col);
    }
    return LXW_NO_ERROR;
}

lxw_error pxl_convert_layout_rows(lxw_worksheet *ws, const pxl_sheet_layout *l, size_t *next, uint32_t upto)
{
    if (!l)
        return LXW_NO_ERROR;
    unsigned deflt = l->default_height ? l->default_height : XLS_DEFAULT_ROW_TWIPS;
    while (*next < l->row_count && l->rows[*next].row <= upto) {
        const pxl_row_layout *r = &l->rows[(*next)++];
        /* a row 0 high is hidden; a hidden row keeps the height it has when shown again */
        lxw_row_col_options opt = { .hidden = r->hidden || !r->height, .level = r->level, .collapsed = 0 };
        double height = (r->height ? r->height : deflt) / TWIPS_PER_POINT;
        /* libxlsxwriter 1.1.4 leaves out a height of exactly its own default, 15 points, even
         * on a sheet whose default row is another: a hair above still prints as "15" */
        if (height == XLSX_DEFAULT_ROW_TWIPS / TWIPS_PER_POINT && deflt != XLSX_DEFAULT_ROW_TWIPS)
            height = nextafter(height, 2 * height);
        lxw_error e = worksheet_set_row_opt(ws, r->row, height, NULL, &opt);
        if (e != LXW_NO_ERROR)
            return e;
    }
    return LXW_NO_ERROR;
}

static int sheet_hidden(const pxl_grid *grid, size_t i)
{
    pxl_sheet_state state = pxl_grid_sheet_state(grid, i);
    return state == PXL_SHEET_HIDDEN || state == PXL_SHEET_VERY_HIDDEN;
}

size_t pxl_convert_active_sheet(const pxl_grid *grid)
{
    size_t count = pxl_grid_sheet_count(grid), active;
    if (pxl_grid_active_sheet(grid, &active) && active < count && !sheet_hidden(grid, active))
        return active;
    for (size_t i = 0; i < count; i++)
        if (!sheet_hidden(grid, i))
            return i;
    return 0; /* Excel opens no workbook without a visible sheet */
}

int pxl_convert_sheet_hidden(const pxl_grid *grid, size_t index)
{
    return sheet_hidden(grid, index) && index != pxl_convert_active_sheet(grid);
}

pxl_error pxl_convert_layout_collect(pxl_grid *grid, uint32_t offset, pxl_convert_extras *x)
{
    memset(x, 0, sizeof *x);
    size_t count = pxl_grid_sheet_count(grid), merges = 0, hidden = 0;
    int reads = pxl_grid_reads_merges(grid);
    for (size_t i = 0; i < count; i++) {
        const pxl_range *ranges;
        size_t n = 0;
        if (reads) {
            pxl_error e = pxl_grid_sheet_merges(grid, i, &ranges, &n);
            if (e != PXL_OK)
                return e;
        }
        merges += n;
        hidden += pxl_grid_sheet_state(grid, i) == PXL_SHEET_VERY_HIDDEN;
    }
    if ((merges && !(x->merges = malloc(merges * sizeof *x->merges))) ||
        (hidden && !(x->very_hidden = malloc(hidden * sizeof *x->very_hidden)))) {
        pxl_convert_extras_free(x);
        return pxl_fail_nomem();
    }
    for (size_t i = 0; i < count; i++) {
        const pxl_range *ranges;
        size_t n = 0;
        if (reads && pxl_grid_sheet_merges(grid, i, &ranges, &n) != PXL_OK)
            n = 0; /* read above already */
        for (size_t k = 0; k < n; k++)
            x->merges[x->merge_count++] = (pxl_xlsx_merge){ offset + (uint32_t)i, ranges[k] };
        if (pxl_grid_sheet_state(grid, i) == PXL_SHEET_VERY_HIDDEN && pxl_convert_active_sheet(grid) != i)
            x->very_hidden[x->very_hidden_count++] = offset + (uint32_t)i;
    }
    return PXL_OK;
}

void pxl_convert_extras_free(pxl_convert_extras *x)
{
    free(x->merges);
    free(x->very_hidden);
    memset(x, 0, sizeof *x);
}

/* Margins below zero are libxlsxwriter's "the default". */
#define DEFAULT_MARGIN -1.0

/* Excel's limit on a header's characters, which libxlsxwriter 1.1.4 checks too. */
#define HEADER_MAX_CHARS 255

/*
 * A header or footer as libxlsxwriter 1.1.4 takes it, into @p out: without its pictures (&G,
 * &[Picture]: images are not carried), or 0 when it cannot take it. 1.1.4 refuses a header
 * whose picture codes it has no images for, and then frees memory twice on closing: nothing
 * it would refuse may reach it.
 */
static int header_text(const char *in, char *out)
{
    size_t n = 0, chars = 0;
    for (size_t i = 0; in[i];) {
        if (in[i] == '&' && in[i + 1] == '&') {
            out[n++] = in[i++];
            out[n++] = in[i++];
        } else if (in[i] == '&' && in[i + 1] == 'G') {
            i += 2;
        } else if (strncmp(in + i, "&[Picture]", 10) == 0) {
            i += 10;
        } else {
            out[n++] = in[i++];
        }
    }
    out[n] = '\0';
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)out[i] & 0xC0) != 0x80;
    /* a literal "&&G" still reads as a picture to 1.1.4 */
    return out[0] && chars <= HEADER_MAX_CHARS && !strstr(out, "&G") && !strstr(out, "&[Picture]");
}

static void write_print(lxw_worksheet *ws, const pxl_print_setup *p)
{
    char text[PXL_HEADER_MAX];
    if (p->has_setup) {
        if (p->landscape)
            worksheet_set_landscape(ws);
        if (p->paper)
            worksheet_set_paper(ws, (uint8_t)(p->paper > UINT8_MAX ? 0 : p->paper));
        if (!p->fit && p->scale >= 10 && p->scale <= 400 && p->scale != 100)
            worksheet_set_print_scale(ws, p->scale);
    }
    if (p->fit)
        worksheet_fit_to_pages(ws, p->fit_width, p->fit_height);
    if (p->first_page)
        worksheet_set_start_page(ws, p->first_page);
    if (p->has_margin[0] || p->has_margin[1] || p->has_margin[2] || p->has_margin[3])
        worksheet_set_margins(ws, p->has_margin[0] ? p->margin[0] : DEFAULT_MARGIN,
                              p->has_margin[1] ? p->margin[1] : DEFAULT_MARGIN,
                              p->has_margin[2] ? p->margin[2] : DEFAULT_MARGIN,
                              p->has_margin[3] ? p->margin[3] : DEFAULT_MARGIN);
    if (header_text(p->header, text)) {
        lxw_header_footer_options o = {.margin = p->has_hf_margins ? p->header_margin : 0};
        worksheet_set_header_opt(ws, text, &o);
    }
    if (header_text(p->footer, text)) {
        lxw_header_footer_options o = {.margin = p->has_hf_margins ? p->footer_margin : 0};
        worksheet_set_footer_opt(ws, text, &o);
    }
    if (p->center_h)
        worksheet_center_horizontally(ws);
    if (p->center_v)
        worksheet_center_vertically(ws);
    if (p->print_headings)
        worksheet_print_row_col_headers(ws);
}

/* A1-style reference part: "$A$1", "$A", "$1"; *row or *col UINT32_MAX when absent. */
static const char *parse_ref(const char *p, uint32_t *row, uint32_t *col)
{
    uint32_t c = 0, r = 0;
    int letters = 0, digits = 0;
    if (*p == '$')
        p++;
    while (*p >= 'A' && *p <= 'Z' && letters < 4) {
        c = c * 26 + (uint32_t)(*p++ - 'A' + 1);
        letters++;
    }
    if (*p == '$')
        p++;
    while (*p >= '0' && *p <= '9' && digits < 8) {
        r = r * 10 + (uint32_t)(*p++ - '0');
        digits++;
    }
    if ((!letters && !digits) || (digits && r == 0))
        return NULL;
    *col = letters ? c - 1 : UINT32_MAX;
    *row = digits ? r - 1 : UINT32_MAX;
    return p;
}

/* One area of a print name's formula ("Sheet1!$A$1:$D$20", "'A b'!$1:$2"), ended by ',' or
 * NUL; a whole row or column is UINT32_MAX in the other coordinate. */
static const char *parse_area(const char *p, pxl_range *r)
{
    const char *end = p;
    int quoted = 0;
    while (*end && (quoted || *end != ',')) {
        if (*end == '\'')
            quoted = !quoted;
        end++;
    }
    const char *bang = NULL;
    for (const char *q = p; q < end; q++)
        if (*q == '!')
            bang = q;
    p = bang ? bang + 1 : p;
    uint32_t r1, c1, r2, c2;
    if (!(p = parse_ref(p, &r1, &c1)))
        return NULL;
    if (*p == ':') {
        if (!(p = parse_ref(p + 1, &r2, &c2)))
            return NULL;
    } else {
        r2 = r1;
        c2 = c1;
    }
    if (p != end || (r1 == UINT32_MAX) != (r2 == UINT32_MAX) || (c1 == UINT32_MAX) != (c2 == UINT32_MAX))
        return NULL;
    *r = (pxl_range){ r1, c1, r2, c2 };
    return *end ? end + 1 : end;
}

int pxl_convert_print_name(lxw_worksheet *ws, const char *name, const char *formula)
{
    int area = strcmp(name, "Print_Area") == 0;
    int filter = strcmp(name, "_FilterDatabase") == 0; /* an autofilter's range: its buttons */
    if (!area && !filter && strcmp(name, "Print_Titles") != 0)
        return 0;
    area |= filter;
    pxl_range r[2];
    size_t n = 0;
    for (const char *p = formula; p && *p && n <= 2;) {
        if (n == 2)
            return -1; /* more than Excel writes, or libxlsxwriter can */
        p = parse_area(p, &r[n]);
        if (!p)
            return -1;
        n++;
    }
    if (!n || (area && n != 1))
        return -1;
    if (area) {
        uint32_t fr = r[0].first_row, lr = r[0].last_row, fc = r[0].first_col, lc = r[0].last_col;
        if (fr == UINT32_MAX) { /* whole columns */
            fr = 0;
            lr = LXW_ROW_MAX - 1;
        }
        if (fc == UINT32_MAX) { /* whole rows */
            fc = 0;
            lc = LXW_COL_MAX - 1;
        }
        if (filter)
            return worksheet_autofilter(ws, fr, (lxw_col_t)fc, lr, (lxw_col_t)lc) == LXW_NO_ERROR ? 1 : -1;
        return worksheet_print_area(ws, fr, (lxw_col_t)fc, lr, (lxw_col_t)lc) == LXW_NO_ERROR ? 1 : -1;
    }
    for (size_t i = 0; i < n; i++) {
        lxw_error e;
        if (r[i].first_col == UINT32_MAX)
            e = worksheet_repeat_rows(ws, r[i].first_row, r[i].last_row);
        else if (r[i].first_row == UINT32_MAX)
            e = worksheet_repeat_columns(ws, (lxw_col_t)r[i].first_col, (lxw_col_t)r[i].last_col);
        else
            return -1; /* titles are whole rows or columns */
        if (e != LXW_NO_ERROR)
            return -1;
    }
    return 1;
}

lxw_error pxl_convert_layout_notes(lxw_worksheet *ws, const pxl_sheet_layout *l)
{
    for (size_t i = 0; l && i < l->note_count; i++) {
        const pxl_note *n = &l->notes[i];
        if (n->text >= l->note_text_len || n->author >= l->note_text_len || n->col >= LXW_COL_MAX)
            continue;
        char *author = l->note_text + n->author;
        lxw_comment_options o = {.author = author[0] ? author : NULL,
                                 .visible = n->shown ? LXW_COMMENT_DISPLAY_VISIBLE : LXW_COMMENT_DISPLAY_DEFAULT};
        lxw_error e = worksheet_write_comment_opt(ws, n->row, (lxw_col_t)n->col, l->note_text + n->text, &o);
        if (e != LXW_NO_ERROR)
            return e;
    }
    return LXW_NO_ERROR;
}
