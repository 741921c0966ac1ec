/* planxl report PLAN.xls [MORE.xls …] -o OUT.xlsx: the committee workbook. */
#define _XOPEN_SOURCE 700
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "cli_plan.h"
#include "cli_signal.h"
#include "planxl/planxl.h"

static const char help_text[] = N_(
    "usage: planxl report PLAN.xls [MORE.xls ...] -o OUT.xlsx [--previous OLD.xls ...] [-f]\n"
    "                    [--reader auto|freexl|biff|xlsx] [--include-hidden] [--annotate DIR] [-q|-v]\n"
    "\n"
    "Write the committee workbook: a summary sheet (Sammanställning), one sheet per area with\n"
    "its measures, KPIs and effect rows, totals as Excel formulas, and a Kontroller sheet with\n"
    "what 'planxl check' finds. Several plans are merged into one report.\n"
    "\n"
    "  -o, --output OUT.xlsx  the report to write (required); '-' is standard output\n"
    "                         when it is not a terminal\n"
    "  --previous OLD.xls     the previous plan (repeat for more files): each KPI row also\n"
    "                         says how it moved since (förbättrat, försämrat, oförändrat)\n"
    "  -f, --force            replace OUT.xlsx if it exists (never an input file)\n"
    "  --reader KIND          how workbooks are read: auto (default), freexl, biff or xlsx\n"
    "  --include-hidden       read hidden and very hidden sheets too (skipped by default)\n"
    "  --annotate DIR         also write each plan's annotated copy into DIR (as 'planxl\n"
    "                         check --annotate'); the Kontroller sheet links each finding\n"
    "                         to its cell in the copy\n"
    "  -q, --quiet            errors only: no \"wrote\" line\n"
    "  -v, --verbose          say which reader read each file (and why planxl's own\n"
    "                         reader took over when freexl could not open one)\n"
    "\n"
    "SOURCE_DATE_EPOCH, when set, is the report's creation time (else the newest input's\n"
    "modification time), so the same input gives a byte-identical file.\n"
    "Ctrl-C (or TERM, HUP) stops it: the report is not written and OUT.xlsx is left as it\n"
    "was, or, when the signal comes as the report is put into place, it is written and said so.\n"
    "Exit status: 0 written; 1 not written (see the message); 2 an input could not be read;\n"
    "64 usage error; 70 out of memory; 128+N interrupted by signal N (planxl(1)).\n");

static const cli_command command = {
    "report", CLI_OPT_FORCE | CLI_OPT_QUIET | CLI_OPT_VERBOSE | CLI_OPT_OUTPUT | CLI_OPT_READER | CLI_OPT_HIDDEN |
        CLI_OPT_ANNOTATE | CLI_OPT_PREVIOUS,
    NULL, help_text, PXL_READER_AUTO,
};

static void free_links(const char **links, size_t count)
{
    if (!links)
        return;
    for (size_t i = 0; i < count; i++)
        free((char *)links[i]);
    free(links);
}

/* Per plan file, its annotated copy as the report at @p report (NULL: standard output, so
 * absolute) links to it: relative to the report's folder, so the two can be moved together. */
static const char **annotated_links(const cli_args *args, const pxl_plan *plan, char **copies, const char *report)
{
    size_t n = pxl_plan_file_count(plan);
    const char **links = calloc(n ? n : 1, sizeof *links);
    if (!links)
        return NULL;
    char *dir = NULL;
    if (report) {
        const char *slash = strrchr(report, '/');
        dir = slash ? strndup(report, slash == report ? 1 : (size_t)(slash - report)) : strdup(".");
    }
    for (size_t k = 0; k < n; k++) {
        for (size_t i = 0; i < args->file_count; i++) {
            if (!copies[i] || strcmp(pxl_plan_file(plan, k), args->files[i]) != 0)
                continue;
            links[k] = dir ? cli_relative_path(dir, copies[i]) : realpath(copies[i], NULL);
            break;
        }
    }
    free(dir);
    return links;
}

