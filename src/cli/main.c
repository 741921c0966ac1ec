/* planxl: the command-line tool. Argument parsing and printing only; the work is in libplanxl. */
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "planxl/planxl.h"

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"dump", cmd_dump, N_("print the plan model read from workbooks (text or JSON)")},
    {"check", cmd_check, N_("validate plan workbooks: totals, numbers, missing fields")},
    {"report", cmd_report, N_("write the committee workbook (.xlsx) for one or more plans")},
    {"convert", cmd_convert, N_("convert legacy .xls workbooks to .xlsx")},
    {"diff", cmd_diff, N_("compare two plans: measures, amounts and KPIs that changed")},
};

static void usage(FILE *f)
{
    fputs(_("usage: planxl <command> [options] FILE...\n\ncommands:\n"), f);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
    fprintf(f, _("\n'planxl <command> --help' describes a command; planxl(1) has the options every command\n"
                 "shares and the exit codes. planxl %s\n"), pxl_version());
}

int main(int argc, char **argv)
{
    /* LC_MESSAGES alone: the messages in the user's language (po/, docs/messages.md).
     * The rest stays C: the CLI's text is UTF-8 in and out whatever LC_CTYPE says,
     * and loading the whole locale cost ~0.2 MB of RSS per run (issue 5's small-file
     * target). Numbers do not need it either: the library formats and parses them the
     * same in any locale a host program sets (src/util/locale.h; tests/check_locale.c
     * runs it under sv_SE.UTF-8 and de_DE.UTF-8). */
    setlocale(LC_MESSAGES, "");
    /* Over a file-size limit (ulimit -f) a write fails with EFBIG and planxl says so, naming the
     * file, rather than being killed by SIGXFSZ half-way (the temporary file goes with it). */
    signal(SIGXFSZ, SIG_IGN);

    if (argc < 2) {
        usage(stderr);
        return PXL_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return PXL_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("planxl %s\n", pxl_version());
        return PXL_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    cli_error("unknown command '%s'", argv[1]);
    usage(stderr);
    return PXL_EXIT_USAGE;
}
