/*
 * `planxl check` end to end: the example plan and its wrong-total twin, one
 * defect workbook per finding code (tests/data/defects/make_defects.pl), the
 * clean variants, JSON read back by Python's json module
 * (tests/tools/check_json.py), and the exit codes 0/1/2/64.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>

#include "test_tmpdir.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DATA PXL_TEST_DATA
#define DEFECTS PXL_TEST_DATA "/defects/"
#define EXAMPLE DATA "/plan-2024-08.xls"
#define WRONG DATA "/plan-2024-08-wrong-total.xls"
#define OUTPUT_MAX (1 << 20)

static char out_path[256], err_path[256];
static char output[OUTPUT_MAX];

static void setup(void)
{
    snprintf(out_path, sizeof out_path, "/tmp/planxl-check-cli-%ld.out", (long)getpid());
    snprintf(err_path, sizeof err_path, "/tmp/planxl-check-cli-%ld.err", (long)getpid());
}

static void teardown(void)
{
    unlink(out_path);
    unlink(err_path);
}


/* Run a shell command; its exit status. */
static int sh(const char *cmd)
{
    int status = system(cmd);
    ck_assert_msg(status != -1 && WIFEXITED(status), "could not run: %s", cmd);
    return WEXITSTATUS(status);
}

/* Run `planxl check ARGS`, stdout into out_path and output[]; returns the exit status. */
static int check_cli(const char *args)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' check %s >'%s' 2>'%s'", PXL_TEST_BIN, args, out_path, err_path);
    int rc = sh(cmd);
    read_text_file(out_path, output, sizeof output);
    return rc;
}

/* The JSON in out_path as check_json.py reads it: one line per finding, then the summary. */
static void json_lines(char *buf, size_t size)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' '%s/check_json.py' '%s' >'%s.lines'", PXL_TEST_PYTHON, PXL_TEST_TOOLS, out_path,
             out_path);
    ck_assert_msg(sh(cmd) == 0, "check_json.py rejected the JSON:\n%s", output);
    char lines[300];
    snprintf(lines, sizeof lines, "%s.lines", out_path);
    read_text_file(lines, buf, size);
    unlink(lines);
}

static char lines[OUTPUT_MAX];

/* ---- the example and its wrong-total twin --------------------------------------------------- */

START_TEST(example_is_clean)
{
    ck_assert_int_eq(check_cli("--format json '" EXAMPLE "'"), 0);
    json_lines(lines, sizeof lines);
    ck_assert_str_eq(lines,
                     "warning amount-stored-as-text " EXAMPLE " Äldreomsorg!E30 1650 None\n"
                     "warning amount-stored-as-text " EXAMPLE " Äldreomsorg!E33 -1600 None\n"
                     "warning amount-stored-as-text " EXAMPLE " Funktionsstöd!E13 3800 None\n"
                     "summary 1 0 3\n");
}
END_TEST

START_TEST(wrong_total_gives_exactly_two_errors)
{
    ck_assert_int_eq(check_cli("--format=json '" WRONG "'"), 1);
    json_lines(lines, sizeof lines);
    ck_assert_str_eq(lines,
                     "error unparsable-number " WRONG " Äldreomsorg!E7 None None\n"
                     "warning amount-stored-as-text " WRONG " Äldreomsorg!E30 1650 None\n"
                     "warning amount-stored-as-text " WRONG " Äldreomsorg!E33 -1600 None\n"
                     "error total-mismatch " WRONG " Äldreomsorg!E44 9000 9500\n"
                     "warning amount-stored-as-text " WRONG " Funktionsstöd!E13 3800 None\n"
                     "summary 1 2 3\n");
}
END_TEST

START_TEST(text_format_compiler_style)
{
    char cmd[1024];
    /* The file name as given on the command line. */
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' check plan-2024-08-wrong-total.xls >'%s'", DATA, PXL_TEST_BIN,
             out_path);
    ck_assert_int_eq(sh(cmd), 1);
    read_text_file(out_path, output, sizeof output);
    ck_assert_ptr_nonnull(strstr(output, "plan-2024-08-wrong-total.xls:Äldreomsorg!E44: error: total-mismatch: "
                                         "Summa states 9 500 tkr, the rows sum to 9 000 tkr\n"));
    ck_assert_int_eq(strncmp(output, "plan-2024-08-wrong-total.xls:Äldreomsorg!E7: error: unparsable-number: ",
                             strlen("plan-2024-08-wrong-total.xls:Äldreomsorg!E7: error: unparsable-number: ")), 0);
    /* the summary is the last line */
    size_t n = strlen(output), tail = strlen("\n1 file checked: 2 errors, 3 warnings\n");
    ck_assert_uint_gt(n, tail);
    ck_assert_str_eq(output + n - tail, "\n1 file checked: 2 errors, 3 warnings\n");
}
END_TEST

