/*
 * The library in a host program's locale (issue 10). A GUI or script host calls
 * setlocale(LC_ALL, "sv_SE.UTF-8") before it calls planxl; printf then writes
 * "360,00" and strtod stops at the '.' of "34.8". Every output of the library
 * (the grid's cells, the plan model dumped as JSON and as an outline, the
 * findings as text and as JSON, the report and the converted workbook, error
 * messages) must be byte for byte what the C locale gives, and the host's locale
 * must be its own again when each call returns. The messages' language follows the
 * host's LC_MESSAGES (issue 14): the host here keeps LC_MESSAGES at C, and
 * tests/check_messages.c tests the Swedish.
 *
 * Each run happens in a child process of its own, so a crash (the SIGSEGV issue
 * 10 found in the messages) is a failed test with the signal named. A missing
 * locale fails the test: tools/setup.sh generates sv_SE.UTF-8 and de_DE.UTF-8.
 */
#define _GNU_SOURCE
#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unzip.h>

#include "cli/check_print.h"
#include "util/number_text.h" /* pxl_amount_format */
#include "planxl/dump.h"
#include "planxl/check.h"
#include "planxl/convert.h"
#include "planxl/grid.h"
#include "planxl/plan.h"
#include "planxl/report.h"
#include "planxl/value.h"
#include "test_tmpdir.h"
#include "util/locale.h"

#define DATA PXL_TEST_DATA

/* Two comma-decimal locales: the finance office's, and one more so a fix cannot be sv_SE-shaped. */
static const char *const locales[] = {"sv_SE.UTF-8", "de_DE.UTF-8"};

/* The plan, the plan with a wrong total (the crash), and corpus files with dates,
 * times, decimals and formulas holding decimal constants. */
static const char *const files[] = {
    DATA "/plan-2024-08.xls",
    DATA "/plan-2024-08-wrong-total.xls",
    DATA "/corpus/freexl__datetime2003.xls",
    DATA "/corpus/phpspreadsheet__formulas.xls",
};

/* A fixed creation time, so two reports of one plan are the same bytes. */
#define CREATED ((time_t)1722470400) /* 2024-08-01 */

/* ---- one run: everything the library says about one file, as one transcript ---------------- */

/* The host's decimal point and how its printf writes 1.5, taken before the run. */
static char host_point[16], host_probe[16];

/* The host's decimal point must be the host's again after every library call. */
static void host_locale_kept(FILE *t, const char *after)
{
    const char *point = localeconv()->decimal_point;
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 1.5);
    /* Written only when the locale changed, so a C run and a host run differ only then. */
    if (strcmp(point, host_point) != 0 || strcmp(probe, host_probe) != 0)
        fprintf(t, "!! the host's locale changed by %s: decimal point \"%s\", 1.5 as \"%s\"\n", after, point,
                probe);
}

static void cell_line(FILE *t, const pxl_cell *c)
{
    uint64_t bits;
    memcpy(&bits, &c->number, sizeof bits); /* not printf's %g: that is the locale's */
    fprintf(t, "%u,%u type %d number %016llx text [%s] formula [%s] %d\n", (unsigned)c->row, (unsigned)c->col,
            (int)c->type, (unsigned long long)bits, c->text ? c->text : "", c->formula ? c->formula : "",
            c->is_formula);
}

static int visit_cell(void *ctx, const pxl_cell *cell)
{
    cell_line(ctx, cell);
    return 0;
}

static void grid_part(FILE *t, const char *file)
{
    pxl_grid *grid;
    pxl_error err = pxl_grid_open(&grid, file, NULL);
    host_locale_kept(t, "pxl_grid_open");
    fprintf(t, "== grid: %d %s\n", (int)err, err ? pxl_error_message() : "");
    if (err)
        return;
    for (size_t s = 0; s < pxl_grid_sheet_count(grid); s++) {
        fprintf(t, "sheet %zu [%s]\n", s, pxl_grid_sheet_name(grid, s));
        err = pxl_grid_sheet_scan(grid, s, visit_cell, t);
        host_locale_kept(t, "pxl_grid_sheet_scan");
        fprintf(t, "scan: %d %s\n", (int)err, err ? pxl_error_message() : "");
    }
    for (size_t i = 0; i < pxl_grid_defined_name_count(grid); i++) {
        const pxl_defined_name *d = pxl_grid_defined_name(grid, i);
        fprintf(t, "name [%s] [%s] [%s]\n", d->name ? d->name : "", d->sheet ? d->sheet : "",
                d->formula ? d->formula : "");
    }
    pxl_grid_close(grid);
}

