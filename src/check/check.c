/*
 * pxl_check_run(): every check on a plan, in one pass per family. The checks
 * only read the model; findings.c keeps, sorts and de-duplicates what they find.
 */
#include <stddef.h>
#include <string.h>

#include "check_internal.h"
#include "util/locale.h"

/* unreadable-file: a file that could not be read at all is an error about the whole file. */
static pxl_error check_unreadable(pxl_findings *findings, const pxl_plan *plan)
{
    for (size_t i = 0; i < plan->unreadable_count; i++) {
        const pxl_unreadable *u = &plan->unreadable[i];
        if (!u->message || !*u->message) {
            pxl_finding_draft d = {PXL_CODE_UNREADABLE_FILE, PXL_SEVERITY_ERROR, NULL, u->file, 0, 0, 0, 0};
            pxl_error err = pxl_findings_add(findings, &d, N_("the file could not be read"), 0, NULL);
            if (err)
                return err;
            continue;
        }
        const char *why = u->message;
        /* The reader's message names the file first ("plan.xls: …"); the finding names it already. */
        size_t n = u->file ? strlen(u->file) : 0;
        if (n && strncmp(why, u->file, n) == 0 && why[n] == ':' && why[n + 1] == ' ' && why[n + 2])
            why += n + 2;
        pxl_finding_draft d = {PXL_CODE_UNREADABLE_FILE, PXL_SEVERITY_ERROR, NULL, u->file, 0, 0, 0, 0};
        /* The reader's message, in the language it was read in (docs/messages.md). */
        static const char as_read[] = "%s"; /* not a msgid: nothing to translate */
        pxl_error err = pxl_findings_add(findings, &d, as_read, PXL_ARGS(PXL_TEXT(why)));
        if (err)
            return err;
    }
    return PXL_OK;
}

static pxl_error check_run(pxl_findings **out, const pxl_plan *plan, const pxl_check_options *options)
{
    if (!out)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "pxl_check_run: no place for the findings");
    *out = NULL;
    if (!plan)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "pxl_check_run: no plan to check");
    if (options && options->version != PXL_CHECK_OPTIONS_VERSION)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "pxl_check_run: options of an unknown version %u",
                        options->version);
    pxl_findings *findings;
    pxl_error err = pxl_findings_new(&findings);
    if (err)
        return err;
    pxl_error (*const checks[])(pxl_findings *, const pxl_plan *) = {
        check_unreadable,      pxl_check_values,   pxl_check_totals,
        pxl_check_sum_ranges,  pxl_check_duplicates, pxl_check_stated_amounts,
        pxl_check_summaries,   pxl_check_sheets,     pxl_check_unplaced,
    };
    for (size_t i = 0; !err && i < sizeof checks / sizeof checks[0]; i++)
        err = checks[i](findings, plan);
    if (!err)
        err = pxl_findings_sort(findings, plan);
    if (err) {
        pxl_findings_free(findings);
        return err;
    }
    *out = findings;
    return PXL_OK;
}

/* In the C locale, whatever the host set (util/locale.h): the messages' amounts. */
pxl_error pxl_check_run(pxl_findings **out, const pxl_plan *plan, const pxl_check_options *options)
{
    pxl_error err = pxl_locale_enter();
    if (err) {
        if (out)
            *out = NULL;
        return err;
    }
    err = check_run(out, plan, options);
    pxl_locale_leave();
    return err;
}