START_TEST(prose_agrees_with_example)
{
    /* 5,1 / 0,36 / 9 and 4 miljoner kronor all agree with the example's effect tables. */
    check_cli("'" EXAMPLE "'");
    ck_assert_ptr_null(strstr(output, "stated-amount-mismatch"));
    ck_assert_ptr_nonnull(strstr(output, "0 errors, 3 warnings"));
}
END_TEST

/* ---- one defect workbook per code ------------------------------------------------------------ */

#define TEXT_WARNINGS_AT(a, b)                                                                  \
    "warning amount-stored-as-text Äldreomsorg!" a "\n"                                         \
    "warning amount-stored-as-text Äldreomsorg!" b "\n"
#define TEXT_WARNINGS TEXT_WARNINGS_AT("E30", "E33")
#define TEXT_WARNING_F "warning amount-stored-as-text Funktionsstöd!E13\n"

static const struct defect {
    const char *file;
    int exit;
    const char *findings;  /* "severity code sheet!cell" lines, in output order */
} defects[] = {
    {"defect-total-mismatch.xls", 1,
     "error total-mismatch Äldreomsorg!E25\n" TEXT_WARNINGS_AT("E31", "E34") TEXT_WARNING_F},
    {"defect-unparsable-number.xls", 1, "error unparsable-number Äldreomsorg!E13\n" TEXT_WARNINGS TEXT_WARNING_F},
    {"defect-missing-field.xls", 1, "error missing-field Äldreomsorg!B19\n" TEXT_WARNINGS TEXT_WARNING_F},
    {"defect-duplicate-measure.xls", 1, TEXT_WARNINGS "error duplicate-measure Äldreomsorg!B47\n" TEXT_WARNING_F},
    {"defect-stated-amount-mismatch.xls", 0,
     "warning stated-amount-mismatch Äldreomsorg!C21\n" TEXT_WARNINGS TEXT_WARNING_F},
    {"defect-amount-stored-as-text.xls", 0,
     TEXT_WARNINGS "warning amount-stored-as-text Äldreomsorg!D43\n" TEXT_WARNING_F},
    {"defect-partial-year-exceeds-full-year.xls", 0,
     "warning partial-year-exceeds-full-year Äldreomsorg!D13\n" TEXT_WARNINGS TEXT_WARNING_F},
    {"defect-percent-out-of-range.xls", 0,
     "warning percent-out-of-range Äldreomsorg!D17\n" TEXT_WARNINGS TEXT_WARNING_F},
    {"defect-kind-mismatch.xls", 0, "warning kind-mismatch Äldreomsorg!E11\n" TEXT_WARNINGS TEXT_WARNING_F},
    {"defect-duplicate-row.xls", 0, TEXT_WARNINGS "warning duplicate-row Funktionsstöd!C7\n"
                                    "warning amount-stored-as-text Funktionsstöd!E14\n"},
    {"defect-unreadable-file.xls", 2, "error unreadable-file None!None\n"},
    {"defect-unreadable-truncated.xls", 2, "error unreadable-file None!None\n"},
    /* clean variants: a correct typed Summa and a correct Summa formula give nothing */
    {"clean-total.xls", 0, TEXT_WARNINGS_AT("E31", "E34") TEXT_WARNING_F},
};

/* "severity code FILE sheet!cell expected actual" -> "severity code sheet!cell" */
static void strip_lines(char *dst, size_t size, const char *src)
{
    size_t n = 0;
    dst[0] = '\0';
    for (const char *line = src; *line;) {
        const char *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        char buf[1024], sev[32], code[64], file[512], cell[256];
        snprintf(buf, sizeof buf, "%.*s", (int)(end - line), line);
        if (sscanf(buf, "%31s %63s %511s %255s", sev, code, file, cell) == 4 && strcmp(sev, "summary") != 0)
            n += (size_t)snprintf(dst + n, size - n, "%s %s %s\n", sev, code, cell);
        line = *end ? end + 1 : end;
    }
}

