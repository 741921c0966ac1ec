/* The CLI's shared pieces: one cmd_<name>.c per subcommand, over the library. */
#ifndef PLANXL_CLI_H
#define PLANXL_CLI_H

#include <stdio.h>

#include "planxl/plan.h"
#include "util/text.h"

/* A message of the CLI's in the user's language (LC_MESSAGES; docs/messages.md). */
#define _(msgid) pxl_text(msgid)

/*
 * Exit codes, one table for every command (man/planxl.1, EXIT STATUS). Where
 * several apply, the highest is returned (an interruption above everything).
 */
#define PXL_EXIT_OK 0          /* done (diff: the plans are equal) */
#define PXL_EXIT_FINDINGS 1    /* check: errors found (warnings too with --werror); diff: the plans differ; report, convert, an
                                  output file of dump or check: an output not written (it exists and
                                  no --force, it is an input, duplicate measures, a write failed) */
#define PXL_EXIT_UNREADABLE 2  /* an input could not be read (the other files are still done) */
#define PXL_EXIT_USAGE 64      /* usage error (sysexits.h's EX_USAGE) */
#define PXL_EXIT_NOMEM 70      /* out of memory or another system resource (EX_SOFTWARE) */
#define PXL_EXIT_SIGNAL 128    /* + N: interrupted by signal N (130 Ctrl-C, 143 TERM) */

int cmd_dump(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_diff(int argc, char **argv);

/* Print "planxl: <message>" to stderr, @p fmt translated (xgettext keyword cli_error). */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* The exit code for a library error (the table above): NOMEM 70; an output refused or not written 1;
 * anything else (the input) 2. */
int cli_exit_for(pxl_error err);

/* The library's message for the last error, or pxl_strerror(@p err) when it has none. */
const char *cli_error_text(pxl_error err);

/* "auto", "freexl" or "biff" into *kind; 0 on success, -1 for anything else. */
int cli_parse_reader(const char *name, pxl_reader_kind *kind);

/* With @p verbose, say on stderr which reader read each file of @p plan, and why
 * AUTO fell back to planxl's own BIFF reader where it did. */
void cli_note_readers(const pxl_plan *plan, pxl_reader_kind requested, int verbose);

/* ---- "-o FILE" and "-o -" (cli_output.c) ---- */

/*
 * A text output (dump, check): standard output for NULL or "-", else FILE
 * written safely (a temporary file renamed into place by cli_text_output_close;
 * an existing FILE only with @p force). Returns NULL with the message printed.
 */
typedef struct cli_text_output cli_text_output;
cli_text_output *cli_text_output_open(const char *path, int force, char *const *inputs, size_t input_count,
                                      int *exit_code);
FILE *cli_text_output_file(cli_text_output *out);
/* Flush and commit (or, with @p discard, drop); returns an exit code (0, or what failed, printed). */
int cli_text_output_close(cli_text_output *out, int discard);

/*
 * A workbook written to standard output ("-o -" of report and convert): refused
 * on a terminal (a message and PXL_EXIT_USAGE into *exit_code, NULL returned);
 * otherwise the path of a temporary file to write, in a fresh directory under
 * $TMPDIR (or /tmp), for cli_workbook_to_stdout(). Free with cli_workbook_temp_end().
 */
char *cli_workbook_temp(const char *command, int *exit_code);
/* Copy the finished @p temp to standard output; an exit code. */
int cli_workbook_to_stdout(const char *temp);
/* Remove @p temp and its directory; free it. */
void cli_workbook_temp_end(char *temp);

/* NAME.xlsx for IN (its name without the extension), in @p dir, or beside IN when @p dir
 * is NULL; malloc'd, NULL when out of memory. */
char *cli_xlsx_path_for(const char *in, const char *dir);
/* mkdir -p: @p dir and any missing parent; 0, or -1 with the message printed. */
int cli_make_dir(const char *dir);

#endif
