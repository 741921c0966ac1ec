/*
 * read_cells — every cell of a workbook through planxl's grid, nothing else: the
 * reading `planxl dump` and `check` do before recognition. For the .xlsx reader's
 * benchmark (issue 11): planxl against openpyxl read-only and LibreOffice loading.
 *
 *   read_cells [--reader=auto|biff|freexl|xlsx] FILE
 *
 * Prints the number of sheets and of non-empty cells, and a checksum of the numbers,
 * so a reader that skips work shows.
 */
#include <stdio.h>
#include <string.h>

#include "planxl/error.h"
#include "planxl/grid.h"

typedef struct tally {
    unsigned long long cells, numbers, texts;
    double sum;
} tally;

static int count(void *ctx, const pxl_cell *c)
{
    tally *t = ctx;
    t->cells++;
    if (c->type == PXL_CELL_TEXT)
        t->texts++;
    else if (c->type != PXL_CELL_EMPTY) {
        t->numbers++;
        t->sum += c->number;
    }
    return 0;
}

int main(int argc, char **argv)
{
    pxl_grid_options options = PXL_GRID_OPTIONS_INIT;
    const char *path = NULL;
    for (int a = 1; a < argc; a++) {
        if (!strncmp(argv[a], "--reader=", 9)) {
            const char *r = argv[a] + 9;
            options.reader = !strcmp(r, "biff")     ? PXL_READER_BIFF
                             : !strcmp(r, "freexl") ? PXL_READER_FREEXL
                             : !strcmp(r, "xlsx")   ? PXL_READER_XLSX
                                                    : PXL_READER_AUTO;
        } else {
            path = argv[a];
        }
    }
    if (!path) {
        fprintf(stderr, "usage: read_cells [--reader=auto|biff|freexl|xlsx] FILE\n");
        return 2;
    }
    pxl_grid *grid;
    if (pxl_grid_open(&grid, path, &options) != PXL_OK) {
        fprintf(stderr, "read_cells: %s\n", pxl_error_message());
        return 1;
    }
    tally t = {0};
    size_t sheets = pxl_grid_sheet_count(grid);
    for (size_t s = 0; s < sheets; s++) {
        if (pxl_grid_sheet_scan(grid, s, count, &t) != PXL_OK) {
            fprintf(stderr, "read_cells: %s\n", pxl_error_message());
            pxl_grid_close(grid);
            return 1;
        }
    }
    pxl_grid_close(grid);
    printf("%zu sheets, %llu cells (%llu numbers, %llu texts), sum %.6g\n", sheets, t.cells, t.numbers, t.texts,
           t.sum);
    return 0;
}
