/*
 * workbook_close() one thread at a time. libxlsxwriter 1.1.4 writes the
 * workbook's creation time with gmtime() (packager.c, _write_dcterms_created),
 * whose result is one static buffer for the whole process: two threads
 * closing workbooks at once could each write the other's time (ThreadSanitizer
 * and tests/check_threads.c found it: a report that was not byte for byte the
 * same). Every writer of planxl closes its workbooks through this.
 */
#ifndef PLANXL_LXW_CLOSE_H
#define PLANXL_LXW_CLOSE_H

#include <xlsxwriter.h>

/* workbook_close(@p wb) under planxl's lock; errno as workbook_close() left it. */
lxw_error pxl_lxw_workbook_close(lxw_workbook *wb);

#endif
