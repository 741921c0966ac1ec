/* The grid reader on the fixtures: sheets, typed cells, dates, and clear errors on bad input. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "planxl/grid.h"
#include "read/auto.h"
#include "read/biff/biff_reader.h"
#include "read/reader.h"

#define DATA PXL_TEST_DATA

typedef struct found {
    uint32_t row, col;
    pxl_cell cell;
    char text[256];
    int hit;
    size_t count;
    uint32_t last_row, last_col;
    int ordered;
} found;

static int find_cell(void *ctx, const pxl_cell *c)
{
    found *f = ctx;
    if (f->count && (c->row < f->last_row || (c->row == f->last_row && c->col <= f->last_col)))
        f->ordered = 0;
    f->last_row = c->row;
    f->last_col = c->col;
    f->count++;
    if (c->row == f->row && c->col == f->col) {
        f->cell = *c;
        snprintf(f->text, sizeof f->text, "%s", c->text ? c->text : "");
        f->hit = 1;
    }
    return 0;
}

/* Scan sheet @p sheet for the cell at A1-style (row, col), 0-based. */
static found lookup(pxl_grid *g, size_t sheet, uint32_t row, uint32_t col)
{
    found f = {.row = row, .col = col, .ordered = 1};
    ck_assert_int_eq(pxl_grid_sheet_scan(g, sheet, find_cell, &f), PXL_OK);
    return f;
}

START_TEST(plan_fixture)
{
    pxl_grid *g;
    pxl_grid_options o = PXL_GRID_OPTIONS_INIT;
    o.reader = PXL_READER_FREEXL;
    ck_assert_int_eq(pxl_grid_open(&g, DATA "/plan-2024-08.xls", &o), PXL_OK);
    ck_assert_int_eq(pxl_grid_sheet_count(g), 3);
    ck_assert_str_eq(pxl_grid_sheet_name(g, 0), "Framsida");
    ck_assert_str_eq(pxl_grid_sheet_name(g, 1), "Äldreomsorg");
    ck_assert_str_eq(pxl_grid_sheet_name(g, 2), "Funktionsstöd");
    ck_assert_ptr_null(pxl_grid_sheet_name(g, 3));
    ck_assert_int_eq(pxl_grid_date1904(g), 0);

    found f = lookup(g, 1, 6, 4); /* Äldreomsorg!E7: NUMBER 34.8 */
    ck_assert(f.hit);
    ck_assert_int_eq(f.cell.type, PXL_CELL_NUMBER);
    ck_assert_double_eq(f.cell.number, 34.8);
    ck_assert(f.ordered);

    f = lookup(g, 1, 29, 4); /* Äldreomsorg!E30: TEXT "1 650" */
    ck_assert_int_eq(f.cell.type, PXL_CELL_TEXT);
    ck_assert_str_eq(f.text, "1 650");

    f = lookup(g, 2, 12, 4); /* Funktionsstöd!E13: "3 800" with U+00A0 */
    ck_assert_str_eq(f.text, "3\xc2\xa0" "800");

    f = lookup(g, 1, 0, 0); /* the title with U+2013 */
    ck_assert_str_eq(f.text, "Åtgärder inom vård- och omsorgsnämnden \xe2\x80\x93 Äldreomsorg");

    f = lookup(g, 0, 3, 1); /* Framsida!B4: a BLANK record, not delivered */
    ck_assert(!f.hit);
    pxl_grid_close(g);
}
END_TEST

START_TEST(dates_1900_and_1904)
{
    /* Both files hold 2021-01-01, 2021-01-02 and 1900-01-10 15:10:10; one in the 1904 system. */
    const char *files[] = {DATA "/grid/calamine__date.xls", DATA "/grid/calamine__date_1904.xls"};
    for (int i = 0; i < 2; i++) {
        pxl_grid *g;
        pxl_grid_options o = PXL_GRID_OPTIONS_INIT;
        o.reader = PXL_READER_FREEXL;
        ck_assert_int_eq(pxl_grid_open(&g, files[i], &o), PXL_OK);
        ck_assert_int_eq(pxl_grid_date1904(g), i);
        found f = lookup(g, 0, 0, 0);
        ck_assert_int_eq(f.cell.type, PXL_CELL_DATE);
        ck_assert_double_eq(f.cell.number, 44197); /* 2021-01-01 in the 1900 system */
        f = lookup(g, 0, 1, 0);
        ck_assert_double_eq(f.cell.number, 44198);
        f = lookup(g, 0, 2, 0);
        /* A known freexl 1.0.6 loss: the value 10.632… has a time-only format and
         * freexl hands out only its time of day ("15:10:10"); the day part is gone.
         * The BIFF reader keeps it (check_biff). */
        ck_assert_int_eq(f.cell.type, PXL_CELL_TIME);
        ck_assert_double_eq_tol(f.cell.number, 0.632060185185185, 1e-9);
        f = lookup(g, 0, 0, 1);
        ck_assert_int_eq(f.cell.type, PXL_CELL_NUMBER);
        ck_assert_double_eq(f.cell.number, 15);
        pxl_grid_close(g);
    }
}
END_TEST

