/*
 * Formula cells of workbooks from three writers (tests/data/formulas, made by
 * make_formulas.sh), read by planxl (--reader=biff, and AUTO), against two independent
 * readings of the same files recorded in expected.tsv:
 *   - the formula text LibreOffice reads (its .xlsx conversion, read by openpyxl),
 *     compared after normalise() folds what is notation rather than meaning;
 *   - the cached result python3-xlrd reads.
 * Every formula cell LibreOffice sees must be a formula cell here with the same
 * text, except the few listed in undecoded[] with the reason.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planxl/error.h"
#include "planxl/grid.h"

#define FORMULA_DIR PXL_TEST_DATA "/formulas/"

static const char *const files[] = {"perl.xls", "libreoffice.xls", "gnumeric.xls", "gnumeric-biff7.xls"};

/* Cells the decoder leaves as cached values only, on purpose (none at present;
 * an entry here must stay undecoded, so the list cannot go stale). */
static const struct {
    const char *file, *sheet, *cell, *why;
} undecoded[] = {
    {"", "", "", "placeholder: C has no empty initialiser lists"},
};

/* ---- normalising formula text ------------------------------------------ */

typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        ck_assert_ptr_nonnull(t->s);
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static int sheet_char(int c) { return isalnum(c) || c == '_' || c == '.' || (c & 0x80); }

/* A sheet name that needs no quotes: letters, digits, '_' and '.', not starting with a digit. */
static int plain_sheet(const char *s, size_t n)
{
    if (n == 0 || isdigit((unsigned char)s[0]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!sheet_char((unsigned char)s[i]))
            return 0;
    return 1;
}

/* A quoted sheet reference ('My Sheet' or 'Data:Other Sheet'), each name quoted only if it must be:
 * Excel quotes a sheet range as a whole, LibreOffice each name. */
static void put_sheets(text *t, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != ':')
            continue;
        if (start)
            put(t, ":", 1);
        int plain = plain_sheet(s + start, i - start);
        if (!plain)
            put(t, "'", 1);
        for (size_t k = start; k < i; k++) {
            char c = (char)toupper((unsigned char)s[k]);
            put(t, &c, 1);
        }
        if (!plain)
            put(t, "'", 1);
        start = i + 1;
    }
}

/* A cell reference at s: [$]letters[$]digits; its length, or 0. */
static size_t cell_at(const char *s, size_t *letters_end)
{
    size_t i = 0;
    if (s[i] == '$')
        i++;
    size_t l = i;
    while (isupper((unsigned char)s[i]))
        i++;
    if (i == l || i - l > 3)
        return 0;
    *letters_end = i;
    if (s[i] == '$')
        i++;
    size_t d = i;
    while (isdigit((unsigned char)s[i]))
        i++;
    return i > d ? i : 0;
}

static int row_is(const char *s, size_t from, size_t to, const char *row)
{
    if (s[from] == '$')
        from++;
    return to - from == strlen(row) && memcmp(s + from, row, to - from) == 0;
}

static int col_is(const char *s, size_t to, const char *col)
{
    size_t from = s[0] == '$';
    return to - from == strlen(col) && memcmp(s + from, col, to - from) == 0;
}

/*
 * Notation, not meaning, folded (outside string literals): white space dropped,
 * upper case, quotes only around sheet names that need them, "_xlfn." prefixes
 * dropped; and where LibreOffice spells a BIFF formula its own way:
 *   TRUE()/FALSE() for the constants TRUE/FALSE (LibreOffice has no boolean literal),
 *   NA() for the constant #N/A, '~' for the union operator ',',
 *   numbers compared by value (1.5E+020 for 1.5E+20, 0.0000001 for 1E-07),
 *   B2:B2 for B2 (a 3-D single cell),
 *   A1:A65536 / A$1:A65536 for the whole column A:A, $A2:$IV2 for the whole row 2:2.
 */
