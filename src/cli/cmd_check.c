/*
 * planxl check FILE… [--format text|json] [--werror] [--reader auto|freexl|biff]
 * Reads every file into one plan (so a measure submitted twice is found across
 * files), runs the library's checks and prints the findings (issue 3).
 * Exit: 0 no errors; 1 errors (or warnings with --werror); 2 a file could not
 * be read (the highest applies; the other files are still checked); 64 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_print.h"
#include "cli.h"
#include "planxl/planxl.h"

static void usage(FILE *f)
{
    fputs("usage: planxl check FILE... [--format text|json] [--werror] [--reader auto|freexl|biff] [-v]\n"
          "\n"
          "Check plan workbooks: totals against their rows, numbers that do not parse, missing\n"
          "fields, duplicates, amounts stated in the text against the tables.\n"
          "\n"
          "  --format text|json  compiler-style lines (default) or one JSON document\n"
          "  --werror            exit 1 on warnings too\n"
          "  --reader R          auto (default), freexl, or biff (planxl's own reader)\n"
          "  -v, --verbose       say which reader read each file (and why planxl's own\n"
          "                      reader took over when freexl could not open one)\n"
          "\n"
          "exit status: 0 no errors, 1 errors (or warnings with --werror),\n"
          "             2 a file could not be read, 64 usage error\n",
          f);
}

int cmd_check(int argc, char **argv)
{
    int json = 0, werror = 0;
    pxl_read_options read_options = PXL_READ_OPTIONS_INIT;
    const char **files = calloc((size_t)argc, sizeof *files);
    size_t file_count = 0;
    if (!files) {
        cli_error("out of memory");
        return PXL_EXIT_UNREADABLE;
    }
    int only_files = 0, verbose = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *value = NULL;
        int m;
        if (only_files || arg[0] != '-' || arg[1] == '\0') {
            files[file_count++] = arg;
        } else if (!strcmp(arg, "--")) {
            only_files = 1;
        } else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            usage(stdout);
            free(files);
            return PXL_EXIT_OK;
        } else if (!strcmp(arg, "--werror")) {
            werror = 1;
        } else if (!strcmp(arg, "--verbose") || !strcmp(arg, "-v")) {
            verbose = 1;
        } else if ((m = cli_option_value(argc, argv, &i, "--format", &value)) != 0) {
            if (m < 0 || (strcmp(value, "text") && strcmp(value, "json"))) {
                cli_error(m < 0 ? "--format needs a value: text or json" : "unknown --format '%s': text or json",
                          value);
                goto usage_error;
            }
            json = !strcmp(value, "json");
        } else if ((m = cli_option_value(argc, argv, &i, "--reader", &value)) != 0) {
            if (m < 0) {
                cli_error("--reader needs a value: auto, freexl or biff");
                goto usage_error;
            }
            if (cli_parse_reader(value, &read_options.grid.reader) != 0) {
                cli_error("unknown --reader '%s': auto, freexl or biff", value);
                goto usage_error;
            }
        } else {
            cli_error("check: unknown option '%s'", arg);
            goto usage_error;
        }
    }
    if (file_count == 0) {
        cli_error("check: no file given");
        goto usage_error;
    }

    pxl_plan *plan;
    if (pxl_plan_new(&plan) != PXL_OK) {
        cli_error("%s", pxl_error_message());
        free(files);
        return PXL_EXIT_UNREADABLE;
    }
    int status = PXL_EXIT_OK, unreadable = 0;
    for (size_t i = 0; i < file_count; i++) {
        pxl_error err = pxl_plan_read(plan, files[i], &read_options);
        if (err == PXL_ERR_NOMEM) {
            /* Not recorded in the plan (recording needs memory too): say it here. */
            cli_error("%s", pxl_error_message());
            unreadable = 1;
        } else if (err != PXL_OK) {
            unreadable = 1;  /* recorded in the plan: reported as unreadable-file */
        }
    }
    cli_note_readers(plan, read_options.grid.reader, verbose);
    pxl_findings *findings = NULL;
    if (pxl_check_run(&findings, plan, NULL) != PXL_OK) {
        cli_error("%s", pxl_error_message());
        pxl_plan_free(plan);
        free(files);
        return PXL_EXIT_UNREADABLE;
    }
    if (json)
        check_print_json(stdout, findings, file_count);
    else
        check_print_text(stdout, findings, file_count);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write the findings to standard output");
        status = PXL_EXIT_UNREADABLE;
    }

    size_t errors = pxl_findings_count_severity(findings, PXL_SEVERITY_ERROR);
    size_t warnings = pxl_findings_count_severity(findings, PXL_SEVERITY_WARNING);
    if (unreadable || pxl_plan_unreadable_count(plan) > 0)
        status = PXL_EXIT_UNREADABLE;
    else if (status == PXL_EXIT_OK && (errors > 0 || (werror && warnings > 0)))
        status = PXL_EXIT_FINDINGS;
    pxl_findings_free(findings);
    pxl_plan_free(plan);
    free(files);
    return status;

usage_error:
    usage(stderr);
    free(files);
    return PXL_EXIT_USAGE;
}
