/* Printing findings for `planxl check`: compiler-style text, or JSON for scripts. */
#ifndef PLANXL_CLI_CHECK_PRINT_H
#define PLANXL_CLI_CHECK_PRINT_H

#include <stdio.h>
#include "planxl/check.h"

/* One line per finding, `file:Sheet!E44: error: code: message`, then a one-line summary. */
void check_print_text(FILE *out, const pxl_findings *findings, size_t files);
/* The same with only the findings of @p min_severity or worse (--quiet: errors only); the summary
 * still counts them all. */
void check_print_text_from(FILE *out, const pxl_findings *findings, size_t files, pxl_severity min_severity);

/* {"findings":[…],"summary":{"files":N,"errors":N,"warnings":N}} and a newline. */
void check_print_json(FILE *out, const pxl_findings *findings, size_t files);

#endif
