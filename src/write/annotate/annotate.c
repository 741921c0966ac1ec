/*
 * The annotated copy of a checked workbook (issue 14): the workbook as convert writes
 * it, a first sheet "Kontroller" listing the findings with a link to each cell, and at
 * each finding's cell a comment and a mark. The unit's staff fix their plan where they
 * work, in Excel, in Swedish — so the copy is Swedish whatever the locale.
 *
 * The mark is a conditional format that always applies (formula TRUE) rather than a
 * cell format: it lies over the cell's own look, which convert keeps, without a second
 * format per cell; and in libxlsxwriter's constant-memory mode comments and conditional
 * formats may be written before the sheet's rows, which is when the hook runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <xlsxwriter.h>

#include "planxl/annotate.h"
#include "util/error_internal.h"
#include "util/number_text.h"
#include "write/convert/convert_hooks.h"

#define KONTROLLER "Kontroller"
/* libxlsxwriter 1.1.4 refuses more links on one sheet (LXW_MAX_NUMBER_URLS) */
#define MAX_LINKS 65530

enum column { COL_SEVERITY, COL_CODE, COL_SHEET, COL_CELL, COL_MESSAGE, COL_EXPECTED, COL_COUNT };
static const double WIDTHS[COL_COUNT] = {12, 22, 18, 8, 90, 16};
#define ROW_TITLE 0
#define ROW_SUMMARY 1
#define ROW_HEADER 3

typedef struct annotate {
    const char *in;
    const char *out;
    const pxl_findings *findings;
    size_t *mine;              /* indexes of the findings about @c in, in their sorted order */
    size_t mine_count;
    lxw_format *title, *header, *text, *link, *amount, *amount_decimals;
    lxw_format *mark_error, *mark_warning;
} annotate;

static const char *severity_word(pxl_severity s)
{
    return s == PXL_SEVERITY_ERROR ? "Fel" : s == PXL_SEVERITY_WARNING ? "Varning" : "Information";
}

static pxl_error lxw_failed(const annotate *a, lxw_error e, const char *what)
{
    return pxl_fail(PXL_ERR_WRITE, "%s: could not write %s of the annotated copy: %s", a->out, what, lxw_strerror(e));
}

