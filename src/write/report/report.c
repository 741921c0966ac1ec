/*
 * pxl_report_write(): the committee workbook. Sammanställning first, then one
 * sheet per area, then Kontroller when there are findings. Written into a
 * temporary file beside the target under the C locale, renamed into place
 * when complete.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

#include "util/locale.h"
#include "model/duplicates.h"
#include "util/error_internal.h"
#include "util/output.h"
#include "model/plan_internal.h"
#include "planxl/planxl.h"
#include "planxl/report.h"
#include "report_internal.h"
#include "write/lxw_close.h"
#include "write/xlsx_check.h"
#include "util/unicode.h"

#define SUMMARY_SHEET "Sammanställning"
#define FINDINGS_SHEET "Kontroller"

/* Without any usable time the report says 1980-01-01, the earliest date a zip entry can hold
 * (PKWARE APPNOTE 4.4.6, MS-DOS date): still deterministic, and plainly not a real date. */
#define FALLBACK_CREATED ((time_t)315532800)

/* ---- duplicate measures -------------------------------------------------------------------- */

static void cell_text(char *buf, size_t size, const pxl_cellref *ref)
{
    char a1[16];
    lxw_rowcol_to_cell(a1, ref->row, (lxw_col_t)ref->col);
    snprintf(buf, size, "%s%s%s%s%s", ref->file ? ref->file : "", ref->file ? ":" : "", ref->sheet ? ref->sheet : "",
             ref->sheet ? "!" : "", a1);
}

/* The repeat that comes first in the plan, of all repeated measures of an area. */
typedef struct earliest_repeat {
    size_t first, again;
    int found;
} earliest_repeat;

static pxl_error note_repeat(void *ctx, const pxl_area *area, size_t first, size_t again, const char *title)
{
    (void)area;
    (void)title;
    earliest_repeat *e = ctx;
    if (!e->found || again < e->again)
        *e = (earliest_repeat){first, again, 1};
    return PXL_OK;
}

/* A measure twice in one area (areas of the same name are merged by the plan) is an error, not a
 * silent duplicate in the committee's totals; judged as the check's duplicate-measure does. */
static pxl_error find_duplicate(const pxl_area *area)
{
    earliest_repeat e = {0, 0, 0};
    pxl_error err = pxl_area_each_duplicate(area, note_repeat, &e);
    if (err || !e.found)
        return err;
    const pxl_measure *a = pxl_area_measure(area, e.first);
    const pxl_measure *b = pxl_area_measure(area, e.again);
    char ca[512], cb[512];
    cell_text(ca, sizeof ca, pxl_measure_title_cell(a));
    cell_text(cb, sizeof cb, pxl_measure_title_cell(b));
    char *title = pxl_fold_space(pxl_measure_title(b));
    if (!title)
        return pxl_fail_nomem();
    err = pxl_fail(PXL_ERR_DUPLICATE,
                   "%s: the measure \"%s\" of area %s appears twice (also at %s); "
                   "remove one before writing the report",
                   cb, title, pxl_area_name(area), ca);
    free(title);
    return err;
}

/* ---- the creation time --------------------------------------------------------------------- */

/* options->created, else SOURCE_DATE_EPOCH (reproducible-builds.org/specs/source-date-epoch),
 * else the newest input's modification time: the same input gives the same bytes. */
static time_t creation_time(const pxl_plan *plan, const pxl_report_options *options)
{
    if (options && options->created > 0)
        return options->created;
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        errno = 0;
        long long t = strtoll(epoch, &end, 10);
        if (!errno && !*end && t > 0)
            return (time_t)t;
    }
    time_t newest = 0;
    for (size_t i = 0; i < pxl_plan_file_count(plan); i++) {
        struct stat st;
        if (stat(pxl_plan_file(plan, i), &st) == 0 && st.st_mtime > newest)
            newest = st.st_mtime;
    }
    return newest > 0 ? newest : FALLBACK_CREATED;
}

/* ---- the workbook -------------------------------------------------------------------------- */

static int plan_current_year(const pxl_plan *plan)
{
    for (size_t a = 0; a < pxl_plan_area_count(plan); a++) {
        const pxl_area *area = pxl_plan_area(plan, a);
        for (size_t m = 0; m < pxl_area_measure_count(area); m++)
            if (pxl_measure_current_year(pxl_area_measure(area, m)) > 0)
                return pxl_measure_current_year(pxl_area_measure(area, m));
    }
    return 0;
}

const char *pxl_report_annotated_copy(const pxl_report *report, const char *file)
{
    if (!report->annotated || !file)
        return NULL;
    for (size_t i = 0; i < pxl_plan_file_count(report->plan); i++)
        if (strcmp(pxl_plan_file(report->plan, i), file) == 0)
            return report->annotated[i];
    return NULL;
}

