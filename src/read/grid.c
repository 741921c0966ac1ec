/* The grid: opens a workbook with the reader the table gives for its format, and streams its cells. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/error_internal.h"
#include "grid_internal.h"
#include "reader.h"
#include "util/locale.h"

pxl_error pxl_grid_add_sheet(pxl_grid *grid, const char *name)
{
    char **names = realloc(grid->sheet_names, (grid->sheet_count + 1) * sizeof *names);
    if (!names)
        return pxl_fail_nomem();
    grid->sheet_names = names;
    if (!(names[grid->sheet_count] = strdup(name ? name : "")))
        return pxl_fail_nomem();
    grid->sheet_count++;
    return PXL_OK;
}

pxl_error pxl_grid_add_other_sheet(pxl_grid *grid, const char *name, pxl_other_sheet kind)
{
    char **names = realloc(grid->other_names, (grid->other_count + 1) * sizeof *names);
    if (names)
        grid->other_names = names;
    pxl_other_sheet *kinds = realloc(grid->other_kinds, (grid->other_count + 1) * sizeof *kinds);
    if (kinds)
        grid->other_kinds = kinds;
    if (!names || !kinds || !(names[grid->other_count] = strdup(name ? name : "")))
        return pxl_fail_nomem();
    kinds[grid->other_count++] = kind;
    return PXL_OK;
}

size_t pxl_grid_other_sheet_count(const pxl_grid *grid) { return grid ? grid->other_count : 0; }

const char *pxl_grid_other_sheet(const pxl_grid *grid, size_t index, pxl_other_sheet *kind)
{
    if (!grid || index >= grid->other_count)
        return NULL;
    if (kind)
        *kind = grid->other_kinds[index];
    return grid->other_names[index];
}

const char *pxl_other_sheet_text(pxl_other_sheet kind)
{
    switch (kind) {
    case PXL_OTHER_CHART: return "a chart sheet";
    case PXL_OTHER_MACRO: return "an Excel 4.0 macro sheet";
    case PXL_OTHER_MODULE: return "a Visual Basic module sheet";
    case PXL_OTHER_DIALOG: return "a dialog sheet";
    default: return "not a worksheet";
    }
}

static void free_other_sheets(pxl_grid *grid)
{
    for (size_t i = 0; i < grid->other_count; i++)
        free(grid->other_names[i]);
    free(grid->other_names);
    free(grid->other_kinds);
    grid->other_names = NULL;
    grid->other_kinds = NULL;
    grid->other_count = 0;
}

void pxl_grid_reset(pxl_grid *grid)
{
    if (grid->ops && grid->impl)
        grid->ops->close(grid->impl);
    grid->ops = NULL;
    grid->impl = NULL;
    pxl_grid_free_sheet_facts(grid); /* while sheet_count still counts its merges */
    free_other_sheets(grid);
    for (size_t i = 0; i < grid->sheet_count; i++)
        free(grid->sheet_names[i]);
    free(grid->sheet_names);
    grid->sheet_names = NULL;
    grid->sheet_count = 0;
    pxl_grid_free_defined(grid);
    grid->date1904 = 0;
    grid->styles = NULL;
    grid->style_count = 0;
    grid->biff_version = 0;
}

/* The table's entry for this choice of reader and this file format; NULL when none. */
static const pxl_reader *find_reader(pxl_reader_kind kind, pxl_file_format format)
{
    for (const pxl_reader *r = pxl_readers; r->open; r++)
        if (r->kind == kind && r->format == format)
            return r;
    return NULL;
}

pxl_error pxl_grid_options_check(const pxl_grid_options *options, const char *path)
{
    /* A struct of another version has another layout: nothing in it can be trusted. */
    if (options->version != PXL_GRID_OPTIONS_VERSION)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: unknown pxl_grid_options version %u", path,
                        options->version);
    for (const pxl_reader *r = pxl_readers; r->open; r++)
        if (r->kind == options->reader)
            return PXL_OK;
    return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: unknown reader %d in pxl_grid_options", path,
                    (int)options->reader);
}