static int make_formats(annotate *a, lxw_workbook *wb)
{
    a->title = workbook_add_format(wb);
    a->header = workbook_add_format(wb);
    a->text = workbook_add_format(wb);
    a->link = workbook_add_format(wb);
    a->amount = workbook_add_format(wb);
    a->amount_decimals = workbook_add_format(wb);
    a->mark_error = workbook_add_format(wb);
    a->mark_warning = workbook_add_format(wb);
    if (!a->title || !a->header || !a->text || !a->link || !a->amount || !a->amount_decimals || !a->mark_error ||
        !a->mark_warning)
        return -1;
    format_set_bold(a->title);
    format_set_font_size(a->title, 14);
    format_set_bold(a->header);
    format_set_bottom(a->header, LXW_BORDER_THIN);
    format_set_text_wrap(a->text);
    format_set_align(a->text, LXW_ALIGN_VERTICAL_TOP);
    format_set_underline(a->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(a->link, LXW_COLOR_BLUE);
    format_set_align(a->link, LXW_ALIGN_VERTICAL_TOP);
    /* "#,##0" renders with the reader's locale: 9 500 in Swedish Excel and LibreOffice */
    format_set_num_format(a->amount, "#,##0");
    format_set_align(a->amount, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(a->amount_decimals, "#,##0.00");
    format_set_align(a->amount_decimals, LXW_ALIGN_VERTICAL_TOP);
    /* Excel's own "bad" and "neutral" styles, with a border that also shows in print */
    format_set_bg_color(a->mark_error, 0xFFC7CE);
    format_set_font_color(a->mark_error, 0x9C0006);
    format_set_border(a->mark_error, LXW_BORDER_MEDIUM);
    format_set_border_color(a->mark_error, 0xC00000);
    format_set_bg_color(a->mark_warning, 0xFFEB9C);
    format_set_font_color(a->mark_warning, 0x9C5700);
    format_set_border(a->mark_warning, LXW_BORDER_MEDIUM);
    format_set_border_color(a->mark_warning, 0xE3A000);
    return 0;
}

/* The sheet's index in the grid, by the name it has in the input; SIZE_MAX when none. */
static size_t sheet_index(const pxl_grid *grid, const char *name)
{
    if (!name)
        return SIZE_MAX;
    for (size_t i = 0; i < pxl_grid_sheet_count(grid); i++)
        if (strcmp(pxl_grid_sheet_name(grid, i), name) == 0)
            return i;
    return SIZE_MAX;
}

/* "internal:'It''s'!E7": a place in the workbook, the sheet quoted as Excel quotes it. */
static int internal_link(char *buf, size_t size, const char *sheet, const char *cell)
{
    size_t n = 0;
    const char head[] = "internal:'";
    if (size < sizeof head)
        return -1;
    memcpy(buf, head, sizeof head - 1);
    n = sizeof head - 1;
    for (const char *p = sheet; *p; p++) {
        if (n + 2 >= size)
            return -1;
        if (*p == '\'')
            buf[n++] = '\'';
        buf[n++] = *p;
    }
    int k = snprintf(buf + n, size - n, "'!%s", cell);
    return k < 0 || (size_t)k >= size - n ? -1 : 0;
}

static pxl_error write_kontroller(void *ctx, lxw_workbook *wb, const pxl_grid *grid,
                                  const char (*names)[PXL_SHEET_NAME_SIZE], size_t count)
{
    annotate *a = ctx;
    if (make_formats(a, wb) != 0)
        return pxl_fail_nomem();
    /* Its own name, unless the workbook has a sheet of that name already. */
    char name[PXL_SHEET_NAME_SIZE] = KONTROLLER;
    for (unsigned n = 2;; n++) {
        size_t i = 0;
        while (i < count && strcasecmp(names[i], name) != 0)
            i++;
        if (i == count)
            break;
        snprintf(name, sizeof name, "%s (%u)", KONTROLLER, n);
    }
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    if (!ws)
        return pxl_fail(PXL_ERR_WRITE, "%s: could not add the sheet \"%s\" to the annotated copy", a->out, name);

    const char *base = strrchr(a->in, '/');
    base = base ? base + 1 : a->in;
    char line[512];
    snprintf(line, sizeof line, "Kontroller av %s (planxl check)", base);
    lxw_error e = worksheet_write_string(ws, ROW_TITLE, 0, line, a->title);
    size_t counts[3] = {0, 0, 0};
    for (size_t k = 0; k < a->mine_count; k++) {
        const pxl_finding *f = pxl_findings_get(a->findings, a->mine[k]);
        counts[f->severity <= PXL_SEVERITY_ERROR ? f->severity : PXL_SEVERITY_ERROR]++;
    }
    if (a->mine_count == 0)
        snprintf(line, sizeof line, "Inga anmärkningar.");
    else
        snprintf(line, sizeof line, "%zu fel, %zu %s, %zu %s. Varje cell med en anmärkning är markerad och "
                 "har en kommentar; länkarna i kolumnen Cell går dit.",
                 counts[PXL_SEVERITY_ERROR], counts[PXL_SEVERITY_WARNING],
                 counts[PXL_SEVERITY_WARNING] == 1 ? "varning" : "varningar", counts[PXL_SEVERITY_INFO],
                 counts[PXL_SEVERITY_INFO] == 1 ? "notering" : "noteringar");
    if (e == LXW_NO_ERROR)
        e = worksheet_write_string(ws, ROW_SUMMARY, 0, line, NULL);
    static const char *const headers[COL_COUNT] = {"Allvarlighet", "Kod", "Blad", "Cell", "Meddelande",
                                                   "Förväntat värde"};
    for (int c = 0; c < COL_COUNT && e == LXW_NO_ERROR; c++) {
        e = worksheet_write_string(ws, ROW_HEADER, (lxw_col_t)c, headers[c], a->header);
        if (e == LXW_NO_ERROR)
            e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, WIDTHS[c], NULL);
    }
    lxw_row_t row = ROW_HEADER + 1;
    size_t links = 0;
    for (size_t k = 0; k < a->mine_count && e == LXW_NO_ERROR; k++, row++) {
        size_t index = a->mine[k];
        const pxl_finding *f = pxl_findings_get(a->findings, index);
        e = worksheet_write_string(ws, row, COL_SEVERITY, severity_word(f->severity), a->text);
        if (e == LXW_NO_ERROR)
            e = worksheet_write_string(ws, row, COL_CODE, f->code, a->text);
        if (e == LXW_NO_ERROR && f->cell.sheet)
            e = worksheet_write_string(ws, row, COL_SHEET, f->cell.sheet, a->text);
        if (e == LXW_NO_ERROR && f->has_cell) {
            char cell[16], url[PXL_SHEET_NAME_SIZE * 2 + 32];
            lxw_rowcol_to_cell(cell, f->cell.row, (lxw_col_t)f->cell.col);
            size_t s = sheet_index(grid, f->cell.sheet);
            if (s < count && links < MAX_LINKS && internal_link(url, sizeof url, names[s], cell) == 0) {
                e = worksheet_write_url_opt(ws, row, COL_CELL, url, a->link, cell, NULL);
                links++;
            } else {
                e = worksheet_write_string(ws, row, COL_CELL, cell, a->text);
            }
        }
        if (e == LXW_NO_ERROR)
            e = worksheet_write_string(ws, row, COL_MESSAGE,
                                       pxl_findings_message(a->findings, index, PXL_LANGUAGE_SWEDISH), a->text);
        if (e == LXW_NO_ERROR && f->has_expected)
            e = worksheet_write_number(ws, row, COL_EXPECTED, f->expected,
                                       f->expected == (double)(long long)f->expected ? a->amount
                                                                                     : a->amount_decimals);
    }
    if (e == LXW_NO_ERROR && a->mine_count > 0)
        e = worksheet_autofilter(ws, ROW_HEADER, 0, row - 1, COL_COUNT - 1);
    if (e != LXW_NO_ERROR)
        return lxw_failed(a, e, "the Kontroller sheet");
    worksheet_freeze_panes(ws, ROW_HEADER + 1, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, ROW_HEADER, ROW_HEADER);
    worksheet_activate(ws);
    return PXL_OK;
}

/* One comment per cell: the findings at it (sorted, so neighbours), worst mark. */
/* The workbook's own comment at (row, col), or NULL. */
static const pxl_note *own_note(const pxl_sheet_layout *layout, pxl_index row, pxl_index col)
{
    for (size_t i = 0; layout && i < layout->note_count; i++)
        if (layout->notes[i].row == row && layout->notes[i].col == col && layout->notes[i].text < layout->note_text_len)
            return &layout->notes[i];
    return NULL;
}

static pxl_error mark_sheet(void *ctx, lxw_workbook *wb, lxw_worksheet *ws, size_t index, const char *input_name,
                            const pxl_sheet_layout *layout)
{
    (void)wb;
    (void)index;
    annotate *a = ctx;
    size_t k = 0;
    while (k < a->mine_count) {
        const pxl_finding *f = pxl_findings_get(a->findings, a->mine[k]);
        if (!f->has_cell || !f->cell.sheet || strcmp(f->cell.sheet, input_name) != 0) {
            k++;
            continue;
        }
        size_t cap = 1024, used = 0;
        char *text = malloc(cap);
        if (!text)
            return pxl_fail_nomem();
        pxl_severity worst = PXL_SEVERITY_INFO;
        size_t first = k;
        for (; k < a->mine_count; k++) {
            const pxl_finding *g = pxl_findings_get(a->findings, a->mine[k]);
            if (!g->has_cell || !g->cell.sheet || strcmp(g->cell.sheet, input_name) != 0 ||
                g->cell.row != f->cell.row || g->cell.col != f->cell.col)
                break;
            if (g->severity > worst)
                worst = g->severity;
            char expected[64] = "";
            if (g->has_expected) {
                char amount[32];
                snprintf(expected, sizeof expected, "\nFörväntat värde: %s",
                         pxl_amount_format(amount, sizeof amount, g->expected));
            }
            const char *message = pxl_findings_message(a->findings, a->mine[k], PXL_LANGUAGE_SWEDISH);
            size_t need = strlen(message) + strlen(g->code) + strlen(expected) + 64;
            if (used + need > cap) {
                cap = (used + need) * 2;
                char *bigger = realloc(text, cap);
                if (!bigger) {
                    free(text);
                    return pxl_fail_nomem();
                }
                text = bigger;
            }
            used += (size_t)snprintf(text + used, cap - used, "%s%s (%s)\n%s%s", k > first ? "\n\n" : "",
                                     severity_word(g->severity), g->code, message, expected);
        }
        if (used + 32 <= cap)
            used += (size_t)snprintf(text + used, cap - used, "\n\u2014 planxl check");
        /* the cell's own comment stays readable below the findings, not replaced */
        const pxl_note *note = own_note(layout, f->cell.row, f->cell.col);
        if (note) {
            const char *own = layout->note_text + note->text;
            const char *author = note->author < layout->note_text_len ? layout->note_text + note->author : "";
            size_t need = strlen(own) + strlen(author) + 64;
            if (used + need > cap) {
                cap = used + need;
                char *bigger = realloc(text, cap);
                if (!bigger) {
                    free(text);
                    return pxl_fail_nomem();
                }
                text = bigger;
            }
            used += (size_t)snprintf(text + used, cap - used, "\n\nKommentar i arbetsboken%s%s:\n%s",
                                     author[0] ? " av " : "", author, own);
        }
        lxw_comment_options copts = {.author = "planxl check", .width = 360, .height = 140};
        lxw_error e = worksheet_write_comment_opt(ws, f->cell.row, (lxw_col_t)f->cell.col, text, &copts);
        free(text);
        if (e == LXW_NO_ERROR && worst >= PXL_SEVERITY_WARNING) {
            lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_FORMULA,
                                         .value_string = "TRUE",
                                         .format = worst == PXL_SEVERITY_ERROR ? a->mark_error : a->mark_warning};
            e = worksheet_conditional_format_cell(ws, f->cell.row, (lxw_col_t)f->cell.col, &cf);
        }
        if (e != LXW_NO_ERROR)
            return lxw_failed(a, e, "a comment or mark");
    }
    return PXL_OK;
}

