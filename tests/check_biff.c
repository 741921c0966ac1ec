/*
 * planxl's own BIFF reader (src/read/biff/): cell types and values against python3-xlrd's
 * reading of the same files, formulas with cached results, dates and the 1904 system,
 * BIFF5 code pages, SST strings across CONTINUE, out-of-order cells, and the files it
 * must refuse cleanly (encrypted, not .xls, malformed records).
 *
 * Fixtures: tests/data/biff/ (make_biff_streams.py, make_writeexcel.pl,
 * make_other_writers.sh) and tests/data/corpus/ (see LICENSES.md there).
 */
#define _POSIX_C_SOURCE 200809L /* popen, strdup */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/biff/biff_reader.h"
#include "read/reader.h"

#define BIFF_DIR PXL_TEST_DATA "/biff/"
#define CORPUS_DIR PXL_TEST_DATA "/corpus/"

/* ---- reading a workbook into memory -------------------------------------------- */

typedef struct test_cell {
    size_t sheet;
    uint32_t row, col;
    pxl_cell_type type;
    double number;
    char *text;     /* TEXT, ERROR */
    char *formula;  /* NULL when none or undecoded */
    int is_formula;
} test_cell;

typedef struct test_book {
    pxl_error open_error, scan_error;
    char message[1024];
    int date1904, biff;
    size_t sheet_count;
    char **sheets;
    test_cell *cells;
    size_t count, cap;
    size_t current_sheet;
    int ordered; /* every sheet's cells came in row-major order */
    int fell_back;
    pxl_reader_kind reader;
    char fallback_reason[512];
} test_book;

static int collect(void *ctx, const pxl_cell *c)
{
    test_book *b = ctx;
    if (b->count == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->cells = realloc(b->cells, b->cap * sizeof *b->cells);
        ck_assert_ptr_nonnull(b->cells);
    }
    if (b->count > 0) {
        const test_cell *p = &b->cells[b->count - 1];
        if (p->sheet == b->current_sheet && (p->row > c->row || (p->row == c->row && p->col >= c->col)))
            b->ordered = 0;
    }
    test_cell *t = &b->cells[b->count++];
    *t = (test_cell){ b->current_sheet, c->row, c->col, c->type, c->number,
                      c->text ? strdup(c->text) : NULL, c->formula ? strdup(c->formula) : NULL, c->is_formula };
    return 0;
}

/* Open through the grid with @p reader and read every sheet. */
static test_book *read_with(const char *path, pxl_reader_kind reader)
{
    test_book *b = calloc(1, sizeof *b);
    pxl_grid_options options = PXL_GRID_OPTIONS_INIT;
    options.reader = reader;
    pxl_grid *grid;
    b->ordered = 1;
    b->open_error = pxl_grid_open(&grid, path, &options);
    if (b->open_error != PXL_OK) {
        snprintf(b->message, sizeof b->message, "%s", pxl_error_message());
        return b;
    }
    b->date1904 = pxl_grid_date1904(grid);
    b->biff = grid->biff_version;
    b->fell_back = pxl_grid_fell_back(grid);
    b->reader = pxl_grid_reader(grid);
    snprintf(b->fallback_reason, sizeof b->fallback_reason, "%s", pxl_grid_fallback_reason(grid));
    b->sheet_count = pxl_grid_sheet_count(grid);
    b->sheets = calloc(b->sheet_count + 1, sizeof *b->sheets);
    for (size_t i = 0; i < b->sheet_count; i++)
        b->sheets[i] = strdup(pxl_grid_sheet_name(grid, i));
    for (size_t i = 0; i < b->sheet_count && b->scan_error == PXL_OK; i++) {
        b->current_sheet = i;
        b->scan_error = pxl_grid_sheet_scan(grid, i, collect, b);
        if (b->scan_error != PXL_OK)
            snprintf(b->message, sizeof b->message, "%s", pxl_error_message());
    }
    pxl_grid_close(grid);
    return b;
}

static test_book *read_book(const char *path)
{
    return read_with(path, PXL_READER_BIFF);
}

static void free_book(test_book *b)
{
    for (size_t i = 0; i < b->count; i++) {
        free(b->cells[i].text);
        free(b->cells[i].formula);
    }
    for (size_t i = 0; i < b->sheet_count; i++)
        free(b->sheets[i]);
    free(b->sheets);
    free(b->cells);
    free(b);
}

static const test_cell *cell_at(const test_book *b, size_t sheet, uint32_t row, uint32_t col)
{
    for (size_t i = 0; i < b->count; i++)
        if (b->cells[i].sheet == sheet && b->cells[i].row == row && b->cells[i].col == col)
            return &b->cells[i];
    return NULL;
}

static const test_cell *must_cell(const test_book *b, size_t sheet, uint32_t row, uint32_t col)
{
    const test_cell *c = cell_at(b, sheet, row, col);
    ck_assert_msg(c != NULL, "no cell at sheet %zu row %u col %u", sheet, row, col);
    return c;
}

/* ---- python3-xlrd's reading --------------------------------------------------- */

static char *unescape(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
    return out;
}

static int same_number(double a, double b)
{
    return a == b || fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* Every cell xlrd reads, planxl reads alike; and planxl reads no cell xlrd does not. */
static void agree_with_xlrd(const char *path)
{
    test_book *b = read_book(path);
    ck_assert_msg(b->open_error == PXL_OK && b->scan_error == PXL_OK, "%s: %s", path, b->message);
    ck_assert_msg(b->ordered, "%s: cells not in row-major order", path);
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s %s/xlrd_cells.py '%s'", PXL_TEST_PYTHON, PXL_TEST_TOOLS, path);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    char *line = NULL;
    size_t cap = 0, seen = 0, sheets = 0;
    int datemode = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, p)) > 0) {
        if (line[n - 1] == '\n')
            line[n - 1] = '\0';
        if (!strncmp(line, "# error", 7))
            ck_abort_msg("%s: xlrd cannot read it: %s", path, line);
        if (sscanf(line, "# sheets %*u datemode %d", &datemode) == 1)
            continue;
        if (!strncmp(line, "# sheet ", 8)) {
            size_t index;
            char name[512];
            ck_assert_int_eq(sscanf(line, "# sheet %zu %511[^\n]", &index, name), 2);
            ck_assert_uint_lt(index, b->sheet_count);
            char *want = unescape(name);
            ck_assert_str_eq(b->sheets[index], want);
            free(want);
            sheets++;
            continue;
        }
        if (line[0] == '#')
            continue;
        size_t sheet;
        unsigned row, col;
        char kind[16];
        int off = 0;
        ck_assert_int_eq(sscanf(line, "%zu\t%u\t%u\t%15[a-z]\t%n", &sheet, &row, &col, kind, &off), 4);
        char *value = unescape(line + off);
        const test_cell *c = cell_at(b, sheet, row, col);
        ck_assert_msg(c != NULL, "%s: planxl lacks the cell xlrd reads: %s", path, line);
        if (!strcmp(kind, "text")) {
            ck_assert_msg(c->type == PXL_CELL_TEXT, "%s: %s: planxl type %d", path, line, c->type);
            ck_assert_str_eq(c->text, value);
        } else if (!strcmp(kind, "number")) {
            ck_assert_msg(c->type == PXL_CELL_NUMBER, "%s: %s: planxl type %d", path, line, c->type);
            ck_assert_msg(same_number(c->number, strtod(value, NULL)), "%s: %s: planxl %.17g", path, line, c->number);
        } else if (!strcmp(kind, "date")) {
            ck_assert_msg(c->type == PXL_CELL_DATE || c->type == PXL_CELL_DATETIME || c->type == PXL_CELL_TIME,
                          "%s: %s: planxl type %d", path, line, c->type);
            double want = strtod(value, NULL);
            /* planxl delivers the 1900 system; xlrd the workbook's own (times are fractions in both) */
            if (datemode == 1 && c->type != PXL_CELL_TIME)
                want += 1462.0;
            /* a time cell of a 1904 workbook: shifted when it holds a date too, not when a duration */
            int ok = same_number(c->number, want) ||
                     (datemode == 1 && c->type == PXL_CELL_TIME && same_number(c->number, want + 1462.0));
            ck_assert_msg(ok, "%s: %s: planxl %.17g", path, line, c->number);
        } else if (!strcmp(kind, "boolean")) {
            ck_assert_int_eq(c->type, PXL_CELL_BOOLEAN);
            ck_assert_double_eq(c->number, strtod(value, NULL));
        } else {
            ck_assert_int_eq(c->type, PXL_CELL_ERROR);
            ck_assert_str_eq(c->text, value);
        }
        free(value);
        seen++;
    }
    free(line);
    ck_assert_int_eq(pclose(p), 0);
    ck_assert_uint_eq(sheets, b->sheet_count);
    ck_assert_msg(seen == b->count, "%s: planxl reads %zu cells, xlrd %zu", path, b->count, seen);
    ck_assert_int_eq(b->date1904, datemode);
    free_book(b);
}

