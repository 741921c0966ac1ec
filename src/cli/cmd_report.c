/* planxl report PLAN.xls [MORE.xls …] -o OUT.xlsx [--force] [--reader auto|freexl|biff] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "planxl/planxl.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: planxl report PLAN.xls [MORE.xls ...] -o OUT.xlsx [--force] [--reader auto|freexl|biff] [-v]\n"
            "\n"
            "Write the committee workbook: a summary sheet (Sammanställning), one sheet per area with\n"
            "its measures, KPIs and effect rows, totals as Excel formulas, and a Kontroller sheet with\n"
            "what 'planxl check' finds. Several plans are merged into one report.\n"
            "\n"
            "  -o, --output OUT.xlsx  the report to write (required)\n"
            "  --force                replace OUT.xlsx if it exists (never an input file)\n"
            "  --reader KIND          how .xls files are read: auto (default), freexl or biff\n"
            "  -v, --verbose          say which reader read each file (and why planxl's own\n"
            "                         reader took over when freexl could not open one)\n"
            "\n"
            "SOURCE_DATE_EPOCH, when set, is the report's creation time (else the newest input's\n"
            "modification time), so the same input gives a byte-identical file.\n"
            "Exit status: 0 written; 1 not written (see the message); 2 an input could not be read;\n"
            "64 usage error.\n");
}

int cmd_report(int argc, char **argv)
{
    const char *output = NULL;
    int force = 0;
    pxl_read_options read_options = PXL_READ_OPTIONS_INIT;
    const char **inputs = calloc((size_t)argc, sizeof *inputs);
    size_t input_count = 0;
    if (!inputs) {
        cli_error("out of memory");
        return PXL_EXIT_UNREADABLE;
    }
    int only_files = 0, verbose = 0;
    for (int i = 1; i < argc; i++) {
        const char *value;
        int m;
        if (only_files || argv[i][0] != '-' || !strcmp(argv[i], "-")) {
            inputs[input_count++] = argv[i];
        } else if (!strcmp(argv[i], "--")) {
            only_files = 1;
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            free(inputs);
            return PXL_EXIT_OK;
        } else if (!strcmp(argv[i], "--force") || !strcmp(argv[i], "-f")) {
            force = 1;
        } else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
            verbose = 1;
        } else if (!strcmp(argv[i], "-o")) {
            if (i + 1 >= argc) {
                cli_error("-o needs a file name");
                free(inputs);
                return PXL_EXIT_USAGE;
            }
            output = argv[++i];
        } else if ((m = cli_option_value(argc, argv, &i, "--output", &value)) != 0) {
            if (m < 0) {
                cli_error("--output needs a file name");
                free(inputs);
                return PXL_EXIT_USAGE;
            }
            output = value;
        } else if ((m = cli_option_value(argc, argv, &i, "--reader", &value)) != 0) {
            if (m < 0 || cli_parse_reader(value, &read_options.grid.reader) != 0) {
                cli_error("--reader must be auto, freexl or biff");
                free(inputs);
                return PXL_EXIT_USAGE;
            }
        } else {
            cli_error("unknown option '%s' (see 'planxl report --help')", argv[i]);
            free(inputs);
            return PXL_EXIT_USAGE;
        }
    }
    if (input_count == 0 || !output) {
        cli_error(input_count == 0 ? "report: no input workbook given" : "report: no output file given (-o OUT.xlsx)");
        usage(stderr);
        free(inputs);
        return PXL_EXIT_USAGE;
    }

    pxl_plan *plan = NULL;
    if (pxl_plan_new(&plan) != PXL_OK) {
        cli_error("%s", pxl_error_message());
        free(inputs);
        return PXL_EXIT_UNREADABLE;
    }
    /* Every input is read before anything is written: a report missing one of its plans would give
     * the committee wrong totals, so an unreadable input stops it. */
    int status = PXL_EXIT_OK;
    for (size_t i = 0; i < input_count; i++) {
        if (pxl_plan_read(plan, inputs[i], &read_options) != PXL_OK) {
            cli_error("%s", pxl_error_message());
            status = PXL_EXIT_UNREADABLE;
        }
    }
    cli_note_readers(plan, read_options.grid.reader, verbose);
    if (status != PXL_EXIT_OK) {
        cli_error("no report written");
        pxl_plan_free(plan);
        free(inputs);
        return status;
    }

    pxl_findings *findings = NULL;
    if (pxl_check_run(&findings, plan, NULL) != PXL_OK) {
        cli_error("%s", pxl_error_message());
        pxl_plan_free(plan);
        free(inputs);
        return 1;
    }
    pxl_report_options options = PXL_REPORT_OPTIONS_INIT;
    options.overwrite = force;
    if (pxl_report_write(plan, findings, output, &options) != PXL_OK) {
        cli_error("%s", pxl_error_message());
        cli_error("no report written");
        status = 1;
    } else {
        size_t areas = pxl_plan_area_count(plan), measures = 0;
        for (size_t a = 0; a < areas; a++)
            measures += pxl_area_measure_count(pxl_plan_area(plan, a));
        size_t errors = findings ? pxl_findings_count_severity(findings, PXL_SEVERITY_ERROR) : 0;
        size_t warnings = findings ? pxl_findings_count_severity(findings, PXL_SEVERITY_WARNING) : 0;
        printf("wrote %s: %zu area(s), %zu measure(s)", output, areas, measures);
        if (errors || warnings)
            printf("; %zu error(s) and %zu warning(s) listed on the Kontroller sheet", errors, warnings);
        printf("\n");
    }
    pxl_findings_free(findings);
    pxl_plan_free(plan);
    free(inputs);
    return status;
}
