/* Reading the command line's workbooks into one plan: what dump, check and report share. */
#ifndef PLANXL_CLI_PLAN_H
#define PLANXL_CLI_PLAN_H

#include <stddef.h>

#include "cli_options.h"
#include "planxl/plan.h"

/*
 * Read every file of @p args into a new plan (*plan; NULL when none could be made), each with
 * the chosen reader, and say which reader read what (-v). Out of memory is always printed; an
 * unreadable file is printed when @p print_unreadable (check reports it as a finding instead).
 * Returns the exit status so far: PXL_EXIT_OK, PXL_EXIT_UNREADABLE or PXL_EXIT_NOMEM; *read (may
 * be NULL) counts the files read.
 */
int cli_read_plan(const cli_args *args, int print_unreadable, pxl_plan **plan, size_t *read);

#endif
