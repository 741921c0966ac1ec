/* The grid: opens a workbook with the chosen reader and streams its cells. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "biff/biff_reader.h"
#include "error_internal.h"
#include "grid_internal.h"

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

/* OLE2 compound file signature (MS-CFB 2.2). */
static const unsigned char OLE2_SIGNATURE[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* Say what a file is when it is not an .xls: the commonest mistakes get named.
 * [xlsx hook] *zip is set for a zip file: the .xlsx reader says what kind of zip it is. */
static pxl_error sniff_format(const char *path, int *zip)
{
    unsigned char head[8] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return pxl_fail(PXL_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n == sizeof head && !memcmp(head, OLE2_SIGNATURE, sizeof head))
        return PXL_OK;
    /* A bare BIFF stream (BIFF2-5 files written without an OLE2 container):
     * BOF record ids 0x0009, 0x0209, 0x0409, 0x0809 (MS-XLS 2.4.21). */
    if (n >= 2 && head[0] == 0x09 && (head[1] == 0x00 || head[1] == 0x02 || head[1] == 0x04 || head[1] == 0x08))
        return PXL_OK;
    if (n >= 4 && !memcmp(head, "PK\x03\x04", 4)) {
        *zip = 1; /* [xlsx hook] */
        return PXL_OK;
    }
    if (n >= 1 && (head[0] == '<' || (n >= 4 && !memcmp(head, "\xEF\xBB\xBF<", 4))))
        return pxl_fail(PXL_ERR_NOT_XLS, "%s: is an HTML or XML file saved under an .xls name, not an Excel "
                        "97-2003 (.xls) workbook", path);
    return pxl_fail(PXL_ERR_NOT_XLS, "%s: not an Excel 97-2003 (.xls) workbook", path);
}

/* The checks every reader would repeat: the file exists and is a regular file. */
static pxl_error check_input(const char *path, int *zip)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return pxl_fail(PXL_ERR_NOT_FOUND, "%s: no such file", path);
        return pxl_fail(PXL_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
    }
    if (S_ISDIR(st.st_mode))
        return pxl_fail(PXL_ERR_IO, "%s: is a directory, not a workbook", path);
    if (st.st_size == 0)
        return pxl_fail(PXL_ERR_NOT_XLS, "%s: the file is empty, not an Excel 97-2003 (.xls) workbook", path);
    return sniff_format(path, zip);
}

/* Forget what a reader that failed half-way left in the grid. */
static void drop_reader(pxl_grid *grid)
{
    if (grid->ops && grid->impl)
        grid->ops->close(grid->impl);
    grid->ops = NULL;
    grid->impl = NULL;
    for (size_t i = 0; i < grid->sheet_count; i++)
        free(grid->sheet_names[i]);
    free(grid->sheet_names);
    grid->sheet_names = NULL;
    grid->sheet_count = 0;
    pxl_grid_free_defined(grid);
    grid->date1904 = 0;
    grid->biff_version = 0;
}

/*
 * freexl 1.0.6 lists chart, macro and VB module sheets as worksheets (calamine's
 * any_sheets.xls: its "Chart" sheet even shows another sheet's cells). grid.h promises
 * worksheets only: drop those the BIFF reader's sheet list says are not.
 */
static pxl_error drop_non_worksheets(pxl_grid *grid, const void *book)
{
    size_t kept = 0, count = grid->sheet_count;
    size_t *map = malloc((count ? count : 1) * sizeof *map);
    if (!map)
        return pxl_fail_nomem();
    for (size_t i = 0; i < count; i++) {
        if (pxl_biff_is_worksheet(book, grid->sheet_names[i], i, count)) {
            map[kept] = i;
            grid->sheet_names[kept++] = grid->sheet_names[i];
        } else {
            free(grid->sheet_names[i]);
        }
    }
    grid->sheet_count = kept;
    if (kept == count) {
        free(map);
        return PXL_OK;
    }
    grid->sheet_map = map;
    return PXL_OK;
}

/*
 * AUTO: freexl reads the cells, as the design asks; the BIFF reader's supplement pass
 * delivers the cells freexl 1.0.6 gets wrong (formulas, booleans and errors, RSTRING
 * text, dates and times it would cut: docs/autofix.md), and reads the whole file when
 * freexl cannot open it (an error, or success with a NULL handle: 118 of the 647 corpus
 * files). The pass reads the workbook stream through a small window over the file
 * (biff/stream.c), and its file is closed at once when no sheet needs the pass.
 */
