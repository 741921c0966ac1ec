/*
 * pxl_convert() and `planxl convert`: fidelity against an independent reader
 * (tests/tools/fidelity.py: python3-xlrd on the input, python3-openpyxl on the
 * output) over the fixtures and a corpus subset, sheet-name and text edge
 * cases, the 1904 date system, output safety, the C locale under sv_SE, and
 * the CLI's single and batch modes.
 */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_tmpdir.h"
#include "planxl/convert.h"

#define DATA PXL_TEST_DATA
#define CORPUS PXL_TEST_DATA "/corpus/"
#define EDGE PXL_TEST_DATA "/convert/edge.xls"
#define FIDELITY PXL_TEST_TOOLS "/fidelity.py"
#define XLSX_INFO PXL_TEST_TOOLS "/xlsx_info.py"
#define RECALC PXL_TEST_TOOLS "/recalc.py"
#define BOOL_FORMULAS PXL_TEST_TOOLS "/bool_formulas.py"
#define XLSX_NAMES PXL_TEST_TOOLS "/xlsx_names.py"
#define NAMES PXL_TEST_DATA "/convert/names.xls"
#define OUTPUT_MAX 65536

/* make_tmp(): this suite's scratch directory (test_tmpdir.c). */
static void make_tmp(void)
{
    make_tmp_named("pxl_convert");
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* The first @p limit bytes of @p src into @p dst (limit 0: all). */
static void copy_file(const char *src, const char *dst, size_t limit)
{
    FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
    ck_assert_ptr_nonnull(in);
    ck_assert_ptr_nonnull(out);
    char buf[8192];
    size_t n, total = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        if (limit && total + n > limit)
            n = limit - total;
        fwrite(buf, 1, n, out);
        total += n;
        if (limit && total >= limit)
            break;
    }
    fclose(in);
    fclose(out);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(OUTPUT_MAX + 1);
    size_t n = fread(buf, 1, OUTPUT_MAX, f);
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* Entries of the temporary directory whose names start with '.': temporary files left behind. */
static int leftovers(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "test -z \"$(find '%s' -name '.*' -type f)\"", tmp);
    return system(cmd) != 0;
}

typedef struct run_result {
    int status;   /* exit status, or -1 when killed */
    char *out;    /* stdout */
    char *err;    /* stderr */
} run_result;

static void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

/* Run @p argv (NULL-terminated) with stdout and stderr captured; @p lc_all sets LC_ALL when not NULL. */
static run_result run(const char *const *argv, const char *lc_all)
{
    char out_path[300], err_path[300];
    in_tmp(out_path, sizeof out_path, "stdout.txt");
    in_tmp(err_path, sizeof err_path, "stderr.txt");
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (o < 0 || e < 0)
            _exit(127);
        dup2(o, 1);
        dup2(e, 2);
        if (lc_all)
            setenv("LC_ALL", lc_all, 1);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    run_result r = {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out_path, NULL),
                    read_file(err_path, NULL)};
    unlink(out_path);
    unlink(err_path);
    return r;
}

/* Did pxl_convert() leave an .xlsx (a zip) at @p path? */
static int is_zip(const char *path)
{
    size_t n;
    char *b = read_file(path, &n);
    int zip = b && n > 4 && !memcmp(b, "PK\x03\x04", 4);
    free(b);
    return zip;
}

/*
 * What the default reader may lose, and nothing else: freexl's own losses (booleans
 * as 1/0, error cells as numbers or missing, dates and times cut, times to the second)
 * are repaired by AUTO's BIFF pass (docs/auto-reader.md), so fidelity.py must not find
 * them. Error cells as text, non-finite numbers as #NUM! and text cut to Excel's
 * 32 767 characters are the writer's own (libxlsxwriter 1.1.4 writes no error cells).
 */
static run_result fidelity(const char *in, const char *out)
{
    const char *argv[32] = {PXL_TEST_PYTHON, FIDELITY};
    int n = 2;
    static const char *const always[] = {"error-as-text", "non-finite", "text-cut"};
    for (size_t i = 0; i < sizeof always / sizeof always[0]; i++) {
        argv[n++] = "--allow";
        argv[n++] = always[i];
    }
    argv[n++] = in;
    argv[n++] = out;
    argv[n] = NULL;
    return run(argv, NULL);
}

