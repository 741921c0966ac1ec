/*
 * The library in threads (issue 16, item 4): THREADS threads at once, each on
 * a file of its own, each ROUNDS times: read a plan (with the reader the file
 * gets: AUTO's freexl + BIFF pass, BIFF alone, the .xlsx reader), check it,
 * write its report, convert an .xls, and fail on a missing file of its own
 * name — its pxl_error_message() must name that file, never another thread's
 * (the message is per thread). Every result must equal the single-threaded
 * one: the same areas and findings, a report byte for byte the same, a
 * conversion with the same counts (its bytes hold the time of writing). Run under ThreadSanitizer with
 * -DPLANXL_SANITIZE_THREAD=ON (docs/library.md, "Threads"); in the other
 * builds it still checks the results and the per-thread messages.
 */
#define _GNU_SOURCE
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "planxl/check.h"
#include "planxl/convert.h"
#include "planxl/plan.h"
#include "planxl/report.h"
#include "test_tmpdir.h"

#define DATA PXL_TEST_DATA
#define THREADS 4
#define ROUNDS 3

typedef struct job {
    const char *plan;     /* read, checked, reported */
    pxl_reader_kind reader;
    const char *xls;      /* converted */
    int index;
    /* the first round's results, which later rounds and the serial run must repeat */
    size_t areas, findings;
    off_t report_size;
    size_t convert_cells, convert_formulas;
    char *report;         /* the report's bytes */
    const char *failure;  /* NULL, or what went wrong */
    char detail[512];
} job;

static job jobs[THREADS] = {
    {DATA "/plan-2024-08.xls", PXL_READER_AUTO, DATA "/convert/edge.xls", 0, 0, 0, 0, 0, 0, NULL, NULL, ""},
    {DATA "/plan-2024-08-wrong-total.xls", PXL_READER_BIFF, DATA "/convert/names.xls", 1, 0, 0, 0, 0, 0, NULL, NULL, ""},
    {DATA "/plan-2024-08.xls", PXL_READER_BIFF, DATA "/convert/1904.xls", 2, 0, 0, 0, 0, 0, NULL, NULL, ""},
    {DATA "/plan-2024-08-wrong-total.xls", PXL_READER_AUTO, DATA "/plan-2024-08.xls", 3, 0, 0, 0, 0, 0, NULL, NULL, ""},
};