/*
 * AUTO repairs freexl 1.0.6's known losses from the BIFF reader's supplement pass
 * (docs/auto-reader.md). The values are xlrd's reading of the same files
 * (tests/tools/fidelity.py compares them in check_convert); freexl's losses stay
 * asserted above and in freexl_losses below, so each case can fail.
 */
static pxl_grid *open_with(const char *path, pxl_reader_kind reader)
{
    pxl_grid *g;
    pxl_grid_options o = PXL_GRID_OPTIONS_INIT;
    o.reader = reader;
    ck_assert_msg(pxl_grid_open(&g, path, &o) == PXL_OK, "%s", pxl_error_message());
    return g;
}

/* Index of the sheet named @p name, or SIZE_MAX. */
static size_t sheet_named(const pxl_grid *g, const char *name)
{
    for (size_t i = 0; i < pxl_grid_sheet_count(g); i++)
        if (!strcmp(pxl_grid_sheet_name(g, i), name))
            return i;
    return SIZE_MAX;
}

START_TEST(auto_booleans_and_errors)
{
    /* readxl__types.xls smorgasbord: B7 TRUE, B8 FALSE (BOOLERR), B13 #N/A (BOOLERR error) */
    for (int reader = 0; reader < 2; reader++) {
        pxl_grid *g = open_with(DATA "/corpus/readxl__types.xls", reader ? PXL_READER_FREEXL : PXL_READER_AUTO);
        size_t sh = sheet_named(g, "smorgasbord");
        ck_assert_uint_ne(sh, SIZE_MAX);
        found t = lookup(g, sh, 6, 1), f = lookup(g, sh, 7, 1), e = lookup(g, sh, 12, 1);
        ck_assert(t.hit && f.hit && t.ordered);
        ck_assert_double_eq(t.cell.number, 1);
        ck_assert_double_eq(f.cell.number, 0);
        if (reader) { /* freexl: 1/0, and the error as a number or not at all */
            ck_assert_int_eq(t.cell.type, PXL_CELL_NUMBER);
            ck_assert(!e.hit || e.cell.type == PXL_CELL_NUMBER);
        } else {
            ck_assert_int_eq(t.cell.type, PXL_CELL_BOOLEAN);
            ck_assert_int_eq(f.cell.type, PXL_CELL_BOOLEAN);
            ck_assert(!t.cell.is_formula);
            ck_assert(e.hit);
            ck_assert_int_eq(e.cell.type, PXL_CELL_ERROR);
            ck_assert_str_eq(e.text, "#N/A");
        }
        pxl_grid_close(g);
    }
}
END_TEST

START_TEST(auto_time_keeps_its_days)
{
    /* calamine__date.xls A3: 10.632060185185185 under a time format; freexl: 15:10:10 alone */
    pxl_grid *g = open_with(DATA "/grid/calamine__date.xls", PXL_READER_AUTO);
    found f = lookup(g, 0, 2, 0);
    ck_assert(f.hit && f.ordered);
    ck_assert_int_eq(f.cell.type, PXL_CELL_TIME);
    ck_assert_double_eq_tol(f.cell.number, 10.632060185185185, 1e-12);
    ck_assert_double_eq(lookup(g, 0, 0, 0).cell.number, 44197); /* freexl's dates stand */
    ck_assert_uint_eq(f.count, 6);                               /* nothing twice */
    pxl_grid_close(g);
}
END_TEST

START_TEST(auto_biff5_rstring)
{
    /* phpspreadsheet__30templatebiff5.xls Invoice!A10: an RSTRING record, which freexl drops */
    static const char want[] = "This invoice is payable within thirty days after the end of the month, "
                               "unless specified otherwise on the invoice.";
    for (int reader = 0; reader < 2; reader++) {
        pxl_grid *g = open_with(DATA "/corpus/phpspreadsheet__30templatebiff5.xls",
                                reader ? PXL_READER_FREEXL : PXL_READER_AUTO);
        found f = lookup(g, sheet_named(g, "Invoice"), 9, 0);
        if (reader) {
            ck_assert(!f.hit);
        } else {
            ck_assert(f.hit && f.ordered);
            ck_assert_int_eq(f.cell.type, PXL_CELL_TEXT);
            ck_assert_str_eq(f.text, want);
        }
        pxl_grid_close(g);
    }
}
END_TEST

