/*
 * The freexl reader (Debian's freexl 1.0.6). Its traps, verified on the corpus:
 * - freexl_open() can return FREEXL_OK with a NULL handle (118 of 647 real
 *   files): that is a failed open, never "0 sheets";
 * - FORMULA records are not read: formula cells come back as NULL (grid.c
 *   adds them from the BIFF reader);
 * - dates come back as text ("2024-08-31", "2024-08-31 12:00:00", "12:00:00"),
 *   already in calendar terms, so 1904 workbooks need no shift here;
 * - an obfuscated (password-protected) workbook is only flagged, and its
 *   cells are garbage: refuse it;
 * - it allocates every sheet's whole declared grid at open (below): a file of a
 *   few kilobytes can take gigabytes, so the size is checked before it is asked.
 */
#include <freexl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error_internal.h"
#include "freexl.h"
#include "util/serial.h"
#include "read/biff/biff_reader.h"

/*
 * What freexl 1.0.6 allocates at freexl_open(), before any cell is asked for: for every
 * sheet a grid of 16-byte cells (its biff_cell_value) as large as the sheet's DIMENSIONS
 * record says (rwMac x colMac; each further DIMENSIONS record of the sheet another grid),
 * or without one (last row + 1) x (last column + 1) of its cells, and it writes every cell
 * of it, so all of it is resident. It takes up to 65 536 x 256 cells a sheet (256 MiB;
 * larger it refuses as a crafted file, before allocating). Measured: one cell at IV65536
 * makes a 5.6 KB workbook take 266 MB with freexl (4 MB with the BIFF reader), six such
 * sheets 1.58 GB. The shared string table's pointer array (8 bytes a declared string) it
 * caps at about a million strings: 8 MB at most, not counted here.
 */
#define PXL_FREEXL_CELL_BYTES 16

/*
 * The most freexl may allocate for a workbook's grids: 32 MB, 2 000 000 declared cells
 * (e.g. 7 812 rows x 256 columns, or 40 000 x 50). Issue 16 asks that no command take
 * more than 64 MB on any file; this leaves the other half to planxl and libxlsxwriter.
 * 644 of the 647 corpus files declare less (the largest of them 26 MB); the three that
 * declare more (68, 267 and 268 MB) are read by the BIFF reader instead.
 */
#define PXL_FREEXL_GRID_LIMIT ((uint64_t)32000000)

#define PXL_MB(bytes) ((double)(bytes) / 1e6)

pxl_error pxl_freexl_check_size(const char *path, const void *book, int suggest_biff)
{
    uint64_t declared = 0;
    if (book) {
        declared = pxl_biff_declared_cells(book);
    } else if (pxl_biff_declared_walk(path, &declared) != PXL_OK) {
        pxl_error_clear();
        return PXL_OK; /* not even the workbook stream opens: freexl is asked, as before */
    }
    uint64_t bytes = declared * PXL_FREEXL_CELL_BYTES;
    if (bytes <= PXL_FREEXL_GRID_LIMIT)
        return PXL_OK;
    const char *advice = suggest_biff ? "; read it with --reader biff (or the default reader)" : "";
    uint64_t cells;
    uint32_t rows, cols;
    char largest[1024] = ""; /* a BIFF8 sheet name is at most 255 characters: 765 bytes of UTF-8 */
    /* no sheet when the sheet list cannot be read, or only chart or macro sheets declare it */
    const char *sheet = book ? pxl_biff_largest_declared(book, &cells, &rows, &cols) : NULL;
    if (sheet)
        snprintf(largest, sizeof largest, " (sheet \"%s\" declares %" PRIu32 " rows x %" PRIu32 " columns)", sheet,
                 rows, cols);
    return pxl_fail(PXL_ERR_UNSUPPORTED,
                    "%s: freexl would allocate %.0f MB for the sheets' declared size, more than the %.0f MB "
                    "planxl allows it%s%s", path, PXL_MB(bytes), PXL_MB(PXL_FREEXL_GRID_LIMIT), largest, advice);
}

typedef struct freexl_reader {
    const void *handle;
    const char *path;  /* owned by the grid */
} freexl_reader;

