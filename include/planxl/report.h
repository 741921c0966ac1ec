/**
 * @file report.h
 * @brief The committee workbook: a formatted .xlsx, one sheet per area, totals as formulas.
 */
#ifndef PLANXL_REPORT_H
#define PLANXL_REPORT_H

#include "common.h"
#include <time.h>
#include "check.h"
#include "error.h"
#include "plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Cancellation callback of pxl_report_write(), polled before each sheet and once
 *        more when the workbook is complete, just before it is put into place.
 * @return 0 to go on; non-zero stops: nothing is written, PXL_ERR_CANCELLED is returned.
 */
typedef int (*pxl_report_cancel)(void *ctx);

/** @brief Options for pxl_report_write(). Initialise with ::PXL_REPORT_OPTIONS_INIT. */
typedef struct pxl_report_options {
    unsigned version;   /**< PXL_REPORT_OPTIONS_VERSION (3); a caller built against version 1
                             (without cancel) still writes, without cancellation; version 2
                             without previous and annotated, without the Utveckling column and links. */
    int overwrite;      /**< 1: replace an existing output file. */
    time_t created;     /**< Creation time written into the file; 0: SOURCE_DATE_EPOCH, else the newest input's mtime. */
    pxl_report_cancel cancel; /**< Version 2: NULL for none. It runs in the caller's locale. */
    void *cancel_ctx;         /**< Version 2: passed to cancel. */
    const pxl_plan *previous; /**< Version 3: the previous plan, or NULL. With one, each KPI row
                                   says how it moved since (förbättrat, försämrat, oförändrat;
                                   pxl_kpi_compare()) in an Utveckling column. Its files are
                                   inputs too; the caller keeps it until the call returns. */
    /** Version 3: NULL, or per input file (pxl_plan_file()'s index) the path of its annotated copy
     *  (pxl_annotate()) as the Kontroller sheet should link to it — relative to the report's
     *  folder, or absolute — or NULL for a file without one. The array is the caller's. */
    const char *const *annotated;
} pxl_report_options;

#define PXL_REPORT_OPTIONS_VERSION 3
#define PXL_REPORT_OPTIONS_INIT { PXL_REPORT_OPTIONS_VERSION, 0, 0, NULL, NULL, NULL, NULL }

/**
 * @brief Write the committee workbook for @p plan to @p path.
 *
 * The file is written beside @p path into a temporary file (unnamed on Linux:
 * O_TMPFILE) and put into place in one atomic step only when complete: @p path is
 * either as it was or the complete report, and after PXL_OK it is the report. On any
 * error or cancellation nothing is left behind. Numbers are
 * written in the C locale whatever the caller's locale.
 * @param plan     The plan; must hold no duplicate measure (PXL_ERR_DUPLICATE).
 * @param findings What pxl_check_run() found, for the Kontroller sheet; may be NULL.
 * @param path     The .xlsx to write; never one of the plan's input files.
 * @param options  NULL for the defaults.
 * @return PXL_OK; PXL_ERR_DUPLICATE, PXL_ERR_EXISTS (@p path exists and overwrite is 0),
 *         PXL_ERR_SAME_FILE, PXL_ERR_WRITE, PXL_ERR_IO, PXL_ERR_NOMEM; PXL_ERR_CANCELLED;
 *         PXL_ERR_INVALID_ARGUMENT for no plan or path, or @p options of an unknown
 *         version. pxl_error_message() names the file.
 */
PXL_EXTERN pxl_error pxl_report_write(const pxl_plan *plan, const pxl_findings *findings, const char *path,
                                      const pxl_report_options *options);

#ifdef __cplusplus
}
#endif
#endif /* PLANXL_REPORT_H */
