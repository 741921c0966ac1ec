/* The CLI's shared pieces: one cmd_<name>.c per subcommand, over the library. */
#ifndef PLANXL_CLI_H
#define PLANXL_CLI_H

#include <stdio.h>

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

#endif