/* Every entry of a zip, name and bytes; convert's creation time (now) masked. */
static void zip_part(FILE *t, const char *label, const char *path)
{
    unzFile z = unzOpen64(path);
    fprintf(t, "== %s zip: %s\n", label, z ? "opened" : "cannot open");
    if (!z)
        return;
    for (int r = unzGoToFirstFile(z); r == UNZ_OK; r = unzGoToNextFile(z)) {
        char name[512];
        unz_file_info64 info;
        if (unzGetCurrentFileInfo64(z, &info, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK ||
            unzOpenCurrentFile(z) != UNZ_OK) {
            fprintf(t, "unreadable entry\n");
            break;
        }
        char *data = malloc(info.uncompressed_size + 1);
        ck_assert_ptr_nonnull(data);
        int n = unzReadCurrentFile(z, data, (unsigned)info.uncompressed_size);
        unzCloseCurrentFile(z);
        data[n > 0 ? n : 0] = '\0';
        if (!strcmp(name, "docProps/core.xml")) {
            for (char *p = data; (p = strstr(p, "W3CDTF\">")) != NULL;) {
                p += 8;
                for (; *p && *p != '<'; p++)
                    *p = 'T';
            }
        }
        fprintf(t, "-- %s (%d bytes)\n", name, n);
        fwrite(data, 1, n > 0 ? (size_t)n : 0, t);
        fputc('\n', t);
        free(data);
    }
    unzClose(z);
}

static void plan_part(FILE *t, const char *file, const char *dir)
{
    pxl_plan *plan;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    pxl_error err = pxl_plan_read(plan, file, NULL);
    host_locale_kept(t, "pxl_plan_read");
    fprintf(t, "== read: %d %s\n", (int)err, err ? pxl_error_message() : "");
    for (size_t i = 0; i < pxl_plan_unreadable_count(plan); i++) {
        const char *message;
        const char *f = pxl_plan_unreadable_file(plan, i, &message);
        fprintf(t, "unreadable [%s]: %s\n", f, message);
    }

    fprintf(t, "== dump json\n");
    err = pxl_plan_write_json(plan, t, "transcript");
    host_locale_kept(t, "pxl_plan_write_json");
    fprintf(t, "\n== dump outline: %d\n", (int)err);
    err = pxl_plan_write_outline(plan, t, "transcript");
    host_locale_kept(t, "pxl_plan_write_outline");
    fprintf(t, "== outline: %d\n", (int)err);

    pxl_findings *findings = NULL;
    err = pxl_check_run(&findings, plan, NULL);
    host_locale_kept(t, "pxl_check_run");
    fprintf(t, "== check: %d %s\n", (int)err, err ? pxl_error_message() : "");
    if (findings) {
        for (size_t i = 0; i < pxl_findings_count(findings); i++) {
            const pxl_finding *f = pxl_findings_get(findings, i);
            uint64_t e, a;
            memcpy(&e, &f->expected, sizeof e);
            memcpy(&a, &f->actual, sizeof a);
            fprintf(t, "finding %s %d %s!%u,%u %d [%s] %d %016llx %d %016llx\n", f->code, (int)f->severity,
                    f->cell.sheet ? f->cell.sheet : "", (unsigned)f->cell.row, (unsigned)f->cell.col, f->has_cell,
                    f->message, f->has_expected, (unsigned long long)e, f->has_actual, (unsigned long long)a);
        }
        check_print_text(t, findings, 1);
        check_print_json(t, findings, 1);
    }

    char out[512];
    snprintf(out, sizeof out, "%s/report.xlsx", dir);
    pxl_report_options options = PXL_REPORT_OPTIONS_INIT;
    options.overwrite = 1;
    options.created = CREATED;
    err = pxl_report_write(plan, findings, out, &options);
    host_locale_kept(t, "pxl_report_write");
    fprintf(t, "== report: %d %s\n", (int)err, err ? pxl_error_message() : "");
    if (!err)
        zip_part(t, "report", out);
    pxl_findings_free(findings);
    pxl_plan_free(plan);
}

static int progress_calls;

/* A host's callback runs in the host's locale: it formats with it. */
static int progress(void *ctx, size_t sheet, size_t sheet_count, uint32_t row)
{
    (void)sheet, (void)sheet_count, (void)row;
    FILE *t = ctx;
    progress_calls++;
    host_locale_kept(t, "the call of the progress callback");
    return 0;
}

static void convert_part(FILE *t, const char *file, const char *dir)
{
    char out[512];
    snprintf(out, sizeof out, "%s/convert.xlsx", dir);
    pxl_convert_options options = PXL_CONVERT_OPTIONS_INIT;
    options.overwrite = 1;
    options.progress = progress;
    options.progress_ctx = t;
    pxl_convert_stats stats;
    progress_calls = 0;
    pxl_error err = pxl_convert(file, out, &options, &stats);
    host_locale_kept(t, "pxl_convert");
    fprintf(t, "== convert: %d %s (%zu sheets, %zu cells, %zu live formulas, %zu dates) %s\n", (int)err,
            err ? pxl_error_message() : "", stats.sheets, stats.cells, stats.formulas_live, stats.dates,
            progress_calls ? "progress called" : "no progress");
    if (!err)
        zip_part(t, "convert", out);
}

/* What the library says on input it cannot read: the reason (strerror's) must not be translated. */
static void error_part(FILE *t, const char *dir)
{
    char missing[512];
    snprintf(missing, sizeof missing, "%s/no-such-plan.xls", dir);
    pxl_grid *grid;
    pxl_error err = pxl_grid_open(&grid, missing, NULL);
    host_locale_kept(t, "pxl_grid_open");
    fprintf(t, "== missing file: %d %s\n", (int)err, pxl_error_message());
    if (!err)
        pxl_grid_close(grid);
    pxl_plan *plan;
    ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
    err = pxl_plan_read(plan, missing, NULL);
    host_locale_kept(t, "pxl_plan_read");
    fprintf(t, "read: %d %s\n", (int)err, err ? pxl_error_message() : "");
    for (size_t i = 0; i < pxl_plan_unreadable_count(plan); i++) {
        const char *message;
        pxl_plan_unreadable_file(plan, i, &message);
        fprintf(t, "unreadable: %s\n", message);
    }
    pxl_plan_free(plan);
    /* pxl_parse_text reads the finance office's "0,80" and the host's C library does not help */
    static const char *const texts[] = {"34.8", "0,80", "1 472,5", "73,9 %", "-1 600", "1.5e3"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        double v = 0;
        pxl_direction direction;
        pxl_value_kind k = pxl_parse_text(texts[i], PXL_PARSE_KPI, &v, &direction);
        uint64_t bits;
        memcpy(&bits, &v, sizeof bits);
        fprintf(t, "parse [%s]: %d %016llx\n", texts[i], (int)k, (unsigned long long)bits);
    }
}

/* The whole transcript of @p file into @p path, in a child process under @p locale.
 * Returns a description of how the child ended ("" when it exited 0). */
static const char *run_child(const char *locale, const char *file, const char *path, const char *dir,
                             char *how, size_t how_size)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (!setlocale(LC_ALL, locale))
            _exit(3);
        /* Numbers are what this test is about: the messages follow the host's LC_MESSAGES
         * (issue 14, tests/check_messages.c), so the host keeps its language C here. */
        if (!setlocale(LC_MESSAGES, "C"))
            _exit(3);
        snprintf(host_point, sizeof host_point, "%s", localeconv()->decimal_point);
        snprintf(host_probe, sizeof host_probe, "%.1f", 1.5);
        FILE *t = fopen(path, "w");
        if (!t)
            _exit(4);
        grid_part(t, file);
        plan_part(t, file, dir);
        convert_part(t, file, dir);
        error_part(t, dir);
        fclose(t);
        _exit(0);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    how[0] = '\0';
    if (WIFSIGNALED(status))
        snprintf(how, how_size, "crashed with signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (WEXITSTATUS(status) == 3)
        snprintf(how, how_size, "could not set the locale");
    else if (WEXITSTATUS(status) != 0)
        snprintf(how, how_size, "exited with status %d", WEXITSTATUS(status));
    return how;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return s;
}

/* Where the transcripts first differ, with some bytes around it from both. */
static void first_difference(const char *a, size_t alen, const char *b, size_t blen, char *msg, size_t size)
{
    size_t i = 0;
    while (i < alen && i < blen && a[i] == b[i])
        i++;
    size_t from = i > 80 ? i - 80 : 0;
    size_t line = from;
    while (line > 0 && a[line - 1] != '\n' && from - line < 40)
        line--;
    int la = (int)((alen - line) < 160 ? alen - line : 160), lb = (int)((blen - line) < 160 ? blen - line : 160);
    snprintf(msg, size, "at byte %zu:\n  C:    …%.*s\n  host: …%.*s", i, la, a + line, lb, b + line);
}

/* ---- the test -------------------------------------------------------------------------------- */

START_TEST(same_output_in_host_locale)
{
    const char *locale = locales[_i / (int)(sizeof files / sizeof files[0])];
    const char *file = files[_i % (int)(sizeof files / sizeof files[0])];

    /* The locale must be there (tools/setup.sh makes it), and must really write a decimal comma. */
    ck_assert_msg(setlocale(LC_ALL, locale) != NULL,
                  "the %s locale is missing: enable it in /etc/locale.gen and run locale-gen "
                  "(tools/setup.sh does it)", locale);
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 1.5);
    ck_assert_str_eq(probe, "1,5");
    setlocale(LC_ALL, "C");

    make_tmp_named("pxl_locale");
    char c_path[512], host_path[512], how[128];
    in_tmp(c_path, sizeof c_path, "c.txt");
    in_tmp(host_path, sizeof host_path, "host.txt");
    run_child("C", file, c_path, tmp, how, sizeof how);
    ck_assert_msg(!how[0], "%s in the C locale: %s", file, how);
    run_child(locale, file, host_path, tmp, how, sizeof how);
    ck_assert_msg(!how[0], "%s under %s: the library %s", file, locale, how);

    size_t clen, hlen;
    char *c = slurp(c_path, &clen), *host = slurp(host_path, &hlen);
    ck_assert_msg(strstr(c, "== convert: 0") != NULL, "%s: convert failed in the C locale", file);
    char msg[1024];
    first_difference(c, clen, host, hlen, msg, sizeof msg);
    ck_assert_msg(clen == hlen && memcmp(c, host, clen) == 0, "%s: output under %s differs from the C locale's %s",
                  file, locale, msg);
    free(c);
    free(host);
    remove_tmp();
}
END_TEST

