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

/** @brief Options for pxl_report_write(). Initialise with ::PXL_REPORT_OPTIONS_INIT. */
typedef struct pxl_report_options {
    unsigned version;   /**< PXL_REPORT_OPTIONS_VERSION (2); a caller built against version 1
                             (without previous) still writes, without the Utveckling column. */
    int overwrite;      /**< 1: replace an existing output file. */
    time_t created;     /**< Creation time written into the file; 0: SOURCE_DATE_EPOCH, else the newest input's mtime. */
    const pxl_plan *previous; /**< Version 2: the previous plan, or NULL. With one, each KPI row
                                   says how it moved since (förbättrat, försämrat, oförändrat;
                                   pxl_kpi_compare()) in an Utveckling column. Not one of the
                                   output's inputs; the caller keeps it until the call returns. */
} pxl_report_options;

#define PXL_REPORT_OPTIONS_VERSION 2
#define PXL_REPORT_OPTIONS_INIT { PXL_REPORT_OPTIONS_VERSION, 0, 0, NULL }

/**
 * @brief Write the committee workbook for @p plan to @p path.
 *
 * The file is written beside @p path under a temporary name and renamed into
 * place only when complete; on any error nothing is left behind. Numbers are
 * written in the C locale whatever the caller's locale.
 * @param plan     The plan; must hold no duplicate measure (PXL_ERR_DUPLICATE).
 * @param findings What pxl_check_run() found, for the Kontroller sheet; may be NULL.
 * @param path     The .xlsx to write; never one of the plan's input files.
 * @param options  NULL for the defaults.
 * @return PXL_OK; PXL_ERR_DUPLICATE, PXL_ERR_EXISTS (@p path exists and overwrite is 0),
 *         PXL_ERR_SAME_FILE, PXL_ERR_WRITE, PXL_ERR_IO, PXL_ERR_NOMEM;
 *         PXL_ERR_INVALID_ARGUMENT for no plan or path, or @p options of an unknown
 *         version. pxl_error_message() names the file.
 */
PXL_EXTERN pxl_error pxl_report_write(const pxl_plan *plan, const pxl_findings *findings, const char *path,
                                      const pxl_report_options *options);

#ifdef __cplusplus
}
#endif
#endif /* PLANXL_REPORT_H */