static pxl_error open_auto(pxl_grid *grid, const char *path)
{
    void *supplement = NULL;
    if (pxl_biff_open_supplement(path, &supplement) != PXL_OK) {
        /* the BIFF reader cannot read a file freexl may still read: freexl's cells stand */
        pxl_error_clear();
        supplement = NULL;
    }
    if (supplement && !pxl_biff_supplement_needed(supplement))
        pxl_biff_release_stream(supplement);
    pxl_error err = pxl_freexl_open(grid, path);
    if (err == PXL_ERR_ENCRYPTED || err == PXL_ERR_NOMEM) {
        if (supplement)
            pxl_biff_ops.close(supplement);
        return err; /* the BIFF reader would refuse it too */
    }
    if (err != PXL_OK) {
        if (supplement)
            pxl_biff_ops.close(supplement);
        /* pxl_error_message() still says why freexl failed: keep it for --verbose */
        grid->fallback_reason = strdup(pxl_error_message());
        if (!grid->fallback_reason)
            return pxl_fail_nomem();
        drop_reader(grid);
        grid->fell_back = 1;
        grid->reader = PXL_READER_BIFF;
        return pxl_biff_open(grid, path);
    }
    if (!supplement)
        return PXL_OK;
    if (pxl_biff_defined_names(supplement, grid) != PXL_OK) {
        pxl_biff_ops.close(supplement);
        return PXL_ERR_NOMEM; /* the names already copied go with pxl_grid_close() */
    }
    if (drop_non_worksheets(grid, supplement) != PXL_OK ||
        (pxl_biff_supplement_needed(supplement) &&
         pxl_biff_align_sheets(supplement, grid->sheet_names, grid->sheet_count) != PXL_OK)) {
        pxl_biff_ops.close(supplement);
        return PXL_ERR_NOMEM;
    }
    if (!pxl_biff_supplement_needed(supplement)) {
        pxl_biff_ops.close(supplement);
        return PXL_OK;
    }
    grid->formula_ops = &pxl_biff_ops;
    grid->formula_impl = supplement;
    return PXL_OK;
}

pxl_error pxl_grid_open(pxl_grid **out, const char *path, const pxl_grid_options *options)
{
    pxl_grid_options defaults = PXL_GRID_OPTIONS_INIT;
    if (!options)
        options = &defaults;
    *out = NULL;
    if (!path)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "no input file given");
    int zip = 0;
    pxl_error err = check_input(path, &zip);
    if (err)
        return err;
    /* [xlsx hook] readers by content: a zip package goes to the .xlsx reader, and only to it. */
    if (zip && (options->reader == PXL_READER_FREEXL || options->reader == PXL_READER_BIFF))
        return pxl_fail(PXL_ERR_NOT_XLS, "%s: is a zip file (an .xlsx, .xlsm or .ods workbook), not an Excel "
                        "97-2003 (.xls) workbook: --reader %s reads .xls only (the default reader reads .xlsx)",
                        path, options->reader == PXL_READER_FREEXL ? "freexl" : "biff");
    if (!zip && options->reader == PXL_READER_XLSX)
        return pxl_fail(PXL_ERR_NOT_XLS, "%s: is not an .xlsx workbook (not a zip file): the .xlsx reader reads "
                        ".xlsx and .xlsm only", path);

    pxl_grid *grid = calloc(1, sizeof *grid);
    if (!grid || !(grid->path = strdup(path))) {
        free(grid);
        return pxl_fail_nomem();
    }
    switch (zip ? PXL_READER_XLSX : options->reader) {
    case PXL_READER_XLSX: /* [xlsx hook] */
        err = pxl_xlsx_open(grid, path);
        break;
    case PXL_READER_BIFF:
        err = pxl_biff_open(grid, path);
        grid->reader = PXL_READER_BIFF;
        break;
    case PXL_READER_AUTO:
        err = open_auto(grid, path);
        break;
    case PXL_READER_FREEXL:
    default:
        err = pxl_freexl_open(grid, path);
        break;
    }
    if (err) {
        pxl_grid_close(grid);
        return err;
    }
    *out = grid;
    return PXL_OK;
}