/* The chosen reader does not read this file's format: say what the file is and what it reads. */
static pxl_error refuse_format(const char *path, pxl_file_format format, pxl_reader_kind kind)
{
    const pxl_reader *r = pxl_readers; /* the choice is known: pxl_grid_options_check() */
    while (r->open && r->kind != kind)
        r++;
    const char *is = format == PXL_FORMAT_ZIP
                         ? "a zip file (an .xlsx, .xlsm or .ods workbook), not an Excel 97-2003 (.xls) workbook"
                         : "an Excel 97-2003 (.xls) workbook, not an .xlsx workbook (not a zip file)";
    return pxl_fail(PXL_ERR_NOT_XLS, "%s: is %s: --reader %s reads %s (the default reader reads .xls and .xlsx)",
                    path, is, r->open ? r->name : "?", r->open ? r->reads : "nothing");
}

static pxl_error grid_open(pxl_grid **out, const char *path, const pxl_grid_options *options)
{
    pxl_grid_options defaults = PXL_GRID_OPTIONS_INIT;
    if (!options)
        options = &defaults;
    if (!out)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "pxl_grid_open: no place for the grid");
    *out = NULL;
    if (!path)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "no input file given");
    pxl_error err = pxl_grid_options_check(options, path);
    if (err)
        return err;
    pxl_file_format format;
    if ((err = pxl_sniff_format(path, &format)) != PXL_OK)
        return err;
    const pxl_reader *reader = find_reader(options->reader, format);
    if (!reader)
        return refuse_format(path, format, options->reader);

    pxl_grid *grid = calloc(1, sizeof *grid);
    if (!grid || !(grid->path = strdup(path))) {
        free(grid);
        return pxl_fail_nomem();
    }
    if ((err = reader->open(grid, path)) != PXL_OK) {
        pxl_grid_close(grid);
        return err;
    }
    *out = grid;
    return PXL_OK;
}

/* In the C locale: the readers' number text and the error messages' strerror() (util/locale.h). */
pxl_error pxl_grid_open(pxl_grid **out, const char *path, const pxl_grid_options *options)
{
    pxl_error err = pxl_locale_enter();
    if (err) {
        if (out)
            *out = NULL;
        return err;
    }
    err = grid_open(out, path, options);
    pxl_locale_leave();
    return err;
}

void pxl_grid_close(pxl_grid *grid)
{
    if (!grid)
        return;
    if (grid->ops && grid->impl)
        grid->ops->close(grid->impl);
    pxl_grid_free_sheet_facts(grid);
    free_other_sheets(grid);
    for (size_t i = 0; i < grid->sheet_count; i++)
        free(grid->sheet_names[i]);
    free(grid->sheet_names);
    free(grid->fallback_reason);
    free(grid->path);
    pxl_grid_free_defined(grid);
    free(grid);
}

void pxl_grid_free_defined(pxl_grid *grid)
{
    for (size_t i = 0; i < grid->defined_count; i++) {
        free((char *)grid->defined[i].name);
        free((char *)grid->defined[i].sheet);
        free((char *)grid->defined[i].formula);
    }
    free(grid->defined);
    grid->defined = NULL;
    grid->defined_count = 0;
}

const char *pxl_grid_path(const pxl_grid *grid) { return grid->path; }
size_t pxl_grid_sheet_count(const pxl_grid *grid) { return grid->sheet_count; }
int pxl_grid_date1904(const pxl_grid *grid) { return grid->date1904; }
pxl_reader_kind pxl_grid_reader(const pxl_grid *grid) { return grid->reader; }
int pxl_grid_fell_back(const pxl_grid *grid) { return grid->fell_back; }
const char *pxl_grid_fallback_reason(const pxl_grid *grid) { return grid->fallback_reason ? grid->fallback_reason : ""; }

const char *pxl_grid_sheet_name(const pxl_grid *grid, size_t index)
{
    return index < grid->sheet_count ? grid->sheet_names[index] : NULL;
}

size_t pxl_grid_defined_name_count(const pxl_grid *grid) { return grid->defined_count; }

const pxl_defined_name *pxl_grid_defined_name(const pxl_grid *grid, size_t index)
{
    return index < grid->defined_count ? &grid->defined[index] : NULL;
}

pxl_sheet_state pxl_grid_sheet_state(const pxl_grid *grid, size_t index)
{
    if (!grid || !grid->sheet_states || index >= grid->sheet_count)
        return PXL_SHEET_STATE_UNKNOWN;
    return grid->sheet_states[index];
}

