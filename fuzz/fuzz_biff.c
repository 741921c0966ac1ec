/*
 * libFuzzer target for planxl's BIFF reader: bytes in, a workbook opened from memory
 * (an OLE2 file or a bare BIFF stream), every sheet scanned, every string touched.
 * Build: cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DPLANXL_BUILD_FUZZERS=ON
 * Run:   build-fuzz/fuzz/fuzz_biff -max_len=200000 fuzz/corpus-dir seeds-dir
 * Seeds: bare workbook streams (fuzz/biff_stream FILE.xls OUT) reach the record
 * parsers directly; whole .xls files exercise the OLE2 reader (cfb.c) too.
 * A sheet the scan streamed (already in row-major order) must give exactly the cells
 * the collecting path gives (pxl_biff_sheet_load): else the target aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/biff/biff_reader.h"
#include "read/reader.h"

/* FNV-1a over every field of every cell, and the count. */
typedef struct digest {
    uint64_t h;
    size_t count;
} digest;

static void mix(digest *d, const void *bytes, size_t n)
{
    const unsigned char *p = bytes;
    for (size_t i = 0; i < n; i++)
        d->h = (d->h ^ p[i]) * 1099511628211u;
}

static int touch(void *ctx, const pxl_cell *cell)
{
    digest *d = ctx;
    uint32_t fields[4] = { cell->row, cell->col, (uint32_t)cell->type, (uint32_t)cell->is_formula };
    mix(d, fields, sizeof fields);
    mix(d, &cell->number, sizeof cell->number);
    mix(d, cell->text ? cell->text : "\1", cell->text ? strlen(cell->text) + 1 : 1);
    mix(d, cell->formula ? cell->formula : "\1", cell->formula ? strlen(cell->formula) + 1 : 1);
    d->count++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pxl_grid grid;
    memset(&grid, 0, sizeof grid);
    if (pxl_biff_open_memory(&grid, "fuzz.xls", data, size) != PXL_OK) {
        pxl_grid_reset(&grid);
        return 0;
    }
    for (size_t i = 0; i < grid.sheet_count; i++) {
        (void)strlen(grid.sheet_names[i]);
        unsigned long streamed0, streamed, buffered;
        pxl_biff_scan_paths(grid.impl, &streamed0, &buffered);
        digest scanned = { 14695981039346656037u, 0 };
        pxl_error e = grid.ops->scan(grid.impl, i, touch, &scanned);
        pxl_biff_scan_paths(grid.impl, &streamed, &buffered);
        if (streamed == streamed0)
            continue;
        size_t count;
        pxl_error le = pxl_biff_sheet_load(grid.impl, i, &count);
        if ((e == PXL_OK) != (le == PXL_OK))
            abort(); /* one path refused the sheet, the other did not */
        if (e != PXL_OK)
            continue;
        digest collected = { 14695981039346656037u, 0 };
        for (size_t k = 0; k < count; k++) {
            pxl_cell cell;
            pxl_biff_sheet_cell(grid.impl, k, &cell);
            touch(&collected, &cell);
        }
        if (scanned.h != collected.h || scanned.count != collected.count)
            abort(); /* streamed cells differ from the collected ones */
    }
    for (size_t i = 0; i < grid.defined_count; i++) {
        const pxl_defined_name *d = &grid.defined[i];
        (void)strlen(d->name);
        (void)(d->formula ? strlen(d->formula) : strlen(d->why));
    }
    for (size_t i = 0; grid.merges && i < grid.sheet_count; i++)
        for (size_t k = 0; k < grid.merges[i].count; k++)
            if (grid.merges[i].ranges[k].first_row > grid.merges[i].ranges[k].last_row ||
                grid.merges[i].ranges[k].first_col > grid.merges[i].ranges[k].last_col)
                abort(); /* pxl_grid_set_merges() puts corners right */
    /* What pxl_grid_open()'s callers free: the reader, names, facts, other sheets, defined names. */
    pxl_grid_reset(&grid);
    return 0;
}