static const char *freexl_reason(int rc)
{
    switch (rc) {
    case FREEXL_FILE_NOT_FOUND: return "the file cannot be opened";
    case FREEXL_INSUFFICIENT_MEMORY: return "out of memory";
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE: return "not an Excel 97-2003 (.xls) workbook";
    case FREEXL_CFBF_READ_ERROR:
    case FREEXL_CFBF_SEEK_ERROR: return "the file is truncated";
    case FREEXL_CFBF_INVALID_SECTOR_SIZE:
    case FREEXL_CFBF_EMPTY_FAT_CHAIN:
    case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
    case FREEXL_INVALID_MINI_STREAM:
    case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY: return "the file's container structure is damaged";
    case FREEXL_BIFF_INVALID_BOF: return "the workbook stream does not start like an Excel workbook";
    case FREEXL_BIFF_INVALID_SST:
    case FREEXL_BIFF_ILLEGAL_SST_INDEX: return "the workbook's shared strings are damaged";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return "the file holds no Excel workbook stream";
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER: return "the workbook's text encoding is not supported";
    case FREEXL_CRAFTED_FILE: return "the workbook is severely damaged";
    default: return "freexl could not read the workbook";
    }
}

static pxl_error freexl_error_code(int rc)
{
    switch (rc) {
    case FREEXL_INSUFFICIENT_MEMORY: return PXL_ERR_NOMEM;
    case FREEXL_FILE_NOT_FOUND: return PXL_ERR_IO;
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return PXL_ERR_NOT_XLS;
    case FREEXL_UNSUPPORTED_CHARSET: return PXL_ERR_UNSUPPORTED;
    default: return PXL_ERR_CORRUPT;
    }
}