static const char *const xlrd_files[] = {
    BIFF_DIR "cells.biff", BIFF_DIR "cells_in_order.biff", BIFF_DIR "1904.biff", BIFF_DIR "out_of_order.biff", BIFF_DIR "sst_continue.biff",
    BIFF_DIR "writeexcel_formulas.xls", BIFF_DIR "writeexcel_1904.xls", BIFF_DIR "writeexcel_long_strings.xls",
    BIFF_DIR "writeexcel_out_of_order.xls", BIFF_DIR "lo_formulas.xls", BIFF_DIR "gnumeric_formulas.xls",
    BIFF_DIR "gnumeric_formulas_biff5.xls",
    CORPUS_DIR "phpspreadsheet__DefinedNameTest.xls", CORPUS_DIR "poi__3dFormulas.xls",
    CORPUS_DIR "poi__TestUnicode.xls", CORPUS_DIR "calamine__issue_643_biff5_formula.xls",
    CORPUS_DIR "freexl__SphinxTextTinyTestCaseBiff7.xls", CORPUS_DIR "parseexcel__long_string2.xls",
    CORPUS_DIR "poi__49612.xls", CORPUS_DIR "freexl__simple2003_3.xls", CORPUS_DIR "freexl__simple2003_4_1904.xls",
    CORPUS_DIR "calamine__date.xls", CORPUS_DIR "calamine__date_1904.xls", CORPUS_DIR "poi__chinese-provinces.xls",
    CORPUS_DIR "phpspreadsheet__maccentraleurope.biff5.xls", CORPUS_DIR "phpspreadsheet__maccentraleurope.xls",
    CORPUS_DIR "xlrd__biff4_no_format_no_window2.xls", CORPUS_DIR "freexl__simple2003_21.xls" /* BIFF2 */,
    CORPUS_DIR "freexl__datetime2003.xls",
    CORPUS_DIR "freexl__oocalc_simple97.xls", CORPUS_DIR "calamine__issues.xls",
    CORPUS_DIR "calamine__optional_records.xls", CORPUS_DIR "calamine__formula-date-format.xls",
    PXL_TEST_DATA "/plan-2024-08.xls", PXL_TEST_DATA "/plan-2024-08-wrong-total.xls",
};

START_TEST(test_agrees_with_xlrd)
{
    agree_with_xlrd(xlrd_files[_i]);
}
END_TEST

/* ---- cell records and formula results (hand-built stream) ---------------------- */

START_TEST(test_cell_records)
{
    test_book *b = read_book(BIFF_DIR "cells.biff");
    ck_assert_msg(b->open_error == PXL_OK && b->scan_error == PXL_OK, "%s", b->message);
    ck_assert_int_eq(b->biff, 8);
    ck_assert_uint_eq(b->sheet_count, 2);
    ck_assert_str_eq(b->sheets[0], "Data");
    ck_assert_str_eq(b->sheets[1], "Tom");
    ck_assert_str_eq(must_cell(b, 0, 0, 0)->text, "Område");      /* LABEL */
    ck_assert_str_eq(must_cell(b, 0, 0, 2)->text, "Ω wide ✓");    /* LABELSST, UTF-16 */
    ck_assert_double_eq(must_cell(b, 0, 1, 2)->number, 123.45);   /* RK / 100 */
    ck_assert_double_eq(must_cell(b, 0, 2, 2)->number, 3);        /* MULRK's last */
    ck_assert_int_eq(must_cell(b, 0, 3, 0)->type, PXL_CELL_BOOLEAN);
    static const char *const errors[] = { "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A" };
    for (unsigned i = 0; i < 7; i++) {
        ck_assert_int_eq(must_cell(b, 0, 4, i)->type, PXL_CELL_ERROR);
        ck_assert_str_eq(must_cell(b, 0, 4, i)->text, errors[i]);
    }
    ck_assert_ptr_null(cell_at(b, 0, 5, 0)); /* BLANK and MULBLANK: not delivered */
    ck_assert_ptr_null(cell_at(b, 0, 5, 2));
    /* formulas: cached result and text */
    const test_cell *c = must_cell(b, 0, 7, 0);
    ck_assert(c->is_formula);
    ck_assert_double_eq(c->number, 30);
    ck_assert_str_eq(c->formula, "SUM(A2:B2)");
    c = must_cell(b, 0, 7, 1);
    ck_assert_int_eq(c->type, PXL_CELL_TEXT);
    ck_assert_str_eq(c->text, "Område"); /* from the STRING record */
    ck_assert_int_eq(must_cell(b, 0, 7, 2)->type, PXL_CELL_BOOLEAN);
    ck_assert_double_eq(must_cell(b, 0, 7, 2)->number, 1);
    ck_assert_str_eq(must_cell(b, 0, 7, 3)->text, "#DIV/0!");
    ck_assert_str_eq(must_cell(b, 0, 7, 4)->text, "");
    ck_assert(must_cell(b, 0, 7, 4)->is_formula);
    /* a shared formula, decoded relative to each of its cells */
    ck_assert_str_eq(must_cell(b, 0, 8, 1)->formula, "A9+1");
    ck_assert_str_eq(must_cell(b, 0, 9, 1)->formula, "A10+1");
    ck_assert_str_eq(must_cell(b, 0, 10, 1)->formula, "A11+1");
    ck_assert_double_eq(must_cell(b, 0, 10, 1)->number, 4);
    ck_assert_int_eq(must_cell(b, 0, 8, 0)->is_formula, 0);
    ck_assert_ptr_null(must_cell(b, 0, 8, 0)->formula);
    free_book(b);
}
END_TEST

/* ---- formulas from three writers ------------------------------------------------- */

static const char *const writer_files[] = {
    BIFF_DIR "writeexcel_formulas.xls", BIFF_DIR "lo_formulas.xls", BIFF_DIR "gnumeric_formulas.xls",
    BIFF_DIR "gnumeric_formulas_biff5.xls",
};

