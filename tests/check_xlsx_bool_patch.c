/*
 * pxl_xlsx_bool_patch(): workbooks written here with libxlsxwriter (as convert
 * writes them: constant-memory mode, formulas with 1/0 cached) are patched,
 * and tests/tools/zip_bool_compare.py checks, on its own, that the result is
 * the original with t="b" on exactly the listed cells (every other entry's
 * stored bytes, order, names and dates unchanged) and that openpyxl reads
 * TRUE/FALSE there. Errors leave the file as it was, with no temporary file.
 */
#define _XOPEN_SOURCE 700 /* nftw, mkdtemp */
#include <check.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "test_tmpdir.h"
#include "planxl/error.h"
#include "write/convert/xlsx_patch.h"

#define COMPARE PXL_TEST_TOOLS "/zip_bool_compare.py"

/* make_tmp(): this suite's scratch directory (test_tmpdir.c). */
static void make_tmp(void)
{
    make_tmp_named("pxl_boolpatch");
}

/* The whole file, for byte-for-byte comparisons; *size set. */
static unsigned char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *data = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(data);
    ck_assert_uint_eq(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *size = (size_t)n;
    return data;
}

static void copy_file(const char *src, const char *dst)
{
    size_t n;
    unsigned char *data = slurp(src, &n);
    FILE *f = fopen(dst, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, n, f), n);
    fclose(f);
    free(data);
}

static int same_file(const char *a, const char *b)
{
    size_t na, nb;
    unsigned char *da = slurp(a, &na), *db = slurp(b, &nb);
    int same = na == nb && memcmp(da, db, na) == 0;
    free(da);
    free(db);
    return same;
}