static char *normalise(const char *f)
{
    text a = {0}, b = {0};
    put(&a, "", 0);
    /* Pass 1: strings verbatim, sheet quotes, case, white space. */
    for (size_t i = 0; f[i];) {
        if (f[i] == '"') {
            size_t j = i + 1;
            while (f[j] && !(f[j] == '"' && f[j + 1] != '"'))
                j += f[j] == '"' ? 2 : 1;
            if (f[j])
                j++;
            put(&a, f + i, j - i);
            i = j;
        } else if (f[i] == '\'') {
            size_t j = i + 1;
            while (f[j] && !(f[j] == '\'' && f[j + 1] != '\''))
                j += f[j] == '\'' ? 2 : 1;
            put_sheets(&a, f + i + 1, j - i - 1);
            i = f[j] ? j + 1 : j;
        } else if (isspace((unsigned char)f[i])) {
            i++;
        } else {
            char c = f[i] == '~' ? ',' : (char)toupper((unsigned char)f[i]);
            put(&a, &c, 1);
            i++;
        }
    }
    /* Pass 2: spellings, outside strings. */
    const char *s = a.s;
    put(&b, "", 0);
    for (size_t i = 0; s[i];) {
        int boundary = i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '$' || s[i - 1] == '_' ||
                                   s[i - 1] == '.');
        if (s[i] == '"') {
            size_t j = i + 1;
            while (s[j] && !(s[j] == '"' && s[j + 1] != '"'))
                j += s[j] == '"' ? 2 : 1;
            if (s[j])
                j++;
            put(&b, s + i, j - i);
            i = j;
            continue;
        }
        if (boundary && strncmp(s + i, "_XLFN.", 6) == 0) {
            i += 6;
            continue;
        }
        if (boundary && strncmp(s + i, "TRUE()", 6) == 0) {
            put(&b, "TRUE", 4);
            i += 6;
            continue;
        }
        if (boundary && strncmp(s + i, "FALSE()", 7) == 0) {
            put(&b, "FALSE", 5);
            i += 7;
            continue;
        }
        if (boundary && strncmp(s + i, "NA()", 4) == 0) {
            put(&b, "#N/A", 4);
            i += 4;
            continue;
        }
        /* A number: by value (LibreOffice writes 0.0000001 and 1.5E+020, planxl 1E-07 and 1.5E+20).
         * At a boundary a digit starts a number, never a reference ("2:2" reads as 2 ':' 2). */
        if (boundary && (isdigit((unsigned char)s[i]) || (s[i] == '.' && isdigit((unsigned char)s[i + 1])))) {
            char *end;
            double v = strtod(s + i, &end);
            char num[32];
            int n = snprintf(num, sizeof num, "%.17g", v);
            put(&b, num, (size_t)n);
            i = (size_t)(end - s);
            continue;
        }
        size_t l1, l2;
        size_t n1 = boundary ? cell_at(s + i, &l1) : 0;
        if (n1 && s[i + n1] == ':') {
            const char *second = s + i + n1 + 1;
            size_t n2 = cell_at(second, &l2);
            if (n2 && !isdigit((unsigned char)second[n2])) {
                if (n1 == n2 && memcmp(s + i, second, n1) == 0) { /* B2:B2 */
                    put(&b, s + i, n1);
                    i += n1 + 1 + n2;
                    continue;
                }
                if (row_is(s + i, l1, n1, "1") && row_is(second, l2, n2, "65536")) { /* A1:A65536 */
                    put(&b, s + i, l1);
                    put(&b, ":", 1);
                    put(&b, second, l2);
                    i += n1 + 1 + n2;
                    continue;
                }
                if (col_is(s + i, l1, "A") && col_is(second, l2, "IV")) { /* $A2:$IV2 */
                    put(&b, s + i + l1, n1 - l1);
                    put(&b, ":", 1);
                    put(&b, second + l2, n2 - l2);
                    i += n1 + 1 + n2;
                    continue;
                }
            }
        }
        put(&b, s + i, 1);
        i++;
    }
    free(a.s);
    return b.s;
}

