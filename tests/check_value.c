/* Number and value parsing: every form the finance office writes, and rejects. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "planxl/value.h"
#include "model/value_internal.h"

static const struct {
    const char *text;
    pxl_parse_mode mode;
    pxl_value_kind kind;
    double number;
} cases[] = {
    {"1 650", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 1650},
    {"-1 600", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, -1600},
    {"\xe2\x88\x92" "1 600", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, -1600},        /* U+2212 */
    {"\xe2\x80\x93" "5 000", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, -5000},        /* U+2013 */
    {"3\xc2\xa0" "800", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 3800},              /* U+00A0 */
    {"1\xe2\x80\xaf" "234\xe2\x80\xaf" "567", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 1234567}, /* U+202F */
    {"1\xe2\x80\x89" "000", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 1000},          /* U+2009 */
    {"  9 000 ", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 9000},
    {"0", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 0},
    {"+250", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 250},
    {"12345", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 12345},
    {"1 473,5", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 1473.5},
    {"0,80", PXL_PARSE_KPI, PXL_VALUE_NUMBER, 0.8},
    {"0,82", PXL_PARSE_KPI, PXL_VALUE_NUMBER, 0.82},
    {"34,8", PXL_PARSE_KPI, PXL_VALUE_NUMBER, 34.8},
    {"7.5", PXL_PARSE_KPI, PXL_VALUE_NUMBER, 7.5},
    {"73,9 %", PXL_PARSE_KPI, PXL_VALUE_PERCENT, 0.739},
    {"95,4%", PXL_PARSE_KPI, PXL_VALUE_PERCENT, 0.954},
    {"44%", PXL_PARSE_KPI, PXL_VALUE_PERCENT, 0.44},
    {"100 %", PXL_PARSE_KPI, PXL_VALUE_PERCENT, 1.0},
    {"90\xc2\xa0%", PXL_PARSE_KPI, PXL_VALUE_PERCENT, 0.9},
    {"Öka", PXL_PARSE_KPI, PXL_VALUE_DIRECTION, 0},
    {"minska", PXL_PARSE_KPI, PXL_VALUE_DIRECTION, 0},
    {"OFÖRÄNDRAD", PXL_PARSE_KPI, PXL_VALUE_DIRECTION, 0},
    {"Oförändrad", PXL_PARSE_KPI, PXL_VALUE_DIRECTION, 0},
    {"", PXL_PARSE_KPI, PXL_VALUE_MISSING, 0},
    {" \xc2\xa0 ", PXL_PARSE_AMOUNT, PXL_VALUE_MISSING, 0},
    {"1 65O", PXL_PARSE_KPI, PXL_VALUE_INVALID, 0},      /* capital O, not zero */
    {"1 65O", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"1 65", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},    /* a group of two digits */
    {"1,2,3", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"12 enheter", PXL_PARSE_KPI, PXL_VALUE_TEXT, 0},
    {"Öka", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"ca 500", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"Se kommentar", PXL_PARSE_KPI, PXL_VALUE_TEXT, 0},
    {"-", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"%", PXL_PARSE_KPI, PXL_VALUE_TEXT, 0},
    /* amount notations (issue 12): accounting negatives, the column's unit, a plus sign */
    {"(1 600)", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, -1600},
    {"( 1 600 )", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, -1600},
    {"(250,5)", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, -250.5},
    {"(1 600) tkr", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, -1600},
    {"(1 600 tkr)", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, -1600},
    {"960 tkr", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 960},
    {"960tkr", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 960},
    {"1 650 tkr", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 1650},
    {"1 650\xc2\xa0TKR", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 1650},
    {"-1 600 Tkr", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, -1600},
    {"500 tusen kronor", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 500},
    {"+500", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 500},
    {"+ 500", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 500},
    {"+500 tkr", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 500},
    /* another unit: converted to tkr, exactly (1,65 × 1000 in doubles is not 1650) */
    {"1,65 mnkr", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 1650},
    {"1,65 miljoner kronor", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 1650},
    {"-0,36 Mkr", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, -360},
    {"2 MSEK", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 2000},
    {"1 miljon kr", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 1000},
    {"(1,2 mnkr)", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, -1200},
    {"0,0015 mnkr", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 1.5},
    {"1,5 mdkr", PXL_PARSE_AMOUNT, PXL_VALUE_NUMBER, 1500000},
    /* kronor in a tkr column: ambiguous, never guessed */
    {"-1 600 kr", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"1 600 kronor", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"1 600:-", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"1 600 SEK", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    /* still not amounts */
    {"(-1 600)", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"(1 600", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"()", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"tkr", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"ca 500 tkr", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"1 65O tkr", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"960 tkrx", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"960 tusen", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"50 % tkr", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    {"(50 %)", PXL_PARSE_AMOUNT, PXL_VALUE_INVALID, 0},
    /* KPI values keep their rules: a unit there is the KPI's, not money to convert */
    {"(1 600)", PXL_PARSE_KPI, PXL_VALUE_TEXT, 0},
    {"+500", PXL_PARSE_KPI, PXL_VALUE_NUMBER, 500},
};

START_TEST(parse_table)
{
    double number = -1;
    pxl_direction direction;
    pxl_value_kind kind = pxl_parse_text(cases[_i].text, cases[_i].mode, &number, &direction);
    ck_assert_msg(kind == cases[_i].kind, "'%s': kind %s, want %s", cases[_i].text,
                  pxl_value_kind_name(kind), pxl_value_kind_name(cases[_i].kind));
    /* exact: 0,82 must be the double nearest 0.82, as Excel stores it */
    ck_assert_msg(number == cases[_i].number, "'%s': %.17g, want %.17g", cases[_i].text, number,
                  cases[_i].number);
}
END_TEST

START_TEST(directions)
{
    pxl_direction d;
    pxl_parse_text("Öka", PXL_PARSE_KPI, NULL, &d);
    ck_assert_int_eq(d, PXL_DIRECTION_INCREASE);
    pxl_parse_text("Minska", PXL_PARSE_KPI, NULL, &d);
    ck_assert_int_eq(d, PXL_DIRECTION_DECREASE);
    pxl_parse_text("oförändrad", PXL_PARSE_KPI, NULL, &d);
    ck_assert_int_eq(d, PXL_DIRECTION_UNCHANGED);
    ck_assert_int_eq(pxl_parse_text(NULL, PXL_PARSE_KPI, NULL, NULL), PXL_VALUE_MISSING);
}
END_TEST

/* The notation behind an amount: what the checks tell the unit (amount-unit-converted, kronor). */
START_TEST(amount_notations)
{
    double n;
    pxl_amount_notation note;
    ck_assert_int_eq(pxl_parse_amount("1,65 miljoner kronor", &n, &note), PXL_VALUE_NUMBER);
    ck_assert(n == 1650);
    ck_assert_int_eq(note.unit, PXL_AMOUNT_UNIT_MNKR);
    ck_assert_str_eq(pxl_amount_unit_name(note.unit), "mnkr");
    ck_assert_int_eq(note.ambiguous, 0);

    ck_assert_int_eq(pxl_parse_amount("(1 600)", &n, &note), PXL_VALUE_NUMBER);
    ck_assert(n == -1600);
    ck_assert_int_eq(note.parenthesised, 1);
    ck_assert_int_eq(note.unit, PXL_AMOUNT_UNIT_NONE);

    ck_assert_int_eq(pxl_parse_amount("960 tkr", &n, &note), PXL_VALUE_NUMBER);
    ck_assert_int_eq(note.unit, PXL_AMOUNT_UNIT_TKR);

    ck_assert_int_eq(pxl_parse_amount("-1 600 kr", &n, &note), PXL_VALUE_INVALID);
    ck_assert(n == 0);
    ck_assert_int_eq(note.unit, PXL_AMOUNT_UNIT_KR);
    ck_assert_int_eq(note.ambiguous, 1);
    ck_assert(note.kronor == -1600);

    /* a unit on a text that is no number: not ambiguous, just not a number */
    ck_assert_int_eq(pxl_parse_amount("ca 500 kr", &n, &note), PXL_VALUE_INVALID);
    ck_assert_int_eq(note.ambiguous, 0);
    ck_assert_int_eq(pxl_parse_amount(NULL, &n, NULL), PXL_VALUE_MISSING);
    ck_assert_int_eq(pxl_parse_amount(" ", NULL, &note), PXL_VALUE_MISSING);
    ck_assert_int_eq(note.unit, PXL_AMOUNT_UNIT_NONE);
}
END_TEST

START_TEST(cellref_names)
{
    char buf[64];
    pxl_cellref r = {NULL, "Äldreomsorg", 43, 4};
    ck_assert_str_eq(pxl_cellref_format(buf, sizeof buf, &r), "Äldreomsorg!E44");
    pxl_cellref z = {NULL, NULL, 0, 25};
    ck_assert_str_eq(pxl_cellref_format(buf, sizeof buf, &z), "Z1");
    pxl_cellref aa = {NULL, "", 65535, 26};
    ck_assert_str_eq(pxl_cellref_format(buf, sizeof buf, &aa), "AA65536");
    pxl_cellref iv = {NULL, "S", 9, 255};
    ck_assert_str_eq(pxl_cellref_format(buf, sizeof buf, &iv), "S!IV10");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("value");
    TCase *tc = tcase_create("parse");
    tcase_add_loop_test(tc, parse_table, 0, sizeof cases / sizeof cases[0]);
    tcase_add_test(tc, directions);
    tcase_add_test(tc, amount_notations);
    tcase_add_test(tc, cellref_names);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