pxl_error pxl_annotate(const char *in, const char *out, const pxl_findings *findings,
                       const pxl_annotate_options *options, size_t *listed)
{
    static const pxl_annotate_options defaults = PXL_ANNOTATE_OPTIONS_INIT;
    if (listed)
        *listed = 0;
    if (!in || !out)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "pxl_annotate: no %s file given", in ? "output" : "input");
    if (!options)
        options = &defaults;
    if (options->version != PXL_ANNOTATE_OPTIONS_VERSION)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: pxl_annotate: unknown options version %u", in,
                        options->version);
    annotate a = {.in = in, .out = out, .findings = findings};
    size_t total = pxl_findings_count(findings);
    a.mine = malloc((total ? total : 1) * sizeof *a.mine);
    if (!a.mine)
        return pxl_fail_nomem();
    for (size_t i = 0; i < total; i++) {
        const pxl_finding *f = pxl_findings_get(findings, i);
        if (f->cell.file && strcmp(f->cell.file, in) == 0)
            a.mine[a.mine_count++] = i;
    }
    /* The copy keeps the look convert keeps: with AUTO asked for (check's default), its cells come
     * from convert's default reader, planxl's BIFF reader, which carries the formats and the
     * layout; a file only freexl can read is copied through AUTO after all. */
    pxl_convert_options copts = PXL_CONVERT_OPTIONS_INIT;
    if (options->grid.reader != PXL_READER_AUTO)
        copts.grid = options->grid;
    copts.overwrite = options->overwrite;
    pxl_convert_hooks hooks = {.ctx = &a, .accept_xlsx = 1, .first_sheets = write_kontroller,
                               .sheet_begins = mark_sheet};
    pxl_error err = pxl_convert_hooked(in, out, &copts, NULL, &hooks);
    if ((err == PXL_ERR_CORRUPT || err == PXL_ERR_UNSUPPORTED) && copts.grid.reader != options->grid.reader) {
        copts.grid = options->grid;
        err = pxl_convert_hooked(in, out, &copts, NULL, &hooks);
    }
    if (err == PXL_OK && listed)
        *listed = a.mine_count;
    free(a.mine);
    return err;
}