/* The count after "loss NAME " in fidelity.py's output. */
static long loss_count(const char *report, const char *name)
{
    char key[64];
    snprintf(key, sizeof key, "loss %s ", name);
    const char *p = strstr(report, key);
    return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

static run_result xlsx_info(const char *xlsx)
{
    const char *argv[] = {PXL_TEST_PYTHON, XLSX_INFO, xlsx, NULL};
    return run(argv, NULL);
}

/* ---- fidelity over the fixtures and the corpus subset ---- */

static const struct {
    const char *path;
    int needs_biff; /* freexl 1.0.6 cannot open it: AUTO falls back to the BIFF reader */
} workbooks[] = {
    {DATA "/plan-2024-08.xls", 0},
    {DATA "/convert/edge.xls", 0},
    {DATA "/convert/1904.xls", 0},
    {CORPUS "poi__SimpleMultiCell.xls", 0},
    {CORPUS "poi__DateFormats.xls", 0},
    {CORPUS "phpspreadsheet__1904_Calendar.xls", 0},
    {CORPUS "readxl__types.xls", 0},
    /* calamine__date_1904.xls: not here. Its A3 is a duration ([hh]:mm:ss), kept as a duration
     * by the BIFF reader and by AUTO (its supplement pass); fidelity.py reads every 1904 date-time as
     * shifted by 1462 days. durations_keep_their_days checks that cell. */
    {CORPUS "freexl__oocalc_simple95.xls", 0},
    {CORPUS "freexl__oocalc_simple97.xls", 0},
    {CORPUS "freexl__datetime2003.xls", 0},
    {CORPUS "gnumeric__logfuns.xls", 0},
    {CORPUS "gnumeric__sort.xls", 0},
    {CORPUS "parseexcel__Test95J.xls", 0},
    {CORPUS "parseexcel__Test97J.xls", 0},
    {CORPUS "parseexcel__Test1904.xls", 0},
    {CORPUS "phpspreadsheet__formulas.xls", 0},
    {CORPUS "poi__27394.xls", 0},
    {CORPUS "poi__57925.xls", 0},
    {CORPUS "poi__ex45582-22397.xls", 0},
    {CORPUS "readxl__datetime-rounding.xls", 0},
    {CORPUS "rubyspreadsheet__test_changes.xls", 0},
    {CORPUS "xlrd__namesdemo.xls", 0},
    {CORPUS "poi__empty.xls", 0},
    {CORPUS "poi__TestThumbnail.xls", 0},
    {CORPUS "rubyspreadsheet__test_version_excel97_2010.xls", 0},
    {CORPUS "poi__52447.xls", 0},
    {CORPUS "xlrd__Formate.xls", 1},
    {CORPUS "gnumeric__sumif.xls", 1},
    {CORPUS "readxl__utf8-sheet-names.xls", 1},
    {CORPUS "calamine__empty-string.xls", 1},
    {CORPUS "poi__46368.xls", 1}, /* text over 32 767 characters: cut, with a warning */
    {CORPUS "freexl__testbool.xls", 0},
};

/* The default reader, planxl's BIFF reader (issue 13 item 7), against python3-xlrd. */
START_TEST(fidelity_workbook)
{
    const char *in = workbooks[_i].path;
    char out[300];
    in_tmp(out, sizeof out, "out.xlsx");
    pxl_convert_stats stats;
    pxl_error err = pxl_convert(in, out, NULL, &stats);
    ck_assert_msg(err == PXL_OK, "%s: %s", in, pxl_error_message());
    run_result r = fidelity(in, out);
    ck_assert_msg(r.status == 0, "%s: fidelity.py says:\n%s%s", in, r.out, r.err);
    run_free(&r);
    ck_assert_uint_gt(stats.sheets, 0);
    ck_assert_int_eq(stats.fell_back, 0);
    ck_assert_int_eq(stats.reader, PXL_READER_BIFF);
}
END_TEST

/* AUTO (freexl's cells, the BIFF pass beside them) on the same files: freexl stays an
 * independent check of what the BIFF reader gives. */
START_TEST(fidelity_workbook_auto)
{
    const char *in = workbooks[_i].path;
    char out[300];
    in_tmp(out, sizeof out, "out-auto.xlsx");
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.grid.reader = PXL_READER_AUTO;
    pxl_convert_stats stats;
    pxl_error err = pxl_convert(in, out, &o, &stats);
    ck_assert_msg(err == PXL_OK, "%s: %s", in, pxl_error_message());
    run_result r = fidelity(in, out);
    ck_assert_msg(r.status == 0, "%s: fidelity.py says:\n%s%s", in, r.out, r.err);
    run_free(&r);
    ck_assert_uint_gt(stats.sheets, 0);
    /* The files freexl 1.0.6 cannot open are read by the BIFF reader, and the stats say so. */
    ck_assert_int_eq(stats.fell_back, workbooks[_i].needs_biff);
    ck_assert_int_eq(stats.reader, workbooks[_i].needs_biff ? PXL_READER_BIFF : PXL_READER_FREEXL);
}
END_TEST

/*
 * AUTO repairs freexl 1.0.6's losses from the BIFF reader's supplement pass (docs/auto-reader.md):
 * each file below loses something through --reader freexl (booleans as 1/0, a time format's
 * days, a BIFF5 RSTRING text, a chart sheet listed as a worksheet); through AUTO fidelity.py
 * must find nothing but the writer's own losses (error cells as text, libxlsxwriter 1.1.4).
 */
static const struct {
    const char *path;
    const char *freexl_loss; /* what fidelity.py reports for --reader freexl */
} auto_repairs[] = {
    {CORPUS "freexl__testbool.xls", "bool-as-number"},
    {DATA "/grid/calamine__date.xls", "date-truncated"},
    {CORPUS "phpspreadsheet__30templatebiff5.xls", "Invoice!A10"},
    {CORPUS "calamine__any_sheets.xls", "sheet count"},
};

START_TEST(auto_repairs_freexl_losses)
{
    char out[300];
    in_tmp(out, sizeof out, "autofix.xlsx");
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.overwrite = 1;
    const char *argv[] = {PXL_TEST_PYTHON, FIDELITY, "--allow", "error-as-text", auto_repairs[_i].path, out, NULL};
    /* freexl alone: the loss is there, so the comparison can see it */
    o.grid.reader = PXL_READER_FREEXL;
    ck_assert_int_eq(pxl_convert(auto_repairs[_i].path, out, &o, NULL), PXL_OK);
    run_result r = run(argv, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.out, auto_repairs[_i].freexl_loss) != NULL, "%s", r.out);
    run_free(&r);
    /* AUTO: repaired */
    o.grid.reader = PXL_READER_AUTO;
    pxl_convert_stats stats;
    ck_assert_int_eq(pxl_convert(auto_repairs[_i].path, out, &o, &stats), PXL_OK);
    ck_assert_int_eq(stats.reader, PXL_READER_FREEXL);
    ck_assert_int_eq(stats.fell_back, 0);
    r = run(argv, NULL);
    ck_assert_msg(r.status == 0, "%s: fidelity.py says:\n%s%s", auto_repairs[_i].path, r.out, r.err);
    run_free(&r);
}
END_TEST

/* The freexl path's losses are real and come out exactly as documented: a
 * boolean as 1/0 (fidelity.py checks the value), formula cells absent. */
START_TEST(freexl_losses_are_as_documented)
{
    char out[300];
    in_tmp(out, sizeof out, "types.xlsx");
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.grid.reader = PXL_READER_FREEXL;
    ck_assert_int_eq(pxl_convert(CORPUS "readxl__types.xls", out, &o, NULL), PXL_OK);
    const char *argv[] = {PXL_TEST_PYTHON, FIDELITY, "--allow", "bool-as-number", "--allow", "formula-missing",
                          "--allow", "error-as-number", "--allow", "date-truncated",
                          CORPUS "readxl__types.xls", out, NULL};
    run_result r = run(argv, NULL);
    ck_assert_msg(r.status == 0, "%s%s", r.out, r.err);
    ck_assert_int_gt(loss_count(r.out, "bool-as-number"), 0);
    ck_assert_int_gt(loss_count(r.out, "formula-missing"), 0);
    run_free(&r);

    /* Without --allow the same output fails: the comparison can see the loss. */
    const char *strict[] = {PXL_TEST_PYTHON, FIDELITY, CORPUS "readxl__types.xls", out, NULL};
    r = run(strict, NULL);
    ck_assert_int_eq(r.status, 1);
    run_free(&r);
}
END_TEST

/* Live formulas are real formulas: LibreOffice recalculates them to the values we cached. edge.xls
 * holds a formula on a renamed sheet ('data (2)'), gnumeric__logfuns.xls 31 logical functions. */
/* poi__sumifs.xls: Excel 2007's functions stored as future functions (_xlfn.SUMIFS), written
 * without the prefix (with it, LibreOffice computes #NAME?). */
