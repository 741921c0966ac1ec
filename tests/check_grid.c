/* The grid reader on the fixtures: sheets, typed cells, dates, and clear errors on bad input. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "planxl/grid.h"

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

    const char zip[] = "PK\x03\x04 an xlsx";
    p = write_temp(zip, sizeof zip - 1);
    ck_assert_int_eq(pxl_grid_open(&g, p, NULL), PXL_ERR_NOT_XLS);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "xlsx"));
    unlink(p);

    /* the fixture cut in half: a clear error, never a crash */
    FILE *f = fopen(DATA "/plan-2024-08.xls", "rb");
    ck_assert_ptr_nonnull(f);
    static unsigned char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    p = write_temp(buf, n / 2);
    pxl_error err = pxl_grid_open(&g, p, NULL);
    if (err == PXL_OK) {
        /* a reader may open what is left; scanning it must still be safe */
        for (size_t i = 0; i < pxl_grid_sheet_count(g); i++)
            lookup(g, i, 0, 0);
        pxl_grid_close(g);
    } else {
        ck_assert_ptr_nonnull(strstr(pxl_error_message(), p));
    }
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

int main(void)
{
    Suite *s = suite_create("grid");
    TCase *tc = tcase_create("freexl");
    tcase_add_test(tc, plan_fixture);
    tcase_add_test(tc, dates_1900_and_1904);
    tcase_add_test(tc, bad_input);
    tcase_add_test(tc, cell_names);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
