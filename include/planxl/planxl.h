/**
 * @file planxl.h
 * @brief planxl: read legacy .xls action plans, check them, report and convert to .xlsx.
 *
 * Locales: whatever setlocale() the host program made, planxl reads and writes
 * numbers the same way ('.' in files and JSON, "1 472,5" in messages) and gives the
 * calling thread's locale back on return. Each function that reads, checks or writes
 * runs in the C locale for the calling thread only (uselocale()); callbacks
 * (pxl_convert()'s progress and warnings, pxl_grid_sheet_scan()'s visitor) run in the
 * caller's own locale.
 *
 * Threads: any function may run in several threads at once on different objects
 * (each thread its own plan, findings, grid and output paths); one object is used by
 * one thread at a time, and a plan is not changed while a report or check reads it.
 * pxl_error_message() is per thread. What is not thread-safe is guarded inside:
 * libxlsxwriter writes a workbook's creation time with gmtime()'s shared buffer, so
 * planxl closes workbooks one at a time (the rest of a report or conversion runs in
 * parallel). A host program that calls gmtime() or localtime() itself in another
 * thread meanwhile can still race with libxlsxwriter: use gmtime_r()/localtime_r().
 * Tested under ThreadSanitizer (tests/check_threads.c, -DPLANXL_SANITIZE_THREAD=ON).
 */
#ifndef PLANXL_PLANXL_H
#define PLANXL_PLANXL_H

#include "common.h"
#include "error.h"
#include "grid.h"
#include "value.h"
#include "plan.h"
#include "check.h"
#include "report.h"
#include "convert.h"
#include "annotate.h"
#include "dump.h"
#include "diff.h"

/** The version of these headers. */
#define PXL_VERSION "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief The library's version, which may differ from ::PXL_VERSION, the headers' version
 *        the caller was compiled with.
 * @return e.g. "0.1.0": a static string.
 */
PXL_EXTERN const char *pxl_version(void);

#ifdef __cplusplus
}
#endif
#endif /* PLANXL_PLANXL_H */