START_TEST(auto_drops_chart_sheets)
{
    /* calamine__any_sheets.xls: Visible, Hidden, VeryHidden and a chart sheet "Chart" */
    pxl_grid *x = open_with(DATA "/corpus/calamine__any_sheets.xls", PXL_READER_FREEXL);
    ck_assert_uint_eq(pxl_grid_sheet_count(x), 4); /* freexl lists the chart sheet */
    ck_assert_str_eq(pxl_grid_sheet_name(x, 3), "Chart");
    pxl_grid *g = open_with(DATA "/corpus/calamine__any_sheets.xls", PXL_READER_AUTO);
    ck_assert_int_eq(pxl_grid_reader(g), PXL_READER_FREEXL);
    ck_assert_uint_eq(pxl_grid_sheet_count(g), 3);
    ck_assert_str_eq(pxl_grid_sheet_name(g, 0), "Visible");
    ck_assert_str_eq(pxl_grid_sheet_name(g, 1), "Hidden");
    ck_assert_str_eq(pxl_grid_sheet_name(g, 2), "VeryHidden");
    ck_assert_ptr_null(pxl_grid_sheet_name(g, 3));
    ck_assert_int_eq(pxl_grid_sheet_scan(g, 3, find_cell, &(found){0}), PXL_ERR_INVALID_ARGUMENT);
    /* the sheets kept are still read by freexl, in their own numbering */
    found f = lookup(g, 0, 4, 0);
    ck_assert_str_eq(f.text, "This workbook contains 4 sheets: Visible, Hidden, VeryHidden and Chart");
    ck_assert_uint_eq(f.count, 7);
    pxl_grid_close(g);
    pxl_grid_close(x);
}
END_TEST

static char *write_temp(const void *bytes, size_t n)
{
    static char path[64];
    strcpy(path, "/tmp/planxl-grid-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, bytes, n), (ssize_t)n);
    close(fd);
    return path;
}

START_TEST(bad_input)
{
    pxl_grid *g = (pxl_grid *)1;
    ck_assert_int_eq(pxl_grid_open(&g, DATA "/no-such-file.xls", NULL), PXL_ERR_NOT_FOUND);
    ck_assert_ptr_null(g);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "no-such-file.xls"));

    ck_assert_int_eq(pxl_grid_open(&g, DATA, NULL), PXL_ERR_IO); /* a directory */

    char *p = write_temp("", 0);
    ck_assert_int_eq(pxl_grid_open(&g, p, NULL), PXL_ERR_NOT_XLS);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), p));
    unlink(p);

    const char csv[] = "Område;Åtgärd\nHemtjänst;Träffsäkra beslut\n";
    p = write_temp(csv, sizeof csv - 1);
    ck_assert_int_eq(pxl_grid_open(&g, p, NULL), PXL_ERR_NOT_XLS);
    unlink(p);

    /* a zip goes to the .xlsx reader (tests/check_xlsx.c), which finds no zip directory */
    const char zip[] = "PK\x03\x04 an xlsx";
    p = write_temp(zip, sizeof zip - 1);
    ck_assert_int_eq(pxl_grid_open(&g, p, NULL), PXL_ERR_CORRUPT);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), p));
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "damaged or truncated zip file"));
    unlink(p);

    /* the fixture cut in half: a clear error, never a crash */
    FILE *f = fopen(DATA "/plan-2024-08.xls", "rb");
    ck_assert_ptr_nonnull(f);
    static unsigned char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    p = write_temp(buf, n / 2);
    /* its OLE2 allocation table now points past the end of the file: refused, the file named */
    ck_assert_int_eq(pxl_grid_open(&g, p, NULL), PXL_ERR_CORRUPT);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), p));
    unlink(p);
}
END_TEST

START_TEST(cell_names)
{
    char b[16];
    ck_assert_str_eq(pxl_cell_name(b, sizeof b, 0, 0), "A1");
    ck_assert_str_eq(pxl_cell_name(b, sizeof b, 43, 4), "E44");
    ck_assert_str_eq(pxl_cell_name(b, sizeof b, 0, 26), "AA1");
    ck_assert_str_eq(pxl_cell_name(b, sizeof b, 65535, 255), "IV65536");
    ck_assert_str_eq(pxl_cell_name(b, sizeof b, 0, 16383), "XFD1");
}
END_TEST