START_TEST(test_writer_formulas)
{
    /* the formulas make_writeexcel.pl wrote, as every writer must carry them */
    static const struct { uint32_t row, col; const char *text; } want[] = {
        { 4, 1, "SUM(B2:B4)" }, { 5, 1, "B5*2" }, { 6, 1, "IF(B5>0,\"plus\",\"minus\")" }, { 7, 1, "B2>B3" },
        { 8, 1, "1/0" }, { 9, 1, "Data!A1+1" }, { 11, 3, "A12+1" },
    };
    test_book *b = read_book(writer_files[_i]);
    ck_assert_msg(b->open_error == PXL_OK && b->scan_error == PXL_OK, "%s", b->message);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const test_cell *c = must_cell(b, 0, want[i].row, want[i].col);
        ck_assert_msg(c->is_formula, "%s: row %u", writer_files[_i], want[i].row);
        ck_assert_msg(c->formula && !strcmp(c->formula, want[i].text), "%s: want %s, got %s",
                      writer_files[_i], want[i].text, c->formula ? c->formula : "(none)");
    }
    /* the Summa row's cached total: 1650 - 1600 + 2500.5 */
    ck_assert_double_eq_tol(must_cell(b, 0, 4, 1)->number, 2550.5, 1e-9);
    ck_assert_int_eq(must_cell(b, 0, 4, 1)->type, PXL_CELL_NUMBER);
    free_book(b);
}
END_TEST

/* ---- dates ----------------------------------------------------------------------- */

static const char *const date_files[] = {
    BIFF_DIR "writeexcel_formulas.xls", BIFF_DIR "writeexcel_1904.xls",
};

START_TEST(test_dates)
{
    /* 2024-08-31 is serial 45535 in the 1900 system: 2024-01-01 is 45292, plus 243 days */
    test_book *b = read_book(date_files[_i]);
    ck_assert_msg(b->open_error == PXL_OK && b->scan_error == PXL_OK, "%s", b->message);
    ck_assert_int_eq(b->date1904, _i == 1);
    const test_cell *c = must_cell(b, 0, 11, 0);
    ck_assert_int_eq(c->type, PXL_CELL_DATE);
    ck_assert_double_eq(c->number, 45535);
    c = must_cell(b, 0, 11, 1);
    ck_assert_int_eq(c->type, PXL_CELL_DATETIME);
    ck_assert_double_eq_tol(c->number, 45535.75, 1e-9);
    c = must_cell(b, 0, 11, 2);
    ck_assert_int_eq(c->type, PXL_CELL_TIME);
    ck_assert_double_eq(c->number, 0.5);
    c = must_cell(b, 0, 11, 3); /* a formula's cached result is a date too */
    ck_assert_int_eq(c->type, PXL_CELL_DATE);
    ck_assert_double_eq(c->number, 45536);
    ck_assert(c->is_formula);
    free_book(b);
}
END_TEST

START_TEST(test_1904_stream)
{
    test_book *b = read_book(BIFF_DIR "1904.biff");
    ck_assert_int_eq(b->open_error, PXL_OK);
    ck_assert_int_eq(b->date1904, 1);
    ck_assert_double_eq(must_cell(b, 0, 0, 0)->number, 45535);
    ck_assert_int_eq(must_cell(b, 0, 0, 1)->type, PXL_CELL_TIME);
    ck_assert_double_eq(must_cell(b, 0, 0, 1)->number, 0.25);
    ck_assert_int_eq(must_cell(b, 0, 0, 2)->type, PXL_CELL_NUMBER);
    /* h:mm over 1904-01-11 12:00 shows 12:00, and its date moves to the 1900 system;
     * 10.5 in [h]:mm:ss is 252 hours, whatever the date system */
    ck_assert_int_eq(must_cell(b, 0, 1, 0)->type, PXL_CELL_TIME);
    ck_assert_double_eq(must_cell(b, 0, 1, 0)->number, 10.5 + 1462);
    ck_assert_int_eq(must_cell(b, 0, 1, 1)->type, PXL_CELL_TIME);
    ck_assert_double_eq(must_cell(b, 0, 1, 1)->number, 10.5);
    free_book(b);
}
END_TEST

/* ---- BIFF5 text in a code page ---------------------------------------------------- */

START_TEST(test_biff5_codepage)
{
    test_book *b = read_book(BIFF_DIR "gnumeric_formulas_biff5.xls");
    ck_assert_msg(b->open_error == PXL_OK && b->scan_error == PXL_OK, "%s", b->message);
    ck_assert_int_eq(b->biff, 5);
    ck_assert_str_eq(b->sheets[0], "Äldreomsorg");             /* Windows-1252 */
    ck_assert_str_eq(must_cell(b, 0, 0, 0)->text, "Åtgärd");
    ck_assert_str_eq(must_cell(b, 0, 1, 0)->text, "Träffsäkra beslut");
    free_book(b);
    /* Mac Central European (code page 10029), which glibc's iconv calls MAC-CENTRALEUROPE */
    b = read_book(CORPUS_DIR "phpspreadsheet__maccentraleurope.biff5.xls");
    ck_assert_msg(b->open_error == PXL_OK && b->scan_error == PXL_OK, "%s", b->message);
    ck_assert_int_eq(b->biff, 5);
    int found = 0;
    for (size_t i = 0; i < b->count; i++)
        found |= b->cells[i].text && !strcmp(b->cells[i].text, "Ładowność");
    ck_assert_msg(found, "no cell reads \"Ładowność\"");
    free_book(b);
}
END_TEST

/* ---- SST strings across CONTINUE ------------------------------------------------- */

START_TEST(test_sst_continue)
{
    test_book *b = read_book(BIFF_DIR "sst_continue.biff");
    ck_assert_msg(b->open_error == PXL_OK && b->scan_error == PXL_OK, "%s", b->message);
    /* a compressed string whose continuation is UTF-16 (the flag restarts in each CONTINUE) */
    char want[3000 + 10 * 9 + 1];
    memset(want, 'x', 3000);
    want[3000] = '\0';
    for (int i = 0; i < 10; i++)
        strcat(want, "ÅÄÖ✓");
    ck_assert_str_eq(must_cell(b, 0, 0, 0)->text, want);
    ck_assert_str_eq(must_cell(b, 0, 1, 0)->text, "rich text");         /* runs in the next CONTINUE */
    ck_assert_str_eq(must_cell(b, 0, 2, 0)->text, "phonetic");          /* phonetic block skipped */
    ck_assert_str_eq(must_cell(b, 0, 3, 0)->text, "after the boundary");
    free_book(b);

    b = read_book(BIFF_DIR "writeexcel_long_strings.xls");
    ck_assert_msg(b->open_error == PXL_OK && b->scan_error == PXL_OK, "%s", b->message);
    for (unsigned i = 0; i < 600; i++) {
        char s[128];
        snprintf(s, sizeof s, "Rad %04u: åtgärder inom vård och omsorg %s", i, i % 7 ? "ÅÄÖ" : "Ω✓");
        ck_assert_str_eq(must_cell(b, 0, i, 0)->text, s);
    }
    const char *lng = must_cell(b, 0, 0, 1)->text;
    ck_assert_uint_eq(strlen(lng), 10000);
    for (size_t i = 0; i < 10000; i++)
        ck_assert_int_eq(lng[i], 'A' + (int)(i % 26));
    free_book(b);
}
END_TEST

START_TEST(test_sst_count_lies)
{
    /* 2^31-1 strings declared, two present: read what is there, allocate for what is there */
    test_book *b = read_book(BIFF_DIR "sst_count_lies.biff");
    ck_assert_msg(b->open_error == PXL_OK && b->scan_error == PXL_OK, "%s", b->message);
    ck_assert_str_eq(must_cell(b, 0, 0, 0)->text, "ett");
    ck_assert_str_eq(must_cell(b, 0, 1, 0)->text, "två");
    free_book(b);
}
END_TEST

