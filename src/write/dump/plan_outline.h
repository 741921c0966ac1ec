/* The plan model as a readable outline: `planxl dump --format text`. Not a contract; use JSON in scripts. */
#ifndef PLANXL_PLAN_OUTLINE_H
#define PLANXL_PLAN_OUTLINE_H

#include <stdio.h>
#include "planxl/plan.h"

/* Write @p plan to @p out. Returns PXL_OK, or PXL_ERR_IO (message naming @p out_name). */
pxl_error pxl_plan_write_outline(const pxl_plan *plan, FILE *out, const char *out_name);

#endif
