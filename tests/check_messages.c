/*
 * Messages in Swedish and English (issue 14): the one formatter of finding messages
 * (src/check/message_text.c) in each language, the committee's Swedish whatever the
 * process locale, the host's LC_MESSAGES kept inside the library's C-locale switch,
 * and `planxl check` under LANG=sv_SE.UTF-8 and LANG=C: Swedish and English findings,
 * the same codes, cells and numbers in JSON. The catalogue's completeness is
 * tests/tools/check_messages.sh's. The tests read the build tree's catalogue
 * (PLANXL_LOCALEDIR, set by tests/CMakeLists.txt); a missing sv_SE locale fails them.
 */
#define _GNU_SOURCE
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_tmpdir.h"
#include "check/check_internal.h"
#include "util/locale.h"
#include "util/text.h"
#include "planxl/planxl.h"

#define WRONG PXL_TEST_DATA "/plan-2024-08-wrong-total.xls"
#define NBSP "\u00a0"

static void swedish_host(void)
{
    ck_assert_msg(getenv("PLANXL_LOCALEDIR") != NULL, "PLANXL_LOCALEDIR is not set: run the test from ctest");
    ck_assert_msg(setlocale(LC_ALL, "sv_SE.UTF-8") != NULL,
                  "the sv_SE.UTF-8 locale is missing: tools/setup.sh generates it");
}

/* ---- the formatter ------------------------------------------------------------------------ */

START_TEST(formatter_in_each_language)
{
    setlocale(LC_ALL, "C");
    const pxl_message_arg args[] = {PXL_TEXT("Summa"), PXL_AMOUNT(9500), PXL_AMOUNT(9000)};
    char buf[256];
    pxl_message_format(buf, sizeof buf, PXL_LANGUAGE_ENGLISH, "%s states %s tkr, the rows sum to %s tkr", 3, args);
    ck_assert_str_eq(buf, "Summa states 9 500 tkr, the rows sum to 9 000 tkr");
    /* Swedish whatever the locale: this thread is in C */
    pxl_message_format(buf, sizeof buf, PXL_LANGUAGE_SWEDISH, "%s states %s tkr, the rows sum to %s tkr", 3, args);
    ck_assert_str_eq(buf, "Summa anges till 9" NBSP "500 tkr men raderna summerar till 9" NBSP "000 tkr");
    /* the environment's language is English in C */
    pxl_message_format(buf, sizeof buf, PXL_LANGUAGE_ENVIRONMENT, "%s states %s tkr, the rows sum to %s tkr", 3, args);
    ck_assert_str_eq(buf, "Summa states 9 500 tkr, the rows sum to 9 000 tkr");
    /* planxl's own words are translated with the message; decimals keep the comma */
    const pxl_message_arg word[] = {PXL_WORD("The total"), PXL_AMOUNT(1472.5), PXL_AMOUNT(-1600)};
    pxl_message_format(buf, sizeof buf, PXL_LANGUAGE_SWEDISH, "%s states %s tkr, the rows sum to %s tkr", 3, word);
    ck_assert_str_eq(buf, "Summan anges till 1" NBSP "472,5 tkr men raderna summerar till -1" NBSP "600 tkr");
    /* the Swedish orders the arguments its own way (%2$s, %1$s, %3$s) */
    const pxl_message_arg row[] = {PXL_TEXT("Helårseffekt"), PXL_TEXT("1O"), PXL_TEXT("Summa Hemtjänst")};
    pxl_message_format(buf, sizeof buf, PXL_LANGUAGE_SWEDISH, "%s \"%s\" of the %s row is not a number", 3, row);
    ck_assert_str_eq(buf, "Värdet ”1O” i Helårseffekt på raden Summa Hemtjänst är inte ett tal");
    pxl_message_format(buf, sizeof buf, PXL_LANGUAGE_ENGLISH, "%s \"%s\" of the %s row is not a number", 3, row);
    ck_assert_str_eq(buf, "Helårseffekt \"1O\" of the Summa Hemtjänst row is not a number");
}
END_TEST

START_TEST(formatter_positions_percent_and_lines)
{
    setlocale(LC_ALL, "C");
    const pxl_message_arg args[] = {PXL_TEXT("first"), PXL_TEXT("second\nline"), PXL_COUNT(23)};
    char buf[64];
    /* a translation may order the arguments its own way */
    pxl_message_format(buf, sizeof buf, PXL_LANGUAGE_ENGLISH, "%2$s, %1$s, row %3$s: 100 %%", 3, args);
    ck_assert_str_eq(buf, "second line, first, row 23: 100 %");
    /* a missing argument is empty, never a crash */
    pxl_message_format(buf, sizeof buf, PXL_LANGUAGE_ENGLISH, "%s|%s|%s|%s", 3, args);
    ck_assert_str_eq(buf, "first|second line|23|");
    /* cut on a character boundary */
    const pxl_message_arg long_text[] = {PXL_TEXT("åååååååååå")};
    char small[8];
    pxl_message_format(small, sizeof small, PXL_LANGUAGE_ENGLISH, "%s", 1, long_text);
    ck_assert_str_eq(small, "ååå");
}
END_TEST

