/**
 * @file annotate.h
 * @brief The findings go back to the unit: an annotated copy of a checked workbook.
 */
#ifndef PLANXL_ANNOTATE_H
#define PLANXL_ANNOTATE_H

#include "common.h"
#include <stddef.h>
#include "check.h"
#include "error.h"
#include "grid.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Options for pxl_annotate(). Initialise with ::PXL_ANNOTATE_OPTIONS_INIT. */
typedef struct pxl_annotate_options {
    unsigned version;      /**< Always PXL_ANNOTATE_OPTIONS_VERSION. */
    pxl_grid_options grid; /**< Which reader. ::PXL_READER_AUTO (the default): convert's default,
                                planxl's BIFF reader, which carries the look (AUTO itself when only
                                freexl can read the file); another: that reader. */
    int overwrite;         /**< 1: replace an existing output file. */
} pxl_annotate_options;

#define PXL_ANNOTATE_OPTIONS_VERSION 1
#define PXL_ANNOTATE_OPTIONS_INIT { PXL_ANNOTATE_OPTIONS_VERSION, PXL_GRID_OPTIONS_INIT, 0 }

/**
 * @brief Write @p out, an annotated .xlsx copy of the checked workbook @p in.
 *
 * The copy is @p in as pxl_convert() writes it (an .xlsx input: its values and formulas
 * through the grid), with a first sheet "Kontroller" that lists the findings about @p in,
 * in Swedish, each with a link to its cell; and at each finding's cell a comment (severity,
 * code, message, the expected value) and a mark (errors red, warnings amber; notes carry the
 * comment only). A finding without a cell is listed only. Findings about other files are
 * left out: a finding is about @p in when its cell's file is the same string.
 * Written beside @p out under a temporary name and renamed when complete; @p in is never
 * written.
 * @param in       The workbook that was checked (.xls or .xlsx).
 * @param out      The .xlsx to write.
 * @param findings pxl_check_run()'s findings (of any number of files).
 * @param options  NULL for the defaults.
 * @param listed   Receives how many findings the copy lists; may be NULL.
 * @return PXL_OK, or pxl_convert()'s errors; PXL_ERR_INVALID_ARGUMENT for a missing argument
 *         or @p options of an unknown version.
 */
PXL_EXTERN pxl_error pxl_annotate(const char *in, const char *out, const pxl_findings *findings,
                                  const pxl_annotate_options *options, size_t *listed);

#ifdef __cplusplus
}
#endif
#endif /* PLANXL_ANNOTATE_H */