static int run(cli_args args)
{
    int status;
    if (args.file_count == 0 || !args.output) {
        if (args.file_count == 0)
            cli_usage_error(&command, "no input workbook given");
        else
            cli_usage_error(&command, "no output file given (-o OUT.xlsx)");
        return PXL_EXIT_USAGE;
    }
    char *temp = NULL;
    if (!strcmp(args.output, "-")) {
        temp = cli_workbook_temp("report", &status);
        if (!temp)
            return status;
    }
    /* A signal stops the report before it is put into place (not written, 128+N) or comes too
     * late to (written, exit 0): cli_signal.h. */
    cli_catch_signals(1);
    /* Every input is read before anything is written: a report missing one of its plans would give
     * the committee wrong totals, so an unreadable input stops it. */
    pxl_plan *plan;
    status = cli_read_plan(&args, 1, &plan, NULL);
    if (!plan) {
        cli_workbook_temp_end(temp);
        return status;
    }
    /* The previous plan, read whole as well: a KPI missing from it would read as new. */
    pxl_plan *previous = NULL;
    if (status == PXL_EXIT_OK && args.old_count > 0) {
        cli_args before = args;
        before.files = args.old_files;
        before.file_count = args.old_count;
        status = cli_read_plan(&before, 1, &previous, NULL);
        if (!previous && status == PXL_EXIT_OK)
            status = PXL_EXIT_NOMEM;
    }
    pxl_error err = PXL_OK;
    pxl_findings *findings = NULL;
    if (status == PXL_EXIT_OK && (err = pxl_check_run(&findings, plan, NULL)) != PXL_OK) {
        cli_error("%s", cli_error_text(err));
        status = err == PXL_ERR_NOMEM ? PXL_EXIT_NOMEM : PXL_EXIT_FINDINGS;
    }
    /* --annotate DIR: the units' annotated copies first, so the Kontroller sheet can link to them */
    char **copies = NULL;
    const char **links = NULL;
    if (status == PXL_EXIT_OK && args.annotate && !cli_interrupted) {
        int annotate_status = cli_write_annotated(&args, plan, findings, &copies);
        if (annotate_status != PXL_EXIT_OK)
            status = annotate_status; /* a copy the report would link to is missing: no report */
        else
            links = annotated_links(&args, plan, copies, temp ? NULL : args.output);
    }
    if (status == PXL_EXIT_OK && cli_interrupted)
        err = PXL_ERR_CANCELLED; /* reading and checking cannot be stopped half-way: stop here */
    else if (status == PXL_EXIT_OK) {
        pxl_report_options options = PXL_REPORT_OPTIONS_INIT;
        options.overwrite = args.force;
        options.previous = previous;
        options.cancel = cli_cancelled;
        options.annotated = links;
        err = pxl_report_write(plan, findings, temp ? temp : args.output, &options);
    }
    free_links(links, pxl_plan_file_count(plan));
    cli_free_copies(copies, args.file_count);
    if (status == PXL_EXIT_OK && cli_interrupted && err != PXL_OK) {
        cli_error("%s: interrupted; the report was not written", temp ? _("standard output") : args.output);
        status = PXL_EXIT_SIGNAL + cli_interrupted;
    } else if (status == PXL_EXIT_OK) {
        if (err != PXL_OK) {
            cli_error("%s", cli_error_text(err));
            status = err == PXL_ERR_NOMEM ? PXL_EXIT_NOMEM : PXL_EXIT_FINDINGS;
        } else if (temp) {
            status = cli_workbook_to_stdout(temp);
        }
    }
    if (status > PXL_EXIT_SIGNAL) {
        /* said above */
    } else if (status != PXL_EXIT_OK) {
        cli_error("no report written");
    } else if (!args.quiet) {
        size_t areas = pxl_plan_area_count(plan), measures = 0;
        for (size_t a = 0; a < areas; a++)
            measures += pxl_area_measure_count(pxl_plan_area(plan, a));
        size_t errors = findings ? pxl_findings_count_severity(findings, PXL_SEVERITY_ERROR) : 0;
        size_t warnings = findings ? pxl_findings_count_severity(findings, PXL_SEVERITY_WARNING) : 0;
        /* With -o - standard output holds the workbook: the line goes to standard error. */
        FILE *f = temp ? stderr : stdout;
        fprintf(f, _("wrote %s: %zu area(s), %zu measure(s)"), temp ? _("standard output") : args.output, areas,
                measures);
        size_t notes = findings ? pxl_findings_count_severity(findings, PXL_SEVERITY_INFO) : 0;
        if (errors || warnings)
            fprintf(f, _("; %zu error(s) and %zu warning(s) listed on the Kontroller sheet"), errors, warnings);
        if (notes) { /* skipped hidden sheets: said on the line too, not only in the workbook */
            if (errors || warnings)
                fprintf(f, _(", and %zu note(s)"), notes);
            else
                fprintf(f, _("; %zu note(s) listed on the Kontroller sheet"), notes);
        }
        fprintf(f, "\n");
    }
    pxl_findings_free(findings);
    pxl_plan_free(previous);
    pxl_plan_free(plan);
    cli_workbook_temp_end(temp);
    return status;
}

int cmd_report(int argc, char **argv)
{
    cli_args args;
    int status = cli_parse(&command, argc, argv, &args);
    if (status < 0)
        status = run(args);
    cli_args_free(&args);
    return status;
}
