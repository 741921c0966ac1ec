/* Helpers shared by the subcommands. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("planxl: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, pxl_text(fmt), ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_parse_reader(const char *name, pxl_reader_kind *kind)
{
    if (!strcmp(name, "auto"))
        *kind = PXL_READER_AUTO;
    else if (!strcmp(name, "freexl"))
        *kind = PXL_READER_FREEXL;
    else if (!strcmp(name, "biff"))
        *kind = PXL_READER_BIFF;
    else if (!strcmp(name, "xlsx"))
        *kind = PXL_READER_XLSX;
    else
        return -1;
    return 0;
}

void cli_note_readers(const pxl_plan *plan, pxl_reader_kind requested, int verbose)
{
    if (!verbose)
        return;
    for (size_t i = 0; i < pxl_plan_file_count(plan); i++) {
        const char *reason = "";
        pxl_reader_kind reader = pxl_plan_file_reader(plan, i, &reason);
        const char *file = pxl_plan_file(plan, i);
        if (*reason)
            cli_error("%s; read with planxl's own BIFF reader instead", reason);
        else if (reader == PXL_READER_FREEXL && requested == PXL_READER_AUTO)
            cli_error("%s: read with freexl, with formula cells and the cells freexl reads wrongly "
                      "(true/false, errors, some dates) from planxl's own BIFF reader", file);
        else if (reader == PXL_READER_FREEXL)
            cli_error("%s: read with freexl", file);
        else if (reader == PXL_READER_BIFF)
            cli_error("%s: read with planxl's own BIFF reader", file);
        else if (reader == PXL_READER_XLSX)
            cli_error("%s: read with planxl's .xlsx reader", file);
    }
}

int cli_exit_for(pxl_error err)
{
    switch (err) {
    case PXL_OK: return PXL_EXIT_OK;
    case PXL_ERR_NOMEM: return PXL_EXIT_NOMEM;
    case PXL_ERR_EXISTS:
    case PXL_ERR_SAME_FILE:
    case PXL_ERR_DUPLICATE:
    case PXL_ERR_WRITE: return PXL_EXIT_FINDINGS;
    default: return PXL_EXIT_UNREADABLE;
    }
}

const char *cli_error_text(pxl_error err)
{
    const char *msg = pxl_error_message();
    return msg && msg[0] ? msg : pxl_strerror(err);
}
