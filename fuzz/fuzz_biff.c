/*
 * libFuzzer target for planxl's BIFF reader: bytes in, a workbook opened from memory
 * (an OLE2 file or a bare BIFF stream), every sheet scanned, every string touched.
 * Build: cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DPLANXL_BUILD_FUZZERS=ON
 * Run:   build-fuzz/fuzz/fuzz_biff -max_len=200000 fuzz/corpus-dir seeds-dir
 * Seeds: bare workbook streams (fuzz/biff_stream FILE.xls OUT) reach the record
 * parsers directly; whole .xls files exercise the OLE2 reader (cfb.c) too.
 */
#include <stdlib.h>
#include <string.h>

#include "biff/biff_reader.h"

static int touch(void *ctx, const pxl_cell *cell)
{
    size_t *sum = ctx;
    if (cell->text)
        *sum += strlen(cell->text);
    if (cell->formula)
        *sum += strlen(cell->formula);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pxl_grid grid;
    memset(&grid, 0, sizeof grid);
    if (pxl_biff_open_memory(&grid, "fuzz.xls", data, size) != PXL_OK)
        return 0;
    size_t sum = 0;
    for (size_t i = 0; i < grid.sheet_count; i++) {
        (void)strlen(grid.sheet_names[i]);
        grid.ops->scan(grid.impl, i, touch, &sum);
    }
    grid.ops->close(grid.impl);
    for (size_t i = 0; i < grid.sheet_count; i++)
        free(grid.sheet_names[i]);
    free(grid.sheet_names);
    return 0;
}
