/*
 * unrecognized-content (issue 12, item 5): a non-empty cell of a plan sheet that the recogniser
 * neither took into the model nor named as a title, header or label (recognize/coverage.c). The
 * content is not in the plan, its totals or the report: a warning at the cell says what it looks
 * like, so nothing is dropped without a word.
 */
#include "check_internal.h"

pxl_error pxl_check_unplaced(pxl_findings *findings, const pxl_plan *plan)
{
    for (size_t i = 0; i < plan->unplaced_count; i++) {
        const pxl_unplaced *u = &plan->unplaced[i];
        pxl_finding_draft d = { PXL_CODE_UNRECOGNIZED_CONTENT, PXL_SEVERITY_WARNING, &u->cell, u->cell.file,
                                0, 0, 0, 0 };
        char excerpt[PXL_EXCERPT_SIZE];
        pxl_excerpt(excerpt, sizeof excerpt, u->text);
        const char *msgid;
        switch (u->kind) {
        case PXL_UNPLACED_EFFECT_ROW:
            msgid = N_("\"%s\" is in a row that looks like an effect row but lies outside any table: it is not "
                       "in the plan");
            break;
        case PXL_UNPLACED_AMOUNT:
            msgid = N_("\"%s\" is an amount beside no header: it is not in the plan");
            break;
        default:
            msgid = N_("\"%s\" is text the recogniser did not place: it is not in the plan");
            break;
        }
        pxl_error err = pxl_findings_add(findings, &d, msgid, PXL_ARGS(PXL_TEXT(excerpt)));
        if (err)
            return err;
    }
    return PXL_OK;
}