static const char *const recalc_workbooks[] = {EDGE, CORPUS "gnumeric__logfuns.xls", CORPUS "poi__sumifs.xls"};

/* LibreOffice recalculates the marked booleans to the same TRUE/FALSE (recalc.py counts a cached
 * 1 against LibreOffice's TRUE as a difference). readxl__types.xls as a whole does not recalculate
 * equal (LibreOffice gives other errors for SQRT(-2) and SUM(A2 A6)), so only its booleans count. */
START_TEST(boolean_results_recalculate_in_libreoffice)
{
    char out[300];
    in_tmp(out, sizeof out, "types.xlsx");
    ck_assert_int_eq(pxl_convert(CORPUS "readxl__types.xls", out, NULL, NULL), PXL_OK);
    const char *argv[] = {PXL_TEST_PYTHON, RECALC, out, tmp, NULL};
    run_result r = run(argv, NULL);
    ck_assert_msg(strstr(r.out, "booleans 6 equal 6\n") != NULL, "%s%s", r.out, r.err);
    run_free(&r);
}
END_TEST

/* An autofilter (the sheet's _FilterDatabase name) is carried as the sheet's filter buttons,
 * written before the rows (constant-memory mode refuses it after them). */
START_TEST(autofilter_carried)
{
    char out[300];
    in_tmp(out, sizeof out, "filter.xlsx");
    pxl_convert_stats s;
    ck_assert_msg(pxl_convert(CORPUS "poi__SimpleWithAutofilter.xls", out, NULL, &s) == PXL_OK, "%s",
                  pxl_error_message());
    ck_assert_uint_eq(s.names_not_carried, 0);
    char code[600];
    snprintf(code, sizeof code,
             "import openpyxl; print([ws.auto_filter.ref for ws in openpyxl.load_workbook('%s')])", out);
    const char *argv[] = {PXL_TEST_PYTHON, "-c", code, NULL};
    run_result r = run(argv, NULL);
    ck_assert_msg(r.status == 0 && strcmp(r.out, "['A1:B4', None, None]\n") == 0, "%s%s", r.out, r.err);
    run_free(&r);
}
END_TEST

START_TEST(formulas_recalculate_in_libreoffice)
{
    char out[300];
    in_tmp(out, sizeof out, "recalc.xlsx");
    pxl_convert_stats s;
    ck_assert_int_eq(pxl_convert(recalc_workbooks[_i], out, NULL, &s), PXL_OK);
    ck_assert_uint_gt(s.formulas_live, 0);
    const char *argv[] = {PXL_TEST_PYTHON, RECALC, out, tmp, NULL};
    run_result r = run(argv, NULL);
    ck_assert_msg(r.status == 0, "%s: %s%s", recalc_workbooks[_i], r.out, r.err);
    char want[64];
    snprintf(want, sizeof want, "formulas %zu equal %zu\n", s.formulas_live, s.formulas_live);
    ck_assert_msg(strstr(r.out, want) != NULL, "%s", r.out);
    run_free(&r);
}
END_TEST

/* With the BIFF reader a TRUE/FALSE cell is a boolean in the .xlsx (worksheet_write_boolean): no loss
 * allowed at all. Through freexl the same cells are 1/0. */
START_TEST(booleans_through_the_biff_reader)
{
    char out[300];
    in_tmp(out, sizeof out, "bool.xlsx");
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.grid.reader = PXL_READER_BIFF;
    ck_assert_int_eq(pxl_convert(CORPUS "freexl__testbool.xls", out, &o, NULL), PXL_OK);
    const char *strict[] = {PXL_TEST_PYTHON, FIDELITY, CORPUS "freexl__testbool.xls", out, NULL};
    run_result r = run(strict, NULL);
    ck_assert_msg(r.status == 0, "%s", r.out);
    run_free(&r);

    o.grid.reader = PXL_READER_FREEXL;
    o.overwrite = 1;
    ck_assert_int_eq(pxl_convert(CORPUS "freexl__testbool.xls", out, &o, NULL), PXL_OK);
    const char *lossy[] = {PXL_TEST_PYTHON, FIDELITY, "--allow", "bool-as-number", CORPUS "freexl__testbool.xls", out,
                           NULL};
    r = run(lossy, NULL);
    ck_assert_msg(r.status == 0, "%s", r.out);
    ck_assert_int_eq(loss_count(r.out, "bool-as-number"), 2);
    run_free(&r);
}
END_TEST

/*
 * Boolean formula results (issue 5/6; libxlsxwriter 1.1.4 can only cache
 * them as 1/0, src/write/convert/bool_patch.c marks them t="b"): TRUE and FALSE on
 * several sheets and rows, beside numeric, date, text and error formulas that
 * must stay what they are. bool_formulas.py takes each formula cell's type
 * from python3-xlrd and reads the output with openpyxl data_only. The counts
 * were taken by hand from the workbooks: readxl__types.xls has =TRUE() and
 * =FALSE() in guess_me!B5:B6, smorgasbord!B9:B10 and logical_coercion!A4:A5
 * among its 24 formulas; gnumeric__logfuns.xls has on Sheet1, in columns B, D
 * and F, the AND, FALSE, NOT, OR and TRUE rows (12, 13, 15, 16, 17) among 31
 * formulas (row 14's IF gives text, column H's IF numbers).
 */
static const struct {
    const char *path;
    pxl_reader_kind reader;
    const char *want;
    size_t formulas; /* every formula cell of the workbook, all decoded: written live */
} bool_workbooks[] = {
    {CORPUS "readxl__types.xls", PXL_READER_AUTO, "boolean formulas 6 on 3 sheets; other formulas 18\n", 24},
    {CORPUS "readxl__types.xls", PXL_READER_BIFF, "boolean formulas 6 on 3 sheets; other formulas 18\n", 24},
    {CORPUS "gnumeric__logfuns.xls", PXL_READER_AUTO, "boolean formulas 15 on 1 sheets; other formulas 16\n", 31},
    {CORPUS "gnumeric__sumif.xls", PXL_READER_AUTO, NULL, 81}, /* freexl cannot open it: the BIFF reader's */
};

