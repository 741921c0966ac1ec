/* Sheet references in formula text after renames: quoted and unquoted names, 3-D ranges, string literals. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "write/convert/sheet_rename.h"

static const pxl_sheet_rename renames[] = {
    {"Budget", "Budget (2)"},
    {"Budget/Prognos: 2024", "Budget_Prognos_ 2024"},
    {"'Quoted'", "_Quoted_"},
    {"data", "data (2)"},
    {"Åtgärd", "Åtgärd (2)"},
    {"Mar", "It's March"},
};

/* Expected texts written by hand from Excel's formula grammar. NULL: unchanged. */
static const struct {
    const char *in;
    const char *want;
} cases[] = {
    {"SUM(Budget!A1:A3)", "SUM('Budget (2)'!A1:A3)"},
    {"'Budget/Prognos: 2024'!A1*2", "'Budget_Prognos_ 2024'!A1*2"},
    {"'''Quoted'''!B2+1", "'_Quoted_'!B2+1"},
    {"\"Budget!A1\"&Budget!A1", "\"Budget!A1\"&'Budget (2)'!A1"},
    {"\"say \"\"Budget!A1\"\"\"", NULL},                     /* only inside a string literal */
    {"Data!A1+data!A2", "Data!A1+'data (2)'!A2"},              /* names match exactly */
    {"Åtgärd!C3", "'Åtgärd (2)'!C3"},
    {"SUM(Jan:Mar!A1)", "SUM('Jan:It''s March'!A1)"},          /* 3-D: each end on its own */
    {"SUM('Budget:Mar'!A1)", "SUM('Budget (2):It''s March'!A1)"},
    {"SUM('Budget/Prognos: 2024'!A1)", "SUM('Budget_Prognos_ 2024'!A1)"}, /* a ':' in the name itself */
    {"MyBudget!A1+Budgets!A1", NULL},                          /* whole names only */
    {"Other!A1+SUM(A1:B2)", NULL},
    {"Budget", NULL},                                          /* a defined name, not a sheet */
    {"A1*2", NULL},
    {"'unterminated", NULL},
};

START_TEST(rewrite)
{
    pxl_formula_buf buf = {0};
    const char *out = NULL;
    const char *in = cases[_i].in;
    int r = pxl_formula_rename_sheets(in, renames, sizeof renames / sizeof renames[0], &buf, &out);
    if (cases[_i].want) {
        ck_assert_int_eq(r, 1);
        ck_assert_str_eq(out, cases[_i].want);
    } else {
        ck_assert_int_eq(r, 0);
        ck_assert_ptr_eq(out, in);
    }
    free(buf.data);
}
END_TEST

START_TEST(no_renames_no_work)
{
    pxl_formula_buf buf = {0};
    const char *out;
    ck_assert_int_eq(pxl_formula_rename_sheets("Budget!A1", renames, 0, &buf, &out), 0);
    ck_assert_ptr_null(buf.data); /* nothing allocated */
}
END_TEST

START_TEST(buffer_reused_and_grown)
{
    pxl_formula_buf buf = {0};
    const char *out;
    char long_formula[4096] = "";
    for (int i = 0; i < 200; i++)
        strcat(long_formula, "Budget!A1+");
    strcat(long_formula, "0");
    ck_assert_int_eq(pxl_formula_rename_sheets(long_formula, renames, 1, &buf, &out), 1);
    ck_assert_uint_eq(strlen(out), strlen(long_formula) + 200 * 6);
    ck_assert_int_eq(pxl_formula_rename_sheets("Budget!B2", renames, 1, &buf, &out), 1);
    ck_assert_str_eq(out, "'Budget (2)'!B2");
    free(buf.data);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sheet_rename");
    TCase *tc = tcase_create("formulas");
    tcase_add_loop_test(tc, rewrite, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, no_renames_no_work);
    tcase_add_test(tc, buffer_reused_and_grown);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