/* The formatters themselves, called outside any entry point's C-locale switch: they
 * must not need it (the entry points' switch is the second layer, for libxlsxwriter). */
START_TEST(formatters_in_host_locale)
{
    const char *locale = locales[_i];
    ck_assert_msg(setlocale(LC_ALL, locale) != NULL,
                  "the %s locale is missing: enable it in /etc/locale.gen and run locale-gen "
                  "(tools/setup.sh does it)", locale);
    ck_assert_str_eq(localeconv()->decimal_point, ",");
    ck_assert_int_eq(pxl_locale_depth(), 0);
    char buf[64];
    ck_assert_str_eq(pxl_amount_format(buf, sizeof buf, 360), "360");
    ck_assert_str_eq(pxl_amount_format(buf, sizeof buf, 1472.5), "1 472,5");
    ck_assert_str_eq(pxl_amount_format(buf, sizeof buf, -9500.25), "-9 500,25");
    ck_assert_str_eq(pxl_amount_format(buf, sizeof buf, -0.001), "0");
    ck_assert_str_eq(pxl_amount_format(buf, sizeof buf, 2e15), "2e+15");
    ck_assert_str_eq(pxl_amount_format(buf, sizeof buf, 2.5e15), "2.5e+15");
    ck_assert_str_eq(pxl_number_text(buf, sizeof buf, 34.8), "34.8");
    ck_assert_str_eq(pxl_number_text(buf, sizeof buf, 0.1 + 0.2), "0.30000000000000004");
    ck_assert_str_eq(pxl_number_text(buf, sizeof buf, 1.5e-7), "1.5e-07");
    ck_assert_str_eq(pxl_number_text(buf, sizeof buf, -17170), "-17170");
    pxl_c_snprintf(buf, sizeof buf, "%.2f|%g", 360.0, 0.25);
    ck_assert_str_eq(buf, "360.00|0.25");
    char *end;
    ck_assert_double_eq(pxl_c_strtod("34.8", &end), 34.8);
    ck_assert_str_eq(end, "");
    ck_assert_double_eq(pxl_c_strtod("34,8", &end), 34.0);
    ck_assert_str_eq(end, ",8");
    double v;
    ck_assert_int_eq(pxl_parse_text("34.8", PXL_PARSE_AMOUNT, &v, NULL), PXL_VALUE_NUMBER);
    ck_assert_double_eq(v, 34.8);
    ck_assert_int_eq(pxl_parse_text("1 472,5", PXL_PARSE_AMOUNT, &v, NULL), PXL_VALUE_NUMBER);
    ck_assert_double_eq(v, 1472.5);
    /* more than 15 digits: pxl_parse_text hands the digits to strtod */
    ck_assert_int_eq(pxl_parse_text("0,12345678901234567", PXL_PARSE_AMOUNT, &v, NULL), PXL_VALUE_NUMBER);
    ck_assert_double_eq(v, 0.12345678901234567);
    /* and nothing here changed the host's locale */
    ck_assert_str_eq(localeconv()->decimal_point, ",");
    setlocale(LC_ALL, "C");
}
END_TEST

