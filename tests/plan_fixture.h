/* Building plans for the report's tests without the recogniser (src/model/plan_internal.h builders). */
#ifndef PLANXL_TEST_PLAN_FIXTURE_H
#define PLANXL_TEST_PLAN_FIXTURE_H

#include "model/plan_internal.h"

/* The example plan of tests/data/plan-2024-08.json, recorded as read from @p file. */
void pxl_test_build_example(pxl_plan *plan, const char *file);

/* A KPI value parsed from @p text as the recogniser would (pxl_parse_text, KPI rules). */
void pxl_test_kpi_value(pxl_plan *plan, pxl_value *value, const char *text);
/* An amount cell holding the number @p number shown as @p text. */
void pxl_test_amount(pxl_plan *plan, pxl_value *value, double number, const char *text);

#endif
