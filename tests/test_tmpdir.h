/* A scratch directory per test (Check forks each test, so one global is enough). */
#ifndef PLANXL_TEST_TMPDIR_H
#define PLANXL_TEST_TMPDIR_H

#include <stddef.h>

/* The current scratch directory, set by make_tmp(). */
extern char tmp[256];

/* Create a fresh /tmp/<prefix>_XXXXXX (the test fails when it cannot). */
void make_tmp_named(const char *prefix);
/* Remove the scratch directory and everything in it. */
void remove_tmp(void);
/* "<tmp>/<name>" into @p buf; returns @p buf. */
const char *in_tmp(char *buf, size_t size, const char *name);

/* Read the file at @p path into @p buf as text (at most @p size - 1 bytes, NUL-ended; "" when
 * it cannot be read). */
void read_text_file(const char *path, char *buf, size_t size);

#endif
