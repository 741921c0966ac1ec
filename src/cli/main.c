/* planxl: the command-line tool. Argument parsing and printing only; the work is in libplanxl. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "planxl/planxl.h"

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"dump", cmd_dump, "print the plan model read from workbooks (text or JSON)"},
    {"check", cmd_check, "validate plan workbooks: totals, numbers, missing fields"},
    {"report", cmd_report, "write the committee workbook (.xlsx) for one or more plans"},
    {"convert", cmd_convert, "convert legacy .xls workbooks to .xlsx"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: planxl <command> [options] FILE...\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'planxl <command> --help' describes a command; planxl(1) has the options every command\n"
               "shares and the exit codes. planxl %s\n", pxl_version());
}

int main(int argc, char **argv)
{
    /* No setlocale(): the CLI's messages are English and its text is UTF-8 in
     * and out, so it needs nothing from the user's locale, and loading it cost
     * ~0.2 MB of RSS per run (issue 5's small-file target). Nor does it need the
     * C locale for numbers: the library formats and parses them the same in any
     * locale a host program sets (src/util/locale.h; tests/check_locale.c runs it
     * under sv_SE.UTF-8 and de_DE.UTF-8). */

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