/* ---- the language of the environment, and of the committee ---------------------------------- */

START_TEST(environment_follows_lc_messages)
{
    swedish_host();
    ck_assert_str_eq(pxl_text("total"), "summa");
    ck_assert_int_eq(pxl_language_resolve(PXL_LANGUAGE_ENVIRONMENT), PXL_LANGUAGE_SWEDISH);
    ck_assert_str_eq(pxl_text_in(PXL_LANGUAGE_ENGLISH, "total"), "total");
    ck_assert_str_eq(pxl_strerror(PXL_ERR_NOMEM), "minnet räcker inte");
    /* inside an entry point: numbers in C, messages still the host's */
    ck_assert_int_eq(pxl_locale_enter(), PXL_OK);
    ck_assert_str_eq(localeconv()->decimal_point, ".");
    ck_assert_str_eq(pxl_text("total"), "summa");
    pxl_locale_leave();
    ck_assert_str_eq(localeconv()->decimal_point, ",");
    setlocale(LC_ALL, "C");
    ck_assert_str_eq(pxl_text("total"), "total");
    ck_assert_str_eq(pxl_strerror(PXL_ERR_NOMEM), "out of memory");
    ck_assert_int_eq(pxl_language_resolve(PXL_LANGUAGE_ENVIRONMENT), PXL_LANGUAGE_ENGLISH);
}
END_TEST

/* The findings of the wrong-total fixture, checked in @p locale. */
static pxl_findings *check_wrong(const char *locale, pxl_plan **plan)
{
    ck_assert_ptr_nonnull(setlocale(LC_ALL, locale));
    ck_assert_int_eq(pxl_plan_new(plan), PXL_OK);
    ck_assert_int_eq(pxl_plan_read(*plan, WRONG, NULL), PXL_OK);
    pxl_findings *findings;
    ck_assert_int_eq(pxl_check_run(&findings, *plan, NULL), PXL_OK);
    return findings;
}

static size_t find_code(const pxl_findings *f, const char *code)
{
    for (size_t i = 0; i < pxl_findings_count(f); i++)
        if (!strcmp(pxl_findings_get(f, i)->code, code))
            return i;
    ck_abort_msg("no %s finding", code);
    return 0;
}

START_TEST(findings_in_every_language)
{
    swedish_host();
    pxl_plan *plan;
    pxl_findings *f = check_wrong("C", &plan);
    size_t i = find_code(f, "total-mismatch");
    const char *en = "Summa states 9 500 tkr, the rows sum to 9 000 tkr";
    const char *sv = "Summa anges till 9" NBSP "500 tkr men raderna summerar till 9" NBSP "000 tkr";
    ck_assert_str_eq(pxl_findings_get(f, i)->message, en);
    ck_assert_str_eq(pxl_findings_message(f, i, PXL_LANGUAGE_ENVIRONMENT), en);
    ck_assert_str_eq(pxl_findings_message(f, i, PXL_LANGUAGE_ENGLISH), en);
    ck_assert_str_eq(pxl_findings_message(f, i, PXL_LANGUAGE_SWEDISH), sv);
    ck_assert_ptr_null(pxl_findings_message(f, pxl_findings_count(f), PXL_LANGUAGE_SWEDISH));
    /* a Swedish host: the same findings, the message in Swedish */
    pxl_plan *plan_sv;
    pxl_findings *g = check_wrong("sv_SE.UTF-8", &plan_sv);
    ck_assert_uint_eq(pxl_findings_count(g), pxl_findings_count(f));
    for (size_t k = 0; k < pxl_findings_count(f); k++) {
        const pxl_finding *a = pxl_findings_get(f, k), *b = pxl_findings_get(g, k);
        ck_assert_str_eq(a->code, b->code);
        ck_assert_uint_eq(a->cell.row, b->cell.row);
        ck_assert_uint_eq(a->cell.col, b->cell.col);
        ck_assert_int_eq(a->has_expected, b->has_expected);
        ck_assert(a->expected == b->expected);
        ck_assert_str_eq(b->message, pxl_findings_message(f, k, PXL_LANGUAGE_SWEDISH));
        ck_assert_str_eq(pxl_findings_message(g, k, PXL_LANGUAGE_ENGLISH), a->message);
    }
    ck_assert_str_eq(pxl_findings_get(g, i)->message, sv);
    setlocale(LC_ALL, "C");
    pxl_findings_free(f);
    pxl_findings_free(g);
    pxl_plan_free(plan);
    pxl_plan_free(plan_sv);
}
END_TEST

/* ---- planxl check in Swedish and in English ------------------------------------------------- */

static char out[1 << 16];