/* ---- out-of-order cells ------------------------------------------------------------ */

START_TEST(test_out_of_order)
{
    test_book *b = read_book(BIFF_DIR "out_of_order.biff");
    ck_assert_int_eq(b->open_error, PXL_OK);
    ck_assert(b->ordered);
    ck_assert_uint_eq(b->count, 6);
    for (size_t i = 0; i < b->count; i++) {
        /* cell (r, c) holds 2r + c + 1; A1 was written twice and the later 99 wins */
        const test_cell *c = &b->cells[i];
        ck_assert_uint_eq(c->row, i / 2);
        ck_assert_uint_eq(c->col, i % 2);
        ck_assert_double_eq(c->number, i == 0 ? 99 : (double)(2 * c->row + c->col + 1));
    }
    free_book(b);
    b = read_book(BIFF_DIR "writeexcel_out_of_order.xls");
    ck_assert_int_eq(b->open_error, PXL_OK);
    ck_assert(b->ordered);
    ck_assert_uint_eq(b->count, 5);
    ck_assert_str_eq(must_cell(b, 0, 3, 1)->text, "mitten");
    free_book(b);
}
END_TEST

/* ---- files refused, with the reason and the file named --------------------------- */

static const struct refused {
    const char *path;
    pxl_error code;
    const char *says;
} refused[] = {
    { BIFF_DIR "filepass.biff", PXL_ERR_ENCRYPTED, "password-protected" },
    { CORPUS_DIR "poi__xor-encryption-abc.xls", PXL_ERR_ENCRYPTED, "password-protected" },
    { CORPUS_DIR "LICENSES.md", PXL_ERR_NOT_XLS, "not an Excel 97-2003" },
    { BIFF_DIR "make_biff_streams.py", PXL_ERR_NOT_XLS, "not an Excel 97-2003" },
    { BIFF_DIR "no-such-file.xls", PXL_ERR_NOT_FOUND, "no such file" },
    { BIFF_DIR "bad_sst_cut.biff", PXL_ERR_CORRUPT, "shared string table" },
    /* malformed sheet records: the sheet is named too */
    { BIFF_DIR "bad_formula_truncated.biff", PXL_ERR_CORRUPT, "Blad1!A2: the file is damaged: a formula cell is cut short" },
    { BIFF_DIR "bad_string_orphan.biff", PXL_ERR_CORRUPT, "Blad1: the file is damaged: a formula result (STRING record)" },
    { BIFF_DIR "bad_labelsst_index.biff", PXL_ERR_CORRUPT, "Blad1!A1: the file is damaged: a text cell refers to shared string 6" },
    { BIFF_DIR "bad_truncated_stream.biff", PXL_ERR_CORRUPT, "Blad1: the file is damaged: the sheet ends early" },
    { BIFF_DIR "bad_number_short.biff", PXL_ERR_CORRUPT, "Blad1!A1: the file is damaged: a number cell is cut short" },
    { BIFF_DIR "bad_label_cut_streamed.biff", PXL_ERR_CORRUPT, "Blad1!B1: the file is damaged: a text is cut short" },
};

START_TEST(test_refused)
{
    const struct refused *r = &refused[_i];
    test_book *b = read_book(r->path);
    pxl_error got = b->open_error != PXL_OK ? b->open_error : b->scan_error;
    ck_assert_msg(got == r->code, "%s: want error %d, got %d (%s)", r->path, r->code, got, b->message);
    ck_assert_msg(strstr(b->message, r->path) != NULL, "%s: the message does not name the file: %s", r->path, b->message);
    ck_assert_msg(strstr(b->message, r->says) != NULL, "%s: want \"%s\" in: %s", r->path, r->says, b->message);
    free_book(b);
}
END_TEST

/* ---- the example plan: its Summa formulas ------------------------------------------ */

START_TEST(test_plan_totals)
{
    test_book *b = read_book(PXL_TEST_DATA "/plan-2024-08.xls");
    ck_assert_msg(b->open_error == PXL_OK && b->scan_error == PXL_OK, "%s", b->message);
    size_t formulas = 0;
    for (size_t i = 0; i < b->count; i++) {
        const test_cell *c = &b->cells[i];
        if (!c->is_formula)
            continue;
        formulas++;
        ck_assert_ptr_nonnull(c->formula);
        ck_assert_msg(!strncmp(c->formula, "SUM(", 4), "%s", c->formula);
        /* a total row: SUM over its own column, ending in the row above it
         * (the cached values are checked against xlrd with the other files) */
        unsigned r1, r2;
        char col1, col2;
        ck_assert_int_eq(sscanf(c->formula, "SUM(%c%u:%c%u)", &col1, &r1, &col2, &r2), 4);
        ck_assert_int_eq(col1, col2);
        ck_assert_int_eq(col1 - 'A', (int)c->col);
        ck_assert_uint_eq(r2, c->row); /* 1-based r2 is the 0-based row above */
        ck_assert_uint_lt(r1, r2);
    }
    ck_assert_uint_gt(formulas, 0);
    free_book(b);
}
END_TEST


/* ---- differential: the BIFF reader against freexl ----------------------------------- */

static size_t sheet_by_name(const test_book *b, const char *name)
{
    for (size_t i = 0; i < b->sheet_count; i++)
        if (!strcmp(b->sheets[i], name))
            return i;
    /* a bare BIFF2-4 worksheet has no name: freexl calls it "Worksheet", planxl (as xlrd) "Sheet 1" */
    if (b->sheet_count == 1 && b->biff <= 4)
        return 0;
    return SIZE_MAX;
}

static int is_date_type(pxl_cell_type t)
{
    return t == PXL_CELL_DATE || t == PXL_CELL_DATETIME || t == PXL_CELL_TIME;
}

/*
 * Do the readers agree on a cell, allowing for freexl 1.0.6's known faults:
 * - booleans and error values come back as integers (no BOOLERR types);
 * - dates come back as text, cut to whole seconds, a date-time format to its date,
 *   a time format to its time of day (freexl.c's date conversion);
 * - its date formats are fewer (no [h] elapsed, no locale-prefixed formats): a date
 *   to planxl (and to xlrd) can be a plain number to freexl.
 */
static int agree_with_freexl(const test_cell *mine, const test_cell *fx, const char **why)
{
    *why = NULL;
    if (mine->type == fx->type) {
        if (mine->type == PXL_CELL_TEXT || mine->type == PXL_CELL_ERROR)
            return !strcmp(mine->text, fx->text);
        if (!is_date_type(mine->type))
            return same_number(mine->number, fx->number);
    }
    if ((mine->type == PXL_CELL_BOOLEAN || mine->type == PXL_CELL_ERROR) && fx->type == PXL_CELL_NUMBER) {
        *why = "freexl reads booleans and errors as integers";
        return 1;
    }
    if (is_date_type(mine->type) && (is_date_type(fx->type) || fx->type == PXL_CELL_NUMBER)) {
        const double second = 1.0 / 86400;
        if (fx->type == PXL_CELL_NUMBER) {
            *why = "freexl knows fewer date formats";
            return same_number(mine->number, fx->number);
        }
        if (fabs(mine->number - fx->number) <= second)
            return 1;
        *why = "freexl's date text drops the date or the time part";
        return fabs(floor(mine->number) - fx->number) <= second ||
               fabs((mine->number - floor(mine->number)) - fx->number) <= second;
    }
    return 0;
}