/* The normaliser must itself be right, or the comparison proves nothing. */
static const struct {
    const char *in, *out;
} normal_cases[] = {
    {"SUM(A1:A5)", "SUM(A1:A5)"},
    {"sum( a1 : a5 )", "SUM(A1:A5)"},
    {"\"a b\"&\" c\"", "\"a b\"&\" c\""},
    {"\"say \"\"hi\"\"\" & x", "\"say \"\"hi\"\"\"&X"},
    {"'Data'!A1", "DATA!A1"},
    {"'Other Sheet'!A1", "'OTHER SHEET'!A1"},
    {"'Data:Other Sheet'!A1", "DATA:'OTHER SHEET'!A1"},
    {"Data:'Other Sheet'!A1", "DATA:'OTHER SHEET'!A1"},
    {"_xlfn.IFERROR(A1,1)", "IFERROR(A1,1)"},
    {"IF(TRUE(),FALSE(),NA())", "IF(TRUE,FALSE,#N/A)"},
    {"SUM((A1~B2))", "SUM((A1,B2))"},
    {"A1*1.5E+020", "A1*1.5e+20"},
    {"ABS(C6-D6)<0.0000001", "ABS(C6-D6)<9.9999999999999995e-08"},
    {"ABS(C6-D6)<1E-07", "ABS(C6-D6)<9.9999999999999995e-08"},
    {"0.1+.5", "0.10000000000000001+0.5"},
    {"SUM(2:3)+A10", "SUM(2:3)+A10"},
    {"Data:Extra!B2:B2", "DATA:EXTRA!B2"},
    {"SUM(A1:A65536)", "SUM(A:A)"},
    {"SUM($B$1:$B$65536)", "SUM($B:$B)"},
    {"SUM(A$1:A65536)", "SUM(A:A)"},
    {"SUM($A2:$IV2)", "SUM(2:2)"},
    {"SUM(A1:A655360)", "SUM(A1:A655360)"},
    {"\"TRUE()\"&\"a:a\"", "\"TRUE()\"&\"A:A\"" /* wrong on purpose: must not hold */},
};

START_TEST(test_normalise)
{
    char *got = normalise(normal_cases[_i].in);
    if (_i == (int)(sizeof normal_cases / sizeof normal_cases[0]) - 1)
        ck_assert_str_ne(got, normal_cases[_i].out); /* string literals keep their case */
    else
        ck_assert_str_eq(got, normal_cases[_i].out);
    free(got);
}
END_TEST

/* ---- reading --------------------------------------------------------- */

typedef struct formula_cell {
    char sheet[64], cell[16];
    char *formula; /* NULL: not decoded */
    pxl_cell_type type;
    double number;
    char *text;
    int seen;
} formula_cell;

typedef struct reading {
    const char *sheet;
    formula_cell *cells;
    size_t count, cap;
} reading;

static int collect(void *ctx, const pxl_cell *c)
{
    reading *r = ctx;
    if (!c->is_formula)
        return 0;
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->cells = realloc(r->cells, r->cap * sizeof *r->cells);
        ck_assert_ptr_nonnull(r->cells);
    }
    formula_cell *f = &r->cells[r->count++];
    memset(f, 0, sizeof *f);
    snprintf(f->sheet, sizeof f->sheet, "%s", r->sheet);
    pxl_cell_name(f->cell, sizeof f->cell, c->row, c->col);
    f->formula = c->formula ? strdup(c->formula) : NULL;
    f->type = c->type;
    f->number = c->number;
    f->text = c->text ? strdup(c->text) : NULL;
    return 0;
}

static void read_file(const char *path, pxl_reader_kind reader, reading *r)
{
    pxl_grid *grid;
    pxl_grid_options options = PXL_GRID_OPTIONS_INIT;
    options.reader = reader;
    ck_assert_msg(pxl_grid_open(&grid, path, &options) == PXL_OK, "%s", pxl_error_message());
    for (size_t s = 0; s < pxl_grid_sheet_count(grid); s++) {
        r->sheet = pxl_grid_sheet_name(grid, s);
        ck_assert_msg(pxl_grid_sheet_scan(grid, s, collect, r) == PXL_OK, "%s", pxl_error_message());
    }
    pxl_grid_close(grid);
}

