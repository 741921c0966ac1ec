/*
 * Safe output files (util/output.c): the temporary file has no name while it
 * is written (O_TMPFILE: nothing for a kill -9 to leave behind), the target
 * is put into place only by commit, a target that appeared meanwhile is not
 * replaced without overwrite, and nothing stray is ever left.
 */
#define _GNU_SOURCE
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_tmpdir.h"
#include "util/output.h"

/* The names in the scratch directory, sorted, joined by spaces ("" when empty). */
static void listing(char *buf, size_t size)
{
    struct dirent **names;
    int n = scandir(tmp, &names, NULL, alphasort);
    ck_assert_int_ge(n, 0);
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, "..")) {
            if (buf[0])
                strncat(buf, " ", size - strlen(buf) - 1);
            strncat(buf, names[i]->d_name, size - strlen(buf) - 1);
        }
        free(names[i]);
    }
    free(names);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static void check_text(const char *path, const char *text)
{
    char buf[256];
    read_text_file(path, buf, sizeof buf);
    ck_assert_str_eq(buf, text);
}

static void setup(void)
{
    make_tmp_named("planxl_output");
}

START_TEST(unnamed_until_commit)
{
    char target[512], names[1024];
    in_tmp(target, sizeof target, "out.xlsx");
    pxl_output out;
    ck_assert_int_eq(pxl_output_begin(&out, target, 0, NULL, 0), PXL_OK);
    /* This machine's file system takes O_TMPFILE (ext4, tmpfs, overlayfs): the fallback would
     * show up as a hidden name here. */
    ck_assert_int_ge(out.fd, 0);
    ck_assert(strncmp(out.temp, "/proc/self/fd/", 14) == 0);
    write_text(out.temp, "complete\n"); /* as libxlsxwriter does: fopen() of the path */
    listing(names, sizeof names);
    ck_assert_str_eq(names, "");
    ck_assert_int_eq(pxl_output_commit(&out), PXL_OK);
    pxl_output_end(&out);
    listing(names, sizeof names);
    ck_assert_str_eq(names, "out.xlsx");
    check_text(target, "complete\n");
    /* The mode a new file gets, as fopen() would give it. */
    struct stat st;
    ck_assert_int_eq(stat(target, &st), 0);
    mode_t mask = umask(0);
    umask(mask);
    ck_assert_int_eq(st.st_mode & 0777, 0666 & ~mask);
    remove_tmp();
}
END_TEST

START_TEST(ended_without_commit_leaves_nothing)
{
    char target[512], names[1024];
    in_tmp(target, sizeof target, "out.xlsx");
    pxl_output out;
    ck_assert_int_eq(pxl_output_begin(&out, target, 0, NULL, 0), PXL_OK);
    write_text(out.temp, "half\n");
    pxl_output_end(&out);
    listing(names, sizeof names);
    ck_assert_str_eq(names, "");
    remove_tmp();
}
END_TEST

/* A link never replaces: a target made by someone else since begin is kept. */
START_TEST(target_appeared_meanwhile_is_kept)
{
    char target[512], names[1024];
    in_tmp(target, sizeof target, "out.xlsx");
    pxl_output out;
    ck_assert_int_eq(pxl_output_begin(&out, target, 0, NULL, 0), PXL_OK);
    write_text(out.temp, "ours\n");
    write_text(target, "theirs\n");
    ck_assert_int_eq(pxl_output_commit(&out), PXL_ERR_EXISTS);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "out.xlsx: already exists"));
    pxl_output_end(&out);
    check_text(target, "theirs\n");
    listing(names, sizeof names);
    ck_assert_str_eq(names, "out.xlsx");
    remove_tmp();
}
END_TEST

START_TEST(overwrite_replaces_in_one_step)
{
    char target[512], names[1024];
    in_tmp(target, sizeof target, "out.xlsx");
    write_text(target, "previous\n");
    pxl_output out;
    ck_assert_int_eq(pxl_output_begin(&out, target, 1, NULL, 0), PXL_OK);
    write_text(out.temp, "new\n");
    check_text(target, "previous\n"); /* untouched until the commit */
    ck_assert_int_eq(pxl_output_commit(&out), PXL_OK);
    pxl_output_end(&out);
    check_text(target, "new\n");
    listing(names, sizeof names);
    ck_assert_str_eq(names, "out.xlsx");
    remove_tmp();
}
END_TEST

/* A second file beside the same target (convert's TRUE/FALSE pass): whichever is committed wins. */
START_TEST(sibling_is_committed)
{
    char target[512], names[1024];
    in_tmp(target, sizeof target, "out.xlsx");
    pxl_output first, second;
    ck_assert_int_eq(pxl_output_begin(&first, target, 0, NULL, 0), PXL_OK);
    write_text(first.temp, "first\n");
    ck_assert_int_eq(pxl_output_begin_sibling(&second, &first), PXL_OK);
    ck_assert_str_ne(first.temp, second.temp);
    write_text(second.temp, "patched\n");
    ck_assert_int_eq(pxl_output_commit(&second), PXL_OK);
    pxl_output_end(&second);
    pxl_output_end(&first);
    check_text(target, "patched\n");
    listing(names, sizeof names);
    ck_assert_str_eq(names, "out.xlsx");
    remove_tmp();
}
END_TEST

START_TEST(refusals)
{
    char target[512], input[512], names[1024];
    in_tmp(target, sizeof target, "out.xlsx");
    in_tmp(input, sizeof input, "in.xls");
    write_text(input, "input\n");
    const char *inputs[] = {input};
    pxl_output out;
    ck_assert_int_eq(pxl_output_begin(&out, input, 1, inputs, 1), PXL_ERR_SAME_FILE);
    write_text(target, "exists\n");
    ck_assert_int_eq(pxl_output_begin(&out, target, 0, inputs, 1), PXL_ERR_EXISTS);
    ck_assert_int_eq(pxl_output_begin(&out, tmp, 1, inputs, 1), PXL_ERR_IO); /* a directory */
    /* A directory that does not exist: named, with the system's reason. */
    in_tmp(target, sizeof target, "missing/out.xlsx");
    ck_assert_int_eq(pxl_output_begin(&out, target, 0, NULL, 0), PXL_ERR_IO);
    ck_assert_ptr_nonnull(strstr(pxl_error_message(), "missing/out.xlsx: cannot create a file there: No such file"));
    listing(names, sizeof names);
    ck_assert_str_eq(names, "in.xls out.xlsx");
    remove_tmp();
}
END_TEST

static Suite *output_suite(void)
{
    Suite *s = suite_create("output");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, unnamed_until_commit);
    tcase_add_test(tc, ended_without_commit_leaves_nothing);
    tcase_add_test(tc, target_appeared_meanwhile_is_kept);
    tcase_add_test(tc, overwrite_replaces_in_one_step);
    tcase_add_test(tc, sibling_is_committed);
    tcase_add_test(tc, refusals);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(output_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