static const char *const differential_files[] = {
    CORPUS_DIR "freexl__simple2003_3.xls", CORPUS_DIR "freexl__simple2003_4_1904.xls",
    CORPUS_DIR "freexl__simple2003_21.xls", CORPUS_DIR "calamine__date.xls", CORPUS_DIR "calamine__date_1904.xls", CORPUS_DIR "poi__chinese-provinces.xls",
    CORPUS_DIR "phpspreadsheet__maccentraleurope.xls", CORPUS_DIR "freexl__datetime2003.xls",
    CORPUS_DIR "freexl__oocalc_simple97.xls", CORPUS_DIR "calamine__issues.xls",
    CORPUS_DIR "calamine__optional_records.xls", CORPUS_DIR "calamine__formula-date-format.xls",
    BIFF_DIR "writeexcel_formulas.xls", BIFF_DIR "writeexcel_1904.xls", BIFF_DIR "writeexcel_long_strings.xls",
    BIFF_DIR "lo_formulas.xls", BIFF_DIR "gnumeric_formulas.xls",
    PXL_TEST_DATA "/plan-2024-08.xls", PXL_TEST_DATA "/plan-2024-08-wrong-total.xls",
};

START_TEST(test_differential_freexl)
{
    const char *path = differential_files[_i];
    test_book *fx = read_with(path, PXL_READER_FREEXL);
    test_book *mine = read_book(path);
    ck_assert_msg(fx->open_error == PXL_OK && fx->scan_error == PXL_OK, "%s: freexl: %s", path, fx->message);
    ck_assert_msg(mine->open_error == PXL_OK && mine->scan_error == PXL_OK, "%s: %s", path, mine->message);
    size_t compared = 0, excused = 0;
    /* every cell freexl reads, planxl reads alike (sheets matched by name: freexl 1.0.6
     * also lists chart and macro sheets) */
    for (size_t i = 0; i < fx->count; i++) {
        const test_cell *f = &fx->cells[i];
        size_t sheet = sheet_by_name(mine, fx->sheets[f->sheet]);
        ck_assert_msg(sheet != SIZE_MAX, "%s: no sheet %s", path, fx->sheets[f->sheet]);
        const test_cell *m = cell_at(mine, sheet, f->row, f->col);
        ck_assert_msg(m != NULL, "%s: %s row %u col %u: only freexl reads it", path, mine->sheets[sheet], f->row, f->col);
        const char *why;
        ck_assert_msg(agree_with_freexl(m, f, &why), "%s: %s row %u col %u: planxl type %d %.17g %s, freexl type %d %.17g %s",
                      path, mine->sheets[sheet], f->row, f->col, m->type, m->number, m->text ? m->text : "",
                      f->type, f->number, f->text ? f->text : "");
        compared++;
        excused += why != NULL;
    }
    /* and every cell planxl reads, freexl reads too, but for formula cells (freexl 1.0.6
     * has no FORMULA handler) and empty text (planxl's freexl reader skips it) */
    for (size_t i = 0; i < mine->count; i++) {
        const test_cell *m = &mine->cells[i];
        if (m->is_formula || (m->type == PXL_CELL_TEXT && !*m->text))
            continue;
        size_t sheet = sheet_by_name(fx, mine->sheets[m->sheet]);
        ck_assert_msg(sheet != SIZE_MAX && cell_at(fx, sheet, m->row, m->col) != NULL,
                      "%s: %s row %u col %u: only planxl reads it", path, mine->sheets[m->sheet], m->row, m->col);
    }
    ck_assert_uint_gt(compared, 0);
    (void)excused;
    free_book(fx);
    free_book(mine);
}
END_TEST

/* ---- AUTO: freexl's cells, the BIFF reader's formulas and fallback ------------------- */

START_TEST(test_auto_adds_formulas)
{
    test_book *a = read_with(BIFF_DIR "writeexcel_formulas.xls", PXL_READER_AUTO);
    test_book *b = read_book(BIFF_DIR "writeexcel_formulas.xls");
    ck_assert_msg(a->open_error == PXL_OK && a->scan_error == PXL_OK, "%s", a->message);
    ck_assert_int_eq(a->reader, PXL_READER_FREEXL);
    ck_assert_int_eq(a->fell_back, 0);
    ck_assert(a->ordered);
    /* the formula cells freexl reads as empty are there, with text and cached value */
    const test_cell *c = must_cell(a, 0, 4, 1);
    ck_assert(c->is_formula);
    ck_assert_str_eq(c->formula, "SUM(B2:B4)");
    ck_assert_double_eq_tol(c->number, 2550.5, 1e-9);
    ck_assert_str_eq(must_cell(a, 0, 6, 1)->text, "plus");
    ck_assert_str_eq(must_cell(a, 0, 9, 1)->formula, "Data!A1+1");
    /* every formula cell of the BIFF reader, and nothing twice */
    size_t formulas = 0;
    for (size_t i = 0; i < b->count; i++) {
        if (!b->cells[i].is_formula)
            continue;
        formulas++;
        const test_cell *x = must_cell(a, b->cells[i].sheet, b->cells[i].row, b->cells[i].col);
        ck_assert(x->is_formula);
        ck_assert_str_eq(x->formula, b->cells[i].formula);
    }
    ck_assert_uint_eq(formulas, 7);
    ck_assert_uint_eq(a->count, b->count);
    free_book(a);
    free_book(b);
}
END_TEST

/*
 * AUTO against the BIFF reader alone, over the differential files: since the supplement
 * pass (docs/auto-reader.md) AUTO must read every cell as the BIFF reader does. The only
 * differences left are freexl's that lose nothing: DATE against DATETIME for a whole day,
 * freexl's whole seconds where the value is within rounding of one, empty text, and a
 * bare BIFF2-4 sheet's name. freexl alone fails this (check_grid asserts its losses).
 */
static int auto_agrees(const test_cell *a, const test_cell *b)
{
    if (a->type == b->type && (a->type == PXL_CELL_TEXT || a->type == PXL_CELL_ERROR))
        return !strcmp(a->text, b->text);
    if (a->is_formula != b->is_formula)
        return 0;
    if (a->type == b->type || (is_date_type(a->type) && is_date_type(b->type)))
        return fabs(a->number - b->number) <= 1e-3 / 86400 || same_number(a->number, b->number);
    return 0;
}

/* more files where freexl loses something, beyond differential_files (which freexl must open
 * with the same worksheets as planxl) */
static const char *const auto_extra_files[] = {
    CORPUS_DIR "readxl__types.xls", CORPUS_DIR "calamine__any_sheets.xls" /* a chart sheet */,
    CORPUS_DIR "phpspreadsheet__30templatebiff5.xls" /* RSTRING */, CORPUS_DIR "freexl__testbool.xls",
    CORPUS_DIR "readxl__datetime-rounding.xls", CORPUS_DIR "gnumeric__logfuns.xls",
};
#define AUTO_FILES (sizeof differential_files / sizeof *differential_files + \
                    sizeof auto_extra_files / sizeof *auto_extra_files)

