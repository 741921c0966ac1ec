/* The CLI's shared pieces: one cmd_<name>.c per subcommand, over the library. */
#ifndef PLANXL_CLI_H
#define PLANXL_CLI_H

#include <stdio.h>

#include "planxl/plan.h"

/* Exit codes (sysexits.h's EX_USAGE for usage errors). */
#define PXL_EXIT_OK 0
#define PXL_EXIT_FINDINGS 1
#define PXL_EXIT_UNREADABLE 2
#define PXL_EXIT_USAGE 64

int cmd_dump(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_convert(int argc, char **argv);

/* Print "planxl: <message>" to stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/*
 * Match a long option that takes a value, in both "--name value" and
 * "--name=value" forms. On a match, *value is set and *i advanced past what
 * was used; returns 1 on a match, 0 on none, -1 when the value is missing.
 */
int cli_option_value(int argc, char **argv, int *i, const char *name, const char **value);

/* "auto", "freexl" or "biff" into *kind; 0 on success, -1 for anything else. */
int cli_parse_reader(const char *name, pxl_reader_kind *kind);

/* With @p verbose, say on stderr which reader read each file of @p plan, and why
 * AUTO fell back to planxl's own BIFF reader where it did. */
void cli_note_readers(const pxl_plan *plan, pxl_reader_kind requested, int verbose);

#endif
