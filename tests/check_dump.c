/*
 * `planxl dump` as a user runs it: the golden model (tests/tools/compare_model.py,
 * field by field against tests/data/plan-2024-08.json), the JSON contract on every
 * test workbook (tests/tools/dump_contract.py), the text outline, exit codes and
 * messages on bad input.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DATA PXL_TEST_DATA
#define LAYOUTS PXL_TEST_DATA "/layouts"

static char dir[64];
static char out_path[128], err_path[128];

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/pxl_dump_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(out_path, sizeof out_path, "%s/out", dir);
    snprintf(err_path, sizeof err_path, "%s/err", dir);
}

static void remove_dir(void)
{
    remove(out_path);
    remove(err_path);
    char path[160];
    snprintf(path, sizeof path, "%s/empty.xls", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/notes.xls", dir);
    remove(path);
    remove(dir);
}

/* Run a shell command line; its exit status, or -1 when it did not exit normally. */
static int run(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int status = system(cmd);
    return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Run planxl with @p args, stdout to out_path, stderr to err_path. */
static int planxl(const char *args)
{
    return run("'%s' %s >'%s' 2>'%s'", PXL_TEST_BIN, args, out_path, err_path);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

START_TEST(golden_model)
{
    make_dir();
    ck_assert_int_eq(planxl("dump '" DATA "/plan-2024-08.xls' --format json"), 0);
    int rc = run("'%s' '%s/compare_model.py' '%s/plan-2024-08.json' '%s' >'%s/cmp' 2>&1", PXL_TEST_PYTHON,
                 PXL_TEST_TOOLS, DATA, out_path, dir);
    char cmp[160];
    snprintf(cmp, sizeof cmp, "%s/cmp", dir);
    ck_assert_msg(rc == 0, "compare_model.py: %s", slurp(cmp));
    ck_assert_ptr_nonnull(strstr(slurp(cmp), " 0 mismatches"));
    remove(cmp);
    remove_dir();
}
END_TEST

/* The same plan in the flat layout: every KPI and effect row, matched by (area, section, title). */
START_TEST(golden_model_flat)
{
    make_dir();
    ck_assert_int_eq(planxl("dump '" LAYOUTS "/flat_plan.xls'"), 0);
    char cmp[160];
    snprintf(cmp, sizeof cmp, "%s/cmp", dir);
    int rc = run("'%s' '%s/compare_model.py' '%s/plan-2024-08.json' '%s' --flat >'%s' 2>&1", PXL_TEST_PYTHON,
                 PXL_TEST_TOOLS, DATA, out_path, cmp);
    ck_assert_msg(rc == 0, "compare_model.py --flat: %s", slurp(cmp));
    ck_assert_ptr_nonnull(strstr(slurp(cmp), " 0 mismatches"));
    remove(cmp);
    remove_dir();
}
END_TEST

/* The comparison can fail: the wrong-total fixture's E7 "1 65O" is not the golden 34,8. */
START_TEST(golden_model_detects_defect)
{
    make_dir();
    ck_assert_int_eq(planxl("dump '" DATA "/plan-2024-08-wrong-total.xls'"), 0);
    int rc = run("'%s' '%s/compare_model.py' '%s/plan-2024-08.json' '%s' >'%s/cmp' 2>&1", PXL_TEST_PYTHON,
                 PXL_TEST_TOOLS, DATA, out_path, dir);
    char cmp[160];
    snprintf(cmp, sizeof cmp, "%s/cmp", dir);
    ck_assert_int_eq(rc, 1);
    /* exactly the one planted value defect; the new Summa row is a total, not an effect */
    ck_assert_ptr_nonnull(strstr(slurp(cmp), " 1 mismatches"));
    ck_assert_ptr_nonnull(strstr(slurp(cmp), "KPI 2 current"));
    remove(cmp);
    remove_dir();
}
END_TEST

static const char *const contract_files[] = {
    DATA "/plan-2024-08.xls",
    DATA "/plan-2024-08-wrong-total.xls",
    LAYOUTS "/offset.xls",
    LAYOUTS "/multi_area.xls",
    LAYOUTS "/title_dash.xls",
    LAYOUTS "/synonyms.xls",
    LAYOUTS "/totals.xls",
    LAYOUTS "/notations.xls",
    LAYOUTS "/area_totals.xls",
    LAYOUTS "/summary.xls",
    LAYOUTS "/flat.xls",
    LAYOUTS "/cover_labels.xls",
    LAYOUTS "/continued.xls",
    LAYOUTS "/generic_titles.xls",
    DATA "/merges/merges.xls",
    DATA "/merges/merges.xlsx",
    LAYOUTS "/sheet_title.xls",
    LAYOUTS "/flat_plan.xls",
};

START_TEST(json_contract)
{
    make_dir();
    char args[600];
    snprintf(args, sizeof args, "dump '%s'", contract_files[_i]);
    ck_assert_int_eq(planxl(args), 0);
    int rc = run("'%s' '%s/dump_contract.py' '%s' >'%s' 2>&1", PXL_TEST_PYTHON, PXL_TEST_TOOLS, out_path, err_path);
    ck_assert_msg(rc == 0, "%s: %s", contract_files[_i], slurp(err_path));
    remove_dir();
}
END_TEST

/* Specific contract points, read back with Python's json module. */
START_TEST(json_values)
{
    make_dir();
    ck_assert_int_eq(planxl("dump --reader freexl '" LAYOUTS "/totals.xls'"), 0);
    int rc = run("'%s' -c 'import json,sys; d=json.load(open(sys.argv[1])); m=d[\"areas\"][0][\"measures\"];"
                 "t=m[0][\"declared_totals\"][0];"
                 "assert t[\"label\"]==\"Summa\" and t[\"cell\"]==\"Totaler!C8\", t;"
                 "assert \"current_year_tkr\" in t and t[\"current_year_tkr\"] is None, t;"
                 "assert t[\"full_year_tkr\"] is None and t[\"full_year_cell\"]==\"Totaler!E8\", t;"
                 "assert m[0][\"effects\"][1][\"full_year_tkr\"]==300 and m[0][\"current_year\"]==2024;"
                 "assert m[1][\"declared_totals\"][0][\"full_year_value\"][\"stored_as_text\"] is True;"
                 "assert d[\"file\"].endswith(\"totals.xls\") and d[\"areas\"][0][\"name\"]==\"Socialtjänst\"'"
                 " '%s' 2>'%s'",
                 PXL_TEST_PYTHON, out_path, err_path);
    ck_assert_msg(rc == 0, "%s", slurp(err_path));

    ck_assert_int_eq(planxl("dump '" DATA "/plan-2024-08.xls'"), 0);
    const char *json = slurp(out_path);
    /* C-locale shortest forms: integers without ".0", 34.8 not 34,8 or 34.799999 */
    ck_assert_ptr_nonnull(strstr(json, "\"full_year_tkr\": 2700,"));
    ck_assert_ptr_nonnull(strstr(json, "\"value\": 34.8,"));
    ck_assert_ptr_nonnull(strstr(json, "\"value\": 0.739,"));
    ck_assert_ptr_nonnull(strstr(json, "\"cell\": \"Äldreomsorg!E7\""));
    ck_assert_ptr_nonnull(strstr(json, "\"kind\": \"direction\""));
    ck_assert_ptr_nonnull(strstr(json, "\"period\": \"2024-08\""));
    ck_assert_ptr_null(strstr(json, ".0,"));
    remove_dir();
}
END_TEST

/* Totals that close an area or the plan (issue 12): area.declared_totals and plan.declared_totals. */
START_TEST(json_closing_totals)
{
    make_dir();
    ck_assert_int_eq(planxl("dump '" LAYOUTS "/area_totals.xls'"), 0);
    int rc = run("'%s' -c 'import json,sys; d=json.load(open(sys.argv[1])); a={x[\"name\"]:x for x in d[\"areas\"]};"
                 "t=a[\"Hemtjänst\"][\"declared_totals\"];"
                 "assert [x[\"label\"] for x in t]==[\"Summa Hemtjänst\"] and t[0][\"cell\"]==\"Omsorg!A13\", t;"
                 "assert t[0][\"full_year_tkr\"]==600 and t[0][\"full_year_cell\"]==\"Omsorg!E13\", t;"
                 "assert [x[\"label\"] for x in a[\"Funktionsstöd\"][\"declared_totals\"]]==[\"Totalt Funktionsstöd\"];"
                 "assert a[\"Funktionsstöd\"][\"measures\"][0][\"declared_totals\"]==[];"
                 "assert [x[\"label\"] for x in a[\"Stöd\"][\"declared_totals\"]]==[\"Summa åtgärder\"];"
                 "p=d[\"declared_totals\"]; assert [x[\"label\"] for x in p]==[\"Totalt nämnden\"], p;"
                 "assert p[0][\"current_year_tkr\"]==190 and p[0][\"cell\"]==\"Omsorg!A23\", p'"
                 " '%s' 2>'%s'",
                 PXL_TEST_PYTHON, out_path, err_path);
    ck_assert_msg(rc == 0, "%s", slurp(err_path));
    ck_assert_int_eq(planxl("dump --format text '" LAYOUTS "/area_totals.xls'"), 0);
    const char *text = slurp(out_path);
    ck_assert_ptr_nonnull(strstr(text, "  Area total \"Summa Hemtjänst\": this year 160 tkr, full year 600 tkr  (Omsorg!A13)"));
    ck_assert_ptr_nonnull(strstr(text, "Plan total \"Totalt nämnden\": this year 190 tkr, full year 620 tkr  (Omsorg!A23)"));

    /* a summary sheet's rows: summary_totals, each with the area it names (null: the plan's) */
    ck_assert_int_eq(planxl("dump --reader biff '" LAYOUTS "/summary.xls'"), 0);
    rc = run("'%s' -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d[\"summary_totals\"];"
             "assert [x[\"area\"] for x in s]==[\"Äldreomsorg\",\"funktionsstöd\",\"Okänd verksamhet\",None,"
             "\"Äldreomsorg\"], s;"
             "assert s[1][\"full_year_tkr\"]==90 and s[1][\"full_year_cell\"]==\"Sammanställning!C5\", s;"
             "assert s[3][\"label\"]==\"Totalt\" and s[4][\"full_year_value\"][\"is_formula\"] is True, s;"
             "assert [a[\"name\"] for a in d[\"areas\"]]==[\"Äldreomsorg\",\"Funktionsstöd\"], d[\"areas\"]'"
             " '%s' 2>'%s'",
             PXL_TEST_PYTHON, out_path, err_path);
    ck_assert_msg(rc == 0, "%s", slurp(err_path));
    remove_dir();
}
END_TEST

/* A Swedish locale in the environment must not turn "34.8" into "34,8". */
START_TEST(json_numbers_any_locale)
{
    /* The locale the run below asks for must exist, or the run shows nothing. */
    ck_assert_msg(setlocale(LC_ALL, "sv_SE.UTF-8") != NULL,
                  "the sv_SE.UTF-8 locale is missing: enable it in /etc/locale.gen and run locale-gen "
                  "(tools/setup.sh does it)");
    setlocale(LC_ALL, "C");
    make_dir();
    ck_assert_int_eq(run("LC_ALL=sv_SE.UTF-8 '%s' dump '%s/plan-2024-08.xls' >'%s' 2>'%s'", PXL_TEST_BIN, DATA,
                         out_path, err_path),
                     0);
    ck_assert_ptr_nonnull(strstr(slurp(out_path), "\"value\": 34.8,"));
    remove_dir();
}
END_TEST

START_TEST(text_outline)
{
    make_dir();
    ck_assert_int_eq(planxl("dump --format text '" DATA "/plan-2024-08.xls'"), 0);
    const char *text = slurp(out_path);
    ck_assert_ptr_nonnull(strstr(text, "Area: Äldreomsorg — 8 measures, 11 effect rows summing to 5473 tkr this year, "
                                       "17170 tkr full year"));
    ck_assert_ptr_nonnull(strstr(text, "Area: Funktionsstöd — 8 measures, 5 effect rows summing to 1136 tkr this "
                                       "year, 6533 tkr full year"));
    ck_assert_ptr_nonnull(strstr(text, "Declared total \"Summa\""));
    ck_assert_ptr_nonnull(strstr(text, "(Äldreomsorg!C37)"));
    remove_dir();
}
END_TEST

/* Unreadable input: exit 2, a message naming the file, nothing on standard output. */
START_TEST(bad_input)
{
    make_dir();
    char empty[160], notes[160], args[600];
    snprintf(empty, sizeof empty, "%s/empty.xls", dir);
    snprintf(notes, sizeof notes, "%s/notes.xls", dir);
    FILE *f = fopen(empty, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    f = fopen(notes, "w");
    ck_assert_ptr_nonnull(f);
    fputs("Område;Åtgärd;Beskrivning\n", f);
    fclose(f);
    const char *paths[] = {DATA "/no-such-plan.xls", empty, notes, LAYOUTS "/not_a_plan.xls"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        snprintf(args, sizeof args, "dump '%s'", paths[i]);
        ck_assert_int_eq(planxl(args), 2);
        ck_assert_msg(strstr(slurp(err_path), paths[i]) != NULL, "stderr does not name %s: %s", paths[i],
                      slurp(err_path));
        ck_assert_str_eq(slurp(out_path), "");
    }
    remove_dir();
}
END_TEST

/* One readable and one missing file: the readable one is dumped, the exit status says 2. */
START_TEST(partly_unreadable)
{
    make_dir();
    ck_assert_int_eq(planxl("dump '" LAYOUTS "/flat.xls' '" DATA "/no-such-plan.xls'"), 2);
    ck_assert_ptr_nonnull(strstr(slurp(err_path), DATA "/no-such-plan.xls"));
    const char *json = slurp(out_path);
    ck_assert_ptr_nonnull(strstr(json, "\"name\": \"Funktionsstöd\""));
    ck_assert_ptr_nonnull(strstr(json, "\"unreadable\": ["));
    ck_assert_ptr_nonnull(strstr(json, "no-such-plan.xls"));
    remove_dir();
}
END_TEST

static const struct {
    const char *args;
    int status;
} usage_cases[] = {
    {"dump", 64},
    {"dump --format xml '" DATA "/plan-2024-08.xls'", 64},
    {"dump --format", 64},
    {"dump --reader nosuch '" DATA "/plan-2024-08.xls'", 64},
    {"dump --frobnicate '" DATA "/plan-2024-08.xls'", 64},
    {"dump --help", 0},
    {"dump --format=text --reader=freexl '" DATA "/plan-2024-08.xls'", 0},
};

START_TEST(usage)
{
    make_dir();
    ck_assert_int_eq(planxl(usage_cases[_i].args), usage_cases[_i].status);
    if (usage_cases[_i].status == 64)
        ck_assert_ptr_nonnull(strstr(slurp(err_path), "planxl"));
    remove_dir();
}
END_TEST

/* --verbose names the reader of each file, and why planxl's own reader took over
 * (issue 6: gnumeric__sumif.xls is one of the files freexl 1.0.6 opens with a NULL handle). */
START_TEST(verbose_names_the_reader)
{
    make_dir();
    ck_assert_int_eq(planxl("dump -v '" DATA "/plan-2024-08.xls'"), 0);
    ck_assert_ptr_nonnull(strstr(slurp(err_path), "plan-2024-08.xls: read with freexl, with formula cells and the cells freexl reads wrongly"));
    ck_assert_int_eq(planxl("dump --verbose --reader biff '" DATA "/plan-2024-08.xls'"), 0);
    ck_assert_ptr_nonnull(strstr(slurp(err_path), "plan-2024-08.xls: read with planxl's own BIFF reader"));
    /* not a plan, so exit 2; but it was read, by the fallback */
    ck_assert_int_eq(planxl("dump -v '" DATA "/corpus/gnumeric__sumif.xls'"), 2);
    const char *err = slurp(err_path);
    ck_assert_ptr_nonnull(strstr(err, "gnumeric__sumif.xls: freexl could not read this workbook"));
    ck_assert_ptr_nonnull(strstr(err, "read with planxl's own BIFF reader instead"));
    /* without -v, nothing about readers */
    ck_assert_int_eq(planxl("dump '" DATA "/plan-2024-08.xls'"), 0);
    ck_assert_ptr_null(strstr(slurp(err_path), "read with"));
    remove_dir();
}
END_TEST

static Suite *dump_suite(void)
{
    Suite *s = suite_create("dump");
    TCase *tc = tcase_create("dump");
    tcase_add_test(tc, golden_model);
    tcase_add_test(tc, golden_model_flat);
    tcase_add_test(tc, golden_model_detects_defect);
    tcase_add_loop_test(tc, json_contract, 0, (int)(sizeof contract_files / sizeof contract_files[0]));
    tcase_add_test(tc, json_values);
    tcase_add_test(tc, json_closing_totals);
    tcase_add_test(tc, json_numbers_any_locale);
    tcase_add_test(tc, text_outline);
    tcase_add_test(tc, bad_input);
    tcase_add_test(tc, partly_unreadable);
    tcase_add_test(tc, verbose_names_the_reader);
    tcase_add_loop_test(tc, usage, 0, (int)(sizeof usage_cases / sizeof usage_cases[0]));
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(dump_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
