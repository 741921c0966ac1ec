/* planxl dump: read plan workbooks and print the model (JSON for scripts, an outline for people). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "planxl/dump.h"
#include "planxl/plan.h"

static void usage(FILE *f)
{
    fputs("usage: planxl dump FILE... [--format json|text] [--reader auto|freexl|biff] [-v]\n"
          "\n"
          "Reads the action plan in each workbook and prints one model of all of them:\n"
          "areas, measures, KPIs, effect rows and declared totals, each value with its cell.\n"
          "\n"
          "  --format json   the JSON contract for scripts (default)\n"
          "  --format text   a readable outline\n"
          "  --reader R      how workbooks are read: auto (default), freexl, biff\n"
          "  -v, --verbose   say which reader read each file (and why planxl's own reader\n"
          "                  took over when freexl could not open one)\n"
          "\n"
          "Exit status: 0 read, 2 a file could not be read (message on stderr), 64 usage.\n",
          f);
}

int cmd_dump(int argc, char **argv)
{
    const char *format = "json";
    pxl_read_options options = PXL_READ_OPTIONS_INIT;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t file_count = 0;
    int only_files = 0, verbose = 0;
    if (!files) {
        cli_error("out of memory");
        return PXL_EXIT_UNREADABLE;
    }
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        int m;
        if (only_files || argv[i][0] != '-' || !strcmp(argv[i], "-")) {
            files[file_count++] = argv[i];
        } else if (!strcmp(argv[i], "--")) {
            only_files = 1;
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            free(files);
            return PXL_EXIT_OK;
        } else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
            verbose = 1;
        } else if ((m = cli_option_value(argc, argv, &i, "--format", &value)) != 0) {
            if (m < 0 || (strcmp(value, "json") && strcmp(value, "text"))) {
                cli_error("--format takes json or text");
                free(files);
                return PXL_EXIT_USAGE;
            }
            format = value;
        } else if ((m = cli_option_value(argc, argv, &i, "--reader", &value)) != 0) {
            if (m < 0 || cli_parse_reader(value, &options.grid.reader) != 0) {
                cli_error("--reader takes auto, freexl or biff");
                free(files);
                return PXL_EXIT_USAGE;
            }
        } else {
            cli_error("dump: unknown option '%s'", argv[i]);
            usage(stderr);
            free(files);
            return PXL_EXIT_USAGE;
        }
    }
    if (file_count == 0) {
        cli_error("dump: no workbook given");
        usage(stderr);
        free(files);
        return PXL_EXIT_USAGE;
    }

    pxl_plan *plan;
    if (pxl_plan_new(&plan) != PXL_OK) {
        cli_error("%s", pxl_error_message());
        free(files);
        return PXL_EXIT_UNREADABLE;
    }
    int status = PXL_EXIT_OK;
    size_t read = 0;
    for (size_t i = 0; i < file_count; i++) {
        if (pxl_plan_read(plan, files[i], &options) == PXL_OK) {
            read++;
        } else {
            cli_error("%s", pxl_error_message());
            status = PXL_EXIT_UNREADABLE;
        }
    }
    cli_note_readers(plan, options.grid.reader, verbose);
    /* Nothing read, nothing to show: the messages above say why. */
    if (read > 0) {
        pxl_error err = !strcmp(format, "text") ? pxl_plan_write_outline(plan, stdout, "standard output")
                                                : pxl_plan_write_json(plan, stdout, "standard output");
        if (err != PXL_OK) {
            cli_error("%s", pxl_error_message());
            status = PXL_EXIT_UNREADABLE;
        }
    }
    pxl_plan_free(plan);
    free(files);
    return status;
}