/* "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or "HH:MM:SS" back to an Excel serial (1900 system). */
static int serial_from_text(const char *text, pxl_cell_type type, double *serial)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    switch (type) {
    case PXL_CELL_DATE:
        if (sscanf(text, "%d-%d-%d", &y, &mo, &d) != 3)
            return -1;
        break;
    case PXL_CELL_DATETIME:
        if (sscanf(text, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6)
            return -1;
        break;
    default:
        if (sscanf(text, "%d:%d:%d", &h, &mi, &s) != 3)
            return -1;
        *serial = (h * 3600.0 + mi * 60.0 + s) / 86400.0;
        return 0;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return -1;
    /* freexl, like Excel, counts 1900 as a leap year: its serial 60 is "1900-02-29", a day
     * the proleptic calendar does not have (MS-XLS 2.5.x; Lotus 1-2-3's bug kept) */
    if (y == 1900 && mo == 2 && d == 29) {
        *serial = 60 + (h * 3600.0 + mi * 60.0 + s) / 86400.0;
        return 0;
    }
    *serial = pxl_serial_from_civil(y, mo, d, h, mi, s);
    return 0;
}

pxl_error pxl_freexl_cursor_open(void *impl, size_t index, pxl_freexl_cursor *c)
{
    freexl_reader *r = impl;
    unsigned int rows = 0;
    unsigned short cols = 0;
    *c = (pxl_freexl_cursor){ r, 0, 0, 0, 0 };
    if (freexl_select_active_worksheet(r->handle, (unsigned short)index) != FREEXL_OK ||
        freexl_worksheet_dimensions(r->handle, &rows, &cols) != FREEXL_OK)
        return pxl_fail(PXL_ERR_CORRUPT, "%s: sheet %zu cannot be read", r->path, index + 1);
    /* an empty sheet reports 65 536 rows and 0 columns */
    c->rows = cols ? rows : 0;
    c->cols = cols;
    return PXL_OK;
}

int pxl_freexl_cursor_next(pxl_freexl_cursor *c, pxl_cell *cell)
{
    freexl_reader *r = c->reader;
    for (; c->row < c->rows; c->row++, c->col = 0) {
        while (c->col < c->cols) {
            unsigned int row = c->row;
            unsigned short col = c->col++;
            FreeXL_CellValue v;
            if (freexl_get_cell_value(r->handle, row, col, &v) != FREEXL_OK)
                continue;
            *cell = (pxl_cell){.row = row, .col = col};
            switch (v.type) {
            case FREEXL_CELL_INT:
                cell->type = PXL_CELL_NUMBER;
                cell->number = v.value.int_value;
                break;
            case FREEXL_CELL_DOUBLE:
                cell->type = PXL_CELL_NUMBER;
                cell->number = v.value.double_value;
                break;
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_SST_TEXT:
                if (!v.value.text_value || !*v.value.text_value)
                    continue;
                cell->type = PXL_CELL_TEXT;
                cell->text = v.value.text_value;
                break;
            case FREEXL_CELL_DATE:
            case FREEXL_CELL_DATETIME:
            case FREEXL_CELL_TIME:
                cell->type = v.type == FREEXL_CELL_DATE       ? PXL_CELL_DATE
                            : v.type == FREEXL_CELL_DATETIME ? PXL_CELL_DATETIME
                                                             : PXL_CELL_TIME;
                if (!v.value.text_value || serial_from_text(v.value.text_value, cell->type, &cell->number)) {
                    /* keep what freexl said rather than lose the cell */
                    cell->type = PXL_CELL_TEXT;
                    cell->text = v.value.text_value ? v.value.text_value : "";
                }
                break;
            default:
                continue; /* FREEXL_CELL_NULL: empty, or a formula freexl does not read */
            }
            return 1;
        }
    }
    return 0;
}

static pxl_error freexl_scan(void *impl, size_t index, pxl_cell_visitor visit, void *ctx)
{
    pxl_freexl_cursor c;
    pxl_error e = pxl_freexl_cursor_open(impl, index, &c);
    pxl_cell cell;
    while (e == PXL_OK && pxl_freexl_cursor_next(&c, &cell))
        if (visit(ctx, &cell))
            break;
    return e;
}

static void freexl_reader_close(void *impl)
{
    freexl_reader *r = impl;
    if (r->handle)
        freexl_close(r->handle);
    free(r);
}

static const pxl_reader_ops freexl_ops = {"freexl", freexl_scan, freexl_reader_close, NULL, NULL};

pxl_error pxl_freexl_open(pxl_grid *grid, const char *path)
{
    /* --reader freexl: the BIFF reader's walk over the sheets says what freexl would
     * allocate (a bare walk of the workbook stream when the BIFF reader cannot read the
     * file; when not even the stream opens, freexl is asked as before). */
    void *book = NULL;
    pxl_error e = pxl_biff_open_supplement(path, &book);
    if (e != PXL_OK) {
        pxl_error_clear();
        book = NULL;
    }
    /* an encrypted workbook's records are garbage: freexl says what it says, as before */
    if (e != PXL_ERR_ENCRYPTED && (e = pxl_freexl_check_size(path, book, 1)) != PXL_OK) {
        if (book)
            pxl_biff_ops.close(book);
        return e;
    }
    if (book)
        pxl_biff_ops.close(book);
    return pxl_freexl_open_checked(grid, path);
}

pxl_error pxl_freexl_open_checked(pxl_grid *grid, const char *path)
{
    const void *handle = NULL;
    int rc = freexl_open(path, &handle);
    if (rc != FREEXL_OK) {
        if (handle)
            freexl_close(handle);
        return pxl_fail(freexl_error_code(rc), "%s: %s (freexl error %d)", path, freexl_reason(rc), rc);
    }
    if (!handle)
        return pxl_fail(PXL_ERR_UNSUPPORTED,
                        "%s: freexl could not read this workbook (it reported success but gave no "
                        "workbook; typical of files with charts, long strings or cells outside the "
                        "declared sheet size)", path);

    unsigned int info = 0;
    if (freexl_get_info(handle, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED) {
        freexl_close(handle);
        return pxl_fail(PXL_ERR_ENCRYPTED, "%s: the workbook is password-protected (encrypted); "
                        "planxl cannot read it", path);
    }
    freexl_reader *r = calloc(1, sizeof *r);
    if (!r) {
        freexl_close(handle);
        return pxl_fail_nomem();
    }
    r->handle = handle;
    r->path = grid->path;
    grid->ops = &freexl_ops;
    grid->impl = r;
    grid->reader = PXL_READER_FREEXL;
    if (freexl_get_info(handle, FREEXL_BIFF_DATEMODE, &info) == FREEXL_OK)
        grid->date1904 = info == FREEXL_BIFF_DATEMODE_1904;
    if (freexl_get_info(handle, FREEXL_BIFF_VERSION, &info) == FREEXL_OK)
        grid->biff_version = (int)info;

    unsigned int count = 0;
    if (freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
        return pxl_fail(PXL_ERR_CORRUPT, "%s: the list of sheets cannot be read", path);
    for (unsigned int i = 0; i < count; i++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(handle, (unsigned short)i, &name) != FREEXL_OK)
            return pxl_fail(PXL_ERR_CORRUPT, "%s: the name of sheet %u cannot be read", path, i + 1);
        pxl_error err = pxl_grid_add_sheet(grid, name);
        if (err)
            return err;
    }
    return PXL_OK;
}