const char *pxl_sheet_state_name(pxl_sheet_state state)
{
    switch (state) {
    case PXL_SHEET_VISIBLE: return "visible";
    case PXL_SHEET_HIDDEN: return "hidden";
    case PXL_SHEET_VERY_HIDDEN: return "very-hidden";
    default: return "unknown";
    }
}

pxl_error pxl_grid_set_sheet_state(pxl_grid *grid, size_t index, pxl_sheet_state state)
{
    if (index >= grid->sheet_count)
        return PXL_OK;
    if (!grid->sheet_states && !(grid->sheet_states = calloc(grid->sheet_count, sizeof *grid->sheet_states)))
        return pxl_fail_nomem();
    grid->sheet_states[index] = state;
    return PXL_OK;
}

void pxl_grid_free_sheet_facts(pxl_grid *grid)
{
    free(grid->sheet_states);
    grid->sheet_states = NULL;
    if (grid->merges)
        for (size_t i = 0; i < grid->sheet_count; i++)
            free(grid->merges[i].ranges);
    free(grid->merges);
    grid->merges = NULL;
}

static int range_order(const void *pa, const void *pb)
{
    const pxl_range *a = pa, *b = pb;
    if (a->first_row != b->first_row)
        return a->first_row < b->first_row ? -1 : 1;
    if (a->first_col != b->first_col)
        return a->first_col < b->first_col ? -1 : 1;
    if (a->last_row != b->last_row)
        return a->last_row < b->last_row ? -1 : 1;
    if (a->last_col != b->last_col)
        return a->last_col < b->last_col ? -1 : 1;
    return 0;
}

pxl_error pxl_grid_set_merges(pxl_grid *grid, size_t index, pxl_range *ranges, size_t count)
{
    if (index >= grid->sheet_count) {
        free(ranges);
        return PXL_OK;
    }
    if (count > PXL_GRID_MAX_MERGES) {
        free(ranges);
        return pxl_fail(PXL_ERR_CORRUPT, "%s: sheet \"%s\" declares %zu merged ranges, more than the %u planxl "
                        "reads: refused", grid->path, grid->sheet_names[index], count, (unsigned)PXL_GRID_MAX_MERGES);
    }
    if (!grid->merges && !(grid->merges = calloc(grid->sheet_count, sizeof *grid->merges))) {
        free(ranges);
        return pxl_fail_nomem();
    }
    /* Excel writes neither, but other writers and broken files do: a reversed corner is the
     * same rectangle, a 1-cell range merges nothing. */
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        pxl_range r = ranges[i];
        if (r.first_row > r.last_row) {
            pxl_index t = r.first_row;
            r.first_row = r.last_row;
            r.last_row = t;
        }
        if (r.first_col > r.last_col) {
            pxl_index t = r.first_col;
            r.first_col = r.last_col;
            r.last_col = t;
        }
        if (r.first_row != r.last_row || r.first_col != r.last_col)
            ranges[kept++] = r;
    }
    if (kept)
        qsort(ranges, kept, sizeof *ranges, range_order);
    size_t unique = 0;
    for (size_t i = 0; i < kept; i++)
        if (!unique || range_order(&ranges[unique - 1], &ranges[i]) != 0)
            ranges[unique++] = ranges[i];
    pxl_grid_merges *m = &grid->merges[index];
    free(m->ranges);
    m->ranges = unique ? ranges : NULL;
    m->count = unique;
    m->known = 1;
    if (!unique)
        free(ranges);
    return PXL_OK;
}

int pxl_grid_reads_merges(const pxl_grid *grid)
{
    return grid && (grid->merges || (grid->ops && grid->ops->merges));
}

pxl_error pxl_grid_sheet_merges(pxl_grid *grid, size_t index, const pxl_range **ranges, size_t *count)
{
    if (!ranges || !count)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "pxl_grid_sheet_merges: no place for the ranges");
    *ranges = NULL;
    *count = 0;
    if (!grid)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "pxl_grid_sheet_merges: no grid");
    if (index >= grid->sheet_count)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: there is no sheet %zu", grid->path, index + 1);
    if (!grid->merges || !grid->merges[index].known) {
        if (!grid->ops || !grid->ops->merges) {
            if (!grid->merges)
                return pxl_fail(PXL_ERR_UNSUPPORTED, "%s: the %s reader does not read merged cells", grid->path,
                                grid->ops ? grid->ops->name : "");
            /* a reader that gave them at open gave every sheet's */
        } else {
            pxl_range *got = NULL;
            size_t n = 0;
            pxl_error err = pxl_locale_enter();
            if (err)
                return err;
            err = grid->ops->merges(grid->impl, index, &got, &n);
            pxl_locale_leave();
            if (err) {
                free(got);
                return err;
            }
            if ((err = pxl_grid_set_merges(grid, index, got, n)) != PXL_OK)
                return err;
        }
    }
    *ranges = grid->merges[index].ranges;
    *count = grid->merges[index].count;
    return PXL_OK;
}

