/*
 * Any .xls to .xlsx: the grid's cells streamed, sheet by sheet in row-major
 * order, into libxlsxwriter in constant-memory mode. Nothing of the workbook
 * is held here: memory is the reader's plus one row of libxlsxwriter's.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>

#include <xlsxwriter.h>

#include "util/locale.h"
#include "util/error_internal.h"
#include "read/grid_internal.h"
#include "util/output.h"
#include "util/scratch.h"
#include "planxl/convert.h"
#include "write/sheet_names.h"
#include "sheet_rename.h"
#include "xlsx_patch.h"
#include "convert_format.h"
#include "convert_layout.h"
#include "convert_hooks.h"
#include "write/lxw_close.h"
#include "write/xlsx_check.h"
#include "util/locale.h"

/* Excel's limit on the characters in one cell (Excel specifications and
 * limits; libxlsxwriter 1.1.4 refuses longer strings with
 * LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED). A BIFF8 string can hold 65535. */
#define PXL_XLSX_MAX_CELL_CHARS 32767

/* Number formats for the three kinds of date cell: ISO 8601 order, which
 * every locale's Excel shows unambiguously. */
static const char date_format[] = "yyyy-mm-dd";
static const char datetime_format[] = "yyyy-mm-dd hh:mm:ss";
static const char time_format[] = "hh:mm:ss";
/* A time cell outside one day is a duration (a [h]:mm:ss cell holding 10.63
 * days): hh:mm:ss would hide its days, the elapsed-hours form shows them. */
static const char duration_format[] = "[h]:mm:ss";
/* By pxl_date_look, for cells whose own format is not a date format. */
static const char *const date_formats[PXL_DATE_LOOK_COUNT] = {NULL, date_format, datetime_format, time_format,
                                                              duration_format};

typedef struct convert_state {
    const char *in;
    const char *sheet_name;       /* as it reads in the .xls, for messages */
    lxw_worksheet *sheet;
    lxw_format *date;
    lxw_format *datetime;
    lxw_format *time;
    lxw_format *duration;
    pxl_format_cache formats;     /* the cells' own formats (convert_format.c) */
    pxl_convert_stats *stats;
    const pxl_convert_options *options;
    size_t sheet_index;
    unsigned char *filters_done;  /* per defined name: an autofilter written (write_filters) */
    uint32_t sheet_offset;        /* worksheets a hook put before the converted ones */
    size_t sheet_count;
    uint32_t row;                 /* the row being written: libxlsxwriter's constant-memory rule */
    int started;                  /* a cell of this sheet has been written */
    pxl_error error;              /* set when a cell could not be written */
    char *scratch;                /* a too-long string cut to Excel's limit (rare; lazily allocated) */
    char *escaped;                /* text with a literal "_xHHHH_" escaped (rare; lazily allocated) */
    size_t escaped_size;
    const pxl_sheet_rename *renames; /* sheets renamed, for the formulas that refer to them */
    size_t rename_count;
    pxl_formula_buf formula_buf;  /* a formula with renamed sheets rewritten (only then allocated) */
    const pxl_sheet_layout *layout; /* the sheet's widths, heights, window; NULL: none known */
    size_t layout_next;           /* its next row to write (convert_layout.c) */
    pxl_xlsx_cell *bools;         /* formula cells with a TRUE/FALSE result, in writing order, for */
    size_t bool_count;            /* xlsx_patch.c (only allocated when there is one; grown by */
    size_t bool_capacity;         /* doubling, so no allocation per cell) */
} convert_state;

static void warn(const pxl_convert_options *options, const char *fmt, ...) PXL_PRINTF(2, 3);

static void warn(const pxl_convert_options *options, const char *fmt, ...)
{
    if (!options->warning)
        return;
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    pxl_locale_host host;
    pxl_locale_host_begin(&host); /* the caller's code, in the caller's locale */
    options->warning(options->warning_ctx, message);
    pxl_locale_host_end(&host);
}

/* The caller's progress callback, in the caller's locale; non-zero: cancel. */
static int progress(const pxl_convert_options *options, size_t sheet, size_t sheet_count, uint32_t row)
{
    if (!options->progress)
        return 0;
    pxl_locale_host host;
    pxl_locale_host_begin(&host);
    int stop = options->progress(options->progress_ctx, sheet, sheet_count, row);
    pxl_locale_host_end(&host);
    return stop;
}

static pxl_date_look date_look(const pxl_cell *cell)
{
    switch (cell->type) {
    case PXL_CELL_DATE: return PXL_DATE_LOOK_DATE;
    case PXL_CELL_DATETIME: return PXL_DATE_LOOK_DATETIME;
    case PXL_CELL_TIME: return cell->number >= 0 && cell->number < 1 ? PXL_DATE_LOOK_TIME : PXL_DATE_LOOK_DURATION;
    default: return PXL_DATE_LOOK_NONE;
    }
}

/* The cell's format: its own (BIFF reader), else for a date cell one of convert's date formats. */
static lxw_format *cell_format(convert_state *st, const pxl_cell *cell)
{
    pxl_date_look look = date_look(cell);
    lxw_format *own;
    if (pxl_format_for(&st->formats, cell, look, &own) != 0) {
        st->error = pxl_fail_nomem(); /* visit_cell stops on it */
        return NULL;
    }
    if (own)
        return own;
    lxw_format *plain[PXL_DATE_LOOK_COUNT] = {NULL, st->date, st->datetime, st->time, st->duration};
    return plain[look];
}