START_TEST(test_auto_matches_biff)
{
    const size_t n = sizeof differential_files / sizeof *differential_files;
    const char *path = (size_t)_i < n ? differential_files[_i] : auto_extra_files[_i - n];
    test_book *a = read_with(path, PXL_READER_AUTO);
    test_book *b = read_book(path);
    ck_assert_msg(a->open_error == PXL_OK && a->scan_error == PXL_OK, "%s: %s", path, a->message);
    ck_assert_msg(b->open_error == PXL_OK && b->scan_error == PXL_OK, "%s: %s", path, b->message);
    ck_assert_msg(a->sheet_count == b->sheet_count, "%s: %zu sheets, BIFF reader %zu", path, a->sheet_count,
                  b->sheet_count);
    ck_assert(a->ordered);
    size_t matched = 0;
    for (size_t i = 0; i < b->count; i++) {
        const test_cell *x = &b->cells[i];
        if (x->type == PXL_CELL_TEXT && !*x->text)
            continue;
        size_t sheet = sheet_by_name(a, b->sheets[x->sheet]);
        ck_assert_msg(sheet != SIZE_MAX, "%s: no sheet %s", path, b->sheets[x->sheet]);
        const test_cell *y = cell_at(a, sheet, x->row, x->col);
        ck_assert_msg(y != NULL, "%s: %s row %u col %u: AUTO lacks it", path, b->sheets[x->sheet], x->row, x->col);
        ck_assert_msg(auto_agrees(y, x), "%s: %s row %u col %u: AUTO type %d %.17g %s, BIFF type %d %.17g %s", path,
                      b->sheets[x->sheet], x->row, x->col, y->type, y->number, y->text ? y->text : "", x->type,
                      x->number, x->text ? x->text : "");
        matched++;
    }
    ck_assert_uint_gt(matched, 0);
    free_book(a);
    free_book(b);
}
END_TEST

START_TEST(test_auto_falls_back)
{
    /* freexl 1.0.6 opens this one with success and a NULL handle (chart substreams) */
    const char *path = CORPUS_DIR "poi__3dFormulas.xls";
    test_book *a = read_with(path, PXL_READER_AUTO);
    test_book *b = read_book(path);
    ck_assert_msg(a->open_error == PXL_OK && a->scan_error == PXL_OK, "%s", a->message);
    ck_assert_int_eq(a->fell_back, 1);
    ck_assert_int_eq(a->reader, PXL_READER_BIFF);
    ck_assert_msg(strstr(a->fallback_reason, "freexl") != NULL, "reason: %s", a->fallback_reason);
    ck_assert_uint_eq(a->count, b->count);
    ck_assert_uint_gt(a->count, 0);
    free_book(a);
    free_book(b);
}
END_TEST

START_TEST(test_auto_plan_totals)
{
    test_book *a = read_with(PXL_TEST_DATA "/plan-2024-08.xls", PXL_READER_AUTO);
    ck_assert_msg(a->open_error == PXL_OK && a->scan_error == PXL_OK, "%s", a->message);
    size_t formulas = 0;
    for (size_t i = 0; i < a->count; i++)
        formulas += a->cells[i].is_formula && a->cells[i].formula && !strncmp(a->cells[i].formula, "SUM(", 4);
    ck_assert_uint_gt(formulas, 0);
    free_book(a);
}
END_TEST

/* ---- inputs the fuzzer found (fuzz/fuzz_biff.c): read or refused, never a crash -------- */

static const char *const fuzz_files[] = {
    BIFF_DIR "fuzz/empty-8bit-string.bin", /* UBSan: an empty 8-bit string into an empty buffer */
};

START_TEST(test_fuzz_regressions)
{
    test_book *b = read_book(fuzz_files[_i]);
    if (b->open_error != PXL_OK || b->scan_error != PXL_OK)
        ck_assert_msg(strstr(b->message, fuzz_files[_i]) != NULL, "message does not name the file: %s", b->message);
    free_book(b);
}
END_TEST

/* ---- formula text against LibreOffice's own reading ---------------------------------- */

/* Fold what may differ between two spellings of one formula: white space and case
 * outside string literals, quotes around sheet names that need none, "_xlfn.". */
static void normalize_formula(const char *in, char *out, size_t size)
{
    size_t n = 0;
    int in_string = 0;
    for (const char *p = in; *p && n + 1 < size; p++) {
        if (in_string) {
            out[n++] = *p;
            if (*p == '"')
                in_string = 0;
            continue;
        }
        if (*p == '"') {
            in_string = 1;
            out[n++] = *p;
        } else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            continue;
        } else if (*p == '\'') {
            /* 'Name'! -> Name! when Name is a plain identifier */
            const char *end = strchr(p + 1, '\'');
            int plain = end && end[1] == '!' && end > p + 1 && !(p[1] >= '0' && p[1] <= '9');
            for (const char *q = p + 1; plain && q < end; q++)
                plain = (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '_' ||
                        *q == '.' || (unsigned char)*q >= 0x80;
            if (plain) {
                for (const char *q = p + 1; q < end && n + 1 < size; q++)
                    out[n++] = (char)((*q >= 'a' && *q <= 'z') ? *q - 32 : *q);
                p = end;
            } else {
                out[n++] = *p;
            }
        } else {
            out[n++] = (char)((*p >= 'a' && *p <= 'z') ? *p - 32 : *p);
        }
        if (n >= 6 && !strncmp(out + n - 6, "_XLFN.", 6))
            n -= 6;
    }
    out[n] = '\0';
}

static const struct lo_pair { const char *xls, *xlsx; } lo_pairs[] = {
    { BIFF_DIR "writeexcel_formulas.xls", BIFF_DIR "lo_xlsx/writeexcel_formulas.xlsx" },
    { BIFF_DIR "lo_formulas.xls", BIFF_DIR "lo_xlsx/lo_formulas.xlsx" },
    { BIFF_DIR "gnumeric_formulas.xls", BIFF_DIR "lo_xlsx/gnumeric_formulas.xlsx" },
    { BIFF_DIR "gnumeric_formulas_biff5.xls", BIFF_DIR "lo_xlsx/gnumeric_formulas_biff5.xlsx" },
    { CORPUS_DIR "poi__3dFormulas.xls", BIFF_DIR "lo_xlsx/poi__3dFormulas.xlsx" },
    { CORPUS_DIR "calamine__issue_643_biff5_formula.xls", BIFF_DIR "lo_xlsx/calamine__issue_643_biff5_formula.xlsx" },
    { CORPUS_DIR "calamine__optional_records.xls", BIFF_DIR "lo_xlsx/calamine__optional_records.xlsx" },
    { CORPUS_DIR "calamine__issues.xls", BIFF_DIR "lo_xlsx/calamine__issues.xlsx" },
    { CORPUS_DIR "poi__49612.xls", BIFF_DIR "lo_xlsx/poi__49612.xlsx" },
    { CORPUS_DIR "calamine__formula-date-format.xls", BIFF_DIR "lo_xlsx/calamine__formula-date-format.xlsx" },
    { PXL_TEST_DATA "/plan-2024-08.xls", BIFF_DIR "lo_xlsx/plan-2024-08.xlsx" },
};

