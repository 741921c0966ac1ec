/*
 * The two presentations of a diff (docs/diff.md): text, one change a line in the
 * "file:Sheet!Cell: kind: message" style of check, with the old side's cell at the end;
 * JSON, the contract of share/planxl/diff.schema.json.
 */
#ifndef PLANXL_CLI_DIFF_PRINT_H
#define PLANXL_CLI_DIFF_PRINT_H

#include <stdio.h>

#include "planxl/diff.h"
#include "planxl/plan.h"

void diff_print_text(FILE *out, const pxl_diff *diff, const pxl_plan *old_plan, const pxl_plan *new_plan);
void diff_print_json(FILE *out, const pxl_diff *diff, const pxl_plan *old_plan, const pxl_plan *new_plan);

#endif
