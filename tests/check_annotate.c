/*
 * The annotated copy of a checked workbook (include/planxl/annotate.h, `planxl check
 * --annotate DIR`): the workbook as convert writes it, a first sheet Kontroller in Swedish
 * with a link to each finding's cell, and a comment and a mark at each cell. Read back with
 * python3-openpyxl (tests/tools/annotated.py, which also compares every cell with convert's
 * output) and opened by LibreOffice headless.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "planxl/planxl.h"
#include "test_tmpdir.h"

#define WRONG PXL_TEST_DATA "/plan-2024-08-wrong-total.xls"
#define CLEAN PXL_TEST_DATA "/plan-2024-08.xls"
#define PLAN_XLSX PXL_TEST_DATA "/xlsx/plan-2024-08-lo.xlsx"
#define ANNOTATED PXL_TEST_PYTHON " " PXL_TEST_TOOLS "/annotated.py"
#define LO_RECALC "sh " PXL_TEST_TOOLS "/lo_recalc.sh"

static void setup(void)
{
    make_tmp_named("planxl_annotate");
}

static void teardown(void)
{
    remove_tmp();
}

static pxl_findings *check_file(const char *path, pxl_plan **plan_out)
{
    pxl_plan *plan = NULL;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    ck_assert_int_eq(pxl_plan_read(plan, path, NULL), PXL_OK);
    pxl_findings *findings = NULL;
    ck_assert_int_eq(pxl_check_run(&findings, plan, NULL), PXL_OK);
    *plan_out = plan;
    return findings;
}

/* Run @p cmd through the shell, its standard output (and error, with 2>&1) into @p out. */
static int shell(const char *cmd, char *out, size_t size)
{
    char path[300], full[4096];
    in_tmp(path, sizeof path, "shell.txt");
    snprintf(full, sizeof full, "{ %s ; } > '%s'", cmd, path);
    int status = system(full);
    read_text_file(path, out, size);
    unlink(path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++)
        if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
            return 1;
    return 0;
}

static char *file_bytes(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    *len = fread(b, 1, (size_t)n, f);
    fclose(f);
    return b;
}

/* The done-when of issue 14: E7 and E44 of Äldreomsorg carry comments and marks, the rest is
 * convert's output; the Kontroller sheet lists the five findings in Swedish with links. */
