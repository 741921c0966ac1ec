/*
 * One option parser for every command (getopt_long over one table), so a flag
 * means the same in each: -f/--force, -q/--quiet, -v/--verbose, -o FILE,
 * -j N, -d DIR, --reader, --format. Short options combine (-fq) and take
 * attached values (-o/path, -j2); options and files may come in any order;
 * "--" ends the options.
 */
#ifndef PLANXL_CLI_OPTIONS_H
#define PLANXL_CLI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "planxl/grid.h"

/* The options a command accepts (cli_command.options). -h/--help is always accepted. */
enum {
    CLI_OPT_FORCE = 1u << 0,   /* -f, --force */
    CLI_OPT_QUIET = 1u << 1,   /* -q, --quiet */
    CLI_OPT_VERBOSE = 1u << 2, /* -v, --verbose */
    CLI_OPT_OUTPUT = 1u << 3,  /* -o, --output FILE */
    CLI_OPT_JOBS = 1u << 4,    /* -j, --jobs N */
    CLI_OPT_DIR = 1u << 5,     /* -d, --dir DIR */
    CLI_OPT_READER = 1u << 6,  /* --reader auto|freexl|biff|xlsx */
    CLI_OPT_FORMAT = 1u << 7,  /* --format (cli_command.formats) */
    CLI_OPT_WERROR = 1u << 8,  /* --werror */
    CLI_OPT_HIDDEN = 1u << 9,  /* --include-hidden */
    CLI_OPT_ANNOTATE = 1u << 10, /* --annotate DIR */
    CLI_OPT_SIDES = 1u << 11,  /* --old FILE, --new FILE (diff), each repeatable */
    CLI_OPT_XLSX = 1u << 12,   /* --xlsx OUT.xlsx (diff's side-by-side workbook) */
    CLI_OPT_PREVIOUS = 1u << 13 /* --previous FILE (report), repeatable: into old_files */
};

/* More workers than this only thrash: each holds a whole workbook in memory (freexl). */
#define CLI_MAX_JOBS 64

typedef struct cli_command {
    const char *name;             /* "convert" */
    unsigned options;             /* CLI_OPT_* */
    const char *const *formats;   /* the --format values, NULL-terminated; the first is the default */
    const char *help;             /* the --help text */
    pxl_reader_kind reader;       /* the reader when --reader is not given (0: PXL_READER_AUTO) */
} cli_command;

typedef struct cli_args {
    int force, quiet, verbose, werror;
    int include_hidden;           /* --include-hidden: read hidden and very hidden sheets too */
    const char *output;           /* -o, NULL when not given; "-" is standard output */
    const char *dir;              /* -d, NULL when not given */
    const char *annotate;         /* --annotate DIR, NULL when not given */
    const char *xlsx;             /* --xlsx, NULL when not given */
    int jobs;                     /* -j, 1 when not given */
    pxl_reader_kind reader;       /* --reader, cli_command.reader when not given */
    const char *format;           /* --format, the command's first format when not given */
    char **files;                 /* the operands in order ("-" among them stays a name) */
    size_t file_count;
    char **old_files, **new_files; /* --old (or --previous), --new in order (CLI_OPT_SIDES,
                                      CLI_OPT_PREVIOUS); free with cli_args_free */
    size_t old_count, new_count;
} cli_args;

/*
 * Parse @p argv (argv[0] is the command's name) for @p cmd into @p args.
 * Returns -1 to go on; otherwise the exit status to return at once: 0 after
 * --help, PXL_EXIT_USAGE after a usage error (already printed on stderr).
 * -q with -v is a usage error: quiet asks for errors only, verbose for more.
 */
int cli_parse(const cli_command *cmd, int argc, char **argv, cli_args *args);

/* Free what cli_parse() allocated (the --old/--new lists), whatever it returned; the operands are argv's. */
void cli_args_free(cli_args *args);

/* "planxl: CMD: <message>" and a pointer to --help, on stderr: for usage errors after parsing. */
void cli_usage_error(const cli_command *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
