/* planxl dump: read plan workbooks and print the model (JSON for scripts, an outline for people). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "cli_plan.h"
#include "planxl/dump.h"
#include "planxl/plan.h"

static const char help_text[] = N_(
    "usage: planxl dump FILE... [--format json|text] [-o OUT] [--reader auto|freexl|biff|xlsx]\n"
    "                  [--include-hidden] [-f] [-q|-v]\n"
    "\n"
    "Reads the action plan in each workbook and prints one model of all of them:\n"
    "areas, measures, KPIs, effect rows and declared totals, each value with its cell.\n"
    "\n"
    "  --format json       the JSON contract for scripts (default)\n"
    "  --format text       a readable outline\n"
    "  -o, --output OUT    write to OUT instead of standard output ('-': standard output)\n"
    "  -f, --force         replace OUT if it exists (never an input)\n"
    "  --reader R          how workbooks are read: auto (default), freexl, biff, xlsx\n"
    "  --include-hidden    read hidden and very hidden sheets too (by default they are\n"
    "                      skipped, and listed under \"sheets\" with \"read\": false)\n"
    "  -q, --quiet         errors only on standard error\n"
    "  -v, --verbose       say which reader read each file (and why planxl's own reader\n"
    "                      took over when freexl could not open one)\n"
    "\n"
    "Exit status: 0 read; 1 OUT not written; 2 a file could not be read (message on\n"
    "stderr); 64 usage; 70 out of memory (planxl(1)).\n");

static const char *const formats[] = {"json", "text", NULL};

static const cli_command command = {
    "dump", CLI_OPT_FORCE | CLI_OPT_QUIET | CLI_OPT_VERBOSE | CLI_OPT_OUTPUT | CLI_OPT_READER | CLI_OPT_FORMAT |
        CLI_OPT_HIDDEN,
    formats, help_text, PXL_READER_AUTO,
};

int cmd_dump(int argc, char **argv)
{
    cli_args args;
    int status = cli_parse(&command, argc, argv, &args);
    if (status >= 0)
        return status;
    if (args.file_count == 0) {
        cli_usage_error(&command, "no workbook given");
        return PXL_EXIT_USAGE;
    }
    pxl_plan *plan;
    size_t read = 0;
    status = cli_read_plan(&args, 1, &plan, &read);
    if (!plan)
        return status;
    pxl_error err = PXL_OK;
    /* Nothing read, nothing to show: the messages above say why. */
    if (read > 0) {
        int out_status = PXL_EXIT_OK;
        cli_text_output *out = cli_text_output_open(args.output, args.force, args.files, args.file_count,
                                                    &out_status);
        if (out) {
            FILE *f = cli_text_output_file(out);
            const char *name = args.output && strcmp(args.output, "-") ? args.output : _("standard output");
            err = !strcmp(args.format, "text") ? pxl_plan_write_outline(plan, f, name)
                                               : pxl_plan_write_json(plan, f, name);
            if (err != PXL_OK) {
                cli_error("%s", cli_error_text(err));
                out_status = err == PXL_ERR_NOMEM ? PXL_EXIT_NOMEM : PXL_EXIT_FINDINGS;
            }
            int closed = cli_text_output_close(out, err != PXL_OK);
            if (closed > out_status)
                out_status = closed;
        }
        if (out_status > status)
            status = out_status;
    }
    pxl_plan_free(plan);
    return status;
}
