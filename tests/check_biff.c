/*
 * planxl's own BIFF reader (src/biff/): cell types and values against python3-xlrd's
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

#include "biff/biff_reader.h"
#include "grid_internal.h"

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

/* Open with the BIFF reader and read every sheet. */
static test_book *read_book(const char *path)
{
    test_book *b = calloc(1, sizeof *b);
    struct pxl_grid grid;
    memset(&grid, 0, sizeof grid);
    b->ordered = 1;
    b->open_error = pxl_biff_open(&grid, path);
    if (b->open_error != PXL_OK) {
        snprintf(b->message, sizeof b->message, "%s", pxl_error_message());
        return b;
    }
    b->date1904 = grid.date1904;
    b->biff = grid.biff_version;
    b->sheet_count = grid.sheet_count;
    b->sheets = grid.sheet_names;
    for (size_t i = 0; i < grid.sheet_count && b->scan_error == PXL_OK; i++) {
        b->current_sheet = i;
        b->scan_error = grid.ops->scan(grid.impl, i, collect, b);
        if (b->scan_error != PXL_OK)
            snprintf(b->message, sizeof b->message, "%s", pxl_error_message());
    }
    grid.ops->close(grid.impl);
    return b;
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
            ck_assert_msg(same_number(c->number, want), "%s: %s: planxl %.17g", path, line, c->number);
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
    BIFF_DIR "cells.biff", BIFF_DIR "1904.biff", BIFF_DIR "out_of_order.biff", BIFF_DIR "sst_continue.biff",
    BIFF_DIR "writeexcel_formulas.xls", BIFF_DIR "writeexcel_1904.xls", BIFF_DIR "writeexcel_long_strings.xls",
    BIFF_DIR "writeexcel_out_of_order.xls", BIFF_DIR "lo_formulas.xls", BIFF_DIR "gnumeric_formulas.xls",
    BIFF_DIR "gnumeric_formulas_biff5.xls",
    CORPUS_DIR "phpspreadsheet__DefinedNameTest.xls", CORPUS_DIR "poi__3dFormulas.xls",
    CORPUS_DIR "poi__TestUnicode.xls", CORPUS_DIR "calamine__issue_643_biff5_formula.xls",
    CORPUS_DIR "freexl__SphinxTextTinyTestCaseBiff7.xls", CORPUS_DIR "parseexcel__long_string2.xls",
    CORPUS_DIR "poi__49612.xls", CORPUS_DIR "freexl__simple2003_3.xls", CORPUS_DIR "freexl__simple2003_4_1904.xls",
    CORPUS_DIR "calamine__date.xls", CORPUS_DIR "calamine__date_1904.xls", CORPUS_DIR "poi__chinese-provinces.xls",
    CORPUS_DIR "phpspreadsheet__maccentraleurope.biff5.xls", CORPUS_DIR "phpspreadsheet__maccentraleurope.xls",
    CORPUS_DIR "xlrd__biff4_no_format_no_window2.xls", CORPUS_DIR "freexl__datetime2003.xls",
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

static Suite *biff_suite(void)
{
    Suite *s = suite_create("biff");
    TCase *tc = tcase_create("xlrd");
    tcase_add_loop_test(tc, test_agrees_with_xlrd, 0, (int)(sizeof xlrd_files / sizeof *xlrd_files));
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
    suite_add_tcase(s, tc);
    tc = tcase_create("refused");
    tcase_add_loop_test(tc, test_refused, 0, (int)(sizeof refused / sizeof *refused));
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
