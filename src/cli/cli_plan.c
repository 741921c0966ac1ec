/* Reading the command line's workbooks into one plan (cli_plan.h). */
#include "cli.h"
#include "cli_plan.h"

int cli_read_plan(const cli_args *args, int print_unreadable, pxl_plan **plan, size_t *read)
{
    size_t count = 0;
    pxl_error err = pxl_plan_new(plan);
    if (err != PXL_OK) {
        *plan = NULL;
        cli_error("%s", cli_error_text(err));
        return cli_exit_for(err);
    }
    pxl_read_options options = PXL_READ_OPTIONS_INIT;
    options.grid.reader = args->reader;
    options.include_hidden = args->include_hidden;
    int status = PXL_EXIT_OK;
    for (size_t i = 0; i < args->file_count; i++) {
        err = pxl_plan_read(*plan, args->files[i], &options);
        if (err == PXL_OK) {
            count++;
            continue;
        }
        /* Out of memory is not recorded in the plan (recording needs memory too): say it here. */
        if (err == PXL_ERR_NOMEM || print_unreadable)
            cli_error("%s", cli_error_text(err));
        int code = err == PXL_ERR_NOMEM ? PXL_EXIT_NOMEM : PXL_EXIT_UNREADABLE;
        if (code > status)
            status = code;
    }
    cli_note_readers(*plan, args->reader, args->verbose);
    if (read)
        *read = count;
    return status;
}