static pxl_error sheet_scan(pxl_grid *grid, size_t index, pxl_cell_visitor visit, void *ctx)
{
    if (index >= grid->sheet_count)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: there is no sheet %zu", grid->path, index + 1);
    return grid->ops->scan(grid->impl, index, visit, ctx);
}

pxl_error pxl_grid_sheet_visit(pxl_grid *grid, size_t index, pxl_cell_visitor visit, void *ctx)
{
    if (!grid || !visit)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "pxl_grid_sheet_scan: no grid or no visitor");
    pxl_error err = pxl_locale_enter();
    if (err)
        return err;
    err = sheet_scan(grid, index, visit, ctx);
    pxl_locale_leave();
    return err;
}

/* A caller's visitor: watched for the stop the public scan reports as PXL_ERR_CANCELLED
 * (libgit2's rule: a callback's stop is the caller's own outcome, never success), and
 * called in the host program's own locale when the host called the scan. */
typedef struct host_visitor {
    pxl_cell_visitor visit;
    void *ctx;
    int in_host_locale;
    int stopped;
} host_visitor;

static int visit_for_caller(void *p, const pxl_cell *cell)
{
    host_visitor *h = p;
    if (cell->type == PXL_CELL_EMPTY && cell->style && !cell->is_formula)
        return 0; /* a formatted blank (pxl_grid_keep_blanks()): not the public scan's */
    if (!h->in_host_locale)
        return h->stopped = h->visit(h->ctx, cell) != 0;
    pxl_locale_host host;
    pxl_locale_host_begin(&host);
    int stop = h->visit(h->ctx, cell);
    pxl_locale_host_end(&host);
    return h->stopped = stop != 0;
}

/* The readers run in the C locale (util/locale.h): called by the host program, the host's
 * visitor gets the host's locale back for each call. */
pxl_error pxl_grid_sheet_scan(pxl_grid *grid, size_t index, pxl_cell_visitor visit, void *ctx)
{
    if (!grid || !visit)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "pxl_grid_sheet_scan: no grid or no visitor");
    host_visitor h = {visit, ctx, pxl_locale_depth() == 0, 0};
    pxl_error err = pxl_grid_sheet_visit(grid, index, visit_for_caller, &h);
    if (err == PXL_OK && h.stopped)
        return pxl_fail(PXL_ERR_CANCELLED, "%s: the cell visitor stopped the scan of sheet \"%s\"", grid->path,
                        grid->sheet_names[index]);
    return err;
}

char *pxl_cell_name(char *buf, size_t size, pxl_index row, pxl_index col)
{
    char letters[8];
    int n = 0;
    uint32_t c = col + 1;
    while (c > 0 && n < (int)sizeof letters) {
        letters[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    char name[8];
    for (int i = 0; i < n; i++)
        name[i] = letters[n - 1 - i];
    snprintf(buf, size, "%.*s%lu", n, name, (unsigned long)row + 1);
    return buf;
}

int pxl_grid_path_is_zip(const char *path)
{
    pxl_file_format format;
    if (pxl_sniff_format(path, &format) != PXL_OK) {
        pxl_error_clear(); /* the open that follows says what is wrong with the file */
        return 0;
    }
    return format == PXL_FORMAT_ZIP;
}

void pxl_grid_keep_blanks(pxl_grid *grid)
{
    if (grid->ops && grid->ops->keep_blanks)
        grid->ops->keep_blanks(grid->impl);
}

size_t pxl_grid_style_count(const pxl_grid *grid)
{
    return grid->style_count;
}

const pxl_cell_style *pxl_grid_cell_style(const pxl_grid *grid, unsigned style)
{
    return style && style <= grid->style_count ? &grid->styles[style - 1] : NULL;
}