/* A part of a cell format libxlsxwriter cannot take, for the first cell that has it. */
static void format_not_carried(void *ctx, const pxl_cell *cell, const char *what)
{
    const convert_state *st = ctx;
    char name[16];
    warn(st->options, "%s:%s!%s: %s, here and in the cells with the same format", st->in, st->sheet_name,
         pxl_cell_name(name, sizeof name, cell->row, cell->col), what);
}

/* The first PXL_XLSX_MAX_CELL_CHARS characters of @p text, in st->scratch. */
static const char *cut_to_limit(convert_state *st, const char *text)
{
    if (!st->scratch) {
        /* 4 bytes per character at most in UTF-8. */
        st->scratch = malloc((size_t)PXL_XLSX_MAX_CELL_CHARS * 4 + 1);
        if (!st->scratch)
            return NULL;
    }
    size_t i = 0, chars = 0;
    while (text[i] && chars < PXL_XLSX_MAX_CELL_CHARS) {
        i++;
        while (((unsigned char)text[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    memcpy(st->scratch, text, i);
    st->scratch[i] = '\0';
    return st->scratch;
}

/* "_xHHHH_" at @p p: what ECMA-376 Part 1, 22.9.2.19 (ST_Xstring) reads as the character U+HHHH. */
static int looks_escaped(const char *p)
{
    if (p[0] != '_' || p[1] != 'x' || p[6] != '_')
        return 0;
    for (int i = 2; i < 6; i++)
        if (!isxdigit((unsigned char)p[i]))
            return 0;
    return 1;
}

/*
 * Cell text as ST_Xstring. libxlsxwriter 1.1.4 writes control characters as
 * "_x0001_" but leaves text that already reads "_x0041_" as it is, so Excel
 * would show "A": such an underscore is itself escaped, as "_x005F_" (the
 * spec's own rule). Returns @p text itself when nothing needs escaping (the
 * usual case: one strstr), NULL when out of memory.
 */
static const char *escape_xstring(convert_state *st, const char *text)
{
    const char *hit = strstr(text, "_x");
    while (hit && !looks_escaped(hit))
        hit = strstr(hit + 1, "_x");
    if (!hit)
        return text;
    size_t len = strlen(text);
    size_t need = len + (len / 7 + 1) * 6 + 1; /* each escape adds 6 bytes per 7 of text */
    if (need > st->escaped_size) {
        char *grown = realloc(st->escaped, need);
        if (!grown)
            return NULL;
        st->escaped = grown;
        st->escaped_size = need;
    }
    char *out = st->escaped;
    for (const char *p = text; *p; p++) {
        if (looks_escaped(p)) {
            memcpy(out, "_x005F", 6);
            out += 6;
        }
        *out++ = *p;
    }
    *out = '\0';
    return st->escaped;
}

static lxw_error write_text(convert_state *st, const pxl_cell *cell, const char *text, lxw_format *fmt)
{
    text = escape_xstring(st, text);
    if (!text)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    /* worksheet_write_string, never worksheet_write_formula: text that starts
     * with '=' stays text. */
    lxw_error e = worksheet_write_string(st->sheet, cell->row, (lxw_col_t)cell->col, text, fmt);
    if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
        const char *cut = cut_to_limit(st, text);
        if (!cut)
            return LXW_ERROR_MEMORY_MALLOC_FAILED;
        char name[16];
        warn(st->options, "%s:%s!%s: text longer than Excel's %d characters per cell was cut", st->in,
             st->sheet_name, pxl_cell_name(name, sizeof name, cell->row, cell->col), PXL_XLSX_MAX_CELL_CHARS);
        e = worksheet_write_string(st->sheet, cell->row, (lxw_col_t)cell->col, cut, fmt);
    }
    return e;
}

/* What a NaN or infinite number becomes: Excel has no such numbers (IEEE
 * specials are invalid in a cell, [MS-XLS] 2.5.342 Xnum) and libxlsxwriter
 * would write "NAN" into the XML, which no reader accepts. */
static const char non_finite_text[] = "#NUM!";

static int non_finite(convert_state *st, const pxl_cell *cell)
{
    if (isfinite(cell->number))
        return 0;
    char name[16];
    st->stats->errors++;
    warn(st->options, "%s:%s!%s: the number is not a valid Excel number (NaN or infinite); written as %s", st->in,
         st->sheet_name, pxl_cell_name(name, sizeof name, cell->row, cell->col), non_finite_text);
    return 1;
}

/* A cell's value without its formula, in format @p fmt (NULL: none). */
static lxw_error write_value(convert_state *st, const pxl_cell *cell, lxw_format *fmt)
{
    lxw_worksheet *ws = st->sheet;
    lxw_col_t col = (lxw_col_t)cell->col;
    if (cell->type != PXL_CELL_TEXT && cell->type != PXL_CELL_ERROR && non_finite(st, cell))
        return worksheet_write_string(ws, cell->row, col, non_finite_text, fmt);
    switch (cell->type) {
    case PXL_CELL_NUMBER:
        return worksheet_write_number(ws, cell->row, col, cell->number, fmt);
    case PXL_CELL_TEXT:
        return write_text(st, cell, cell->text ? cell->text : "", fmt);
    case PXL_CELL_DATE:
    case PXL_CELL_DATETIME:
    case PXL_CELL_TIME:
        st->stats->dates++;
        return worksheet_write_number(ws, cell->row, col, cell->number, fmt);
    case PXL_CELL_BOOLEAN:
        return worksheet_write_boolean(ws, cell->row, col, cell->number != 0, fmt);
    case PXL_CELL_ERROR:
        /* .xlsx has error cells, but libxlsxwriter 1.1.4 cannot write one: the
         * error's text ("#DIV/0!") is what a reader sees either way. */
        st->stats->errors++;
        return write_text(st, cell, cell->text ? cell->text : "#N/A", fmt);
    case PXL_CELL_EMPTY:
        break;
    }
    return LXW_NO_ERROR;
}

/* Remember a boolean formula result's cell for the patch after closing. */
static int record_bool(convert_state *st, const pxl_cell *cell)
{
    if (st->bool_count == st->bool_capacity) {
        size_t capacity = st->bool_capacity ? st->bool_capacity * 2 : 64;
        pxl_xlsx_cell *grown = realloc(st->bools, capacity * sizeof *grown);
        if (!grown)
            return -1;
        st->bools = grown;
        st->bool_capacity = capacity;
    }
    st->bools[st->bool_count++] = (pxl_xlsx_cell){.sheet = st->sheet_offset + (uint32_t)st->sheet_index, .row = cell->row,
                                                  .col = (uint32_t)cell->col};
    return 0;
}

/* A formula with its cached result, so readers that do not recalculate
 * (openpyxl data_only, viewers) still see the value. */
static lxw_error write_formula(convert_state *st, const pxl_cell *cell, const char *formula, lxw_format *fmt)
{
    lxw_worksheet *ws = st->sheet;
    lxw_col_t col = (lxw_col_t)cell->col;
    if (cell->type != PXL_CELL_TEXT && cell->type != PXL_CELL_ERROR && non_finite(st, cell))
        return worksheet_write_formula_str(ws, cell->row, col, formula, fmt, non_finite_text);
    switch (cell->type) {
    case PXL_CELL_NUMBER:
        return worksheet_write_formula_num(ws, cell->row, col, formula, fmt, cell->number);
    case PXL_CELL_BOOLEAN: {
        /* libxlsxwriter 1.1.4 has no boolean formula result: TRUE is cached as
         * <v>1</v> without t="b", which readers that do not recalculate see as
         * 1. The cell is recorded and marked after the workbook is closed
         * (xlsx_patch.c). */
        lxw_error e = worksheet_write_formula_num(ws, cell->row, col, formula, fmt, cell->number != 0);
        if (e == LXW_NO_ERROR && record_bool(st, cell) != 0)
            st->error = pxl_fail_nomem(); /* visit_cell stops on it */
        return e;
    }
    case PXL_CELL_DATE:
    case PXL_CELL_DATETIME:
    case PXL_CELL_TIME:
        st->stats->dates++;
        return worksheet_write_formula_num(ws, cell->row, col, formula, fmt, cell->number);
    case PXL_CELL_TEXT: {
        const char *text = escape_xstring(st, cell->text ? cell->text : "");
        if (!text)
            return LXW_ERROR_MEMORY_MALLOC_FAILED;
        return worksheet_write_formula_str(ws, cell->row, col, formula, fmt, text);
    }
    case PXL_CELL_ERROR:
        st->stats->errors++;
        return worksheet_write_formula_str(ws, cell->row, col, formula, fmt, cell->text ? cell->text : "#N/A");
    case PXL_CELL_EMPTY:
        break;
    }
    return LXW_NO_ERROR;
}

/* An empty cell with a format of its own (borders, a fill): a blank in that format, not
 * counted among the cells. */
static int write_blank(convert_state *st, const pxl_cell *cell)
{
    lxw_format *fmt = cell_format(st, cell);
    if (st->error != PXL_OK)
        return 1;
    lxw_error e = fmt ? worksheet_write_blank(st->sheet, cell->row, (lxw_col_t)cell->col, fmt) : LXW_NO_ERROR;
    if (e != LXW_NO_ERROR) {
        char name[16];
        st->error = pxl_fail(PXL_ERR_WRITE, "%s:%s!%s: could not write the cell's format: %s", st->in, st->sheet_name,
                             pxl_cell_name(name, sizeof name, cell->row, cell->col), lxw_strerror(e));
        return 1;
    }
    return 0;
}

static int visit_cell(void *ctx, const pxl_cell *cell)
{
    convert_state *st = ctx;
    char name[16];
    lxw_error e;
    if (cell->type == PXL_CELL_EMPTY && !cell->style)
        return 0;
    if (cell->row >= PXL_XLS_MAX_ROWS || cell->col >= PXL_XLS_MAX_COLS) {
        st->error = pxl_fail(PXL_ERR_CORRUPT, "%s:%s: a cell lies outside the sheet (row %u, column %u)", st->in,
                             st->sheet_name, (unsigned)cell->row + 1, (unsigned)cell->col + 1);
        return 1;
    }
    /* Constant-memory mode flushes a row when the next begins and silently
     * drops later writes to it: an out-of-order cell would be lost. */
    if (st->started && cell->row < st->row) {
        st->error = pxl_fail(PXL_ERR_CORRUPT, "%s:%s!%s: cells are not in row order; the conversion would lose them",
                             st->in, st->sheet_name, pxl_cell_name(name, sizeof name, cell->row, cell->col));
        return 1;
    }
    if (!st->started || cell->row != st->row) {
        if (progress(st->options, st->sheet_index, st->sheet_count, cell->row)) {
            st->error = pxl_fail(PXL_ERR_CANCELLED, "%s: the progress callback cancelled the conversion", st->in);
            return 1;
        }
    }
    if ((!st->started || cell->row != st->row) &&
        (e = pxl_convert_layout_rows(st->sheet, st->layout, &st->layout_next, cell->row)) != LXW_NO_ERROR) {
        st->error = pxl_fail(PXL_ERR_WRITE, "%s:%s: could not write the height of row %u: %s", st->in,
                             st->sheet_name, (unsigned)cell->row + 1, lxw_strerror(e));
        return 1;
    }
    st->started = 1;
    st->row = cell->row;
    if (cell->type == PXL_CELL_EMPTY)
        return write_blank(st, cell);

    lxw_format *fmt = cell_format(st, cell);
    if (st->error != PXL_OK)
        return 1;
    if (cell->is_formula && cell->formula && cell->formula[0]) {
        const char *formula;
        if (pxl_formula_rename_sheets(cell->formula, st->renames, st->rename_count, &st->formula_buf, &formula) < 0) {
            st->error = pxl_fail_nomem();
            return 1;
        }
        pxl_convert_stats before = *st->stats;
        e = write_formula(st, cell, formula, fmt);
        if (e == LXW_NO_ERROR) {
            st->stats->formulas_live++;
        } else {
            /* libxlsxwriter refused the formula text: keep the value (counted once). */
            *st->stats = before;
            e = write_value(st, cell, fmt);
            st->stats->formulas_as_values++;
        }
    } else {
        e = write_value(st, cell, fmt);
        if (cell->is_formula)
            st->stats->formulas_as_values++;
    }
    if (e != LXW_NO_ERROR) {
        st->error = pxl_fail(PXL_ERR_WRITE, "%s:%s!%s: could not write the cell: %s", st->in, st->sheet_name,
                             pxl_cell_name(name, sizeof name, cell->row, cell->col), lxw_strerror(e));
        return 1;
    }
    st->stats->cells++;
    return st->error != PXL_OK;
}

/* Why Excel refuses @p original, for the rename warning. */
static const char *rename_reason(const char *original, const char *sanitized)
{
    if (strcmp(original, sanitized) == 0)
        return "another sheet has the same name apart from upper/lower case";
    if (original[0] == '\0')
        return "a sheet needs a name";
    if (strpbrk(original, "[]:*?/\\"))
        return "Excel does not allow [ ] : * ? / \\ in sheet names";
    if (original[0] == '\'' || original[strlen(original) - 1] == '\'')
        return "Excel does not allow a sheet name to start or end with an apostrophe";
    if (strlen(sanitized) < strlen(original))
        return "Excel allows at most 31 characters";
    return "it holds characters Excel cannot store";
}

/* Sanitised, unique names for every sheet, in @p names (count × PXL_SHEET_NAME_SIZE). */
static size_t name_sheets(const pxl_grid *grid, const char *in, char (*names)[PXL_SHEET_NAME_SIZE],
                          const char **taken, pxl_sheet_rename *renames, size_t count,
                          const pxl_convert_options *options, pxl_convert_stats *stats)
{
    size_t renamed = 0;
    for (size_t i = 0; i < count; i++) {
        const char *original = pxl_grid_sheet_name(grid, i);
        if (!original)
            original = "";
        pxl_sheet_name_sanitize(names[i], PXL_SHEET_NAME_SIZE, original);
        int changed = strcmp(names[i], original) != 0;
        char sanitized[PXL_SHEET_NAME_SIZE];
        memcpy(sanitized, names[i], sizeof sanitized);
        if (pxl_sheet_name_make_unique(names[i], PXL_SHEET_NAME_SIZE, taken, i))
            changed = 1;
        taken[i] = names[i];
        if (changed) {
            renames[renamed].from = original;
            renames[renamed].to = names[i];
            renamed++;
            stats->sheets_renamed++;
            warn(options, "%s: sheet \"%s\" is named \"%s\" in the .xlsx (%s)", in, original, names[i],
                 rename_reason(original, sanitized));
        }
    }
    return renamed;
}

/* libxlsxwriter 1.1.4 keeps a defined name, and its formula, in 128-byte buffers and
 * cuts longer ones silently (lxw_defined_name): such a name is not written. */
#define LXW_NAME_BYTES_MAX 127

/* Why defined name @p d cannot be carried, or NULL; *sheet is the .xlsx sheet it belongs to. */
static const char *name_obstacle(const pxl_grid *grid, const pxl_defined_name *d,
                                 char (*names)[PXL_SHEET_NAME_SIZE], size_t count, const char **sheet)
{
    *sheet = NULL;
    if (d->builtin && !d->formula)
        return d->why;
    if (d->builtin)
        return "a built-in name other than a sheet's print area, print titles or autofilter, which is not carried";
    if (d->macro)
        return "a macro name";
    if (!d->formula)
        return d->why;
    if (d->sheet) {
        for (size_t j = 0; j < count && !*sheet; j++)
            if (strcmp(pxl_grid_sheet_name(grid, j), d->sheet) == 0)
                *sheet = names[j];
        if (!*sheet)
            return "it belongs to a chart or macro sheet, which is not converted";
        if (strchr(*sheet, '!'))
            return "libxlsxwriter 1.1.4 cannot write a local name of a sheet whose name holds '!'";
    }
    return NULL;
}

/* The sheet's autofilter (its _FilterDatabase name) before its rows: libxlsxwriter's
 * constant-memory mode refuses a range behind the row it has reached. */
static void write_filters(convert_state *st, const pxl_grid *grid, size_t sheet)
{
    size_t n = pxl_grid_defined_name_count(grid);
    if (!n)
        return;
    if (!st->filters_done && !(st->filters_done = calloc(n, 1)))
        return; /* the name is then carried, or warned about, as before */
    for (size_t i = 0; i < n; i++) {
        const pxl_defined_name *d = pxl_grid_defined_name(grid, i);
        if (d->builtin && d->formula && d->sheet && strcmp(d->name, "_FilterDatabase") == 0 &&
            strcmp(d->sheet, pxl_grid_sheet_name(grid, sheet)) == 0 &&
            pxl_convert_print_name(st->sheet, d->name, d->formula) > 0)
            st->filters_done[i] = 1;
    }
}

/*
 * Carry the workbook's defined names, so that formulas using them (=Rate*B2) still
 * work after Excel recalculates. Called once every sheet is in the workbook (a local
 * name names its sheet). Names Excel hides for its newer functions ("_xlfn.IFERROR")
 * are not names to carry: the formulas already call those functions by name.
 */
static pxl_error carry_names(lxw_workbook *wb, const pxl_grid *grid, char (*names)[PXL_SHEET_NAME_SIZE],
                             size_t count, convert_state *st)
{
    for (size_t i = 0; i < pxl_grid_defined_name_count(grid); i++) {
        const pxl_defined_name *d = pxl_grid_defined_name(grid, i);
        if (d->hidden && strncmp(d->name, "_xlfn.", 6) == 0)
            continue;
        const char *sheet, *formula = NULL;
        const char *why = name_obstacle(grid, d, names, count, &sheet);
        if (d->builtin && d->formula && d->sheet) {
            /* a print area or print titles: page setup, written as the sheet's (convert_layout.c);
             * an autofilter was written before the sheet's rows (write_filters) */
            if (strcmp(d->name, "_FilterDatabase") == 0 && st->filters_done && st->filters_done[i]) {
                st->stats->names++;
                continue;
            }
            lxw_worksheet *ws = NULL;
            for (size_t j = 0; j < count && !ws; j++)
                if (strcmp(pxl_grid_sheet_name(grid, j), d->sheet) == 0)
                    ws = workbook_get_worksheet_by_name(wb, names[j]);
            int carried = ws ? pxl_convert_print_name(ws, d->name, d->formula) : 0;
            if (carried > 0) {
                st->stats->names++;
                continue;
            }
            if (carried < 0)
                why = "a print area of several ranges, or print titles that are not whole rows or columns, "
                      "which libxlsxwriter 1.1.4 cannot write";
        }
        if (!why && pxl_formula_rename_sheets(d->formula, st->renames, st->rename_count, &st->formula_buf, &formula) < 0)
            return pxl_fail_nomem();
        char full[LXW_NAME_BYTES_MAX + 2], text[LXW_NAME_BYTES_MAX + 2];
        if (!why) {
            /* libxlsxwriter takes "'Sheet'!Name" for a local name and drops the outer quotes */
            int n = sheet ? snprintf(full, sizeof full, "'%s'!%s", sheet, d->name) : snprintf(full, sizeof full, "%s", d->name);
            int m = snprintf(text, sizeof text, "=%s", formula);
            if (n < 0 || n > LXW_NAME_BYTES_MAX || m < 0 || m - 1 > LXW_NAME_BYTES_MAX)
                why = "longer than libxlsxwriter 1.1.4 can write (127 bytes)";
        }
        if (!why && workbook_define_name(wb, full, text) != LXW_NO_ERROR)
            why = "libxlsxwriter refused it (an invalid or repeated name)";
        if (why) {
            st->stats->names_not_carried++;
            warn(st->options, "%s: defined name \"%s\"%s%s%s is not carried: %s", st->in, d->name,
                 d->sheet ? " (sheet \"" : "", d->sheet ? d->sheet : "", d->sheet ? "\")" : "", why);
        } else {
            st->stats->names++;
        }
    }
    return PXL_OK;
}

/* Everything after the output is reserved: the writing itself, in the C locale. */
/* The input's size, for the choice of scratch directory; unknown counts as large. */
static uint64_t input_bytes(const char *in)
{
    struct stat st;
    return stat(in, &st) == 0 && S_ISREG(st.st_mode) ? (uint64_t)st.st_size : UINT64_MAX;
}

/* libxlsxwriter's constant-memory mode writes each finished row to a scratch file with unchecked
 * fwrite()s (write/xlsx_check.h): a full scratch file system is seen here, with its reason, and the
 * rows' size so far is a floor for the sheet's part in the finished file. */
static pxl_error scratch_written(lxw_worksheet *ws, const char *out, const char *dir, int may_close, uint64_t *floor)
{
    *floor = 0;
    FILE *f = ws->optimize_tmpfile;
    if (!f)
        return PXL_OK;
    errno = 0;
    if (fflush(f) != 0 || ferror(f)) {
        const char *why = pxl_output_errno_text(errno);
        return pxl_fail(PXL_ERR_WRITE, "%s: could not write the .xlsx: its scratch files in %s could not be written: %s",
                        out, dir ? dir : "/tmp", why ? why : "write error");
    }
    off_t at = ftello(f);
    *floor = at > 0 ? (uint64_t)at : 0;
    /* (A writer with hooks, check --annotate, may still write to the sheet: its file stays.) */
    if (may_close && ws->dim_rowmin == LXW_ROW_MAX) {
        /* A sheet with no cell: libxlsxwriter 1.1.4 writes an empty <sheetData/> and never closes
         * this scratch file (worksheet.c closes it only after copying rows), so every empty sheet
         * of every conversion kept a FILE and a file descriptor open: tests/check_soak.c saw 2
         * descriptors more per conversion of a workbook with two empty sheets. Nothing reads
         * it any more. */
        if (ws->file == f)
            ws->file = NULL;
        fclose(f);
        ws->optimize_tmpfile = NULL;
    }
    return PXL_OK;
}

static pxl_error write_workbook(pxl_grid *grid, const char *in, const char *temp, const char *out,
                                const pxl_convert_options *options, pxl_convert_stats *stats,
                                const pxl_convert_hooks *hooks, pxl_xlsx_cell **bools, size_t *bool_count,
                                uint32_t *sheet_offset)
{
    size_t count = pxl_grid_sheet_count(grid);
    char (*names)[PXL_SHEET_NAME_SIZE] = calloc(count ? count : 1, sizeof *names);
    const char **taken = calloc(count ? count : 1, sizeof *taken);
    pxl_sheet_rename *renames = calloc(count ? count : 1, sizeof *renames);
    uint64_t *floors = calloc(count ? count : 1, sizeof *floors);
    if (!names || !taken || !renames || !floors) {
        free(names);
        free(taken);
        free(renames);
        free(floors);
        return pxl_fail_nomem();
    }
    size_t rename_count = name_sheets(grid, in, names, taken, renames, count, options, stats);
    free(taken);

    /* libxlsxwriter assembles the parts in temporary files, unlinked at once */
    lxw_workbook_options wopts = {.constant_memory = LXW_TRUE, .tmpdir = pxl_scratch_dir(input_bytes(in)),
                                  .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(temp, &wopts);
    if (!wb) {
        free(names);
        free(renames);
        free(floors);
        return pxl_fail(PXL_ERR_NOMEM, "%s: out of memory starting the workbook", out);
    }
    convert_state st = {.in = in, .stats = stats, .options = options, .sheet_count = count, .error = PXL_OK,
                        .renames = renames, .rename_count = rename_count};
    st.date = workbook_add_format(wb);
    st.datetime = workbook_add_format(wb);
    st.time = workbook_add_format(wb);
    st.duration = workbook_add_format(wb);
    if (!st.date || !st.datetime || !st.time || !st.duration) {
        lxw_workbook_free(wb);
        free(names);
        free(renames);
        free(floors);
        return pxl_fail_nomem();
    }
    format_set_num_format(st.date, date_format);
    format_set_num_format(st.datetime, datetime_format);
    format_set_num_format(st.time, time_format);
    format_set_num_format(st.duration, duration_format);
    pxl_format_cache_init(&st.formats, wb, grid, date_formats, format_not_carried, &st);

    pxl_error err = PXL_OK;
    if (hooks && hooks->first_sheets)
        err = hooks->first_sheets(hooks->ctx, wb, grid, (const char (*)[PXL_SHEET_NAME_SIZE])names, count);
    /* sheets a hook put first: the converted sheets' positions in the .xlsx, for the patch
     * and the read-back check */
    st.sheet_offset = wb->num_worksheets;
    *sheet_offset = st.sheet_offset;
    if (err == PXL_OK && st.sheet_offset > 0) {
        uint64_t *grown = realloc(floors, (st.sheet_offset + count) * sizeof *floors);
        if (!grown) {
            err = pxl_fail_nomem();
        } else {
            floors = grown;
            memset(floors, 0, (st.sheet_offset + count) * sizeof *floors);
        }
    }
    size_t active = pxl_convert_active_sheet(grid);
    if (count && !st.sheet_offset && pxl_grid_sheet_state(grid, active) != PXL_SHEET_VISIBLE &&
        pxl_grid_sheet_state(grid, active) != PXL_SHEET_STATE_UNKNOWN)
        warn(options, "%s: every sheet is hidden; sheet \"%s\" is written visible, as Excel opens no workbook "
             "without a visible sheet", in, pxl_grid_sheet_name(grid, active));
    for (size_t i = 0; i < count && err == PXL_OK; i++) {
        st.sheet = workbook_add_worksheet(wb, names[i]);
        if (!st.sheet) {
            err = pxl_fail(PXL_ERR_WRITE, "%s: could not add sheet \"%s\" to the .xlsx", out, names[i]);
            break;
        }
        st.sheet_name = pxl_grid_sheet_name(grid, i);
        write_filters(&st, grid, i);
        st.layout = pxl_grid_sheet_layout(grid, i);
        lxw_error ne = pxl_convert_layout_notes(st.sheet, st.layout);
        if (ne != LXW_NO_ERROR) {
            err = pxl_fail(PXL_ERR_WRITE, "%s:%s: could not write the sheet's cell comments: %s", in, st.sheet_name,
                           lxw_strerror(ne));
            break;
        }
        if (hooks && hooks->sheet_begins &&
            (err = hooks->sheet_begins(hooks->ctx, wb, st.sheet, i, st.sheet_name, st.layout)) != PXL_OK)
            break;
        st.sheet_index = i;
        st.started = 0;
        st.row = 0;
        st.layout_next = 0;
        if (i == active && !st.sheet_offset) /* a hook's own first sheet stays the active one */
            worksheet_activate(st.sheet);
        lxw_error le = pxl_convert_layout_sheet(st.sheet, st.layout, pxl_convert_sheet_hidden(grid, i));
        if (le != LXW_NO_ERROR) {
            err = pxl_fail(PXL_ERR_WRITE, "%s:%s: could not write the sheet's column widths: %s", in,
                           st.sheet_name, lxw_strerror(le));
            break;
        }
        if (progress(options, i, count, 0)) {
            err = pxl_fail(PXL_ERR_CANCELLED, "%s: the progress callback cancelled the conversion", in);
            break;
        }
        err = pxl_grid_sheet_visit(grid, i, visit_cell, &st);
        if (err == PXL_OK)
            err = st.error;
        /* the rows after the last cell: hidden or resized rows without cells */
        if (err == PXL_OK && (le = pxl_convert_layout_rows(st.sheet, st.layout, &st.layout_next, UINT32_MAX)) != LXW_NO_ERROR)
            err = pxl_fail(PXL_ERR_WRITE, "%s:%s: could not write the sheet's row heights: %s", in, st.sheet_name,
                           lxw_strerror(le));
        if (err == PXL_OK)
            err = scratch_written(st.sheet, out, wopts.tmpdir, hooks == NULL, &floors[st.sheet_offset + i]);
        if (err == PXL_OK)
            stats->sheets++;
    }
    if (err == PXL_OK)
        err = carry_names(wb, grid, names, count, &st);
    free(names);
    free(st.scratch);
    free(st.escaped);
    free(st.formula_buf.data);
    free(st.filters_done);
    pxl_format_cache_free(&st.formats);
    free(renames);
    if (err != PXL_OK) {
        /* Free without writing: the temporary file is removed by the caller. */
        free(st.bools);
        free(floors);
        lxw_workbook_free(wb);
        return err;
    }
    *bools = st.bools;
    *bool_count = st.bool_count;
    lxw_error e = pxl_lxw_workbook_close(wb);
    const char *why = e != LXW_NO_ERROR ? pxl_output_errno_text(errno) : NULL;
    /* libxlsxwriter says "Zip generic error ZIP_ERRNO": the system's reason is the one to give. */
    if (why) {
        free(floors);
        return pxl_fail(PXL_ERR_WRITE, "%s: could not write the .xlsx: %s", out, why);
    }
    if (e != LXW_NO_ERROR) {
        free(floors);
        return pxl_fail(PXL_ERR_WRITE, "%s: could not write the .xlsx: %s", out, lxw_strerror(e));
    }
    /* workbook_close() says LXW_NO_ERROR whatever its scratch files lost: read the file back. */
    err = pxl_xlsx_check_written(temp, out, wopts.tmpdir, floors, st.sheet_offset + count);
    free(floors);
    return err;
}

static pxl_error convert(const char *in, const char *out, const pxl_convert_options *options,
                         pxl_convert_stats *stats, const pxl_convert_hooks *hooks)
{
    static const pxl_convert_options defaults = PXL_CONVERT_OPTIONS_INIT;
    pxl_convert_stats local;
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    if (!in || !out)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "pxl_convert: no %s file given", in ? "output" : "input");
    if (!options)
        options = &defaults;
    if (options->version != PXL_CONVERT_OPTIONS_VERSION)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: pxl_convert: unknown options version %u", in,
                        options->version);

    pxl_grid *grid;
    pxl_grid_options grid_options = options->grid;
    /* The BIFF reader reads .xls only: a zip goes to the .xlsx reader, which says what it is
     * (an .ods, ...), and an .xlsx is refused by name below. */
    if (grid_options.reader == PXL_READER_BIFF && pxl_grid_path_is_zip(in))
        grid_options.reader = PXL_READER_AUTO;
    pxl_error err = pxl_grid_open(&grid, in, &grid_options);
    if (err == PXL_ERR_CORRUPT && grid_options.reader == PXL_READER_BIFF) {
        /* freexl reads some damaged files the BIFF reader refuses (a fuzzed OLE2 table, a cut
         * workbook stream): say how to get what it makes of them */
        char why[1024];
        snprintf(why, sizeof why, "%s", pxl_error_message());
        return pxl_fail(err, "%s (--reader auto may convert what freexl reads of it, without cell formats)", why);
    }
    if (err != PXL_OK)
        return err;
    if (pxl_grid_reader(grid) == PXL_READER_XLSX && !(hooks && hooks->accept_xlsx)) {
        /* Rewriting it would only lose what the grid does not carry (its formatting). */
        pxl_grid_close(grid);
        return pxl_fail(PXL_ERR_NOT_XLS, "%s: is already an Excel 2007+ workbook (.xlsx): convert makes .xlsx "
                        "from .xls, there is nothing to convert", in);
    }
    pxl_output output;
    err = pxl_output_begin(&output, out, options->overwrite, &in, 1);
    if (err != PXL_OK) {
        pxl_grid_close(grid);
        return err;
    }
    stats->reader = pxl_grid_reader(grid);
    stats->fell_back = pxl_grid_fell_back(grid);
    pxl_grid_keep_blanks(grid); /* formatted empty cells (BIFF reader): borders and fills */
    for (size_t i = 0; i < pxl_grid_other_sheet_count(grid); i++) {
        pxl_other_sheet kind;
        const char *name = pxl_grid_other_sheet(grid, i, &kind);
        warn(options, "%s: sheet \"%s\" is not carried: it is %s, and planxl converts worksheets only", in, name,
             pxl_other_sheet_text(kind));
    }
    pxl_xlsx_cell *bools = NULL;
    size_t bool_count = 0;
    pxl_convert_extras extras = {0};
    uint32_t sheet_offset = 0;
    err = write_workbook(grid, in, output.temp, out, options, stats, hooks, &bools, &bool_count, &sheet_offset);
    if (err == PXL_OK)
        err = pxl_convert_layout_collect(grid, sheet_offset, &extras);
    pxl_grid_close(grid);
    /* After the reader's memory is gone, so the rewrite adds nothing to the peak. */
    /* The patch pass (TRUE/FALSE results, merged ranges, very hidden sheets) rewrites the
     * workbook into a second temporary file beside the target, and that one is committed: the
     * target is never seen half-patched. */
    pxl_output patched = {NULL, NULL, -1, 0};
    pxl_output *finished = &output;
    pxl_xlsx_patch patch = {bools, bool_count, extras.merges, extras.merge_count, extras.very_hidden,
                            extras.very_hidden_count};
    if (err == PXL_OK && (bool_count || extras.merge_count || extras.very_hidden_count) &&
        (err = pxl_output_begin_sibling(&patched, &output)) == PXL_OK) {
        err = pxl_xlsx_patch_apply_to(output.temp, patched.temp, out, &patch);
        finished = &patched;
    }
    free(bools);
    pxl_convert_extras_free(&extras);
    if (err == PXL_OK && progress(options, stats->sheets, stats->sheets, 0))
        err = pxl_fail(PXL_ERR_CANCELLED, "%s: the progress callback cancelled the conversion", in);
    if (err == PXL_OK)
        err = pxl_output_commit(finished);
    pxl_output_end(&patched);
    pxl_output_end(&output);
    if (err != PXL_OK) {
        pxl_convert_stats zero = {0};
        *stats = zero;
    }
    return err;
}

/* libxlsxwriter 1.1.4 writes the XML's numbers with printf (libxlsxwriter issue #64):
 * the whole conversion runs in the C locale, the caller's callbacks in the caller's
 * (util/locale.h). */
pxl_error pxl_convert_hooked(const char *in, const char *out, const pxl_convert_options *options,
                             pxl_convert_stats *stats, const pxl_convert_hooks *hooks)
{
    pxl_error err = pxl_locale_enter();
    if (err) {
        if (stats)
            memset(stats, 0, sizeof *stats);
        return err;
    }
    err = convert(in, out, options, stats, hooks);
    pxl_locale_leave();
    return err;
}

pxl_error pxl_convert(const char *in, const char *out, const pxl_convert_options *options,
                      pxl_convert_stats *stats)
{
    return pxl_convert_hooked(in, out, options, stats, NULL);
}

const char *pxl_convert_not_carried(pxl_reader_kind reader)
{
    /* AUTO takes formula cells, booleans, error cells and date-times from the BIFF pass
     * (docs/auto-reader.md): only freexl alone loses them. */
    if (reader == PXL_READER_FREEXL)
        return "formula cells and defined names (the freexl reader does not see them); any TRUE/FALSE as 1/0, "
               "date cells without their time, times to the second (freexl); cell formats, the sheet layout, "
               "merged cells, print settings and comments";
    if (reader == PXL_READER_AUTO)
        return "cell formats (freexl gives none: only the BIFF reader, the default, does) and hyperlinks";
    return "named cell styles and hyperlinks";
}
