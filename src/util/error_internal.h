/* Setting the thread's last error. Every message names the file first. */
#ifndef PLANXL_ERROR_INTERNAL_H
#define PLANXL_ERROR_INTERNAL_H

#include "planxl/error.h"

#if defined(__GNUC__)
#define PXL_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PXL_PRINTF(a, b)
#endif

/* Record @p code with a formatted message, @p fmt translated to the thread's language (its msgid:
 * the xgettext keyword pxl_fail:2); returns @p code so callers can `return pxl_fail(...)`. */
pxl_error pxl_fail(pxl_error code, const char *fmt, ...) PXL_PRINTF(2, 3);

/* Out of memory: a fixed message (formatting could fail too). */
pxl_error pxl_fail_nomem(void);

#endif
