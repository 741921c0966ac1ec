/*
 * planxl check FILE… : reads every file into one plan (so a measure submitted
 * twice is found across files), runs the library's checks and prints the
 * findings (issue 3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_print.h"
#include "cli.h"
#include "cli_options.h"
#include "cli_plan.h"
#include "planxl/planxl.h"

static const char help_text[] = N_(
    "usage: planxl check FILE... [--format text|json] [--werror] [-o OUT] [--reader auto|freexl|biff|xlsx]\n"
    "                   [--include-hidden] [--annotate DIR] [-f] [-q|-v]\n"
    "\n"
    "Check plan workbooks: totals against their rows, numbers that do not parse, missing\n"
    "fields, duplicates, amounts stated in the text against the tables.\n"
    "\n"
    "  --format text|json  compiler-style lines (default) or one JSON document\n"
    "  --werror            exit 1 on warnings too\n"
    "  -o, --output OUT    write the findings to OUT ('-': standard output, the default)\n"
    "  -f, --force         replace OUT if it exists (never an input)\n"
    "  --reader R          auto (default), freexl, biff (planxl's own .xls reader) or xlsx\n"
    "  --include-hidden    check hidden and very hidden sheets too (by default each is\n"
    "                      skipped with a sheet-skipped note)\n"
    "  --annotate DIR      write DIR/NAME.xlsx for each file read: the workbook as convert\n"
    "                      writes it, a first sheet Kontroller listing its findings in\n"
    "                      Swedish with links, and a comment and a mark at each cell\n"
    "                      (DIR is made if missing; -f replaces existing copies)\n"
    "  -q, --quiet         text format: the errors only, no warning or note lines (the\n"
    "                      summary line still counts them)\n"
    "  -v, --verbose       say which reader read each file (and why planxl's own\n"
    "                      reader took over when freexl could not open one)\n"
    "\n"
    "exit status: 0 no errors; 1 errors (or warnings with --werror), or OUT not\n"
    "written; 2 a file could not be read (the others are still checked); 64 usage\n"
    "error; 70 out of memory (the highest that applies; planxl(1))\n");

static const char *const formats[] = {"text", "json", NULL};

static const cli_command command = {
    "check",
    CLI_OPT_FORCE | CLI_OPT_QUIET | CLI_OPT_VERBOSE | CLI_OPT_OUTPUT | CLI_OPT_READER | CLI_OPT_FORMAT |
        CLI_OPT_WERROR | CLI_OPT_HIDDEN | CLI_OPT_ANNOTATE,
    formats, help_text, PXL_READER_AUTO,
};

static int was_unreadable(const pxl_plan *plan, const char *file)
{
    for (size_t i = 0; i < pxl_plan_unreadable_count(plan); i++)
        if (strcmp(pxl_plan_unreadable_file(plan, i, NULL), file) == 0)
            return 1;
    return 0;
}

/* --annotate DIR: an annotated copy of each file read; an exit code (1: one was not written). */
static int write_annotated(const cli_args *args, const pxl_plan *plan, const pxl_findings *findings)
{
    if (cli_make_dir(args->annotate) != 0)
        return PXL_EXIT_FINDINGS;
    int status = PXL_EXIT_OK;
    char **outs = calloc(args->file_count ? args->file_count : 1, sizeof *outs);
    if (!outs) {
        cli_error("out of memory");
        return PXL_EXIT_NOMEM;
    }
    for (size_t i = 0; i < args->file_count; i++) {
        const char *in = args->files[i];
        if (was_unreadable(plan, in)) {
            cli_error(_("%s: no annotated copy: the file could not be read"), in);
            status = PXL_EXIT_FINDINGS;
            continue;
        }
        if (!(outs[i] = cli_xlsx_path_for(in, args->annotate))) {
            cli_error("out of memory");
            status = PXL_EXIT_NOMEM;
            break;
        }
        size_t same = 0;
        while (same < i && !(outs[same] && strcmp(outs[same], outs[i]) == 0))
            same++;
        if (same < i) {
            cli_error(_("%s: no annotated copy: %s is the copy of %s already"), in, outs[i], args->files[same]);
            status = PXL_EXIT_FINDINGS;
            free(outs[i]);
            outs[i] = NULL;
            continue;
        }
        pxl_annotate_options options = PXL_ANNOTATE_OPTIONS_INIT;
        options.grid.reader = args->reader;
        options.overwrite = args->force;
        size_t listed;
        pxl_error err = pxl_annotate(in, outs[i], findings, &options, &listed);
        if (err != PXL_OK) {
            cli_error("%s", cli_error_text(err));
            int code = err == PXL_ERR_NOMEM ? PXL_EXIT_NOMEM : PXL_EXIT_FINDINGS;
            if (code > status)
                status = code;
        } else if (args->verbose) {
            fprintf(stderr, pxl_ntext("planxl: %s: annotated copy %s (%zu finding)\n",
                                      "planxl: %s: annotated copy %s (%zu findings)\n", listed),
                    in, outs[i], listed);
        }
    }
    for (size_t i = 0; i < args->file_count; i++)
        free(outs[i]);
    free(outs);
    return status;
}

int cmd_check(int argc, char **argv)
{
    cli_args args;
    int status = cli_parse(&command, argc, argv, &args);
    if (status >= 0)
        return status;
    if (args.file_count == 0) {
        cli_usage_error(&command, "no file given");
        return PXL_EXIT_USAGE;
    }
    /* An unreadable file is recorded in the plan and reported as an unreadable-file finding. */
    pxl_plan *plan;
    status = cli_read_plan(&args, 0, &plan, NULL);
    if (!plan)
        return status;
    pxl_error err;
    pxl_findings *findings = NULL;
    err = pxl_check_run(&findings, plan, NULL);
    if (err != PXL_OK) {
        cli_error("%s", cli_error_text(err));
        pxl_plan_free(plan);
        return err == PXL_ERR_NOMEM ? PXL_EXIT_NOMEM : PXL_EXIT_UNREADABLE;
    }
    int out_status = PXL_EXIT_OK;
    cli_text_output *out = cli_text_output_open(args.output, args.force, args.files, args.file_count, &out_status);
    if (out) {
        FILE *f = cli_text_output_file(out);
        if (!strcmp(args.format, "json"))
            check_print_json(f, findings, args.file_count);
        else
            check_print_text_from(f, findings, args.file_count,
                                  args.quiet ? PXL_SEVERITY_ERROR : PXL_SEVERITY_INFO);
        out_status = cli_text_output_close(out, 0);
    }

    if (args.annotate) {
        int annotate_status = write_annotated(&args, plan, findings);
        if (annotate_status > out_status)
            out_status = annotate_status;
    }

    size_t errors = pxl_findings_count_severity(findings, PXL_SEVERITY_ERROR);
    size_t warnings = pxl_findings_count_severity(findings, PXL_SEVERITY_WARNING);
    if (pxl_plan_unreadable_count(plan) > 0 && status < PXL_EXIT_UNREADABLE)
        status = PXL_EXIT_UNREADABLE;
    if ((errors > 0 || (args.werror && warnings > 0)) && status < PXL_EXIT_FINDINGS)
        status = PXL_EXIT_FINDINGS;
    if (out_status > status)
        status = out_status;
    pxl_findings_free(findings);
    pxl_plan_free(plan);
    return status;
}
