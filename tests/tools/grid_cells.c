/*
 * grid_cells: print the cells a planxl reader delivers, in the format of
 * xlrd_cells.py, so tests and tools/biff_differential.py can compare readers.
 *
 *   grid_cells [--reader=biff|freexl|auto] FILE...   (default auto)
 *
 * Dates, date-times and times print as "date" with their serial in the 1900 system;
 * a sixth column holds the formula text ("=" alone when it could not be decoded).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planxl/grid.h"

static void put_escaped(const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\\': fputs("\\\\", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        default: putchar(*s);
        }
    }
}

static int visit(void *ctx, const pxl_cell *c)
{
    const size_t *sheet = ctx;
    static const char *const kinds[] = { "empty", "number", "text", "date", "date", "date", "boolean", "error" };
    printf("%zu\t%u\t%u\t%s\t", *sheet, c->row, c->col, kinds[c->type]);
    if (c->type == PXL_CELL_TEXT || c->type == PXL_CELL_ERROR)
        put_escaped(c->text ? c->text : "");
    else if (c->type == PXL_CELL_BOOLEAN)
        printf("%d", c->number != 0);
    else
        printf("%.17g", c->number);
    if (c->is_formula) {
        fputs("\t=", stdout);
        if (c->formula)
            put_escaped(c->formula);
    }
    putchar('\n');
    return 0;
}

int main(int argc, char **argv)
{
    int status = 0;
    pxl_grid_options options = PXL_GRID_OPTIONS_INIT;
    for (int a = 1; a < argc; a++) {
        if (!strncmp(argv[a], "--reader=", 9)) {
            const char *r = argv[a] + 9;
            options.reader = !strcmp(r, "biff") ? PXL_READER_BIFF : !strcmp(r, "freexl") ? PXL_READER_FREEXL
                                                                                           : PXL_READER_AUTO;
            continue;
        }
        pxl_grid *grid;
        printf("# file %s\n", argv[a]);
        if (pxl_grid_open(&grid, argv[a], &options) != PXL_OK) {
            printf("# error %s\n", pxl_error_message());
            status = 1;
            continue;
        }
        printf("# sheets %zu datemode %d\n", pxl_grid_sheet_count(grid), pxl_grid_date1904(grid));
        if (pxl_grid_fell_back(grid))
            printf("# fell-back %s\n", pxl_grid_fallback_reason(grid));
        for (size_t i = 0; i < pxl_grid_sheet_count(grid); i++) {
            printf("# sheet %zu ", i);
            put_escaped(pxl_grid_sheet_name(grid, i));
            putchar('\n');
            if (pxl_grid_sheet_scan(grid, i, visit, &i) != PXL_OK) {
                printf("# sheet-error %zu %s\n", i, pxl_error_message());
                status = 1;
            }
        }
        pxl_grid_close(grid);
    }
    return status;
}
