/*
 * A library that runs for days (issue 16, item 4): ROUNDS rounds, in one
 * process, through the public API only, over a set of files (plans and
 * corpus workbooks, .xls and .xlsx, every reader, files that read and files
 * that fail): read into a plan, check, write the report, convert, open the
 * grid and scan every sheet. After a warm-up round the heap must not grow:
 * what is allocated after the last round is what was allocated after the
 * first, within SLACK bytes, and the open file descriptors are as many.
 * Heap in use: mallinfo2() (glibc) with its caches off (fast bins here,
 * tcache by GLIBC_TUNABLES in tests/CMakeLists.txt: a chunk in either counts
 * as in use, and they filled by some KB a round), or the sanitizer
 * allocator's count in the ASan build (there malloc is ASan's and mallinfo2()
 * sees nothing). It found libxlsxwriter keeping each empty sheet's scratch
 * file open (write/convert/convert.c, scratch_written).
 */
#define _GNU_SOURCE
#include <check.h>
#include <dirent.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planxl/planxl.h"
#include "test_tmpdir.h"

#define DATA PXL_TEST_DATA
#define ROUNDS 12
/* Growth allowed between round 1 and the last: stdio's and gettext's caches settle in round 1;
 * a leak of even one small object per file per round would be over this after 11 rounds of
 * 14 files. */
#define SLACK 4096

/* The sanitizer runtime's count of bytes in use, when there is one (the ASan build). */
extern size_t __sanitizer_get_current_allocated_bytes(void) __attribute__((weak));

static size_t heap_in_use(void)
{
    if (__sanitizer_get_current_allocated_bytes)
        return __sanitizer_get_current_allocated_bytes();
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

static size_t open_descriptors(void)
{
    DIR *d = opendir("/proc/self/fd");
    ck_assert_ptr_nonnull(d);
    size_t n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

static const struct {
    const char *path;
    pxl_reader_kind reader;
} files[] = {
    {DATA "/plan-2024-08.xls", PXL_READER_AUTO},
    {DATA "/plan-2024-08.xls", PXL_READER_BIFF},
    {DATA "/plan-2024-08.xls", PXL_READER_FREEXL},
    {DATA "/plan-2024-08-wrong-total.xls", PXL_READER_AUTO},
    {DATA "/convert/edge.xls", PXL_READER_AUTO},
    {DATA "/convert/names.xls", PXL_READER_BIFF},
    {DATA "/convert/1904.xls", PXL_READER_AUTO},
    {DATA "/corpus/calamine__date.xls", PXL_READER_AUTO},
    {DATA "/corpus/freexl__testbool.xls", PXL_READER_AUTO},
    {DATA "/corpus/gnumeric__sumif.xls", PXL_READER_BIFF},
    {DATA "/xlsx/cells.xlsx", PXL_READER_AUTO},
    {DATA "/xlsx/arrays.xlsx", PXL_READER_XLSX},
    {DATA "/xlsx/bomb.xlsx", PXL_READER_AUTO},         /* refused: a zip bomb */
    {DATA "/no-such-file.xls", PXL_READER_AUTO},       /* refused: missing */
};
#define FILES (sizeof files / sizeof files[0])

static int count_cell(void *ctx, const pxl_cell *cell)
{
    (void)cell;
    ++*(size_t *)ctx;
    return 0;
}

/* One round over every file; the number of files that read as plans (the same every round). */
static size_t one_round(void)
{
    char report[512], converted[512];
    in_tmp(report, sizeof report, "report.xlsx");
    in_tmp(converted, sizeof converted, "converted.xlsx");
    size_t plans = 0;
    for (size_t i = 0; i < FILES; i++) {
        pxl_plan *plan;
        ck_assert_int_eq(pxl_plan_new(&plan), PXL_OK);
        pxl_read_options ro = PXL_READ_OPTIONS_INIT;
        ro.grid.reader = files[i].reader;
        if (pxl_plan_read(plan, files[i].path, &ro) == PXL_OK) {
            plans++;
            pxl_findings *findings = NULL;
            ck_assert_int_eq(pxl_check_run(&findings, plan, NULL), PXL_OK);
            pxl_report_options opts = PXL_REPORT_OPTIONS_INIT;
            opts.overwrite = 1;
            opts.created = 1700000000;
            pxl_error err = pxl_report_write(plan, findings, report, &opts);
            ck_assert_msg(err == PXL_OK || err == PXL_ERR_DUPLICATE, "%s", pxl_error_message());
            pxl_findings_free(findings);
        }
        pxl_plan_free(plan);

        pxl_convert_options co = PXL_CONVERT_OPTIONS_INIT;
        co.overwrite = 1;
        co.grid.reader = files[i].reader == PXL_READER_XLSX ? PXL_READER_AUTO : files[i].reader;
        (void)pxl_convert(files[i].path, converted, &co, NULL); /* .xlsx and bad files refused */

        pxl_grid *grid;
        pxl_grid_options go = PXL_GRID_OPTIONS_INIT;
        go.reader = files[i].reader;
        if (pxl_grid_open(&grid, files[i].path, &go) == PXL_OK) {
            size_t cells = 0;
            for (size_t s = 0; s < pxl_grid_sheet_count(grid); s++)
                (void)pxl_grid_sheet_scan(grid, s, count_cell, &cells);
            pxl_grid_close(grid);
        }
    }
    return plans;
}

START_TEST(heap_is_flat)
{
    mallopt(M_MXFAST, 0);
    make_tmp_named("planxl_soak");
    size_t plans = one_round();
    size_t fds_after_first = open_descriptors();
    ck_assert_uint_ge(plans, 4); /* the example plans, by each reader */
    size_t after_first = heap_in_use();
    ck_assert_uint_gt(after_first, 0); /* the counter reads something in this build */
    for (int round = 1; round < ROUNDS; round++)
        ck_assert_uint_eq(one_round(), plans);
    size_t after_last = heap_in_use();
    ck_assert_uint_eq(open_descriptors(), fds_after_first);
    ck_assert_msg(after_last <= after_first + SLACK,
                  "the heap grew by %zu bytes over %d rounds (%zu after the first, %zu after the last)",
                  after_last - after_first, ROUNDS - 1, after_first, after_last);
    remove_tmp();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("soak");
    TCase *tc = tcase_create("soak");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, heap_is_flat);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