/* Defined names through the grid: names.xls (tests/data/convert/make_convert_xls.pl) as the
 * BIFF reader and AUTO give them, in the file's order; freexl gives none. */
START_TEST(defined_names)
{
    static const pxl_reader_kind readers[] = {PXL_READER_BIFF, PXL_READER_AUTO, PXL_READER_FREEXL};
    for (size_t k = 0; k < sizeof readers / sizeof *readers; k++) {
        pxl_grid *g = open_with(DATA "/convert/names.xls", readers[k]);
        if (readers[k] == PXL_READER_FREEXL) {
            ck_assert_uint_eq(pxl_grid_defined_name_count(g), 0);
            ck_assert_ptr_null(pxl_grid_defined_name(g, 0));
            pxl_grid_close(g);
            continue;
        }
        ck_assert_uint_eq(pxl_grid_defined_name_count(g), 5);
        static const struct { const char *name, *sheet, *formula; int builtin; } want[] = {
            {"Rate", NULL, "0.25", 0},
            {"Amounts", NULL, "Data!$A$1:$A$3", 0},
            {"Extra", "Data", "Data!$B$1", 0},
            {"Plan", NULL, "'Budget for the committee 2024-2027'!$A$1:$A$2", 0},
            {"Print_Area", "Data", "Data!$A$1:$B$3", 1},
        };
        for (size_t i = 0; i < 5; i++) {
            const pxl_defined_name *d = pxl_grid_defined_name(g, i);
            ck_assert_ptr_nonnull(d);
            ck_assert_str_eq(d->name, want[i].name);
            if (want[i].sheet)
                ck_assert_str_eq(d->sheet, want[i].sheet);
            else
                ck_assert_ptr_null(d->sheet);
            ck_assert_msg(d->formula && strcmp(d->formula, want[i].formula) == 0, "%s: %s (%s)", d->name,
                          d->formula ? d->formula : "NULL", d->why ? d->why : "");
            ck_assert_int_eq(d->builtin, want[i].builtin);
            ck_assert_int_eq(d->hidden, 0);
            ck_assert_int_eq(d->macro, 0);
        }
        ck_assert_ptr_null(pxl_grid_defined_name(g, 5));
        pxl_grid_close(g);
    }
}
END_TEST

/* AUTO streams the BIFF pass's cells into freexl's where the sheet's records are in order
 * (no sheet-sized buffer of them), and collects them where they are not: the cells are
 * the same either way (the corpus comparison in docs/stream.md), the path is checked here.
 * plan-2024-08.xls's formulas are in order; writeexcel_formulas_out_of_order.xls's are not. */
static int count_visit(void *ctx, const pxl_cell *cell)
{
    (void)cell;
    ++*(size_t *)ctx;
    return 0;
}

START_TEST(auto_streams_in_order_formulas)
{
    static const struct { const char *path; int streams; size_t cells; } cases[] = {
        {DATA "/plan-2024-08.xls", 1, 238},
        {DATA "/biff/writeexcel_formulas_out_of_order.xls", 0, 4},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        pxl_grid *g = open_with(cases[k].path, PXL_READER_AUTO);
        ck_assert_ptr_nonnull(pxl_auto_supplement(g));
        size_t cells = 0;
        for (size_t i = 0; i < pxl_grid_sheet_count(g); i++)
            ck_assert_int_eq(pxl_grid_sheet_scan(g, i, count_visit, &cells), PXL_OK);
        ck_assert_uint_eq(cells, cases[k].cells);
        /* A second scan gives the same cells (the buffered sheet once lost them: its stream
         * was closed after the first). */
        cells = 0;
        for (size_t i = 0; i < pxl_grid_sheet_count(g); i++)
            ck_assert_int_eq(pxl_grid_sheet_scan(g, i, count_visit, &cells), PXL_OK);
        ck_assert_uint_eq(cells, cases[k].cells);
        unsigned long streamed, buffered;
        pxl_biff_scan_paths(pxl_auto_supplement(g), &streamed, &buffered);
        if (cases[k].streams)
            ck_assert_msg(streamed > 0, "%s: no sheet streamed", cases[k].path);
        else
            ck_assert_msg(streamed == 0, "%s: %lu sheets streamed", cases[k].path, streamed);
        pxl_grid_close(g);
    }
}
END_TEST

typedef struct stopper {
    size_t stop_at, seen;
} stopper;