/* Files in tmp: a failed patch must leave no temporary file behind. */
static int files_in_tmp(void)
{
    DIR *d = opendir(tmp);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

/* Run zip_bool_compare.py BEFORE AFTER CELLS...; its exit status, its output in @p out. */
static int compare(const char *before, const char *after, const char *const *cells, char *out, size_t out_size)
{
    const char *argv[64] = {PXL_TEST_PYTHON, COMPARE, before, after};
    int n = 4;
    for (; cells && *cells; cells++)
        argv[n++] = *cells;
    argv[n] = NULL;
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(fds[1]);
    size_t len = 0;
    ssize_t r;
    while (len + 1 < out_size && (r = read(fds[0], out + len, out_size - 1 - len)) > 0)
        len += (size_t)r;
    out[len] = '\0';
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/*
 * Three sheets as convert writes them: "Eins" and "Drei" with boolean
 * formula results (TRUE and FALSE, several rows, one with a format so its tag
 * has an s attribute, one in column AB) beside numeric formulas, numbers and
 * text that itself reads like a cell tag; "Zwei" with none.
 */
static void write_small(const char *path)
{
    lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    ck_assert_ptr_nonnull(wb);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_worksheet *eins = workbook_add_worksheet(wb, "Eins");
    lxw_worksheet *zwei = workbook_add_worksheet(wb, "Zwei");
    lxw_worksheet *drei = workbook_add_worksheet(wb, "Drei");
    /* Eins: row 1 numbers, row 2 TRUE next to a numeric formula, row 3 FALSE (formatted), row 4 text. */
    worksheet_write_number(eins, 0, 0, 1, NULL);
    worksheet_write_number(eins, 0, 1, 1, NULL);
    worksheet_write_formula_num(eins, 1, 0, "=A1+B1", NULL, 2);
    worksheet_write_formula_num(eins, 1, 1, "=A1=B1", NULL, 1);
    worksheet_write_formula_num(eins, 1, 2, "=A1*1", NULL, 1); /* a numeric 1: must stay a number */
    worksheet_write_formula_num(eins, 2, 1, "=A1>B1", bold, 0);
    worksheet_write_formula_num(eins, 2, 2, "=A1-B1", NULL, 0); /* a numeric 0: must stay a number */
    worksheet_write_string(eins, 3, 0, "<c r=\"A5\"><f>x</f>", NULL);
    worksheet_write_formula_num(eins, 4, 0, "=NOT(B2)", NULL, 0);
    /* Zwei: numeric formulas only. */
    worksheet_write_formula_num(zwei, 0, 0, "=1+1", NULL, 2);
    worksheet_write_formula_num(zwei, 1, 0, "=1=1", NULL, 1); /* not listed: stays 1 */
    /* Drei: far rows and a wide column. */
    worksheet_write_formula_num(drei, 9, 27, "=TRUE()", NULL, 1);
    worksheet_write_formula_num(drei, 999, 0, "=1", NULL, 1);
    worksheet_write_formula_num(drei, 999, 1, "=FALSE()", NULL, 0);
    ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
}

static const pxl_xlsx_cell small_cells[] = {
    {0, 1, 1}, {0, 2, 1}, {0, 4, 0}, {2, 9, 27}, {2, 999, 1},
};
static const char *const small_refs[] = {"1!B2", "1!B3", "1!A5", "3!AB10", "3!B1000", NULL};

START_TEST(marks_exactly_the_listed_cells)
{
    char before[300], after[300], out[4096];
    write_small(in_tmp(before, sizeof before, "before.xlsx"));
    copy_file(before, in_tmp(after, sizeof after, "after.xlsx"));
    ck_assert_int_eq(pxl_xlsx_bool_patch(after, "report.xlsx", small_cells, 5), PXL_OK);
    int status = compare(before, after, small_refs, out, sizeof out);
    ck_assert_msg(status == 0, "%s", out);
    /* 3 sheets patched or copied: 2 patched, every other entry raw. */
    ck_assert_msg(strstr(out, " patched 2 cells 5\n") != NULL, "%s", out);
    ck_assert_int_eq(files_in_tmp(), 2);
}
END_TEST

/* The comparison can fail: one listed cell too few or one too many is seen. */
START_TEST(comparison_sees_a_wrong_cell)
{
    char before[300], after[300], out[4096];
    write_small(in_tmp(before, sizeof before, "before.xlsx"));
    copy_file(before, in_tmp(after, sizeof after, "after.xlsx"));
    ck_assert_int_eq(pxl_xlsx_bool_patch(after, "report.xlsx", small_cells, 4), PXL_OK); /* B1000 left out */
    ck_assert_int_eq(compare(before, after, small_refs, out, sizeof out), 1);
    const char *more[] = {"1!B2", "1!B3", "1!A5", "3!AB10", "3!B1000", "2!A2", NULL};
    copy_file(before, after);
    ck_assert_int_eq(pxl_xlsx_bool_patch(after, "report.xlsx", small_cells, 5), PXL_OK);
    ck_assert_int_eq(compare(before, after, more, out, sizeof out), 1);
    ck_assert_msg(strstr(out, "stored bytes changed") || strstr(out, "FAIL"), "%s", out);
}
END_TEST

/* Patching is deterministic: the same input gives the same bytes. */
START_TEST(deterministic)
{
    char before[300], a[300], b[300];
    write_small(in_tmp(before, sizeof before, "before.xlsx"));
    copy_file(before, in_tmp(a, sizeof a, "a.xlsx"));
    copy_file(before, in_tmp(b, sizeof b, "b.xlsx"));
    ck_assert_int_eq(pxl_xlsx_bool_patch(a, "a.xlsx", small_cells, 5), PXL_OK);
    ck_assert_int_eq(pxl_xlsx_bool_patch(b, "b.xlsx", small_cells, 5), PXL_OK);
    ck_assert(same_file(a, b));
    ck_assert(!same_file(a, before));
    /* Nothing to mark: the file is not touched. */
    ck_assert_int_eq(pxl_xlsx_bool_patch(b, "b.xlsx", NULL, 0), PXL_OK);
    ck_assert(same_file(a, b));
}
END_TEST

/* Bad lists and bad files: an error naming the file, the file unchanged, no temporary left. */
static const struct {
    const char *what;
    pxl_xlsx_cell cells[3];
    size_t count;
    pxl_error want;
} bad_lists[] = {
    {"not in order", {{0, 2, 1}, {0, 1, 1}}, 2, PXL_ERR_INVALID_ARGUMENT},
    {"repeated", {{0, 1, 1}, {0, 1, 1}}, 2, PXL_ERR_INVALID_ARGUMENT},
    {"a cell the sheet does not have", {{0, 1, 1}, {0, 7, 3}}, 2, PXL_ERR_WRITE},
    {"a cell between two the sheet has", {{0, 0, 2}, {0, 1, 1}}, 2, PXL_ERR_WRITE},
    {"a cell after the last row", {{2, 999, 1}, {2, 5000, 0}}, 2, PXL_ERR_WRITE},
    {"a sheet the workbook does not have", {{0, 1, 1}, {8, 0, 0}}, 2, PXL_ERR_WRITE},
};

START_TEST(bad_list_leaves_the_file)
{
    char before[300], after[300];
    write_small(in_tmp(before, sizeof before, "before.xlsx"));
    copy_file(before, in_tmp(after, sizeof after, "after.xlsx"));
    pxl_error err = pxl_xlsx_bool_patch(after, "Budget 2024.xlsx", bad_lists[_i].cells, bad_lists[_i].count);
    ck_assert_msg(err == bad_lists[_i].want, "%s: %d (%s)", bad_lists[_i].what, err, pxl_error_message());
    ck_assert_msg(strstr(pxl_error_message(), "Budget 2024.xlsx") != NULL, "%s", pxl_error_message());
    ck_assert(same_file(before, after));
    ck_assert_int_eq(files_in_tmp(), 2);
}
END_TEST

START_TEST(not_a_zip)
{
    char path[300];
    in_tmp(path, sizeof path, "broken.xlsx");
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs("PK\003\004 this is not a whole zip archive", f);
    fclose(f);
    static const pxl_xlsx_cell one[] = {{0, 0, 0}};
    ck_assert_int_eq(pxl_xlsx_bool_patch(path, "broken.xlsx", one, 1), PXL_ERR_WRITE);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "broken.xlsx"));
    ck_assert_int_eq(files_in_tmp(), 1);
    char missing[300];
    ck_assert_int_ne(pxl_xlsx_bool_patch(in_tmp(missing, sizeof missing, "none.xlsx"), "none.xlsx", one, 1),
                     PXL_OK);
    ck_assert_int_eq(files_in_tmp(), 1);
}
END_TEST

