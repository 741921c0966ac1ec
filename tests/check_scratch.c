/* Where convert's scratch files go (util/scratch.c). */
#define _GNU_SOURCE
#include <check.h>
#include <stdlib.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "util/scratch.h"

START_TEST(tmpdir_wins)
{
    setenv("TMPDIR", "/somewhere/else", 1);
    ck_assert_str_eq(pxl_scratch_dir(1000), "/somewhere/else");
    ck_assert_str_eq(pxl_scratch_dir(UINT64_MAX), "/somewhere/else");
}
END_TEST

START_TEST(large_input_goes_to_the_default)
{
    unsetenv("TMPDIR");
    ck_assert_ptr_null(pxl_scratch_dir(PXL_SCRATCH_MEMORY_INPUT_MAX + 1));
    ck_assert_ptr_null(pxl_scratch_dir(UINT64_MAX));
    setenv("TMPDIR", "", 1); /* empty is unset, as for other tools */
    ck_assert_ptr_null(pxl_scratch_dir(UINT64_MAX));
}
END_TEST

/* A small input goes to /dev/shm exactly when that is a writable tmpfs with room. */
START_TEST(small_input_goes_to_memory_when_it_can)
{
    unsetenv("TMPDIR");
    struct statfs fs;
    struct statvfs vfs;
    int memory = statfs("/dev/shm", &fs) == 0 && fs.f_type == 0x01021994 && access("/dev/shm", W_OK) == 0 &&
                 statvfs("/dev/shm", &vfs) == 0 && (unsigned long long)vfs.f_bavail * vfs.f_frsize >= 4ull * ((1u << 20) + 8 * 1000);
    char *dir = pxl_scratch_dir(1000);
    if (memory)
        ck_assert_str_eq(dir, "/dev/shm");
    else
        ck_assert_ptr_null(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("scratch");
    TCase *tc = tcase_create("scratch");
    tcase_add_test(tc, tmpdir_wins);
    tcase_add_test(tc, large_input_goes_to_the_default);
    tcase_add_test(tc, small_input_goes_to_memory_when_it_can);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