START_TEST(test_formulas_as_libreoffice)
{
    const struct lo_pair *pair = &lo_pairs[_i];
    test_book *b = read_book(pair->xls);
    ck_assert_msg(b->open_error == PXL_OK && b->scan_error == PXL_OK, "%s", b->message);
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s %s/xlsx_formulas.py '%s'", PXL_TEST_PYTHON, PXL_TEST_TOOLS, pair->xlsx);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    char *line = NULL;
    size_t cap = 0, lo_count = 0, same = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, p)) > 0) {
        if (line[n - 1] == '\n')
            line[n - 1] = '\0';
        size_t sheet;
        unsigned row, col;
        int off = 0;
        ck_assert_int_eq(sscanf(line, "%zu\t%u\t%u\t%n", &sheet, &row, &col, &off), 3);
        const test_cell *c = cell_at(b, sheet, row, col);
        /* not formulas in the .xls: LibreOffice writes boolean cells as TRUE()/FALSE(),
         * and openpyxl takes any text starting with '=' for a formula */
        if (c && !c->is_formula && ((c->type == PXL_CELL_BOOLEAN && (!strcmp(line + off, "TRUE()") ||
                                                                     !strcmp(line + off, "FALSE()"))) ||
                                    (c->type == PXL_CELL_TEXT && c->text[0] == '=')))
            continue;
        lo_count++;
        ck_assert_msg(c && c->is_formula, "%s: LibreOffice reads a formula at sheet %zu row %u col %u, planxl none",
                      pair->xls, sheet, row, col);
        if (!c->formula)
            continue; /* kept as its cached value: allowed, and counted by the reader */
        char *lo_text = unescape(line + off);
        char want[4096], got[4096];
        normalize_formula(lo_text, want, sizeof want);
        normalize_formula(c->formula, got, sizeof got);
        ck_assert_msg(!strcmp(want, got), "%s: sheet %zu row %u col %u: LibreOffice %s, planxl %s", pair->xls, sheet,
                      row, col, lo_text, c->formula);
        free(lo_text);
        same++;
    }
    free(line);
    ck_assert_int_eq(pclose(p), 0);
    /* planxl invents no formula LibreOffice does not see */
    size_t mine = 0;
    for (size_t i = 0; i < b->count; i++)
        mine += b->cells[i].is_formula;
    ck_assert_msg(mine == lo_count, "%s: planxl %zu formula cells, LibreOffice %zu", pair->xls, mine, lo_count);
    ck_assert_uint_gt(same, 0);
    free_book(b);
}
END_TEST

/* ---- a ptgExp anchor inside the shared range, not its first cell (POI bug 47747) -------- */

START_TEST(test_shared_anchor_inside_range)
{
    /* Rev2!Q20 (row 19, col 16) points its ptgExp at itself; the SHRFMLA that follows spans
     * A20:Q27, whose first cell is A20. Every cell of the range is decoded relative to itself. */
    test_book *b = read_book(CORPUS_DIR "poi__ex47747-sharedFormula.xls");
    ck_assert_msg(b->open_error == PXL_OK && b->scan_error == PXL_OK, "%s", b->message);
    static const struct { uint32_t row, col; const char *formula; } want[] = {
        { 18, 16, "$AF19*Q$7" }, { 19, 16, "$AF20*Q$7" }, { 19, 0, "$AF20*A$7" },
        { 20, 0, "$AF21*A$7" },  { 20, 16, "$AF21*Q$7" }, { 26, 16, "$AF27*Q$7" },
    };
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        const test_cell *c = cell_at(b, 0, want[k].row, want[k].col);
        ck_assert_msg(c && c->is_formula, "row %u col %u: no formula cell", want[k].row, want[k].col);
        ck_assert_msg(c->formula, "row %u col %u: formula not decoded", want[k].row, want[k].col);
        ck_assert_str_eq(c->formula, want[k].formula);
    }
    size_t undecoded = 0;
    for (size_t i = 0; i < b->count; i++)
        undecoded += b->cells[i].is_formula && !b->cells[i].formula;
    ck_assert_uint_eq(undecoded, 0);
    free_book(b);
}
END_TEST

/* ---- the library prints nothing: libgsf's complaints stay out of stderr -------------- */

START_TEST(test_damaged_container_quiet)
{
    const char *path = BIFF_DIR "bad_container.xls";
    test_book *b = read_book(path);
    ck_assert_int_eq(b->open_error, PXL_ERR_CORRUPT);
    ck_assert_msg(strstr(b->message, "workbook stream cannot be opened") != NULL, "%s", b->message);
    free_book(b);
    /* through the CLI: its one error line, and no GLib warning from libgsf */
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' dump --reader=biff '%s' 2>&1 >/dev/null", PXL_TEST_BIN, path);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    char *line = NULL;
    size_t cap = 0, lines = 0;
    while (getline(&line, &cap, p) > 0) {
        lines++;
        ck_assert_msg(!strncmp(line, "planxl: ", 8), "unexpected output on stderr: %s", line);
    }
    free(line);
    pclose(p);
    ck_assert_uint_eq(lines, 1);
}
END_TEST

/* ---- streamed or collected (issue 5: no sheet-sized buffer for in-order sheets) ------ */

static int same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Every sheet scanned through the grid (streamed when in order) gives exactly the cells
 * the collecting path gives (pxl_biff_sheet_load: sorted, the later of two wins). */
static void streamed_equals_collected(const char *path, unsigned long *streamed, unsigned long *buffered)
{
    pxl_grid_options options = PXL_GRID_OPTIONS_INIT;
    options.reader = PXL_READER_BIFF;
    pxl_grid *grid;
    ck_assert_msg(pxl_grid_open(&grid, path, &options) == PXL_OK, "%s: %s", path, pxl_error_message());
    for (size_t i = 0; i < pxl_grid_sheet_count(grid); i++) {
        test_book b = { .ordered = 1, .current_sheet = i };
        ck_assert_msg(pxl_grid_sheet_scan(grid, i, collect, &b) == PXL_OK, "%s: %s", path, pxl_error_message());
        ck_assert_msg(b.ordered, "%s: sheet %zu not in row-major order", path, i + 1);
        size_t count;
        ck_assert_int_eq(pxl_biff_sheet_load(grid->impl, i, &count), PXL_OK);
        ck_assert_msg(count == b.count, "%s sheet %zu: %zu cells scanned, %zu collected", path, i + 1, b.count, count);
        for (size_t k = 0; k < count; k++) {
            pxl_cell c;
            pxl_biff_sheet_cell(grid->impl, k, &c);
            const test_cell *t = &b.cells[k];
            ck_assert_msg(t->row == c.row && t->col == c.col && t->type == c.type && t->is_formula == c.is_formula &&
                              (t->number == c.number || (isnan(t->number) && isnan(c.number))) &&
                              same_text(t->text, c.text) && same_text(t->formula, c.formula),
                          "%s sheet %zu cell %zu (row %u col %u) differs between the paths", path, i + 1, k, c.row,
                          c.col);
            free(b.cells[k].text);
            free(b.cells[k].formula);
        }
        free(b.cells);
    }
    pxl_biff_scan_paths(grid->impl, streamed, buffered);
    pxl_grid_close(grid);
}

START_TEST(test_streamed_equals_collected)
{
    unsigned long streamed, buffered;
    streamed_equals_collected(xlrd_files[_i], &streamed, &buffered);
}
END_TEST

/* Which path each sheet takes, known from how the file was made. */
static const struct scan_path {
    const char *path;
    unsigned long streamed, buffered;
} scan_paths[] = {
    /* make_biff_streams.py: every cell record kind in order, with a shared formula (SHRFMLA
     * after the first FORMULA of the range), STRING results and MULRK rows */
    { BIFF_DIR "cells_in_order.biff", 2, 0 },
    /* cells.biff writes A9:A11 before the shared formula in B9:B11: its Data sheet is
     * collected and sorted; its empty sheet Tom streams */
    { BIFF_DIR "cells.biff", 1, 1 },
    /* make_biff_streams.py writes A2 before A1 and A1 twice */
    { BIFF_DIR "out_of_order.biff", 0, 1 },
    /* make_writeexcel.pl writes B4 before the cells above it */
    { BIFF_DIR "writeexcel_out_of_order.xls", 0, 1 },
    /* Excel-made plan: row by row */
    { PXL_TEST_DATA "/plan-2024-08.xls", 3, 0 },
    /* LibreOffice writes row by row, shared formulas included */
    { BIFF_DIR "lo_formulas.xls", 2, 0 },
};