static int stop_visit(void *ctx, const pxl_cell *cell)
{
    (void)cell;
    stopper *s = ctx;
    return ++s->seen == s->stop_at;
}

/* A visitor that stops gets its own outcome back, PXL_ERR_CANCELLED, never PXL_OK: on every
 * reader, and on both of AUTO's merge paths (streamed and buffered), at the first cell, in
 * the middle and at the very last cell; a visitor that never stops sees PXL_OK. */
START_TEST(scan_stop_is_cancelled)
{
    static const struct { const char *path; pxl_reader_kind reader; } cases[] = {
        {DATA "/plan-2024-08.xls", PXL_READER_AUTO},                          /* streamed merge */
        {DATA "/biff/writeexcel_formulas_out_of_order.xls", PXL_READER_AUTO}, /* buffered merge */
        {DATA "/plan-2024-08.xls", PXL_READER_FREEXL},
        {DATA "/plan-2024-08.xls", PXL_READER_BIFF},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        pxl_grid *g = open_with(cases[k].path, cases[k].reader);
        stopper all = { 0, 0 };
        ck_assert_int_eq(pxl_grid_sheet_scan(g, 0, stop_visit, &all), PXL_OK);
        ck_assert_uint_gt(all.seen, 2);
        size_t stops[] = { 1, all.seen / 2, all.seen };
        for (size_t j = 0; j < 3; j++) {
            stopper s = { stops[j], 0 };
            pxl_error_clear();
            pxl_error err = pxl_grid_sheet_scan(g, 0, stop_visit, &s);
            ck_assert_msg(err == PXL_ERR_CANCELLED, "%s, reader %d, stop at %zu of %zu: %d", cases[k].path,
                          (int)cases[k].reader, stops[j], all.seen, (int)err);
            ck_assert_uint_eq(s.seen, stops[j]); /* not called again after the stop */
            ck_assert_ptr_nonnull(strstr(pxl_error_message(), cases[k].path));
        }
        ck_assert_str_eq(pxl_strerror(PXL_ERR_CANCELLED), "cancelled by the caller's callback");
        pxl_grid_close(g);
    }
}
END_TEST

/* Options of an unknown version or reader are refused, naming the file; nothing is opened. */
START_TEST(options_version)
{
    pxl_grid_options o = PXL_GRID_OPTIONS_INIT;
    ck_assert_uint_eq(o.version, PXL_GRID_OPTIONS_VERSION);
    ck_assert_int_eq(o.reader, PXL_READER_AUTO);
    unsigned bad_versions[] = { 0, PXL_GRID_OPTIONS_VERSION + 1 };
    for (size_t i = 0; i < 2; i++) {
        o.version = bad_versions[i];
        pxl_grid *g = (pxl_grid *)1;
        ck_assert_int_eq(pxl_grid_open(&g, DATA "/plan-2024-08.xls", &o), PXL_ERR_INVALID_ARGUMENT);
        ck_assert_ptr_null(g);
        ck_assert_ptr_nonnull(strstr(pxl_error_message(), "plan-2024-08.xls"));
        ck_assert_ptr_nonnull(strstr(pxl_error_message(), "version"));
    }
    o.version = PXL_GRID_OPTIONS_VERSION;
    o.reader = (pxl_reader_kind)7;
    pxl_grid *g = (pxl_grid *)1;
    ck_assert_int_eq(pxl_grid_open(&g, DATA "/plan-2024-08.xls", &o), PXL_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(g);
    ck_assert_int_eq(pxl_grid_open(NULL, DATA "/plan-2024-08.xls", NULL), PXL_ERR_INVALID_ARGUMENT);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("grid");
    TCase *tc = tcase_create("freexl");
    tcase_add_test(tc, plan_fixture);
    tcase_add_test(tc, dates_1900_and_1904);
    tcase_add_test(tc, bad_input);
    tcase_add_test(tc, cell_names);
    tcase_add_test(tc, scan_stop_is_cancelled);
    tcase_add_test(tc, options_version);
    suite_add_tcase(s, tc);
    TCase *autofix = tcase_create("auto");
    tcase_add_test(autofix, auto_booleans_and_errors);
    tcase_add_test(autofix, auto_time_keeps_its_days);
    tcase_add_test(autofix, auto_biff5_rstring);
    tcase_add_test(autofix, auto_drops_chart_sheets);
    tcase_add_test(autofix, defined_names);
    tcase_add_test(autofix, auto_streams_in_order_formulas);
    suite_add_tcase(s, autofix);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