/*
 * A sheet many times the 64 KiB streaming buffer, every row with a boolean
 * result (so chunk boundaries fall inside marked tags and references), TRUE
 * and FALSE alternating, beside a numeric formula and text.
 */
#define BIG_ROWS 60000

START_TEST(big_sheet_streams)
{
    char before[300], after[300];
    in_tmp(before, sizeof before, "big.xlsx");
    lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(before, &o);
    ck_assert_ptr_nonnull(wb);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Stor");
    pxl_xlsx_cell *cells = malloc(BIG_ROWS * sizeof *cells);
    ck_assert_ptr_nonnull(cells);
    for (uint32_t r = 0; r < BIG_ROWS; r++) {
        worksheet_write_formula_num(ws, r, 0, "=ROW()*2", NULL, (double)(r + 1) * 2);
        worksheet_write_formula_num(ws, r, 1, "=ISEVEN(ROW())", NULL, (r + 1) % 2 == 0);
        worksheet_write_string(ws, r, 2, "text", NULL);
        cells[r] = (pxl_xlsx_cell){0, r, 1};
    }
    ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
    copy_file(before, in_tmp(after, sizeof after, "big-after.xlsx"));
    ck_assert_int_eq(pxl_xlsx_bool_patch(after, "big.xlsx", cells, BIG_ROWS), PXL_OK);
    free(cells);

    /* The whole sheet compared with the marks python itself inserts, and
     * openpyxl on a sample of the cells. */
    const char *argv[] = {PXL_TEST_PYTHON, "-c",
                          "import sys, zipfile, openpyxl\n"
                          "n = int(sys.argv[3])\n"
                          "b = zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode()\n"
                          "a = zipfile.ZipFile(sys.argv[2]).read('xl/worksheets/sheet1.xml').decode()\n"
                          "assert len(b) > 20 * 65536, len(b)\n"
                          "parts = b.split('<c r=\"B')\n"
                          "want = parts[0] + ''.join('<c r=\"B' + p.replace('\"', '\" t=\"b\"', 1) for p in parts[1:])\n"
                          "assert len(parts) == n + 1, len(parts)\n"
                          "assert a == want, 'sheet differs'\n"
                          "ws = openpyxl.load_workbook(sys.argv[2], read_only=True, data_only=True).active\n"
                          "rows = {r[0].row: r for r in ws.iter_rows(min_row=1, max_row=n)}\n"
                          "for r in (1, 2, 1000, n - 1, n):\n"
                          "    v = rows[r][1].value\n"
                          "    assert v is (r % 2 == 0), (r, v)\n"
                          "    assert rows[r][0].value == 2 * r and not isinstance(rows[r][0].value, bool)\n"
                          "    assert rows[r][2].value == 'text'\n",
                          before, after, "60000", NULL};
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "python says the big sheet is wrong");
}
END_TEST

Suite *bool_patch_suite(void)
{
    Suite *s = suite_create("xlsx_bool_patch");
    TCase *tc = tcase_create("patch");
    tcase_add_checked_fixture(tc, make_tmp, remove_tmp);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, marks_exactly_the_listed_cells);
    tcase_add_test(tc, comparison_sees_a_wrong_cell);
    tcase_add_test(tc, deterministic);
    tcase_add_loop_test(tc, bad_list_leaves_the_file, 0, sizeof bad_lists / sizeof bad_lists[0]);
    tcase_add_test(tc, not_a_zip);
    tcase_add_test(tc, big_sheet_streams);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(bool_patch_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