START_TEST(wrong_total_annotated)
{
    pxl_plan *plan;
    pxl_findings *findings = check_file(WRONG, &plan);
    char out[300], conv[300];
    in_tmp(out, sizeof out, "annotated.xlsx");
    in_tmp(conv, sizeof conv, "converted.xlsx");
    size_t listed = 99;
    ck_assert_msg(pxl_annotate(WRONG, out, findings, NULL, &listed) == PXL_OK, "%s", pxl_error_message());
    ck_assert_uint_eq(listed, pxl_findings_count(findings));
    ck_assert_uint_eq(listed, 5);
    ck_assert_int_eq(pxl_convert(WRONG, conv, NULL, NULL), PXL_OK);

    char cmd[1024], text[32768];
    snprintf(cmd, sizeof cmd, "%s '%s' '%s'", ANNOTATED, out, conv);
    ck_assert_msg(shell(cmd, text, sizeof text) == 0, "%s", text);
    ck_assert_msg(has_line(text, "sheets Kontroller|Framsida|Äldreomsorg|Funktionsstöd"), "%s", text);
    ck_assert_msg(strstr(text, "\ncells-equal ") != NULL, "%s", text);
    static const char *const want[] = {
        "comment Äldreomsorg!E7 Fel (unparsable-number)",
        "comment Äldreomsorg!E44 Fel (total-mismatch)",
        "comment Äldreomsorg!E30 Varning (amount-stored-as-text)",
        "comment Funktionsstöd!E13 Varning (amount-stored-as-text)",
        "mark Äldreomsorg!E7 FFC7CE",
        "mark Äldreomsorg!E44 FFC7CE",
        "mark Äldreomsorg!E30 FFEB9C",
        "mark Funktionsstöd!E13 FFEB9C",
        "link D5 'Äldreomsorg'!E7",
        "link D8 'Äldreomsorg'!E44",
        "link D9 'Funktionsstöd'!E13",
        "row Fel\ttotal-mismatch\tÄldreomsorg\tE44\tSumma anges till 9\u00a0500 tkr men raderna summerar till "
        "9\u00a0000 tkr\t9000",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        ck_assert_msg(has_line(text, want[i]), "no line \"%s\" in:\n%s", want[i], text);
    /* a comment at every finding's cell, no more */
    size_t comments = 0;
    for (const char *p = text; (p = strstr(p, "\ncomment ")) != NULL; p++)
        comments++;
    ck_assert_uint_eq(comments, 5);
    pxl_findings_free(findings);
    pxl_plan_free(plan);
}
END_TEST

/* LibreOffice opens the copy and keeps its comments, marks and links when it saves it again. */
START_TEST(libreoffice_reads_the_copy)
{
    pxl_plan *plan;
    pxl_findings *findings = check_file(WRONG, &plan);
    char out[300], conv[300], lo[300];
    in_tmp(out, sizeof out, "annotated.xlsx");
    in_tmp(conv, sizeof conv, "converted.xlsx");
    in_tmp(lo, sizeof lo, "lo");
    ck_assert_int_eq(pxl_annotate(WRONG, out, findings, NULL, NULL), PXL_OK);
    ck_assert_int_eq(pxl_convert(WRONG, conv, NULL, NULL), PXL_OK);
    char cmd[1024], text[32768];
    snprintf(cmd, sizeof cmd, "%s '%s' '%s' 2>&1", LO_RECALC, out, lo);
    ck_assert_msg(shell(cmd, text, sizeof text) == 0, "%s", text);
    /* LibreOffice's copy: its own cells may differ in type (it recalculates), its annotations not */
    snprintf(cmd, sizeof cmd, "%s '%s/annotated.xlsx' '%s'", ANNOTATED, lo, conv);
    shell(cmd, text, sizeof text);
    ck_assert_msg(has_line(text, "sheets Kontroller|Framsida|Äldreomsorg|Funktionsstöd"), "%s", text);
    ck_assert_msg(has_line(text, "comment Äldreomsorg!E44 Fel (total-mismatch)"), "%s", text);
    ck_assert_msg(has_line(text, "comment Äldreomsorg!E7 Fel (unparsable-number)"), "%s", text);
    ck_assert_msg(has_line(text, "link D8 'Äldreomsorg'!E44"), "%s", text);
    ck_assert_msg(strstr(text, "mark Äldreomsorg!E44 ") != NULL, "%s", text);
    pxl_findings_free(findings);
    pxl_plan_free(plan);
}
END_TEST

/* TRUE/FALSE formula results are marked on their own sheet, behind the Kontroller sheet. */
START_TEST(boolean_results_on_their_sheet)
{
    static const char in[] = PXL_TEST_DATA "/corpus/readxl__types.xls";
    char out[300], conv[300];
    in_tmp(out, sizeof out, "annotated.xlsx");
    in_tmp(conv, sizeof conv, "converted.xlsx");
    ck_assert_msg(pxl_annotate(in, out, NULL, NULL, NULL) == PXL_OK, "%s", pxl_error_message());
    ck_assert_int_eq(pxl_convert(in, conv, NULL, NULL), PXL_OK);
    char cmd[1024], text[32768];
    snprintf(cmd, sizeof cmd, "%s '%s' '%s'", ANNOTATED, out, conv);
    ck_assert_msg(shell(cmd, text, sizeof text) == 0, "%s", text);
}
END_TEST

/* The example plan has warnings only: amber marks, no red one. */
START_TEST(warnings_are_amber)
{
    pxl_plan *plan;
    pxl_findings *findings = check_file(CLEAN, &plan);
    ck_assert_uint_eq(pxl_findings_count_severity(findings, PXL_SEVERITY_ERROR), 0);
    char out[300], conv[300];
    in_tmp(out, sizeof out, "annotated.xlsx");
    in_tmp(conv, sizeof conv, "converted.xlsx");
    ck_assert_int_eq(pxl_annotate(CLEAN, out, findings, NULL, NULL), PXL_OK);
    ck_assert_int_eq(pxl_convert(CLEAN, conv, NULL, NULL), PXL_OK);
    char cmd[1024], text[32768];
    snprintf(cmd, sizeof cmd, "%s '%s' '%s'", ANNOTATED, out, conv);
    ck_assert_msg(shell(cmd, text, sizeof text) == 0, "%s", text);
    ck_assert_msg(strstr(text, " FFC7CE") == NULL, "%s", text);
    ck_assert_msg(has_line(text, "mark Äldreomsorg!E30 FFEB9C") && has_line(text, "mark Äldreomsorg!E33 FFEB9C") &&
                      has_line(text, "mark Funktionsstöd!E13 FFEB9C"),
                  "%s", text);
    pxl_findings_free(findings);
    pxl_plan_free(plan);
}
END_TEST

/* An .xlsx submission gets its copy too (its values and formulas through the grid). */
START_TEST(xlsx_input_annotated)
{
    pxl_plan *plan;
    pxl_findings *findings = check_file(PLAN_XLSX, &plan);
    char out[300];
    in_tmp(out, sizeof out, "annotated.xlsx");
    ck_assert_msg(pxl_annotate(PLAN_XLSX, out, findings, NULL, NULL) == PXL_OK, "%s", pxl_error_message());
    pxl_grid *g = NULL;
    ck_assert_int_eq(pxl_grid_open(&g, out, NULL), PXL_OK);
    ck_assert_str_eq(pxl_grid_sheet_name(g, 0), "Kontroller");
    ck_assert_str_eq(pxl_grid_sheet_name(g, 2), "Äldreomsorg");
    pxl_grid_close(g);
    /* pxl_convert() itself still refuses an .xlsx */
    char conv[300];
    in_tmp(conv, sizeof conv, "converted.xlsx");
    ck_assert_int_eq(pxl_convert(PLAN_XLSX, conv, NULL, NULL), PXL_ERR_NOT_XLS);
    pxl_findings_free(findings);
    pxl_plan_free(plan);
}
END_TEST

/* The workbook's own sheet "Kontroller" keeps its name; planxl's list takes another. */
START_TEST(own_kontroller_sheet_kept)
{
    char in[300], out[300];
    in_tmp(in, sizeof in, "own.xlsx");
    in_tmp(out, sizeof out, "annotated.xlsx");
    lxw_workbook *wb = workbook_new(in);
    worksheet_write_string(workbook_add_worksheet(wb, "kontroller"), 0, 0, "egen", NULL);
    worksheet_write_number(workbook_add_worksheet(wb, "Data"), 0, 0, 1, NULL);
    ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
    ck_assert_msg(pxl_annotate(in, out, NULL, NULL, NULL) == PXL_OK, "%s", pxl_error_message());
    pxl_grid *g = NULL;
    ck_assert_int_eq(pxl_grid_open(&g, out, NULL), PXL_OK);
    ck_assert_uint_eq(pxl_grid_sheet_count(g), 3);
    ck_assert_str_eq(pxl_grid_sheet_name(g, 0), "Kontroller (2)");
    ck_assert_str_eq(pxl_grid_sheet_name(g, 1), "kontroller");
    pxl_grid_close(g);
}
END_TEST

START_TEST(bad_arguments)
{
    char out[300];
    in_tmp(out, sizeof out, "annotated.xlsx");
    ck_assert_int_eq(pxl_annotate(NULL, out, NULL, NULL, NULL), PXL_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(pxl_annotate(WRONG, NULL, NULL, NULL, NULL), PXL_ERR_INVALID_ARGUMENT);
    pxl_annotate_options o = PXL_ANNOTATE_OPTIONS_INIT;
    o.version = 99;
    ck_assert_int_eq(pxl_annotate(WRONG, out, NULL, &o, NULL), PXL_ERR_INVALID_ARGUMENT);
    ck_assert_int_ne(access(out, F_OK), 0);
    /* an existing output is kept unless overwrite is asked for */
    FILE *f = fopen(out, "w");
    fputs("mine", f);
    fclose(f);
    ck_assert_int_eq(pxl_annotate(WRONG, out, NULL, NULL, NULL), PXL_ERR_EXISTS);
    char text[64];
    read_text_file(out, text, sizeof text);
    ck_assert_str_eq(text, "mine");
    o.version = PXL_ANNOTATE_OPTIONS_VERSION;
    o.overwrite = 1;
    ck_assert_int_eq(pxl_annotate(WRONG, out, NULL, &o, NULL), PXL_OK);
}
END_TEST

/* planxl check --annotate DIR: a copy per readable file, the inputs unchanged, exit codes kept. */
START_TEST(cli_annotate)
{
    char dir[300], garbage[300], cmd[2048], text[32768];
    in_tmp(dir, sizeof dir, "out/sub");
    in_tmp(garbage, sizeof garbage, "garbage.xls");
    FILE *f = fopen(garbage, "w");
    fputs("not a workbook", f);
    fclose(f);
    size_t before_len, after_len;
    char *before = file_bytes(WRONG, &before_len);
    snprintf(cmd, sizeof cmd, "'%s' check --annotate '%s' '%s' '%s' 2>&1", PXL_TEST_BIN, dir, WRONG, garbage);
    /* errors found and a file unreadable: 2, the highest */
    ck_assert_int_eq(shell(cmd, text, sizeof text), 2);
    ck_assert_msg(strstr(text, "garbage.xls: no annotated copy: the file could not be read") != NULL, "%s", text);
    char path[400];
    snprintf(path, sizeof path, "%s/plan-2024-08-wrong-total.xlsx", dir);
    ck_assert_int_eq(access(path, F_OK), 0);
    snprintf(path, sizeof path, "%s/garbage.xlsx", dir);
    ck_assert_int_ne(access(path, F_OK), 0);
    char *after = file_bytes(WRONG, &after_len);
    ck_assert(before_len == after_len && memcmp(before, after, before_len) == 0);
    free(before);
    free(after);

    /* again: the copy exists, so it is not written (exit 1) unless -f */
    snprintf(cmd, sizeof cmd, "'%s' check --annotate '%s' '%s' 2>&1", PXL_TEST_BIN, dir, CLEAN);
    ck_assert_int_eq(shell(cmd, text, sizeof text), 0);
    ck_assert_int_eq(shell(cmd, text, sizeof text), 1);
    ck_assert_msg(strstr(text, "exists") != NULL, "%s", text);
    snprintf(cmd, sizeof cmd, "'%s' check -f --annotate '%s' '%s' 2>&1", PXL_TEST_BIN, dir, CLEAN);
    ck_assert_int_eq(shell(cmd, text, sizeof text), 0);

    /* two inputs of one name cannot share a copy: the second is refused by name */
    char other[300];
    in_tmp(other, sizeof other, "plan-2024-08.xls");
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", CLEAN, other);
    ck_assert_int_eq(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "'%s' check -f --annotate '%s' '%s' '%s' 2>&1", PXL_TEST_BIN, dir, CLEAN, other);
    int status = shell(cmd, text, sizeof text);
    ck_assert_msg(strstr(text, "is the copy of") != NULL, "%s", text);
    ck_assert_int_ge(status, 1);
}
END_TEST

static Suite *annotate_suite(void)
{
    Suite *s = suite_create("annotate");
    TCase *tc = tcase_create("unit");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, own_kontroller_sheet_kept);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, xlsx_input_annotated);
    suite_add_tcase(s, tc);
    TCase *fn = tcase_create("functional");
    tcase_set_tags(fn, "functional");
    tcase_set_timeout(fn, 300);
    tcase_add_checked_fixture(fn, setup, teardown);
    tcase_add_test(fn, wrong_total_annotated);
    tcase_add_test(fn, libreoffice_reads_the_copy);
    tcase_add_test(fn, warnings_are_amber);
    tcase_add_test(fn, boolean_results_on_their_sheet);
    tcase_add_test(fn, cli_annotate);
    suite_add_tcase(s, fn);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(annotate_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
