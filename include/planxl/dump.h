/**
 * @file dump.h
 * @brief A plan written out as it was read: JSON (a contract for scripts) or a text outline.
 */
#ifndef PLANXL_DUMP_H
#define PLANXL_DUMP_H

#include <stdio.h>
#include "common.h"
#include "error.h"
#include "plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Write @p plan to @p out as JSON: the contract `planxl dump --format json` gives
 *        scripts (docs/recognize.md describes every field). Numbers use '.' in any locale.
 * @param plan The plan, read with pxl_plan_read(); not changed.
 * @param out Where to write; the caller opens and closes it.
 * @param out_name Names @p out in an error message ("-" or a path).
 * @return PXL_OK, or PXL_ERR_IO (message naming @p out_name) when writing failed.
 */
PXL_EXTERN pxl_error pxl_plan_write_json(const pxl_plan *plan, FILE *out, const char *out_name);

/**
 * @brief Write @p plan to @p out as a readable outline (`planxl dump --format text`).
 *        Not a contract: scripts should read the JSON.
 * @param plan The plan; not changed.
 * @param out Where to write; the caller opens and closes it.
 * @param out_name Names @p out in an error message.
 * @return PXL_OK, or PXL_ERR_IO (message naming @p out_name) when writing failed.
 */
PXL_EXTERN pxl_error pxl_plan_write_outline(const pxl_plan *plan, FILE *out, const char *out_name);

#ifdef __cplusplus
}
#endif
#endif /* PLANXL_DUMP_H */
