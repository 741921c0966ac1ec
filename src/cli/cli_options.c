/* The shared option table and its getopt_long parser (cli_options.h). */
#define _GNU_SOURCE /* getopt_long */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"

/* Long-only options get values above any character. */
enum { LONG_READER = 256, LONG_FORMAT, LONG_WERROR, LONG_HIDDEN, LONG_ANNOTATE, LONG_OLD, LONG_NEW, LONG_XLSX,
       LONG_PREVIOUS };

static const struct option_spec {
    unsigned flag;   /* 0: every command */
    const char *name;
    int has_arg;
    int val;         /* the short option, or LONG_* */
} specs[] = {
    {CLI_OPT_FORCE, "force", no_argument, 'f'},
    {CLI_OPT_QUIET, "quiet", no_argument, 'q'},
    {CLI_OPT_VERBOSE, "verbose", no_argument, 'v'},
    {CLI_OPT_OUTPUT, "output", required_argument, 'o'},
    {CLI_OPT_JOBS, "jobs", required_argument, 'j'},
    {CLI_OPT_DIR, "dir", required_argument, 'd'},
    {CLI_OPT_READER, "reader", required_argument, LONG_READER},
    {CLI_OPT_FORMAT, "format", required_argument, LONG_FORMAT},
    {CLI_OPT_WERROR, "werror", no_argument, LONG_WERROR},
    {CLI_OPT_HIDDEN, "include-hidden", no_argument, LONG_HIDDEN},
    {CLI_OPT_ANNOTATE, "annotate", required_argument, LONG_ANNOTATE},
    {CLI_OPT_SIDES, "old", required_argument, LONG_OLD},
    {CLI_OPT_SIDES, "new", required_argument, LONG_NEW},
    {CLI_OPT_XLSX, "xlsx", required_argument, LONG_XLSX},
    {CLI_OPT_PREVIOUS, "previous", required_argument, LONG_PREVIOUS},
    {0, "help", no_argument, 'h'},
};
#define SPEC_COUNT (sizeof specs / sizeof specs[0])

static void vusage_error(const cli_command *cmd, const char *fmt, va_list ap)
{
    fprintf(stderr, "planxl: %s: ", cmd->name);
    vfprintf(stderr, pxl_text(fmt), ap);
    fputc('\n', stderr);
    /* The synopsis: the help text up to its first blank line. */
    const char *help = pxl_text(cmd->help);
    const char *end = strstr(help, "\n\n");
    fwrite(help, 1, end ? (size_t)(end - help) + 1 : strlen(help), stderr);
    fprintf(stderr, _("(see 'planxl %s --help')\n"), cmd->name);
}

void cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vusage_error(cmd, fmt, ap);
    va_end(ap);
}

static int parse_jobs(const char *text, int *jobs)
{
    char *end;
    errno = 0;
    long n = strtol(text, &end, 10);
    if (errno || end == text || *end || n < 1 || n > CLI_MAX_JOBS)
        return -1;
    *jobs = (int)n;
    return 0;
}

/* The value's place in cmd->formats, or -1. */
static int find_format(const cli_command *cmd, const char *value)
{
    for (int i = 0; cmd->formats && cmd->formats[i]; i++)
        if (!strcmp(cmd->formats[i], value))
            return i;
    return -1;
}

static void list_formats(const cli_command *cmd, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; cmd->formats && cmd->formats[i] && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? (cmd->formats[i + 1] ? ", " : _(" or ")) : "",
                                cmd->formats[i]);
}

void cli_args_free(cli_args *args)
{
    free(args->old_files);
    free(args->new_files);
    args->old_files = args->new_files = NULL;
    args->old_count = args->new_count = 0;
}

