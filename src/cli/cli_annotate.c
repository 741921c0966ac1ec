/* --annotate DIR of check and report: an annotated copy of each file read (pxl_annotate()). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "planxl/planxl.h"

static int was_unreadable(const pxl_plan *plan, const char *file)
{
    for (size_t i = 0; i < pxl_plan_unreadable_count(plan); i++)
        if (strcmp(pxl_plan_unreadable_file(plan, i, NULL), file) == 0)
            return 1;
    return 0;
}

int cli_write_annotated(const cli_args *args, const pxl_plan *plan, const pxl_findings *findings, char ***copies)
{
    if (copies)
        *copies = NULL;
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
            free(outs[i]);
            outs[i] = NULL;
        } else if (args->verbose) {
            fprintf(stderr, pxl_ntext("planxl: %s: annotated copy %s (%zu finding)\n",
                                      "planxl: %s: annotated copy %s (%zu findings)\n", listed),
                    in, outs[i], listed);
        }
    }
    if (copies) {
        *copies = outs;
        return status;
    }
    cli_free_copies(outs, args->file_count);
    return status;
}

void cli_free_copies(char **copies, size_t count)
{
    if (!copies)
        return;
    for (size_t i = 0; i < count; i++)
        free(copies[i]);
    free(copies);
}
