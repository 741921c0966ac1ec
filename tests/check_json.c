/* The JSON writer and number text: escaping, invalid UTF-8, C-locale numbers in any locale. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/number_text.h"

static char *written(void (*write)(FILE *))
{
    static char buf[4096];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    ck_assert_ptr_nonnull(f);
    write(f);
    fclose(f);
    return buf;
}

static void escaped(FILE *f)
{
    pxl_json_write_string(f, "a\"b\\c\nd\te\x01 Å – \xff end");
}

START_TEST(string_escaping)
{
    ck_assert_str_eq(written(escaped), "\"a\\\"b\\\\c\\nd\\te\\u0001 Å – \xEF\xBF\xBD end\"");
}
END_TEST

static void document(FILE *f)
{
    pxl_json j;
    pxl_json_init(&j, f);
    pxl_json_begin_object(&j);
    pxl_json_key(&j, "a");
    pxl_json_number(&j, 5110);
    pxl_json_key(&j, "b");
    pxl_json_begin_array(&j);
    pxl_json_number(&j, 34.8);
    pxl_json_null(&j);
    pxl_json_number(&j, NAN);
    pxl_json_end_array(&j);
    pxl_json_key(&j, "c");
    pxl_json_begin_array(&j);
    pxl_json_end_array(&j);
    pxl_json_key(&j, "d");
    pxl_json_bool(&j, 1);
    pxl_json_end_object(&j);
    pxl_json_finish(&j);
}

START_TEST(document_shape)
{
    ck_assert_str_eq(written(document), "{\n  \"a\": 5110,\n  \"b\": [\n    34.8,\n    null,\n    null\n  ],\n"
                                        "  \"c\": [],\n  \"d\": true\n}\n");
}
END_TEST

static const struct {
    double value;
    const char *text;
} numbers[] = {
    {5110, "5110"}, {-1600, "-1600"}, {0, "0"}, {-0.0, "0"}, {34.8, "34.8"}, {0.739, "0.739"},
    {0.1 + 0.2, "0.30000000000000004"}, {1e20, "1e+20"}, {12.5, "12.5"}, {1e-7, "1e-07"},
    {123456789012.25, "123456789012.25"},
};

START_TEST(number_text)
{
    char buf[40];
    ck_assert_str_eq(pxl_number_text(buf, sizeof buf, numbers[_i].value), numbers[_i].text);
    ck_assert(strtod(buf, NULL) == numbers[_i].value);
}
END_TEST

/* Under a locale with a decimal comma the text still has a point. */
START_TEST(number_text_swedish_locale)
{
    ck_assert_msg(setlocale(LC_ALL, "sv_SE.UTF-8") != NULL,
                  "the sv_SE.UTF-8 locale is missing: enable it in /etc/locale.gen and run locale-gen "
                  "(tools/setup.sh does it)");
    ck_assert_str_eq(localeconv()->decimal_point, ","); /* the locale is really in force */
    char buf[40];
    ck_assert_str_eq(pxl_number_text(buf, sizeof buf, 34.8), "34.8");
    ck_assert_str_eq(pxl_number_text(buf, sizeof buf, 0.30000000000000004), "0.30000000000000004");
    setlocale(LC_ALL, "C");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("json");
    tcase_add_test(tc, string_escaping);
    tcase_add_test(tc, document_shape);
    tcase_add_loop_test(tc, number_text, 0, (int)(sizeof numbers / sizeof numbers[0]));
    tcase_add_test(tc, number_text_swedish_locale);
    suite_add_tcase(s, tc);
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