static char *unescape(char *s)
{
    char *w = s;
    for (char *p = s; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            *w++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p;
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
    return s;
}

static const char *why_undecoded(const char *file, const char *sheet, const char *cell)
{
    for (size_t i = 0; i < sizeof undecoded / sizeof undecoded[0]; i++)
        if (!strcmp(undecoded[i].file, file) && !strcmp(undecoded[i].sheet, sheet) &&
            !strcmp(undecoded[i].cell, cell))
            return undecoded[i].why;
    return NULL;
}

static void check_cached(const char *where, const formula_cell *f, const char *type, const char *value)
{
    if (!strcmp(type, "number")) {
        ck_assert_msg(f->type == PXL_CELL_NUMBER || f->type == PXL_CELL_DATE || f->type == PXL_CELL_DATETIME ||
                          f->type == PXL_CELL_TIME,
                      "%s: cached type %d, xlrd reads a number", where, f->type);
        double want = strtod(value, NULL);
        ck_assert_double_eq_tol(f->number, want, 1e-12 * fmax(1.0, fabs(want)));
    } else if (!strcmp(type, "text")) {
        ck_assert_msg(f->type == PXL_CELL_TEXT, "%s: cached type %d, xlrd reads text", where, f->type);
        ck_assert_str_eq(f->text, value);
    } else if (!strcmp(type, "boolean")) {
        ck_assert_msg(f->type == PXL_CELL_BOOLEAN, "%s: cached type %d, xlrd reads a boolean", where, f->type);
        ck_assert_double_eq(f->number, strtod(value, NULL));
    } else if (!strcmp(type, "error")) {
        ck_assert_msg(f->type == PXL_CELL_ERROR, "%s: cached type %d, xlrd reads an error", where, f->type);
        ck_assert_str_eq(f->text, value);
    } else {
        ck_assert_msg(f->type == PXL_CELL_EMPTY || (f->type == PXL_CELL_TEXT && f->text && !*f->text),
                      "%s: cached type %d, xlrd reads empty", where, f->type);
    }
}

static formula_cell *find(reading *r, const char *sheet, const char *cell)
{
    for (size_t i = 0; i < r->count; i++)
        if (!strcmp(r->cells[i].sheet, sheet) && !strcmp(r->cells[i].cell, cell))
            return &r->cells[i];
    return NULL;
}

/* Each file twice: the BIFF reader alone, and AUTO (freexl's cells plus the BIFF reader's formula cells). */
#define FILE_COUNT (sizeof files / sizeof files[0])

START_TEST(test_file)
{
    const char *file = files[(size_t)_i % FILE_COUNT];
    pxl_reader_kind reader = (size_t)_i < FILE_COUNT ? PXL_READER_BIFF : PXL_READER_AUTO;
    char path[512];
    snprintf(path, sizeof path, "%s%s", FORMULA_DIR, file);
    reading r = {0};
    read_file(path, reader, &r);

    FILE *in = fopen(FORMULA_DIR "expected.tsv", "r");
    ck_assert_ptr_nonnull(in);
    char line[4096];
    size_t expected = 0, decoded = 0, skipped = 0;
    while (fgets(line, sizeof line, in)) {
        line[strcspn(line, "\n")] = '\0';
        char *field[6];
        size_t nf = 0;
        for (char *p = line; nf < 6;) {
            field[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        ck_assert_uint_eq(nf, 6);
        if (strcmp(field[0], file) != 0)
            continue;
        expected++;
        char where[192];
        snprintf(where, sizeof where, "%s:%s!%s (%s reader)", file, field[1], field[2],
                 reader == PXL_READER_BIFF ? "BIFF" : "AUTO");
        formula_cell *f = find(&r, field[1], field[2]);
        ck_assert_msg(f != NULL, "%s: LibreOffice reads a formula, planxl no formula cell", where);
        f->seen = 1;
        check_cached(where, f, field[4], unescape(field[5]));
        const char *why = why_undecoded(file, field[1], field[2]);
        if (why) {
            ck_assert_msg(f->formula == NULL, "%s: now decoded as %s; take it off undecoded[] (%s)", where,
                          f->formula, why);
            skipped++;
            continue;
        }
        ck_assert_msg(f->formula != NULL, "%s: not decoded; LibreOffice reads %s", where, field[3]);
        char *want = normalise(unescape(field[3])), *got = normalise(f->formula);
        ck_assert_msg(strcmp(want, got) == 0, "%s: planxl %s, LibreOffice %s (normalised %s and %s)", where,
                      f->formula, field[3], got, want);
        free(want);
        free(got);
        decoded++;
    }
    fclose(in);
    ck_assert_uint_ge(expected, 40); /* the file's cells are really in expected.tsv */
    ck_assert_uint_eq(decoded + skipped, expected);
    for (size_t i = 0; i < r.count; i++) {
        ck_assert_msg(r.cells[i].seen, "%s:%s!%s: planxl reads a formula cell LibreOffice does not", file,
                      r.cells[i].sheet, r.cells[i].cell);
        free(r.cells[i].formula);
        free(r.cells[i].text);
    }
    free(r.cells);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("formula_files");
    TCase *n = tcase_create("normalise");
    tcase_add_loop_test(n, test_normalise, 0, (int)(sizeof normal_cases / sizeof normal_cases[0]));
    suite_add_tcase(suite, n);
    TCase *t = tcase_create("files");
    tcase_add_loop_test(t, test_file, 0, (int)(2 * FILE_COUNT));
    suite_add_tcase(suite, t);
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
