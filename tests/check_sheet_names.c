/* Sheet names Excel accepts: sanitising (bad characters, length, apostrophes) and uniqueness. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "planxl/convert.h"
#include "write/sheet_names.h"

/* Expected results follow Excel's rules as documented, worked out by hand. */
static const struct {
    const char *in;
    const char *want;
} sanitize_cases[] = {
    {"Äldreomsorg", "Äldreomsorg"},
    {"Budget/Prognos: 2024*[Q1]?", "Budget_Prognos_ 2024__Q1__"},
    {"a\\b", "a_b"},
    {"", "Sheet"},
    {NULL, "Sheet"},
    {"'Quoted'", "_Quoted_"},
    {"it's", "it's"},                                  /* an inner apostrophe is fine */
    {"1234567890123456789012345678901", "1234567890123456789012345678901"}, /* exactly 31 */
    {"12345678901234567890123456789012", "1234567890123456789012345678901"},
    /* 31 characters, not 31 bytes: each "ä" is two bytes. */
    {"ääääääääääääääääääääääääääääääääää", "ååååååååååååååååååååååååååååååå"},
    {"tab\there", "tab_here"},
    {"bad\xff" "byte", "bad_byte"},
    {"over\xc3", "over_"},                             /* truncated UTF-8 sequence */
    /* U+1F600 counts as two of Excel's 31 UTF-16 units. */
    {"\xf0\x9f\x98\x80" "23456789012345678901234567890X", "\xf0\x9f\x98\x80" "23456789012345678901234567890"},
    /* Cut so that the last kept character is an apostrophe: it must not end the name. */
    {"123456789012345678901234567890'x", "123456789012345678901234567890_"},
};

START_TEST(sanitize)
{
    char buf[PXL_SHEET_NAME_SIZE];
    const char *in = sanitize_cases[_i].in;
    const char *want = sanitize_cases[_i].want;
    /* The ä row: build its expectation (31 × "ä") rather than spell it. */
    char expect[PXL_SHEET_NAME_SIZE];
    if (in && !strncmp(in, "ää", 4)) {
        expect[0] = '\0';
        for (int k = 0; k < 31; k++)
            strcat(expect, "ä");
        want = expect;
    }
    ck_assert_ptr_eq(pxl_sheet_name_sanitize(buf, sizeof buf, in), buf);
    ck_assert_str_eq(buf, want);
}
END_TEST

START_TEST(sanitize_small_buffer)
{
    char buf[6];
    pxl_sheet_name_sanitize(buf, sizeof buf, "Äldreomsorg");
    ck_assert_str_eq(buf, "Äldr"); /* 5 bytes at most, cut on a character boundary */
    char one[1] = {'x'};
    pxl_sheet_name_sanitize(one, sizeof one, "abc");
    ck_assert_str_eq(one, "");
}
END_TEST

static const struct {
    const char *a, *b;
    int equal;
} equal_cases[] = {
    {"Data", "DATA", 1},
    {"Data", "Dat", 0},
    {"Äldreomsorg", "äLDREOMSORG", 1},
    {"Łódź", "łÓDŹ", 1},
    {"Привет", "пРИВЕТ", 1},
    {"Ärende", "Arende", 0},
    {"", "", 1},
};

START_TEST(equal_ignoring_case)
{
    ck_assert_int_eq(pxl_sheet_name_equal(equal_cases[_i].a, equal_cases[_i].b), equal_cases[_i].equal);
}
END_TEST

START_TEST(unique)
{
    const char *taken[] = {"Data", "data (2)", "Verksamhetsplan för äldreomsorg"};
    char buf[PXL_SHEET_NAME_SIZE];

    strcpy(buf, "Other");
    ck_assert_int_eq(pxl_sheet_name_make_unique(buf, sizeof buf, taken, 3), 0);
    ck_assert_str_eq(buf, "Other");

    strcpy(buf, "DATA"); /* " (2)" is taken too (ignoring case): " (3)" */
    ck_assert_int_eq(pxl_sheet_name_make_unique(buf, sizeof buf, taken, 3), 1);
    ck_assert_str_eq(buf, "DATA (3)");

    strcpy(buf, "Data");
    ck_assert_int_eq(pxl_sheet_name_make_unique(buf, sizeof buf, taken, 1), 1);
    ck_assert_str_eq(buf, "Data (2)");

    /* A 31-character name gives up characters for the suffix. */
    strcpy(buf, "VERKSAMHETSPLAN FÖR ÄLDREOMSORG");
    ck_assert_int_eq(pxl_sheet_name_make_unique(buf, sizeof buf, taken, 3), 1);
    ck_assert_str_eq(buf, "VERKSAMHETSPLAN FÖR ÄLDREOM (2)");
}
END_TEST

START_TEST(unique_is_deterministic_and_distinct)
{
    /* 30 sheets all called "Sheet": every result differs from all earlier ones. */
    char names[30][PXL_SHEET_NAME_SIZE];
    const char *taken[30];
    for (int i = 0; i < 30; i++) {
        pxl_sheet_name_sanitize(names[i], sizeof names[i], "Sheet");
        pxl_sheet_name_make_unique(names[i], sizeof names[i], taken, (size_t)i);
        for (int j = 0; j < i; j++)
            ck_assert(!pxl_sheet_name_equal(names[i], names[j]));
        taken[i] = names[i];
    }
    ck_assert_str_eq(names[0], "Sheet");
    ck_assert_str_eq(names[1], "Sheet (2)");
    ck_assert_str_eq(names[29], "Sheet (30)");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sheet_names");
    TCase *tc = tcase_create("names");
    tcase_add_loop_test(tc, sanitize, 0, (int)(sizeof sanitize_cases / sizeof sanitize_cases[0]));
    tcase_add_test(tc, sanitize_small_buffer);
    tcase_add_loop_test(tc, equal_ignoring_case, 0, (int)(sizeof equal_cases / sizeof equal_cases[0]));
    tcase_add_test(tc, unique);
    tcase_add_test(tc, unique_is_deterministic_and_distinct);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