START_TEST(defect_workbook)
{
    const struct defect *d = &defects[_i];
    char args[512];
    snprintf(args, sizeof args, "--format json '%s%s'", DEFECTS, d->file);
    int rc = check_cli(args);
    json_lines(lines, sizeof lines);
    char got[OUTPUT_MAX / 4];
    strip_lines(got, sizeof got, lines);
    ck_assert_msg(strcmp(got, d->findings) == 0, "%s:\n--- want\n%s--- got\n%s", d->file, d->findings, got);
    ck_assert_msg(rc == d->exit, "%s: exit %d, want %d", d->file, rc, d->exit);
}
END_TEST

START_TEST(duplicate_measure_across_files)
{
    /* The same plan submitted twice: every measure of the second file is a duplicate. */
    ck_assert_int_eq(check_cli("--format json '" EXAMPLE "' '" DEFECTS "clean-total.xls'"), 1);
    json_lines(lines, sizeof lines);
    size_t dup = 0, in_first = 0;
    for (const char *p = lines; (p = strstr(p, "error duplicate-measure ")) != NULL; p++) {
        dup++;
        in_first += strncmp(p + strlen("error duplicate-measure "), EXAMPLE " ", strlen(EXAMPLE) + 1) == 0;
    }
    ck_assert_uint_eq(dup, 16);
    ck_assert_uint_eq(in_first, 0);
    ck_assert_ptr_nonnull(strstr(lines, "summary 2 16 6\n"));
}
END_TEST

START_TEST(sum_range_needs_formula_text)
{
    /* The cached 5 110 is right, so no error whatever the reader. The range warning needs the
     * formula text, which planxl's BIFF reader gives (auto and biff), freexl does not (issue 6). */
    const char *with_text[] = {"", "--reader biff "};
    for (int i = 0; i < 2; i++) {
        char args[512];
        snprintf(args, sizeof args, "--format json %s'" DEFECTS "defect-sum-range-incomplete.xls'", with_text[i]);
        ck_assert_int_eq(check_cli(args), 0);
        json_lines(lines, sizeof lines);
        ck_assert_ptr_nonnull(strstr(lines, "warning sum-range-incomplete " DEFECTS
                                            "defect-sum-range-incomplete.xls Äldreomsorg!E37 "));
    }
    ck_assert_int_eq(check_cli("--format json --reader freexl '" DEFECTS "defect-sum-range-incomplete.xls'"), 0);
    json_lines(lines, sizeof lines);
    ck_assert_ptr_null(strstr(lines, "warning sum-range-incomplete "));
}
END_TEST

/* ---- exit codes ---------------------------------------------------------------------------- */

static const struct exit_case {
    const char *args;
    int exit;
} exit_cases[] = {
    {"'" EXAMPLE "'", 0},
    {"--werror '" EXAMPLE "'", 1},                 /* three warnings */
    {"'" EXAMPLE "' --werror --format text", 1},
    {"'" DEFECTS "defect-kind-mismatch.xls'", 0},  /* warnings only */
    {"'" WRONG "'", 1},
    {"'" WRONG "' --werror", 1},
    {"'" WRONG "' '" DEFECTS "defect-unreadable-file.xls'", 2},  /* the highest applies */
    {"'" DEFECTS "defect-unreadable-file.xls' '" EXAMPLE "'", 2},
    {"/nonexistent/plan.xls", 2},
    {"--reader freexl '" EXAMPLE "'", 0},
    {"--reader=auto '" EXAMPLE "'", 0},
    {"", 64},
    {"--format", 64},
    {"--format xml '" EXAMPLE "'", 64},
    {"--format=yaml '" EXAMPLE "'", 64},
    {"--reader excel '" EXAMPLE "'", 64},
    {"--no-such-option '" EXAMPLE "'", 64},
    {"--werror", 64},
    {"--help", 0},
};

START_TEST(exit_code)
{
    const struct exit_case *c = &exit_cases[_i];
    int rc = check_cli(c->args);
    ck_assert_msg(rc == c->exit, "planxl check %s: exit %d, want %d", c->args, rc, c->exit);
}
END_TEST

