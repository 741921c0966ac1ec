/*
 * The plan model as JSON: the contract `planxl dump --format json` gives
 * scripts (docs/recognize.md describes every field).
 */
#ifndef PLANXL_PLAN_JSON_H
#define PLANXL_PLAN_JSON_H

#include <stdio.h>
#include "planxl/plan.h"

/* Write @p plan to @p out. Returns PXL_OK, or PXL_ERR_IO (message naming @p out_name) when writing failed. */
pxl_error pxl_plan_write_json(const pxl_plan *plan, FILE *out, const char *out_name);

#endif