START_TEST(boolean_formula_results_are_booleans)
{
    char out[300];
    in_tmp(out, sizeof out, "bool.xlsx");
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.grid.reader = bool_workbooks[_i].reader;
    pxl_convert_stats s;
    ck_assert_msg(pxl_convert(bool_workbooks[_i].path, out, &o, &s) == PXL_OK, "%s", pxl_error_message());
    ck_assert_uint_eq(s.formulas_live, bool_workbooks[_i].formulas);
    ck_assert_uint_eq(s.formulas_as_values, 0);
    const char *argv[] = {PXL_TEST_PYTHON, BOOL_FORMULAS, bool_workbooks[_i].path, out, NULL};
    run_result r = run(argv, NULL);
    ck_assert_msg(r.status == 0, "%s: %s%s", bool_workbooks[_i].path, r.out, r.err);
    if (bool_workbooks[_i].want)
        ck_assert_str_eq(r.out, bool_workbooks[_i].want);
    else
        ck_assert_ptr_null(strstr(r.out, "boolean formulas 0 "));
    run_free(&r);
    /* Everything else as before: the whole workbook against xlrd, strictly for booleans. */
    r = fidelity(bool_workbooks[_i].path, out);
    ck_assert_msg(r.status == 0, "%s", r.out);
    run_free(&r);
}
END_TEST

/* Through the BIFF reader no boolean is a number any more, formula or not: fidelity.py allows
 * nothing but the error cells (libxlsxwriter writes no error cells). Before bool_patch.c the
 * six boolean formula results of readxl__types.xls were 1/0 here. */
START_TEST(biff_reader_loses_no_boolean)
{
    char out[300];
    in_tmp(out, sizeof out, "types.xlsx");
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.grid.reader = PXL_READER_BIFF;
    ck_assert_int_eq(pxl_convert(CORPUS "readxl__types.xls", out, &o, NULL), PXL_OK);
    const char *argv[] = {PXL_TEST_PYTHON, FIDELITY, "--allow", "error-as-text", CORPUS "readxl__types.xls", out,
                          NULL};
    run_result r = run(argv, NULL);
    ck_assert_msg(r.status == 0, "%s%s", r.out, r.err);
    ck_assert_int_eq(loss_count(r.out, "bool-as-number"), 0);
    run_free(&r);
}
END_TEST

/* The summary no longer reports boolean formula results as a loss. */
START_TEST(summary_has_no_boolean_loss)
{
    char out[300];
    in_tmp(out, sizeof out, "sumif.xlsx");
    const char *argv[] = {PXL_TEST_BIN, "convert", "-v", CORPUS "gnumeric__sumif.xls", "-o", out, NULL};
    run_result r = run(argv, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "81 live formulas"));
    ck_assert_ptr_null(strstr(r.out, "1/0"));
    ck_assert_ptr_null(strstr(r.out, "boolean"));
    run_free(&r);
}
END_TEST

/* ---- edge cases ---- */

typedef struct warnings {
    int count;
    char text[8][512];
} warnings;

static void collect_warning(void *ctx, const char *message)
{
    warnings *w = ctx;
    if (w->count < 8)
        snprintf(w->text[w->count], sizeof w->text[0], "%s", message);
    w->count++;
}

START_TEST(edge_sheet_names_and_text)
{
    char out[300];
    in_tmp(out, sizeof out, "edge.xlsx");
    warnings w = {0};
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.warning = collect_warning;
    o.warning_ctx = &w;
    pxl_convert_stats s;
    ck_assert_int_eq(pxl_convert(EDGE, out, &o, &s), PXL_OK);
    ck_assert_uint_eq(s.sheets, 7);
    ck_assert_uint_eq(s.sheets_renamed, 5);
    ck_assert_uint_eq(s.dates, 5);
    ck_assert_int_eq(w.count, 5);
    for (int i = 0; i < 5; i++)
        ck_assert_ptr_nonnull(strstr(w.text[i], EDGE));
    ck_assert_ptr_nonnull(strstr(w.text[1], "\"Budget/Prognos: 2024*[Q1]?\""));

    /* Names by Excel's rules, worked out by hand (see make_convert_xls.pl). */
    run_result r = xlsx_info(out);
    ck_assert_int_eq(r.status, 0);
    ck_assert_msg(strstr(r.out, "sheet Data\n"
                                "sheet data (2)\n"
                                "sheet Budget_Prognos_ 2024__Q1__\n"
                                "sheet Verksamhetsplan för äldreomsorg\n"
                                "sheet Empty\n"
                                "sheet _Quoted_\n"
                                "sheet Verksamhetsplan för äldreom (2)\n") == r.out,
                  "%s", r.out);
    /* Text starting with '=' stays text: the only formulas are D1 and D2, and only with the BIFF
     * reader; D2's reference to the renamed sheet "data" names "data (2)". */
    ck_assert_uint_eq(s.formulas_live, 2);
    ck_assert_msg(strstr(r.out, "formulas 2\nformula Data!D1 =B7*2\nformula Data!D2 ='data (2)'!A2*10\n") != NULL,
                  "%s", r.out);
    run_free(&r);
}
END_TEST

START_TEST(empty_workbook_sheets_kept)
{
    /* poi__empty.xls: three sheets, no cells at all. */
    char out[300];
    in_tmp(out, sizeof out, "empty.xlsx");
    pxl_convert_stats s;
    ck_assert_int_eq(pxl_convert(CORPUS "poi__empty.xls", out, NULL, &s), PXL_OK);
    ck_assert_uint_eq(s.sheets, 3);
    ck_assert_uint_eq(s.cells, 0);
    run_result r = xlsx_info(out);
    int sheets = 0;
    for (const char *p = r.out; (p = strstr(p, "sheet ")) != NULL; p++)
        sheets++;
    ck_assert_int_eq(sheets, 3);
    run_free(&r);
}
END_TEST