static char *read_all(const char *path, off_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseeko(f, 0, SEEK_END);
    *size = ftello(f);
    fseeko(f, 0, SEEK_SET);
    char *buf = malloc((size_t)*size + 1);
    if (buf && fread(buf, 1, (size_t)*size, f) != (size_t)*size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

#define FAIL(j, ...) do { (j)->failure = "failed"; snprintf((j)->detail, sizeof (j)->detail, __VA_ARGS__); return; } while (0)

static void one_round(job *j, int round)
{
    char report[600], converted[600], missing[600];
    snprintf(report, sizeof report, "%s/report-%d-%d.xlsx", tmp, j->index, round);
    snprintf(converted, sizeof converted, "%s/convert-%d-%d.xlsx", tmp, j->index, round);
    snprintf(missing, sizeof missing, "%s/missing-thread-%d.xls", tmp, j->index);

    pxl_plan *plan;
    if (pxl_plan_new(&plan) != PXL_OK)
        FAIL(j, "pxl_plan_new");
    pxl_read_options ro = PXL_READ_OPTIONS_INIT;
    ro.grid.reader = j->reader;
    if (pxl_plan_read(plan, j->plan, &ro) != PXL_OK)
        FAIL(j, "read %s: %s", j->plan, pxl_error_message());
    pxl_findings *findings = NULL;
    if (pxl_check_run(&findings, plan, NULL) != PXL_OK)
        FAIL(j, "check: %s", pxl_error_message());
    pxl_report_options opts = PXL_REPORT_OPTIONS_INIT;
    opts.created = 1700000000; /* the same bytes in every thread and round */
    if (pxl_report_write(plan, findings, report, &opts) != PXL_OK)
        FAIL(j, "report: %s", pxl_error_message());
    size_t areas = pxl_plan_area_count(plan), count = pxl_findings_count(findings);
    pxl_findings_free(findings);
    pxl_plan_free(plan);

    pxl_convert_options co = PXL_CONVERT_OPTIONS_INIT;
    pxl_convert_stats stats;
    if (pxl_convert(j->xls, converted, &co, &stats) != PXL_OK)
        FAIL(j, "convert %s: %s", j->xls, pxl_error_message());

    /* An error of this thread's own: its message names this thread's file. */
    pxl_plan *other;
    if (pxl_plan_new(&other) != PXL_OK)
        FAIL(j, "pxl_plan_new");
    pxl_error err = pxl_plan_read(other, missing, NULL);
    const char *msg = pxl_error_message();
    int named = err != PXL_OK && msg && strstr(msg, missing) != NULL;
    pxl_plan_free(other);
    if (!named)
        FAIL(j, "the message of a missing file is not this thread's: %s", msg ? msg : "(none)");

    off_t report_size;
    char *bytes = read_all(report, &report_size);
    struct stat st;
    if (!bytes || stat(converted, &st) != 0)
        FAIL(j, "outputs missing");
    remove(report);
    remove(converted);
    if (round == 0) {
        j->areas = areas;
        j->findings = count;
        j->report = bytes;
        j->report_size = report_size;
        j->convert_cells = stats.cells;
        j->convert_formulas = stats.formulas_live;
        return;
    }
    int same = areas == j->areas && count == j->findings && report_size == j->report_size &&
               memcmp(bytes, j->report, (size_t)report_size) == 0 && stats.cells == j->convert_cells &&
               stats.formulas_live == j->convert_formulas;
    free(bytes);
    if (!same)
        FAIL(j, "round %d differs from round 0", round);
}

/* Every thread starts its work once all are created: the most overlap. */
static pthread_barrier_t start;

static void *run_job(void *arg)
{
    job *j = arg;
    pthread_barrier_wait(&start);
    for (int round = 0; round < ROUNDS && !j->failure; round++)
        one_round(j, round);
    return NULL;
}

START_TEST(threads_agree_with_serial)
{
    make_tmp_named("planxl_threads");
    /* The serial run first: what each job gives alone. */
    job serial[THREADS];
    for (int i = 0; i < THREADS; i++) {
        serial[i] = jobs[i];
        one_round(&serial[i], 0);
        ck_assert_msg(!serial[i].failure, "serial %d: %s", i, serial[i].detail);
    }
    pthread_t threads[THREADS];
    ck_assert_int_eq(pthread_barrier_init(&start, NULL, THREADS), 0);
    for (int i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_create(&threads[i], NULL, run_job, &jobs[i]), 0);
    for (int i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_join(threads[i], NULL), 0);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < THREADS; i++) {
        ck_assert_msg(!jobs[i].failure, "thread %d: %s", i, jobs[i].detail);
        ck_assert_uint_eq(jobs[i].areas, serial[i].areas);
        ck_assert_uint_eq(jobs[i].findings, serial[i].findings);
        ck_assert_int_eq(jobs[i].report_size, serial[i].report_size);
        ck_assert_int_eq(memcmp(jobs[i].report, serial[i].report, (size_t)serial[i].report_size), 0);
        ck_assert_uint_eq(jobs[i].convert_cells, serial[i].convert_cells);
        ck_assert_uint_eq(jobs[i].convert_formulas, serial[i].convert_formulas);
        free(jobs[i].report);
        free(serial[i].report);
    }
    /* The files of the jobs do not all give the same: the comparison above could tell them apart. */
    ck_assert_uint_ne(serial[0].findings, serial[1].findings);
    remove_tmp();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("threads");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, threads_agree_with_serial);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