/* Sheet names Excel accepts, unique ignoring case, and never the summary's or Kontroller's. */
static void name_sheets(pxl_report *r)
{
    const char **taken = malloc((r->area_count + 2) * sizeof *taken);
    size_t n = 0;
    if (taken) {
        taken[n++] = SUMMARY_SHEET;
        taken[n++] = FINDINGS_SHEET;
    }
    for (size_t i = 0; i < r->area_count; i++) {
        pxl_sheet_name_sanitize(r->areas[i].sheet, sizeof r->areas[i].sheet, pxl_area_name(r->areas[i].area));
        if (taken) {
            pxl_sheet_name_make_unique(r->areas[i].sheet, sizeof r->areas[i].sheet, taken, n);
            taken[n++] = r->areas[i].sheet;
        }
    }
    free(taken);
}

static void set_properties(pxl_report *r)
{
    const pxl_plan *plan = r->plan;
    char subject[512], comments[256];
    snprintf(subject, sizeof subject, "Åtgärdsplan%s%s%s%s", pxl_plan_committee(plan)[0] ? " – " : "",
             pxl_plan_committee(plan), pxl_plan_period(plan)[0] ? ", period " : "", pxl_plan_period(plan));
    snprintf(comments, sizeof comments, "Skapad med planxl %s ur %zu fil(er). Summorna är formler.", pxl_version(),
             pxl_plan_file_count(plan));
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = (char *)(pxl_plan_title(plan)[0] ? pxl_plan_title(plan) : "Åtgärdsplan");
    props.subject = subject;
    props.author = (char *)pxl_plan_committee(plan);
    props.company = (char *)pxl_plan_municipality(plan);
    props.keywords = "åtgärdsplan, nämndrapport";
    props.comments = comments;
    props.created = r->created;
    pxl_report_lxw(r, workbook_set_properties(r->wb, &props), "the document properties");
}

/* Ask the caller's callback, in the caller's locale; once it said stop, stopped. */
static int cancelled(pxl_report *r)
{
    if (r->cancel && !r->cancelled) {
        pxl_locale_host host;
        pxl_locale_host_begin(&host);
        r->cancelled = r->cancel(r->cancel_ctx) != 0;
        pxl_locale_host_end(&host);
    }
    return r->cancelled;
}

/* Everything libxlsxwriter does, inside the caller's C-locale guard. */
static lxw_error write_workbook(pxl_report *r, const char *temp)
{
    lxw_workbook_options wopts;
    memset(&wopts, 0, sizeof wopts);
    /* libxlsxwriter assembles the parts in temporary files, unlinked at once */
    wopts.tmpdir = pxl_temp_dir(NULL);
    r->wb = workbook_new_opt(temp, &wopts);
    if (!r->wb)
        return LXW_ERROR_CREATING_XLSX_FILE;
    set_properties(r);
    pxl_report_formats_init(r);

    lxw_worksheet *summary = workbook_add_worksheet(r->wb, SUMMARY_SHEET);
    for (size_t i = 0; i < r->area_count && summary; i++)
        if (!(r->areas[i].ws = workbook_add_worksheet(r->wb, r->areas[i].sheet)))
            pxl_report_lxw(r, LXW_ERROR_PARAMETER_VALIDATION, "an area sheet's name");
    lxw_worksheet *checks = NULL;
    if (r->findings && pxl_findings_count(r->findings) > 0)
        checks = workbook_add_worksheet(r->wb, FINDINGS_SHEET);
    if (!summary)
        pxl_report_lxw(r, LXW_ERROR_PARAMETER_VALIDATION, "the summary sheet");

    if (r->error == LXW_NO_ERROR) {
        /* Area sheets first: the summary's formulas point at their totals. */
        for (size_t i = 0; i < r->area_count && !cancelled(r); i++)
            pxl_report_write_area(r, &r->areas[i]);
        if (!cancelled(r))
            pxl_report_write_summary(r, summary);
        if (checks && !cancelled(r))
            pxl_report_write_findings(r, checks);
    }
    if (r->cancelled) {
        /* Free without writing: the caller drops the temporary file. */
        lxw_workbook_free(r->wb);
        r->wb = NULL;
        return LXW_NO_ERROR;
    }
    /* workbook_close() frees the workbook whatever happens. */
    lxw_error closed = pxl_lxw_workbook_close(r->wb);
    r->close_errno = closed != LXW_NO_ERROR ? errno : 0;
    r->wb = NULL;
    if (r->error == LXW_NO_ERROR)
        pxl_report_lxw(r, closed, "the finished file");
    return r->error;
}