/* `planxl ARGS` with LANG=@p lang and nothing else of the locale set; standard output into out[]. */
static int cli(const char *lang, const char *args)
{
    char path[512], cmd[2048];
    in_tmp(path, sizeof path, "out.txt");
    snprintf(cmd, sizeof cmd, "env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=%s '%s' %s >'%s' 2>&1", lang,
             PXL_TEST_BIN, args, path);
    int status = system(cmd);
    ck_assert(status != -1 && WIFEXITED(status));
    read_text_file(path, out, sizeof out);
    return WEXITSTATUS(status);
}

START_TEST(cli_check_swedish_and_english)
{
    make_tmp_named("pxl_messages");
    ck_assert_int_eq(cli("sv_SE.UTF-8", "check " WRONG), 1);
    ck_assert_msg(strstr(out, "Äldreomsorg!E44: error: total-mismatch: Summa anges till 9" NBSP "500 tkr men raderna "
                              "summerar till 9" NBSP "000 tkr\n"), "%s", out);
    ck_assert_msg(strstr(out, "Äldreomsorg!E7: error: unparsable-number: Nuläge ”1 65O” för nyckeltalet"), "%s", out);
    ck_assert_msg(strstr(out, "\n1 fil kontrollerad: 2 fel, 3 varningar\n"), "%s", out);
    ck_assert_msg(!strstr(out, " is ") && !strstr(out, " states "), "English left in:\n%s", out);
    ck_assert_int_eq(cli("C", "check " WRONG), 1);
    ck_assert_msg(strstr(out, "Äldreomsorg!E44: error: total-mismatch: Summa states 9 500 tkr, the rows sum to "
                              "9 000 tkr\n"), "%s", out);
    ck_assert_msg(strstr(out, "\n1 file checked: 2 errors, 3 warnings\n"), "%s", out);
    /* usage and help */
    ck_assert_int_eq(cli("sv_SE.UTF-8", "check --help"), 0);
    ck_assert_msg(strstr(out, "användning: planxl check FIL...") && strstr(out, "slutstatus: 0 inga fel"), "%s", out);
    ck_assert_int_eq(cli("sv_SE.UTF-8", "check --no-such-option"), 64);
    ck_assert_msg(strstr(out, "planxl: check: okänd flagga '--no-such-option'"), "%s", out);
    ck_assert_int_eq(cli("sv_SE.UTF-8", ""), 64);
    ck_assert_msg(strstr(out, "kontrollera planarbetsböcker"), "%s", out);
    ck_assert_int_eq(cli("sv_SE.UTF-8", "check /nonexistent/plan.xls"), 2);
    ck_assert_msg(strstr(out, "/nonexistent/plan.xls: error: unreadable-file: ") && strstr(out, "1 fil kontrollerad"),
                  "%s", out);
    remove_tmp();
}
END_TEST

START_TEST(cli_json_same_but_message)
{
    make_tmp_named("pxl_messages");
    char sv[512], en[512], cmd[2048];
    in_tmp(sv, sizeof sv, "sv.json");
    in_tmp(en, sizeof en, "en.json");
    snprintf(cmd, sizeof cmd, "env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=sv_SE.UTF-8 '%s' check --format json "
             WRONG " >'%s'; env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C '%s' check --format json " WRONG " >'%s'",
             PXL_TEST_BIN, sv, PXL_TEST_BIN, en);
    ck_assert_int_ne(system(cmd), -1);
    /* everything but "message" identical; every message differs, and the Swedish one is Swedish */
    snprintf(cmd, sizeof cmd,
             "'%s' -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]));"
             " ma=[f.pop(\"message\") for f in a[\"findings\"]]; mb=[f.pop(\"message\") for f in b[\"findings\"]];"
             " ok=a==b and len(ma)==5 and all(x!=y for x,y in zip(ma,mb))"
             " and \"Summa anges till 9\\u00a0500 tkr men raderna summerar till 9\\u00a0000 tkr\" in ma"
             " and \"Summa states 9 500 tkr, the rows sum to 9 000 tkr\" in mb;"
             " print(ma, mb); sys.exit(not ok)' '%s' '%s' >'%s/py.txt' 2>&1",
             PXL_TEST_PYTHON, sv, en, tmp);
    int status = system(cmd);
    char py[512];
    read_text_file(in_tmp(py, sizeof py, "py.txt"), out, sizeof out);
    ck_assert_msg(status == 0, "the JSON differs beyond its messages:\n%s", out);
    remove_tmp();
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("messages");
    TCase *u = tcase_create("formatter");
    tcase_add_test(u, formatter_in_each_language);
    tcase_add_test(u, formatter_positions_percent_and_lines);
    tcase_add_test(u, environment_follows_lc_messages);
    tcase_add_test(u, findings_in_every_language);
    suite_add_tcase(s, u);
    TCase *c = tcase_create("cli");
    tcase_set_tags(c, "functional");
    tcase_set_timeout(c, 120);
    tcase_add_test(c, cli_check_swedish_and_english);
    tcase_add_test(c, cli_json_same_but_message);
    suite_add_tcase(s, c);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
