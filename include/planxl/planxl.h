/**
 * @file planxl.h
 * @brief planxl: read legacy .xls action plans, check them, report and convert to .xlsx.
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
