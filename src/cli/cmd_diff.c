/*
 * planxl diff OLD NEW, or --old F… --new F…: reads each side into one plan, compares them
 * with the library (planxl/diff.h) and prints the changes (issue 15).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "cli_plan.h"
#include "diff_print.h"
#include "planxl/planxl.h"

static const char help_text[] = N_(
    "usage: planxl diff OLD NEW [--format text|json] [-o OUT] [--xlsx OUT.xlsx]\n"
    "                  [--reader auto|freexl|biff|xlsx] [--include-hidden] [-f] [-q|-v]\n"
    "       planxl diff --old FILE... --new FILE... [options]\n"
    "\n"
    "Compare two plans: the measures added, removed, renamed and moved to another area, the\n"
    "amounts of each effect row, measure and area and in total (Effekt YYYY, Helårseffekt),\n"
    "and KPI values (Målvärde, Nuläge), each change with its cell on both sides.\n"
    "A side of several workbooks is given with --old and --new, once per file (a plan\n"
    "read from several files, as check and report read them).\n"
    "\n"
    "  --old FILE          a workbook of the old plan (repeat for more)\n"
    "  --new FILE          a workbook of the new plan (repeat for more)\n"
    "  --format text|json  one change a line (default) or one JSON document (docs/diff.md)\n"
    "  -o, --output OUT    write to OUT ('-': standard output, the default)\n"
    "  --xlsx OUT.xlsx     also write the plans side by side: a sheet per area, the\n"
    "                      changes highlighted, the totals as formulas\n"
    "  -f, --force         replace OUT or OUT.xlsx if it exists (never an input)\n"
    "  --reader R          auto (default), freexl, biff (planxl's own .xls reader) or xlsx\n"
    "  --include-hidden    read hidden and very hidden sheets too\n"
    "  -q, --quiet         print nothing; the exit status says whether the plans differ\n"
    "  -v, --verbose       say which reader read each file\n"
    "\n"
    "exit status: 0 the plans are equal; 1 they differ, or OUT (OUT.xlsx) not written; 2 a file could\n"
    "not be read (nothing is compared); 64 usage error; 70 out of memory (planxl(1))\n");

static const char *const formats[] = {"text", "json", NULL};

static const cli_command command = {
    "diff",
    CLI_OPT_FORCE | CLI_OPT_QUIET | CLI_OPT_VERBOSE | CLI_OPT_OUTPUT | CLI_OPT_READER | CLI_OPT_FORMAT |
        CLI_OPT_HIDDEN | CLI_OPT_SIDES | CLI_OPT_XLSX,
    formats, help_text, PXL_READER_AUTO,
};

/* Read one side's files into a plan; an exit status (0 when every file was read). */
static int read_side(const cli_args *args, char **files, size_t count, pxl_plan **plan)
{
    cli_args side = *args;
    side.files = files;
    side.file_count = count;
    return cli_read_plan(&side, 1, plan, NULL);
}

static int run(cli_args *args)
{
    char **old_files = args->old_files, **new_files = args->new_files;
    size_t old_count = args->old_count, new_count = args->new_count;
    if (old_count == 0 && new_count == 0 && args->file_count == 2) {
        old_files = &args->files[0];
        new_files = &args->files[1];
        old_count = new_count = 1;
    } else if (args->file_count > 0 || old_count == 0 || new_count == 0) {
        cli_usage_error(&command, "give two workbooks (OLD NEW), or each side with --old and --new");
        return PXL_EXIT_USAGE;
    }
    /* Standard output carries the text or JSON; the workbook needs a file of its own. */
    if (args->xlsx && !strcmp(args->xlsx, "-")) {
        cli_usage_error(&command, "--xlsx needs a file name: standard output is for the text or JSON");
        return PXL_EXIT_USAGE;
    }
    pxl_plan *old_plan = NULL, *new_plan = NULL;
    int status = read_side(args, old_files, old_count, &old_plan);
    if (old_plan) {
        int new_status = read_side(args, new_files, new_count, &new_plan);
        if (new_status > status)
            status = new_status;
    }
    /* A side that is not wholly read would show its unread measures as removed or added. */
    if (status != PXL_EXIT_OK || !new_plan) {
        pxl_plan_free(old_plan);
        pxl_plan_free(new_plan);
        return status != PXL_EXIT_OK ? status : PXL_EXIT_NOMEM;
    }
    pxl_diff *diff = NULL;
    pxl_error err = pxl_diff_plans(&diff, old_plan, new_plan, NULL);
    if (err != PXL_OK) {
        cli_error("%s", cli_error_text(err));
        pxl_plan_free(old_plan);
        pxl_plan_free(new_plan);
        return cli_exit_for(err);
    }
    status = pxl_diff_count(diff) ? PXL_EXIT_FINDINGS : PXL_EXIT_OK;
    if (!args->quiet || (args->output && strcmp(args->output, "-"))) {
        /* An output must not be one of either side's inputs. */
        char **inputs = malloc((old_count + new_count) * sizeof *inputs);
        int out_status = PXL_EXIT_OK;
        cli_text_output *out = NULL;
        if (!inputs) {
            cli_error("out of memory");
            out_status = PXL_EXIT_NOMEM;
        } else {
            memcpy(inputs, old_files, old_count * sizeof *inputs);
            memcpy(inputs + old_count, new_files, new_count * sizeof *inputs);
            out = cli_text_output_open(args->output, args->force, inputs, old_count + new_count, &out_status);
            free(inputs);
        }
        if (out) {
            FILE *f = cli_text_output_file(out);
            if (!strcmp(args->format, "json"))
                diff_print_json(f, diff, old_plan, new_plan);
            else
                diff_print_text(f, diff, old_plan, new_plan);
            out_status = cli_text_output_close(out, 0);
        }
        if (out_status > status)
            status = out_status;
    }
    if (args->xlsx) {
        pxl_diff_xlsx_options options = PXL_DIFF_XLSX_OPTIONS_INIT;
        options.overwrite = args->force;
        err = pxl_diff_write_xlsx(diff, old_plan, new_plan, args->xlsx, &options);
        if (err != PXL_OK) {
            cli_error("%s", cli_error_text(err));
            int code = cli_exit_for(err);
            if (code > status)
                status = code;
        }
    }
    pxl_diff_free(diff);
    pxl_plan_free(old_plan);
    pxl_plan_free(new_plan);
    return status;
}

int cmd_diff(int argc, char **argv)
{
    cli_args args;
    int status = cli_parse(&command, argc, argv, &args);
    if (status < 0)
        status = run(&args);
    cli_args_free(&args);
    return status;
}