START_TEST(dates_1904_become_1900)
{
    /* 1904.xls holds 2024-08-31 (1904 serial 44073); in the 1900 system that is 45535. */
    char out[300];
    in_tmp(out, sizeof out, "1904.xlsx");
    ck_assert_int_eq(pxl_convert(DATA "/convert/1904.xls", out, NULL, NULL), PXL_OK);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "%s -c \"import openpyxl,datetime,sys; ws=openpyxl.load_workbook('%s').active; "
             "sys.exit(0 if ws['A1'].value==datetime.datetime(2024,8,31) and "
             "ws['A2'].value==datetime.datetime(2024,8,31,13,45,30) and ws['A1'].number_format=='yyyy-mm-dd' and "
             "ws['A2'].number_format=='yyyy-mm-dd hh:mm:ss' and ws.parent.epoch==datetime.datetime(1899,12,30) "
             "else 1)\"",
             PXL_TEST_PYTHON, out);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* calamine__date_1904.xls A3 holds 10.632060185185185 shown as [hh]:mm:ss (xlrd's reading): a
 * duration of 10 days 15:10:10. Through the BIFF reader it keeps its days and its own format;
 * through AUTO (no cell formats) its days and convert's elapsed-hours format; it is not moved
 * by the 1904 offset (a duration is no date). */
static const pxl_reader_kind duration_readers[] = {PXL_READER_BIFF, PXL_READER_AUTO};
static const char *const duration_formats[] = {"[hh]:mm:ss", "[h]:mm:ss"};

START_TEST(durations_keep_their_days)
{
    char out[300];
    in_tmp(out, sizeof out, "duration.xlsx");
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.overwrite = 1;
    o.grid.reader = duration_readers[_i]; /* AUTO: freexl alone gives 15:10:10, the supplement pass the days */
    ck_assert_int_eq(pxl_convert(CORPUS "calamine__date_1904.xls", out, &o, NULL), PXL_OK);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "%s -c \"import openpyxl,datetime,sys; c=openpyxl.load_workbook('%s').active['A3']; "
             "sys.exit(0 if c.number_format=='%s' and "
             "abs(c.value-datetime.timedelta(days=10,seconds=54610)).total_seconds()<0.001 else 1)\"",
             PXL_TEST_PYTHON, out, duration_formats[_i]);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* ---- defined names ---- */

typedef struct warning_log {
    char text[4096];
    size_t len;
    int count;
} warning_log;

static void log_warning(void *ctx, const char *message)
{
    warning_log *log = ctx;
    int n = snprintf(log->text + log->len, sizeof log->text - log->len, "%s\n", message);
    if (n > 0 && (size_t)n < sizeof log->text - log->len)
        log->len += (size_t)n;
    log->count++;
}

static const pxl_reader_kind name_readers[] = {PXL_READER_AUTO, PXL_READER_BIFF};

/* names.xls (make_convert_xls.pl): Rate, Amounts, Plan (on a sheet whose 34-character name is
 * cut to 31), Data's own Extra, and Data's print area, carried as the sheet's print area. */
START_TEST(defined_names_are_carried)
{
    char out[300];
    in_tmp(out, sizeof out, "names.xlsx");
    warning_log log = {.len = 0};
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.grid.reader = name_readers[_i];
    o.warning = log_warning;
    o.warning_ctx = &log;
    pxl_convert_stats s;
    ck_assert_int_eq(pxl_convert(NAMES, out, &o, &s), PXL_OK);
    ck_assert_uint_eq(s.names, 5);
    ck_assert_uint_eq(s.names_not_carried, 0);
    ck_assert_uint_eq(s.formulas_live, 4);
    ck_assert_msg(strstr(log.text, "Print_Area") == NULL, "%s", log.text);
    ck_assert_int_eq(log.count, 1); /* the sheet rename */
    const char *argv[] = {PXL_TEST_PYTHON, XLSX_NAMES, out, NULL};
    run_result r = run(argv, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    ck_assert_str_eq(r.out, "Amounts\t*\tData!$A$1:$A$3\n"
                            "Extra\tData\tData!$B$1\n"
                            "Plan\t*\t'Budget for the committee 2024-2'!$A$1:$A$2\n"
                            "Rate\t*\t0.25\n");
    run_free(&r);
}
END_TEST

/* The formulas that use the names compute their cached values again in LibreOffice (no #NAME?),
 * but for differences with known causes, each named by what its line must say: namesdemo's
 * =TODAY() (cached 2006). poi__57925's names into a deleted sheet are written as #REF!, so the
 * six formulas using them compute the #REF! they cache. */
static const struct {
    const char *path;
    size_t known;       /* formulas that do not recalculate equal, for the reason below */
    const char *reason; /* text every difference line holds */
} name_workbooks[] = {
    {NAMES, 0, NULL},
    {CORPUS "xlrd__namesdemo.xls", 1, "=TODAY()"},
    {CORPUS "poi__57925.xls", 0, NULL},
};

START_TEST(formulas_using_names_recalculate)
{
    char out[300];
    in_tmp(out, sizeof out, "recalc.xlsx");
    pxl_convert_stats s;
    ck_assert_int_eq(pxl_convert(name_workbooks[_i].path, out, NULL, &s), PXL_OK);
    ck_assert_uint_gt(s.names, 0);
    const char *argv[] = {PXL_TEST_PYTHON, RECALC, out, tmp, NULL};
    run_result r = run(argv, NULL);
    char want[64];
    snprintf(want, sizeof want, "formulas %zu equal %zu\n", s.formulas_live, s.formulas_live - name_workbooks[_i].known);
    ck_assert_msg(strstr(r.out, want) != NULL, "%s: want %s%s%s", name_workbooks[_i].path, want, r.out, r.err);
    char *save = NULL;
    for (char *line = strtok_r(r.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        if (line[0] == ' ') /* a difference */
            ck_assert_msg(name_workbooks[_i].reason && strstr(line, name_workbooks[_i].reason),
                          "%s: %s", name_workbooks[_i].path, line);
    run_free(&r);
}
END_TEST

/* freexl reads no defined names: with --reader freexl none are written, and none are counted lost. */
START_TEST(freexl_reader_writes_no_names)
{
    char out[300];
    in_tmp(out, sizeof out, "names.xlsx");
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.grid.reader = PXL_READER_FREEXL;
    pxl_convert_stats s;
    ck_assert_int_eq(pxl_convert(NAMES, out, &o, &s), PXL_OK);
    ck_assert_uint_eq(s.names, 0);
    ck_assert_uint_eq(s.names_not_carried, 0);
    const char *argv[] = {PXL_TEST_PYTHON, XLSX_NAMES, out, NULL};
    run_result r = run(argv, NULL);
    ck_assert_str_eq(r.out, "");
    run_free(&r);
}
END_TEST

/* ---- output safety ---- */

START_TEST(existing_output_needs_overwrite)
{
    char out[300];
    in_tmp(out, sizeof out, "out.xlsx");
    write_file(out, "keep me");
    ck_assert_int_eq(pxl_convert(EDGE, out, NULL, NULL), PXL_ERR_EXISTS);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), out));
    char *kept = read_file(out, NULL);
    ck_assert_str_eq(kept, "keep me");
    free(kept);
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.overwrite = 1;
    ck_assert_int_eq(pxl_convert(EDGE, out, &o, NULL), PXL_OK);
    ck_assert(is_zip(out));
    ck_assert(!leftovers());
}
END_TEST

START_TEST(output_never_an_input)
{
    char in[300], alias[300];
    in_tmp(in, sizeof in, "in.xls");
    in_tmp(alias, sizeof alias, "alias.xlsx");
    copy_file(EDGE, in, 0);
    ck_assert_int_eq(link(in, alias), 0);
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.overwrite = 1;
    ck_assert_int_eq(pxl_convert(in, in, &o, NULL), PXL_ERR_SAME_FILE);
    ck_assert_int_eq(pxl_convert(in, alias, &o, NULL), PXL_ERR_SAME_FILE);
    ck_assert(!is_zip(in));
    char cmd[700];
    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", EDGE, in);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert(!leftovers());
}
END_TEST

START_TEST(bad_input_leaves_nothing)
{
    char text[300], cut[300], out[300], nodir[300];
    in_tmp(text, sizeof text, "notes.xls");
    in_tmp(cut, sizeof cut, "cut.xls");
    in_tmp(out, sizeof out, "out.xlsx");
    in_tmp(nodir, sizeof nodir, "no/such/dir/out.xlsx");
    write_file(text, "this is not a workbook\n");
    copy_file(CORPUS "poi__TestThumbnail.xls", cut, 9000);

    pxl_error err = pxl_convert(text, out, NULL, NULL);
    ck_assert_int_eq(err, PXL_ERR_NOT_XLS);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), text));
    ck_assert(!exists(out));

    err = pxl_convert(cut, out, NULL, NULL);
    ck_assert_int_ne(err, PXL_OK);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), cut));
    ck_assert(!exists(out));

    in_tmp(text, sizeof text, "missing.xls");
    ck_assert_int_eq(pxl_convert(text, out, NULL, NULL), PXL_ERR_NOT_FOUND);

    err = pxl_convert(EDGE, nodir, NULL, NULL);
    ck_assert_int_eq(err, PXL_ERR_IO);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), nodir));
    ck_assert(!leftovers());

    ck_assert_int_eq(pxl_convert(NULL, out, NULL, NULL), PXL_ERR_INVALID_ARGUMENT);
}
END_TEST