static pxl_error report_write(const pxl_plan *plan, const pxl_findings *findings, const char *path,
                              const pxl_report_options *options)
{
    if (!plan || !path || !*path)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: pxl_report_write needs a plan and an output path",
                        path && *path ? path : "(no output file)");
    if (options && (options->version < 1 || options->version > PXL_REPORT_OPTIONS_VERSION))
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: unknown pxl_report_options version %u", path,
                        options->version);
    for (size_t a = 0; a < pxl_plan_area_count(plan); a++) {
        pxl_error err = find_duplicate(pxl_plan_area(plan, a));
        if (err)
            return err;
    }

    pxl_report r;
    memset(&r, 0, sizeof r);
    r.plan = plan;
    /* Versions 1 and 2 of the options end before previous. */
    r.previous = options && options->version >= 3 ? options->previous : NULL;
    r.findings = findings;
    r.path = path;
    r.created = creation_time(plan, options);
    r.current_year = plan_current_year(plan);
    r.area_count = pxl_plan_area_count(plan);
    if (options && options->version >= 2) { /* version 1's struct ends before cancel */
        r.cancel = options->cancel;
        r.cancel_ctx = options->cancel_ctx;
    }
    if (options && options->version >= 3) /* the annotated copies to link to */
        r.annotated = options->annotated;
    r.areas = calloc(r.area_count ? r.area_count : 1, sizeof *r.areas);
    if (!r.areas)
        return pxl_fail_nomem();
    for (size_t i = 0; i < r.area_count; i++)
        r.areas[i].area = pxl_plan_area(plan, i);
    name_sheets(&r);

    /* Never over an input: the plan's files, and the previous plan's. */
    size_t previous_files = r.previous ? pxl_plan_file_count(r.previous) : 0;
    size_t input_count = pxl_plan_file_count(plan) + previous_files;
    const char **inputs = malloc((input_count ? input_count : 1) * sizeof *inputs);
    pxl_error err = inputs ? PXL_OK : pxl_fail_nomem();
    if (!err) {
        if (pxl_plan_file_count(plan)) /* a plan built in memory has no files (and NULL for the list) */
            memcpy(inputs, plan->files, pxl_plan_file_count(plan) * sizeof *inputs);
        if (previous_files)
            memcpy(inputs + pxl_plan_file_count(plan), r.previous->files, previous_files * sizeof *inputs);
    }
    if (!err && r.previous)
        err = pxl_match_measures(&r.match, r.previous, plan);
    pxl_output out;
    if (!err)
        err = pxl_output_begin(&out, path, options ? options->overwrite : 0, inputs, input_count);
    free(inputs);
    if (err) {
        if (r.previous)
            pxl_match_free(&r.match);
        free(r.areas);
        return err;
    }
    lxw_error lerr = write_workbook(&r, out.temp);
    const char *why = lerr != LXW_NO_ERROR ? pxl_output_errno_text(r.close_errno) : NULL;
    if (why) /* the system's reason (a full disk), not libxlsxwriter's "ZIP_ERRNO" */
        err = pxl_fail(PXL_ERR_WRITE, "%s: cannot write the report: %s", path, why);
    else if (lerr != LXW_NO_ERROR)
        err = pxl_fail(lerr == LXW_ERROR_MEMORY_MALLOC_FAILED ? PXL_ERR_NOMEM : PXL_ERR_WRITE,
                       "%s: cannot write the report (%s, at %s)", path, lxw_strerror(lerr),
                       r.error_where ? r.error_where : "the workbook");
    /* workbook_close() says LXW_NO_ERROR whatever its scratch files lost (write/xlsx_check.h). */
    if (!err)
        err = pxl_xlsx_check_written(out.temp, path, pxl_temp_dir(NULL), NULL, 0);
    /* Asked once more when the file is complete: a stop now still leaves @p path as it was. */
    if (!err && cancelled(&r))
        err = pxl_fail(PXL_ERR_CANCELLED, "%s: cancelled; the report was not written", path);
    if (!err)
        err = pxl_output_commit(&out);
    pxl_output_end(&out);
    if (r.previous)
        pxl_match_free(&r.match);
    free(r.areas);
    return err;
}

const pxl_kpi *pxl_report_previous_kpi(pxl_report *report, const pxl_measure *measure, const pxl_kpi *kpi)
{
    if (!report->previous)
        return NULL;
    const pxl_match_side *now = &report->match.new_side;
    /* The area sheets ask measure by measure in plan order, the match's order: start where the
     * last answer was, so a plan of n measures costs n steps, not n². */
    for (size_t step = 0; step < now->count; step++) {
        size_t i = (report->match_cursor + step) % now->count;
        if (now->measures[i] != measure)
            continue;
        report->match_cursor = i;
        if (now->how[i] == PXL_MATCH_NONE)
            return NULL;
        const pxl_measure *before = report->match.old_side.measures[now->partner[i]];
        char *key = pxl_fold_key(kpi->name);
        const pxl_kpi *found = NULL;
        for (size_t k = 0; key && k < before->kpi_count && !found; k++) {
            char *other = pxl_fold_key(before->kpis[k]->name);
            if (other && !strcmp(other, key))
                found = before->kpis[k];
            free(other);
        }
        free(key);
        return found;
    }
    return NULL;
}

/* libxlsxwriter 1.1.4 writes the XML's numbers with printf (libxlsxwriter issue #64):
 * the whole write, error messages included, runs in the C locale (util/locale.h). */
pxl_error pxl_report_write(const pxl_plan *plan, const pxl_findings *findings, const char *path,
                           const pxl_report_options *options)
{
    pxl_error err = pxl_locale_enter();
    if (err)
        return err;
    err = report_write(plan, findings, path, options);
    pxl_locale_leave();
    return err;
}