START_TEST(unreadable_file_does_not_stop_the_others)
{
    ck_assert_int_eq(check_cli("--format json '" DEFECTS "defect-unreadable-file.xls' '" WRONG "'"), 2);
    json_lines(lines, sizeof lines);
    ck_assert_ptr_nonnull(strstr(lines, "error unreadable-file " DEFECTS "defect-unreadable-file.xls None!None"));
    ck_assert_ptr_nonnull(strstr(lines, "error total-mismatch " WRONG " Äldreomsorg!E44 9000 9500\n"));
    ck_assert_ptr_nonnull(strstr(lines, "summary 2 3 3\n"));
}
END_TEST

START_TEST(json_parses_with_json_tool)
{
    const char *inputs[] = {"'" EXAMPLE "'", "'" WRONG "' '" DEFECTS "defect-unreadable-truncated.xls'",
                            "'" DEFECTS "defect-kind-mismatch.xls'"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        char args[1024], cmd[1024];
        snprintf(args, sizeof args, "--format json %s", inputs[i]);
        check_cli(args);
        snprintf(cmd, sizeof cmd, "'%s' -m json.tool '%s' >/dev/null", PXL_TEST_PYTHON, out_path);
        ck_assert_msg(sh(cmd) == 0, "json.tool rejects the output for %s", inputs[i]);
    }
}
END_TEST

START_TEST(usage_goes_to_stderr)
{
    ck_assert_int_eq(check_cli("--format xml x.xls"), 64);
    ck_assert_str_eq(output, "");
    char err[4096];
    read_text_file(err_path, err, sizeof err);
    ck_assert_ptr_nonnull(strstr(err, "usage: planxl check"));
    ck_assert_int_eq(check_cli("--help"), 0);
    ck_assert_ptr_nonnull(strstr(output, "usage: planxl check"));
}
END_TEST

/* A hidden draft sheet: one sheet-skipped note, exit 0; --include-hidden reads it, and its
 * measures are duplicates (exit 1); the JSON carries the note as severity "info". */
START_TEST(hidden_sheet_skipped_unless_asked)
{
    ck_assert_int_eq(check_cli("'" DATA "/merges/merges.xls'"), 0);
    ck_assert_ptr_nonnull(strstr(output, "merges.xls:Utkast!A1: info: sheet-skipped: The sheet \"Utkast\" is hidden"));
    ck_assert_ptr_nonnull(strstr(output, "1 file checked: 0 errors, 0 warnings, 1 note\n"));
    ck_assert_int_eq(check_cli("-q '" DATA "/merges/merges.xls'"), 0);
    ck_assert_ptr_null(strstr(output, "sheet-skipped"));
    ck_assert_int_eq(check_cli("--include-hidden '" DATA "/merges/merges.xls'"), 1);
    ck_assert_ptr_null(strstr(output, "sheet-skipped"));
    ck_assert_ptr_nonnull(strstr(output, "Utkast!B4: error: duplicate-measure"));
    ck_assert_int_eq(check_cli("--format json '" DATA "/merges/merges.xlsx'"), 0);
    json_lines(lines, sizeof lines);
    ck_assert_ptr_nonnull(strstr(lines, "info sheet-skipped "));
    ck_assert_ptr_nonnull(strstr(lines, "Gammalt!A1"));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("check_cli");
    TCase *t = tcase_create("cli");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, example_is_clean);
    tcase_add_test(t, wrong_total_gives_exactly_two_errors);
    tcase_add_test(t, text_format_compiler_style);
    tcase_add_test(t, prose_agrees_with_example);
    tcase_add_loop_test(t, defect_workbook, 0, sizeof defects / sizeof defects[0]);
    tcase_add_test(t, duplicate_measure_across_files);
    tcase_add_test(t, sum_range_needs_formula_text);
    tcase_add_loop_test(t, exit_code, 0, sizeof exit_cases / sizeof exit_cases[0]);
    tcase_add_test(t, unreadable_file_does_not_stop_the_others);
    tcase_add_test(t, json_parses_with_json_tool);
    tcase_add_test(t, usage_goes_to_stderr);
    tcase_add_test(t, hidden_sheet_skipped_unless_asked);
    suite_add_tcase(s, t);
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