START_TEST(test_scan_path)
{
    const struct scan_path *t = &scan_paths[_i];
    unsigned long streamed, buffered;
    streamed_equals_collected(t->path, &streamed, &buffered);
    ck_assert_msg(streamed == t->streamed && buffered == t->buffered, "%s: %lu sheets streamed, %lu collected",
                  t->path, streamed, buffered);
}
END_TEST

/* The same cells written in order (streamed) and partly out of order (collected, sorted). */
START_TEST(test_streamed_as_sorted)
{
    test_book *a = read_book(BIFF_DIR "cells_in_order.biff");
    test_book *b = read_book(BIFF_DIR "cells.biff");
    ck_assert_int_eq(a->scan_error, PXL_OK);
    ck_assert_int_eq(b->scan_error, PXL_OK);
    ck_assert_uint_eq(a->count, b->count);
    ck_assert_uint_ge(a->count, 30);
    for (size_t i = 0; i < a->count; i++) {
        const test_cell *x = &a->cells[i], *y = &b->cells[i];
        ck_assert_msg(x->sheet == y->sheet && x->row == y->row && x->col == y->col && x->type == y->type &&
                          x->number == y->number && x->is_formula == y->is_formula && same_text(x->text, y->text) &&
                          same_text(x->formula, y->formula),
                      "cell %zu (row %u col %u) differs", i, x->row, x->col);
    }
    /* the shared formula, resolved while streaming */
    ck_assert_str_eq(must_cell(a, 0, 8, 1)->formula, "A9+1");
    ck_assert_str_eq(must_cell(a, 0, 10, 1)->formula, "A11+1");
    ck_assert_str_eq(must_cell(a, 0, 7, 1)->text, "Område"); /* STRING after FORMULA */
    free_book(a);
    free_book(b);
}
END_TEST

/* Damage found while streaming: the error names sheet and cell; the cells before it went out. */
START_TEST(test_streamed_damage)
{
    const char *path = BIFF_DIR "bad_label_cut_streamed.biff";
    pxl_grid_options options = PXL_GRID_OPTIONS_INIT;
    options.reader = PXL_READER_BIFF;
    pxl_grid *grid;
    ck_assert_int_eq(pxl_grid_open(&grid, path, &options), PXL_OK);
    test_book b = { .ordered = 1 };
    ck_assert_int_eq(pxl_grid_sheet_scan(grid, 0, collect, &b), PXL_ERR_CORRUPT);
    ck_assert_msg(strstr(pxl_error_message(), "Blad1!B1: the file is damaged") != NULL, "%s", pxl_error_message());
    unsigned long streamed, buffered;
    pxl_biff_scan_paths(grid->impl, &streamed, &buffered);
    ck_assert_uint_eq(streamed, 1);
    ck_assert_uint_eq(buffered, 0);
    ck_assert_uint_eq(b.count, 1); /* A1 */
    ck_assert_double_eq(b.cells[0].number, 1.0);
    free(b.cells);
    pxl_grid_close(grid);
}
END_TEST

typedef struct stopper {
    size_t seen, stop_at;
    uint32_t row, col; /* the last cell seen */
} stopper;

static int stop_visit(void *ctx, const pxl_cell *c)
{
    stopper *s = ctx;
    s->seen++;
    s->row = c->row;
    s->col = c->col;
    return s->seen == s->stop_at;
}

/* A visitor that says stop is not called again, on either path. */
START_TEST(test_scan_stops)
{
    const char *path = scan_paths[_i].path;
    test_book *all = read_book(path);
    ck_assert_int_eq(all->scan_error, PXL_OK);
    size_t first = 0; /* cells of the first sheet */
    while (first < all->count && all->cells[first].sheet == 0)
        first++;
    pxl_grid_options options = PXL_GRID_OPTIONS_INIT;
    options.reader = PXL_READER_BIFF;
    pxl_grid *grid;
    ck_assert_int_eq(pxl_grid_open(&grid, path, &options), PXL_OK);
    for (size_t k = 1; k <= first; k++) {
        stopper s = { 0, k, 0, 0 };
        ck_assert_int_eq(pxl_grid_sheet_scan(grid, 0, stop_visit, &s), PXL_ERR_CANCELLED);
        ck_assert_uint_eq(s.seen, k);
        ck_assert_uint_eq(s.row, all->cells[k - 1].row);
        ck_assert_uint_eq(s.col, all->cells[k - 1].col);
    }
    pxl_grid_close(grid);
    free_book(all);
}
END_TEST

static Suite *biff_suite(void)
{
    Suite *s = suite_create("biff");
    /* Tagged "functional": these spawn python3-xlrd, openpyxl or the CLI (ctest biff_functional). */
    TCase *tc = tcase_create("xlrd");
    tcase_set_tags(tc, "functional");
    tcase_add_loop_test(tc, test_agrees_with_xlrd, 0, (int)(sizeof xlrd_files / sizeof *xlrd_files));
    suite_add_tcase(s, tc);
    tc = tcase_create("tools");
    tcase_set_tags(tc, "functional");
    tcase_add_loop_test(tc, test_formulas_as_libreoffice, 0, (int)(sizeof lo_pairs / sizeof *lo_pairs));
    tcase_add_test(tc, test_damaged_container_quiet);
    suite_add_tcase(s, tc);
    tc = tcase_create("records");
    tcase_add_test(tc, test_cell_records);
    tcase_add_loop_test(tc, test_writer_formulas, 0, (int)(sizeof writer_files / sizeof *writer_files));
    tcase_add_loop_test(tc, test_dates, 0, (int)(sizeof date_files / sizeof *date_files));
    tcase_add_test(tc, test_1904_stream);
    tcase_add_test(tc, test_biff5_codepage);
    tcase_add_test(tc, test_sst_continue);
    tcase_add_test(tc, test_sst_count_lies);
    tcase_add_test(tc, test_out_of_order);
    tcase_add_test(tc, test_plan_totals);
    tcase_add_loop_test(tc, test_streamed_equals_collected, 0, (int)(sizeof xlrd_files / sizeof *xlrd_files));
    tcase_add_loop_test(tc, test_scan_path, 0, (int)(sizeof scan_paths / sizeof *scan_paths));
    tcase_add_test(tc, test_streamed_as_sorted);
    tcase_add_test(tc, test_streamed_damage);
    tcase_add_loop_test(tc, test_scan_stops, 0, (int)(sizeof scan_paths / sizeof *scan_paths));
    suite_add_tcase(s, tc);
    tc = tcase_create("readers");
    tcase_add_loop_test(tc, test_differential_freexl, 0, (int)(sizeof differential_files / sizeof *differential_files));
    tcase_add_loop_test(tc, test_auto_matches_biff, 0, (int)AUTO_FILES);
    tcase_add_test(tc, test_auto_adds_formulas);
    tcase_add_test(tc, test_shared_anchor_inside_range);
    tcase_add_test(tc, test_auto_falls_back);
    tcase_add_test(tc, test_auto_plan_totals);
    suite_add_tcase(s, tc);
    tc = tcase_create("refused");
    tcase_add_loop_test(tc, test_refused, 0, (int)(sizeof refused / sizeof *refused));
    tcase_add_loop_test(tc, test_fuzz_regressions, 0, (int)(sizeof fuzz_files / sizeof *fuzz_files));
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(biff_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
