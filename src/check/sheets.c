/*
 * What the recogniser left unread (issue 12: never wrong in silence): sheet-skipped names each
 * hidden or very hidden sheet it did not read; sheet-state-unknown names a file whose reader
 * could not say which sheets are hidden (freexl alone), so that every sheet was read.
 */
#include "check_internal.h"

static pxl_error skipped(pxl_findings *findings, const pxl_sheet_info *s)
{
    pxl_cellref at = { s->file, s->name, 0, 0 };
    pxl_finding_draft d = { PXL_CODE_SHEET_SKIPPED, PXL_SEVERITY_INFO, &at, s->file, 0, 0, 0, 0 };
    pxl_message_arg why = s->state == PXL_SHEET_VERY_HIDDEN
                              ? PXL_WORD(N_("very hidden (only a macro or the VBA editor shows it)"))
                              : PXL_WORD(N_("hidden"));
    return pxl_findings_add(findings, &d,
                            N_("The sheet \"%s\" is %s: it was not read into the plan (--include-hidden reads it)"),
                            PXL_ARGS(PXL_TEXT(s->name), why));
}

static pxl_error unknown_states(pxl_findings *findings, const pxl_plan *plan, const char *file)
{
    size_t read = 0;
    for (size_t i = 0; i < plan->sheet_count; i++)
        read += plan->sheets[i].file == file && plan->sheets[i].read;
    pxl_finding_draft d = { PXL_CODE_SHEET_STATE_UNKNOWN, PXL_SEVERITY_INFO, NULL, file, 0, 0, 0, 0 };
    return pxl_findings_add(findings, &d,
                            N_("The reader cannot tell hidden sheets from visible ones (freexl does not read a "
                               "sheet's state): every sheet was read as visible (%s in all), a hidden draft among "
                               "them too; the default reader skips hidden sheets"),
                            PXL_ARGS(PXL_COUNT(read)));
}

pxl_error pxl_check_sheets(pxl_findings *findings, const pxl_plan *plan)
{
    const char *noted = NULL; /* the file last named by sheet-state-unknown: its sheets are consecutive */
    for (size_t i = 0; i < plan->sheet_count; i++) {
        const pxl_sheet_info *s = &plan->sheets[i];
        pxl_error err = PXL_OK;
        if (!s->read)
            err = skipped(findings, s);
        else if (s->state == PXL_SHEET_STATE_UNKNOWN && s->file != noted) {
            err = unknown_states(findings, plan, s->file);
            noted = s->file;
        }
        if (err)
            return err;
    }
    return PXL_OK;
}