int cli_parse(const cli_command *cmd, int argc, char **argv, cli_args *args)
{
    memset(args, 0, sizeof *args);
    if (cmd->options & (CLI_OPT_SIDES | CLI_OPT_PREVIOUS)) {
        /* No more --old or --new than arguments: one allocation each, filled as they come. */
        args->old_files = malloc((size_t)argc * sizeof *args->old_files);
        args->new_files = malloc((size_t)argc * sizeof *args->new_files);
        if (!args->old_files || !args->new_files) {
            cli_args_free(args);
            cli_error("out of memory");
            return PXL_EXIT_NOMEM;
        }
    }
    args->jobs = 1;
    args->reader = cmd->reader;
    args->format = cmd->formats ? cmd->formats[0] : NULL;

    /* ':' first: a missing value is told apart from an unknown option. */
    char shorts[2 * SPEC_COUNT + 2] = ":";
    size_t n = 1;
    struct option longs[SPEC_COUNT + 1];
    size_t l = 0;
    for (size_t i = 0; i < SPEC_COUNT; i++) {
        if (specs[i].flag && !(cmd->options & specs[i].flag))
            continue;
        longs[l++] = (struct option){specs[i].name, specs[i].has_arg, NULL, specs[i].val};
        if (specs[i].val < 256) {
            shorts[n++] = (char)specs[i].val;
            if (specs[i].has_arg == required_argument)
                shorts[n++] = ':';
        }
    }
    shorts[n] = '\0';
    longs[l] = (struct option){NULL, 0, NULL, 0};

    opterr = 0; /* our messages, with the command's name */
    int c;
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(pxl_text(cmd->help), stdout);
            return PXL_EXIT_OK;
        case 'f': args->force = 1; break;
        case 'q': args->quiet = 1; break;
        case 'v': args->verbose = 1; break;
        case LONG_WERROR: args->werror = 1; break;
        case LONG_HIDDEN: args->include_hidden = 1; break;
        case LONG_XLSX:
            if (!optarg[0]) {
                cli_usage_error(cmd, "--xlsx needs a file name");
                return PXL_EXIT_USAGE;
            }
            args->xlsx = optarg;
            break;
        case LONG_OLD:
        case LONG_NEW:
        case LONG_PREVIOUS:
            if (!optarg[0]) {
                cli_usage_error(cmd, "%s needs a workbook",
                                c == LONG_OLD ? "--old" : c == LONG_NEW ? "--new" : "--previous");
                cli_args_free(args);
                return PXL_EXIT_USAGE;
            }
            if (c != LONG_NEW)
                args->old_files[args->old_count++] = optarg;
            else
                args->new_files[args->new_count++] = optarg;
            break;
        case 'o':
            if (!optarg[0]) {
                cli_usage_error(cmd, "-o needs a file name ('-' for standard output)");
                return PXL_EXIT_USAGE;
            }
            args->output = optarg;
            break;
        case 'd':
            if (!optarg[0]) {
                cli_usage_error(cmd, "-d needs a directory");
                return PXL_EXIT_USAGE;
            }
            args->dir = optarg;
            break;
        case LONG_ANNOTATE:
            if (!optarg[0]) {
                cli_usage_error(cmd, "--annotate needs a directory");
                return PXL_EXIT_USAGE;
            }
            args->annotate = optarg;
            break;
        case 'j':
            if (parse_jobs(optarg, &args->jobs) != 0) {
                cli_usage_error(cmd, "-j wants a number of worker processes from 1 to %d, not '%s'", CLI_MAX_JOBS,
                                optarg);
                return PXL_EXIT_USAGE;
            }
            break;
        case LONG_READER:
            if (cli_parse_reader(optarg, &args->reader) != 0) {
                cli_usage_error(cmd, "--reader is auto, freexl, biff or xlsx, not '%s'", optarg);
                return PXL_EXIT_USAGE;
            }
            break;
        case LONG_FORMAT: {
            int f = find_format(cmd, optarg);
            if (f < 0) {
                char list[128];
                list_formats(cmd, list, sizeof list);
                cli_usage_error(cmd, "--format is %s, not '%s'", list, optarg);
                return PXL_EXIT_USAGE;
            }
            args->format = cmd->formats[f];
            break;
        }
        case ':':
            cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
            return PXL_EXIT_USAGE;
        default:
            if (optopt && optopt < 256)
                cli_usage_error(cmd, "unknown option '-%c'", optopt);
            else
                cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
            return PXL_EXIT_USAGE;
        }
    }
    if (args->quiet && args->verbose) {
        cli_usage_error(cmd, "--quiet and --verbose contradict each other: quiet prints errors only");
        return PXL_EXIT_USAGE;
    }
    args->files = argv + optind;
    args->file_count = (size_t)(argc - optind);
    return -1;
}