static int cancel_at_row_5(void *ctx, size_t sheet, size_t count, pxl_index row)
{
    (void)sheet;
    (void)count;
    int *calls = ctx;
    ++*calls;
    return row >= 5;
}

START_TEST(cancel_leaves_nothing)
{
    char out[300];
    in_tmp(out, sizeof out, "out.xlsx");
    int calls = 0;
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.progress = cancel_at_row_5;
    o.progress_ctx = &calls;
    /* The caller's own outcome: cancelled, not a write error. */
    ck_assert_int_eq(pxl_convert(CORPUS "poi__ex45582-22397.xls", out, &o, NULL), PXL_ERR_CANCELLED);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "cancelled"));
    ck_assert_int_gt(calls, 1);
    ck_assert(!exists(out));
    ck_assert(!leftovers());
}
END_TEST

static int cancel_at_once(void *ctx, size_t sheet, size_t count, pxl_index row)
{
    (void)sheet;
    (void)count;
    (void)row;
    ++*(int *)ctx;
    return 1;
}

/* Cancelled as the first sheet begins (before any cell): the same outcome, one call. */
START_TEST(cancel_at_first_sheet)
{
    char out[300];
    in_tmp(out, sizeof out, "out.xlsx");
    int calls = 0;
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.progress = cancel_at_once;
    o.progress_ctx = &calls;
    ck_assert_int_eq(pxl_convert(CORPUS "poi__ex45582-22397.xls", out, &o, NULL), PXL_ERR_CANCELLED);
    ck_assert_int_eq(calls, 1);
    ck_assert(!exists(out));
    ck_assert(!leftovers());
}
END_TEST

/* Options of another version are refused before anything is read or written; so are grid
 * options of another version inside them. */
START_TEST(options_version)
{
    char out[300];
    in_tmp(out, sizeof out, "out.xlsx");
    pxl_convert_options o = PXL_CONVERT_OPTIONS_INIT;
    o.version = PXL_CONVERT_OPTIONS_VERSION + 1;
    ck_assert_int_eq(pxl_convert(CORPUS "poi__ex45582-22397.xls", out, &o, NULL), PXL_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "version"));
    o.version = PXL_CONVERT_OPTIONS_VERSION;
    o.grid.version = 0;
    ck_assert_int_eq(pxl_convert(CORPUS "poi__ex45582-22397.xls", out, &o, NULL), PXL_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "pxl_grid_options"));
    ck_assert(!exists(out));
    ck_assert(!leftovers());
}
END_TEST

/* ---- the C locale under sv_SE ---- */

/* xlsx_info.py found edge.xls's 16 numeric cells (17 with D1's formula result) and no bad number text. */
static int numbers_ok(const char *info)
{
    const char *p = strstr(info, "numbers ");
    if (!p)
        return 0;
    long total = strtol(p + 8, NULL, 10);
    return total >= 16 && strstr(p, " bad 0\n") != NULL;
}

/* libxlsxwriter 1.1.4 prints numbers with printf: under sv_SE a bare call
 * would write "0,3" into the XML. The library switches to "C" itself. */
START_TEST(swedish_locale_library)
{
    ck_assert_msg(setlocale(LC_ALL, "sv_SE.UTF-8") != NULL,
                  "the sv_SE.UTF-8 locale is missing: apt-get install locales, enable it in /etc/locale.gen, "
                  "run locale-gen");
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 1.5);
    ck_assert_str_eq(probe, "1,5"); /* the locale is really in force */
    char out[300];
    in_tmp(out, sizeof out, "sv.xlsx");
    ck_assert_int_eq(pxl_convert(EDGE, out, NULL, NULL), PXL_OK);
    snprintf(probe, sizeof probe, "%.1f", 1.5);
    ck_assert_str_eq(probe, "1,5"); /* and is restored afterwards */
    setlocale(LC_ALL, "C");
    run_result r = xlsx_info(out);
    ck_assert_msg(numbers_ok(r.out), "%s", r.out);
    run_free(&r);
    r = fidelity(EDGE, out);
    ck_assert_msg(r.status == 0, "%s", r.out);
    run_free(&r);
}
END_TEST

START_TEST(swedish_locale_cli)
{
    char out[300];
    in_tmp(out, sizeof out, "sv-cli.xlsx");
    const char *argv[] = {PXL_TEST_BIN, "convert", "-q", EDGE, "-o", out, NULL};
    run_result r = run(argv, "sv_SE.UTF-8");
    ck_assert_msg(r.status == 0, "%s", r.err);
    run_free(&r);
    r = xlsx_info(out);
    ck_assert_msg(numbers_ok(r.out), "%s", r.out);
    run_free(&r);
}
END_TEST

/* ---- the CLI ---- */