void pxl_grid_close(pxl_grid *grid)
{
    if (!grid)
        return;
    if (grid->ops && grid->impl)
        grid->ops->close(grid->impl);
    if (grid->formula_ops && grid->formula_impl)
        grid->formula_ops->close(grid->formula_impl);
    for (size_t i = 0; i < grid->sheet_count; i++)
        free(grid->sheet_names[i]);
    free(grid->sheet_names);
    free(grid->sheet_map);
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

/* Interleaving the supplement pass's cells into freexl's cells, both row-major. */
typedef struct formula_merge {
    pxl_cell_visitor visit;
    void *ctx;
    void *formulas;     /* the BIFF reader, its sheet loaded */
    size_t next, count;
    int stopped;
} formula_merge;

static int before(const pxl_cell *a, const pxl_cell *b)
{
    return a->row < b->row || (a->row == b->row && a->col < b->col);
}

static int merge_visit(void *p, const pxl_cell *cell)
{
    formula_merge *m = p;
    while (m->next < m->count) {
        pxl_cell f;
        pxl_biff_sheet_cell(m->formulas, m->next, &f);
        if (before(cell, &f))
            break;
        m->next++;
        int same = f.row == cell->row && f.col == cell->col;
        if (m->visit(m->ctx, &f))
            return m->stopped = 1;
        if (same)
            return 0; /* the formula cell, with its cached value, stands for freexl's */
    }
    if (m->visit(m->ctx, cell))
        return m->stopped = 1;
    return 0;
}

/* The same merge driven by the supplement pass's stream of cells, pulling freexl's cells
 * up to each one: no sheet-sized buffer of supplement cells (issue 5: memory). */
typedef struct pull_merge {
    pxl_cell_visitor visit;
    void *ctx;
    pxl_freexl_cursor cursor;
    pxl_cell cell;      /* freexl's next cell, when have */
    int have;
    int stopped;
} pull_merge;

static int pull_visit(void *p, const pxl_cell *f)
{
    pull_merge *m = p;
    while (m->have && before(&m->cell, f)) {
        if (m->visit(m->ctx, &m->cell))
            return m->stopped = 1;
        m->have = pxl_freexl_cursor_next(&m->cursor, &m->cell);
    }
    if (m->have && m->cell.row == f->row && m->cell.col == f->col) /* the supplement's cell stands for freexl's */
        m->have = pxl_freexl_cursor_next(&m->cursor, &m->cell);
    if (m->visit(m->ctx, f))
        return m->stopped = 1;
    return 0;
}

/* 1 when the supplement pass streamed the sheet (and the merge is done), 0 to collect it. */
static int scan_streamed(pxl_grid *grid, size_t index, size_t own, pxl_cell_visitor visit, void *ctx, pxl_error *err)
{
    pull_merge m = { .visit = visit, .ctx = ctx };
    if ((*err = pxl_freexl_cursor_open(grid->impl, own, &m.cursor)) != PXL_OK)
        return 1;
    m.have = pxl_freexl_cursor_next(&m.cursor, &m.cell);
    int streamed;
    pxl_error e = pxl_biff_stream_supplement(grid->formula_impl, index, pull_visit, &m, &streamed);
    if (!streamed)
        return 0;
    if (e != PXL_OK)
        pxl_error_clear(); /* a damaged sheet: its cells past the damage are freexl's alone */
    while (!m.stopped && m.have) {
        if (visit(ctx, &m.cell))
            break;
        m.have = pxl_freexl_cursor_next(&m.cursor, &m.cell);
    }
    return 1;
}

static pxl_error scan_with_formulas(pxl_grid *grid, size_t index, pxl_cell_visitor visit, void *ctx)
{
    pxl_error err;
    if (scan_streamed(grid, index, grid->sheet_map ? grid->sheet_map[index] : index, visit, ctx, &err))
        return err;
    formula_merge m = { visit, ctx, grid->formula_impl, 0, 0, 0 };
    err = pxl_biff_sheet_load(grid->formula_impl, index, &m.count);
    if (err != PXL_OK) {
        /* the formula pass cannot read this sheet: freexl's cells alone, as without it */
        pxl_error_clear();
        m.count = 0;
    }
    err = grid->ops->scan(grid->impl, grid->sheet_map ? grid->sheet_map[index] : index, merge_visit, &m);
    if (err != PXL_OK || m.stopped)
        return err;
    while (m.next < m.count) {
        pxl_cell f;
        pxl_biff_sheet_cell(m.formulas, m.next++, &f);
        if (visit(ctx, &f))
            break;
    }
    return PXL_OK;
}

pxl_error pxl_grid_sheet_scan(pxl_grid *grid, size_t index, pxl_cell_visitor visit, void *ctx)
{
    if (index >= grid->sheet_count)
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: there is no sheet %zu", grid->path, index + 1);
    if (!grid->formula_impl)
        return grid->ops->scan(grid->impl, grid->sheet_map ? grid->sheet_map[index] : index, visit, ctx);
    return scan_with_formulas(grid, index, visit, ctx);
}

char *pxl_cell_name(char *buf, size_t size, uint32_t row, uint32_t col)
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

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

double pxl_serial_from_civil(int year, int month, int day, int hour, int minute, double second)
{
    /* Excel's 1900 system counts 1900-02-29, which never existed (MS-XLS 2.5.x,
     * kept for Lotus 1-2-3 compatibility): from 1900-03-01 on, serial = days since
     * 1899-12-30; before it, days since 1899-12-31. */
    long days = days_from_civil(year, (unsigned)month, (unsigned)day);
    long base = days_from_civil(1899, 12, 30);
    double serial = (double)(days - base);
    if (serial < 61)
        serial -= 1;
    return serial + (hour * 3600.0 + minute * 60.0 + second) / 86400.0;
}
