/*
 * The .xlsx reader behind the grid: what a zip file is (an .xlsx or .xlsm package, an
 * OpenDocument spreadsheet, something else), and the workbook's parts read at open.
 */
#include <stdlib.h>
#include <string.h>

#include "util/error_internal.h"
#include "xlsx.h"

static void book_close(void *impl)
{
    pxl_xlsx_book *b = impl;
    if (!b)
        return;
    pxl_zip_close(b->zip);
    for (size_t i = 0; i < b->sheet_count; i++) {
        free(b->sheets[i].name);
        free(b->sheets[i].part);
        free(b->sheets[i].merges);
    }
    free(b->sheets);
    free(b->styles_part);
    free(b->strings_part);
    free(b->xf_kind);
    free(b->sst);
    free(b->sst_offsets);
    free(b);
}

const pxl_reader_ops pxl_xlsx_ops = { "xlsx", pxl_xlsx_scan, book_close, pxl_xlsx_merges, NULL };

typedef struct head {
    char text[96];
    size_t len;
} head;

static int keep_head(void *ctx, const char *data, size_t len, pxl_error *err)
{
    head *h = ctx;
    size_t room = sizeof h->text - 1 - h->len;
    size_t n = len < room ? len : room;
    memcpy(h->text + h->len, data, n);
    h->len += n;
    h->text[h->len] = '\0';
    *err = PXL_OK;
    return h->len == sizeof h->text - 1;
}

/* The OpenDocument package's first entry names what it is (ODF 1.2 Part 3 §3.3). */
#define PXL_ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"
#define PXL_ODF_MIMETYPE "application/vnd.oasis.opendocument."

static pxl_error identify(pxl_zip *z, const char *path)
{
    if (pxl_zip_has(z, "mimetype")) {
        head h = {0};
        pxl_error e = pxl_zip_read(z, "mimetype", keep_head, &h);
        if (e)
            return e;
        if (!strncmp(h.text, PXL_ODS_MIMETYPE, strlen(PXL_ODS_MIMETYPE)))
            return pxl_fail(PXL_ERR_NOT_XLS, "%s: is an OpenDocument spreadsheet (.ods), which planxl does not read: "
                            "save it as .xlsx or .xls", path);
        if (!strncmp(h.text, PXL_ODF_MIMETYPE, strlen(PXL_ODF_MIMETYPE)))
            return pxl_fail(PXL_ERR_NOT_XLS, "%s: is an OpenDocument file (%s), not a spreadsheet planxl reads", path,
                            h.text);
    }
    if (!pxl_zip_has(z, "[Content_Types].xml"))
        return pxl_fail(PXL_ERR_NOT_XLS, "%s: is a zip file but not an Excel workbook (no [Content_Types].xml: "
                        "not an .xlsx package)", path);
    if (pxl_zip_has(z, "xl/workbook.bin"))
        return pxl_fail(PXL_ERR_UNSUPPORTED, "%s: is an Excel binary workbook (.xlsb), which planxl does not read: "
                        "save it as .xlsx", path);
    if (pxl_zip_has(z, "word/document.xml") || pxl_zip_has(z, "ppt/presentation.xml"))
        return pxl_fail(PXL_ERR_NOT_XLS, "%s: is a Word or PowerPoint file, not an Excel workbook", path);
    return PXL_OK;
}

static pxl_error open_book(pxl_grid *grid, const char *path, const void *data, size_t len)
{
    pxl_xlsx_book *b = calloc(1, sizeof *b);
    if (!b)
        return pxl_fail_nomem();
    b->path = grid->path ? grid->path : path;
    pxl_error e = data ? pxl_zip_open_memory(&b->zip, path, data, len) : pxl_zip_open(&b->zip, path);
    if (e == PXL_OK)
        e = identify(b->zip, path);
    if (e == PXL_OK)
        e = pxl_xlsx_read_workbook(b, grid);
    if (e == PXL_OK)
        e = pxl_xlsx_read_styles(b);
    if (e == PXL_OK)
        e = pxl_xlsx_read_strings(b);
    if (e) {
        book_close(b);
        return e; /* grid.c's drop of a failed reader frees the sheet names and names added */
    }
    static const pxl_sheet_state states[] = {
        [PXL_XLSX_VISIBLE] = PXL_SHEET_VISIBLE, [PXL_XLSX_HIDDEN] = PXL_SHEET_HIDDEN,
        [PXL_XLSX_VERY_HIDDEN] = PXL_SHEET_VERY_HIDDEN,
    };
    for (size_t i = 0; e == PXL_OK && i < b->sheet_count; i++)
        e = pxl_grid_set_sheet_state(grid, i, states[b->sheets[i].state]);
    if (e) {
        book_close(b);
        return e;
    }
    grid->date1904 = b->date1904;
    grid->reader = PXL_READER_XLSX;
    grid->ops = &pxl_xlsx_ops;
    grid->impl = b;
    return PXL_OK;
}

pxl_error pxl_xlsx_open(pxl_grid *grid, const char *path)
{
    return open_book(grid, path, NULL, 0);
}

pxl_error pxl_xlsx_open_memory(pxl_grid *grid, const char *name, const void *data, size_t len)
{
    static const char empty[1];
    return open_book(grid, name, data ? data : empty, data ? len : 0);
}