/* Nesting and a callback into the host: the host's locale inside, C again after. */
START_TEST(switch_nests_and_gives_back)
{
    ck_assert_ptr_nonnull(setlocale(LC_ALL, "sv_SE.UTF-8"));
    ck_assert_int_eq(pxl_locale_enter(), PXL_OK);
    ck_assert_str_eq(localeconv()->decimal_point, ".");
    ck_assert_int_eq(pxl_locale_enter(), PXL_OK);
    ck_assert_int_eq(pxl_locale_depth(), 2);
    pxl_locale_host host;
    pxl_locale_host_begin(&host);
    ck_assert_str_eq(localeconv()->decimal_point, ",");
    ck_assert_int_eq(pxl_locale_depth(), 0);
    ck_assert_int_eq(pxl_locale_enter(), PXL_OK); /* the host calls planxl from its callback */
    ck_assert_str_eq(localeconv()->decimal_point, ".");
    pxl_locale_leave();
    ck_assert_str_eq(localeconv()->decimal_point, ",");
    pxl_locale_host_end(&host);
    ck_assert_str_eq(localeconv()->decimal_point, ".");
    pxl_locale_leave();
    ck_assert_str_eq(localeconv()->decimal_point, ".");
    pxl_locale_leave();
    ck_assert_str_eq(localeconv()->decimal_point, ",");
    ck_assert_int_eq(pxl_locale_depth(), 0);
    setlocale(LC_ALL, "C");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("locale");
    TCase *tc = tcase_create("host_locale");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, same_output_in_host_locale, 0,
                        (int)(sizeof locales / sizeof locales[0] * (sizeof files / sizeof files[0])));
    suite_add_tcase(s, tc);
    TCase *units = tcase_create("formatters");
    tcase_add_loop_test(units, formatters_in_host_locale, 0, (int)(sizeof locales / sizeof locales[0]));
    tcase_add_test(units, switch_nests_and_gives_back);
    suite_add_tcase(s, units);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