START_TEST(cli_usage_errors)
{
    char out[300];
    in_tmp(out, sizeof out, "x.xlsx");
    const char *const cases[][8] = {
        {PXL_TEST_BIN, "convert", NULL},
        {PXL_TEST_BIN, "convert", EDGE, CORPUS "poi__empty.xls", "-o", out, NULL},
        {PXL_TEST_BIN, "convert", EDGE, "-j", "0", NULL},
        {PXL_TEST_BIN, "convert", EDGE, "-j", "two", NULL},
        {PXL_TEST_BIN, "convert", EDGE, "--reader", "excel", NULL},
        {PXL_TEST_BIN, "convert", EDGE, "--frobnicate", NULL},
        {PXL_TEST_BIN, "convert", EDGE, "-o", NULL},
        {PXL_TEST_BIN, "convert", EDGE, "-o", out, "-d", tmp, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run_result r = run(cases[i], NULL);
        ck_assert_msg(r.status == 64, "case %zu: exit %d", i, r.status);
        ck_assert_msg(strstr(r.err, "planxl: ") != NULL, "case %zu: %s", i, r.err);
        run_free(&r);
    }
    ck_assert(!exists(out));
}
END_TEST

START_TEST(cli_help_lists_losses)
{
    const char *argv[] = {PXL_TEST_BIN, "convert", "--help", NULL};
    run_result r = run(argv, NULL);
    ck_assert_int_eq(r.status, 0);
    static const char *const losses[] = {"formula cells", "booleans", "error cells", "sub-second times",
                                         "cell formats", "merged cells", "sheet names", "defined names"};
    for (size_t i = 0; i < sizeof losses / sizeof losses[0]; i++)
        ck_assert_msg(strstr(r.out, losses[i]) != NULL, "--help does not mention %s", losses[i]);
    run_free(&r);
}
END_TEST

START_TEST(cli_single_force_and_summary)
{
    char out[300];
    in_tmp(out, sizeof out, "edge.xlsx");
    const char *first[] = {PXL_TEST_BIN, "convert", EDGE, "-o", out, NULL};
    run_result r = run(first, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    /* Summary and the rename warnings on stderr; nothing on stdout; no progress when not a terminal. */
    ck_assert_str_eq(r.out, "");
    ck_assert_ptr_nonnull(strstr(r.err, "7 sheets"));
    ck_assert_ptr_nonnull(strstr(r.err, "5 sheets renamed"));
    ck_assert_ptr_nonnull(strstr(r.err, "warning: "));
    ck_assert_ptr_null(strchr(r.err, '\r'));
    run_free(&r);

    r = run(first, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.err, "--force"));
    run_free(&r);

    const char *forced[] = {PXL_TEST_BIN, "convert", "--force", "--verbose", EDGE, "-o", out, NULL};
    r = run(forced, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "not carried:"));
    /* convert's default reader is planxl's own (issue 13 item 7) */
    ck_assert_msg(strstr(r.out, "read by planxl's BIFF reader\n") != NULL, "%s", r.out);
    /* formats, merged cells, the layout and comments are carried; hyperlinks are not yet */
    ck_assert_ptr_null(strstr(r.out, "merged cells"));
    ck_assert_ptr_nonnull(strstr(r.out, "hyperlinks"));
    /* AUTO takes booleans and date-times from the BIFF pass: freexl's losses are not claimed */
    ck_assert_ptr_null(strstr(r.out, "1/0"));
    run_free(&r);

    const char *freexl_only[] = {PXL_TEST_BIN, "convert", "--force", "--verbose", "--reader", "freexl", NAMES, "-o",
                                 out, NULL};
    r = run(freexl_only, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "formula cells and defined names (the freexl reader does not see them)"));
    ck_assert_ptr_nonnull(strstr(r.out, "TRUE/FALSE as 1/0"));
    run_free(&r);

    const char *names[] = {PXL_TEST_BIN, "convert", "--force", "--verbose", NAMES, "-o", out, NULL};
    r = run(names, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_msg(strstr(r.out, "4 live formulas, 5 defined names)") != NULL, "%s", r.out);
    ck_assert_msg(strstr(r.out, "not carried: 1 sheet renamed;") != NULL, "%s", r.out);
    ck_assert_ptr_null(strstr(r.err, "Print_Area"));
    run_free(&r);

    const char *fallback[] = {PXL_TEST_BIN, "convert", "--force", "--verbose", "--reader", "auto",
                              CORPUS "xlrd__Formate.xls", "-o", out, NULL};
    r = run(fallback, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "read by planxl's BIFF reader (instead of freexl, which could not open the file"));
    run_free(&r);

    const char *quiet[] = {PXL_TEST_BIN, "convert", "--force", "--quiet", CORPUS "poi__SimpleMultiCell.xls", "-o",
                           out, NULL};
    r = run(quiet, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "");
    ck_assert_str_eq(r.err, "");
    run_free(&r);
}
END_TEST

