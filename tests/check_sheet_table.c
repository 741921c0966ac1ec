/* A sheet materialised for random access (src/recognize/sheet_table.c) on the fixture. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "recognize/sheet_table.h"

START_TEST(lookup)
{
    pxl_grid *g;
    ck_assert_int_eq(pxl_grid_open(&g, PXL_TEST_DATA "/plan-2024-08.xls", NULL), PXL_OK);
    pxl_sheet_table *t;
    ck_assert_int_eq(pxl_sheet_table_load(&t, g, 1), PXL_OK);
    ck_assert_str_eq(pxl_sheet_table_name(t), "Äldreomsorg");
    const pxl_cell *c = pxl_sheet_table_get(t, 6, 4); /* E7: NUMBER 34.8 */
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->type, PXL_CELL_NUMBER);
    ck_assert_double_eq_tol(c->number, 34.8, 1e-12);
    c = pxl_sheet_table_get(t, 2, 0); /* A3 */
    ck_assert_str_eq(c->text, "Område");
    ck_assert_ptr_null(pxl_sheet_table_get(t, 1, 0));   /* row 2 is empty */
    ck_assert_ptr_null(pxl_sheet_table_get(t, 29, 5));  /* F30: no comment */
    ck_assert_ptr_null(pxl_sheet_table_get(t, 60000, 200));
    /* rows are sparse and ascending; each row's cells ascend by column */
    size_t rows = pxl_sheet_table_row_count(t);
    ck_assert_uint_gt(rows, 30);
    ck_assert_uint_lt(rows, 45); /* 45 sheet rows, some empty */
    ck_assert_int_eq(pxl_sheet_table_row_number(t, 0), 0);
    ck_assert_int_eq(pxl_sheet_table_row_number(t, 1), 2); /* row 2 skipped */
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const pxl_cell *cells = pxl_sheet_table_row_cells(t, i, &n);
        ck_assert_uint_gt(n, 0);
        for (size_t k = 0; k < n; k++) {
            ck_assert_int_eq(cells[k].row, pxl_sheet_table_row_number(t, i));
            if (k)
                ck_assert_uint_gt(cells[k].col, cells[k - 1].col);
        }
        if (i)
            ck_assert_uint_gt(pxl_sheet_table_row_number(t, i), pxl_sheet_table_row_number(t, i - 1));
    }
    pxl_sheet_table_free(t);
    pxl_grid_close(g);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sheet_table");
    TCase *tc = tcase_create("sheet_table");
    tcase_add_test(tc, lookup);
    suite_add_tcase(s, tc);
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