/* On a terminal (script(1) from util-linux gives one) there is a progress line, cleared at the end. */
START_TEST(cli_progress_on_a_terminal)
{
    char out[300], cmd[1024];
    in_tmp(out, sizeof out, "tty.xlsx");
    snprintf(cmd, sizeof cmd, "%s convert %s -o %s", PXL_TEST_BIN, CORPUS "poi__ex45582-22397.xls", out);
    const char *argv[] = {"/usr/bin/script", "-q", "-e", "-c", cmd, "/dev/null", NULL};
    run_result r = run(argv, NULL);
    ck_assert_msg(r.status == 0, "%s%s", r.out, r.err);
    ck_assert_msg(strstr(r.out, "[1/1] " CORPUS "poi__ex45582-22397.xls: ") != NULL, "%s", r.out);
    ck_assert_ptr_nonnull(strstr(r.out, "\r\033[K"));
    run_free(&r);

    /* --quiet: no progress even on a terminal. */
    snprintf(cmd, sizeof cmd, "%s convert --quiet --force %s -o %s", PXL_TEST_BIN, CORPUS "poi__ex45582-22397.xls",
             out);
    const char *quiet[] = {"/usr/bin/script", "-q", "-e", "-c", cmd, "/dev/null", NULL};
    r = run(quiet, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_null(strstr(r.out, "[1/1]"));
    run_free(&r);
}
END_TEST

START_TEST(cli_batch_into_dir_with_a_bad_file)
{
    char dir[300], bad[300], path[300];
    in_tmp(dir, sizeof dir, "outdir");
    in_tmp(bad, sizeof bad, "broken.xls");
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    write_file(bad, "not a workbook");
    const char *argv[] = {PXL_TEST_BIN, "convert", "-j", "2", "-d", dir, CORPUS "poi__SimpleMultiCell.xls", bad,
                          CORPUS "poi__DateFormats.xls", DATA "/convert/1904.xls", NULL};
    run_result r = run(argv, NULL);
    ck_assert_int_eq(r.status, 2); /* an input could not be read (man/planxl.1, EXIT STATUS) */
    ck_assert_ptr_nonnull(strstr(r.err, "3 converted, 1 failed\nplanxl: "));
    ck_assert_ptr_nonnull(strstr(r.err, bad));
    run_free(&r);
    ck_assert(is_zip(in_tmp(path, sizeof path, "outdir/poi__SimpleMultiCell.xlsx")));
    ck_assert(is_zip(in_tmp(path, sizeof path, "outdir/poi__DateFormats.xlsx")));
    ck_assert(is_zip(in_tmp(path, sizeof path, "outdir/1904.xlsx")));
    ck_assert(!exists(in_tmp(path, sizeof path, "outdir/broken.xlsx")));
    ck_assert(!leftovers());

    /* The outputs are faithful when written by worker processes too. */
    r = fidelity(CORPUS "poi__DateFormats.xls", in_tmp(path, sizeof path, "outdir/poi__DateFormats.xlsx"));
    ck_assert_msg(r.status == 0, "%s", r.out);
    run_free(&r);

    /* All good: exit 0 (sequential this time, replacing the outputs). */
    const char *good[] = {PXL_TEST_BIN, "convert", "-q", "--force", "-d", dir, CORPUS "poi__SimpleMultiCell.xls",
                          CORPUS "poi__DateFormats.xls", NULL};
    r = run(good, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    run_free(&r);
}
END_TEST

START_TEST(cli_batch_beside_inputs_and_collisions)
{
    char a[300], b[300], sub[300], c[300], path[300];
    in_tmp(a, sizeof a, "a.xls");
    in_tmp(b, sizeof b, "b.XLS");
    in_tmp(sub, sizeof sub, "sub");
    in_tmp(c, sizeof c, "sub/a.xls");
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    copy_file(CORPUS "poi__SimpleMultiCell.xls", a, 0);
    copy_file(CORPUS "poi__DateFormats.xls", b, 0);
    copy_file(CORPUS "poi__DateFormats.xls", c, 0);
    const char *beside[] = {PXL_TEST_BIN, "convert", "-q", "-j", "3", a, b, c, NULL};
    run_result r = run(beside, NULL);
    ck_assert_msg(r.status == 0, "%s", r.err);
    run_free(&r);
    ck_assert(is_zip(in_tmp(path, sizeof path, "a.xlsx")));
    ck_assert(is_zip(in_tmp(path, sizeof path, "b.xlsx")));
    ck_assert(is_zip(in_tmp(path, sizeof path, "sub/a.xlsx")));

    /* Into one directory, a.xls and sub/a.xls would both write a.xlsx: the second is refused. */
    const char *clash[] = {PXL_TEST_BIN, "convert", "-q", "-d", sub, a, c, NULL};
    r = run(clash, NULL);
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_nonnull(strstr(r.err, "same output file"));
    run_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("convert");

    TCase *fid = tcase_create("fidelity");
    tcase_add_checked_fixture(fid, make_tmp, remove_tmp);
    tcase_set_timeout(fid, 120);
    tcase_add_loop_test(fid, fidelity_workbook, 0, (int)(sizeof workbooks / sizeof workbooks[0]));
    tcase_add_loop_test(fid, fidelity_workbook_auto, 0, (int)(sizeof workbooks / sizeof workbooks[0]));
    tcase_add_test(fid, freexl_losses_are_as_documented);
    tcase_add_loop_test(fid, auto_repairs_freexl_losses, 0, (int)(sizeof auto_repairs / sizeof *auto_repairs));
    tcase_add_test(fid, booleans_through_the_biff_reader);
    tcase_add_loop_test(fid, boolean_formula_results_are_booleans, 0,
                        (int)(sizeof bool_workbooks / sizeof bool_workbooks[0]));
    tcase_add_test(fid, biff_reader_loses_no_boolean);
    tcase_add_test(fid, summary_has_no_boolean_loss);
    suite_add_tcase(s, fid);

    TCase *recalc = tcase_create("recalc");
    tcase_add_checked_fixture(recalc, make_tmp, remove_tmp);
    tcase_set_timeout(recalc, 240);
    tcase_add_test(recalc, autofilter_carried);
    tcase_add_loop_test(recalc, formulas_recalculate_in_libreoffice, 0,
                        (int)(sizeof recalc_workbooks / sizeof recalc_workbooks[0]));
    tcase_add_test(recalc, boolean_results_recalculate_in_libreoffice);
    tcase_add_loop_test(recalc, formulas_using_names_recalculate, 0,
                        (int)(sizeof name_workbooks / sizeof name_workbooks[0]));
    suite_add_tcase(s, recalc);

    TCase *names = tcase_create("names");
    tcase_add_checked_fixture(names, make_tmp, remove_tmp);
    tcase_set_timeout(names, 60);
    tcase_add_loop_test(names, defined_names_are_carried, 0, (int)(sizeof name_readers / sizeof name_readers[0]));
    tcase_add_test(names, freexl_reader_writes_no_names);
    suite_add_tcase(s, names);

    TCase *edge = tcase_create("edge");
    tcase_add_checked_fixture(edge, make_tmp, remove_tmp);
    tcase_set_timeout(edge, 60);
    tcase_add_test(edge, edge_sheet_names_and_text);
    tcase_add_test(edge, empty_workbook_sheets_kept);
    tcase_add_test(edge, dates_1904_become_1900);
    tcase_add_loop_test(edge, durations_keep_their_days, 0, (int)(sizeof duration_readers / sizeof *duration_readers));
    tcase_add_test(edge, existing_output_needs_overwrite);
    tcase_add_test(edge, output_never_an_input);
    tcase_add_test(edge, bad_input_leaves_nothing);
    tcase_add_test(edge, cancel_leaves_nothing);
    tcase_add_test(edge, cancel_at_first_sheet);
    tcase_add_test(edge, options_version);
    tcase_add_test(edge, swedish_locale_library);
    tcase_add_test(edge, swedish_locale_cli);
    suite_add_tcase(s, edge);

    TCase *cli = tcase_create("cli");
    tcase_add_checked_fixture(cli, make_tmp, remove_tmp);
    tcase_set_timeout(cli, 120);
    tcase_add_test(cli, cli_usage_errors);
    tcase_add_test(cli, cli_help_lists_losses);
    tcase_add_test(cli, cli_single_force_and_summary);
    tcase_add_test(cli, cli_progress_on_a_terminal);
    tcase_add_test(cli, cli_batch_into_dir_with_a_bad_file);
    tcase_add_test(cli, cli_batch_beside_inputs_and_collisions);
    suite_add_tcase(s, cli);

    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
