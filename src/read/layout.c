/* The grid's side of sheet layouts (read/layout.h): held per sheet while the grid is open. */
#include <stdlib.h>

#include "util/error_internal.h"
#include "reader.h"
#include "layout.h"

void pxl_sheet_layout_free(pxl_sheet_layout *layout)
{
    if (!layout)
        return;
    free(layout->cols);
    free(layout->rows);
    free(layout->notes);
    free(layout->note_text);
    layout->cols = NULL;
    layout->rows = NULL;
    layout->notes = NULL;
    layout->note_text = NULL;
    layout->col_count = layout->row_count = layout->note_count = layout->note_text_len = 0;
}

pxl_error pxl_grid_set_layout(pxl_grid *grid, size_t index, pxl_sheet_layout *layout)
{
    if (index >= grid->sheet_count) {
        pxl_sheet_layout_free(layout);
        return PXL_OK;
    }
    if (!grid->layouts && !(grid->layouts = calloc(grid->sheet_count, sizeof *grid->layouts))) {
        pxl_sheet_layout_free(layout);
        return pxl_fail_nomem();
    }
    if (!grid->layout_known && !(grid->layout_known = calloc(grid->sheet_count, 1))) {
        pxl_sheet_layout_free(layout);
        return pxl_fail_nomem();
    }
    pxl_sheet_layout_free(&grid->layouts[index]);
    grid->layouts[index] = *layout;
    grid->layout_known[index] = 1;
    return PXL_OK;
}

void pxl_grid_set_active_sheet(pxl_grid *grid, size_t index)
{
    if (index < grid->sheet_count) {
        grid->active_sheet = index;
        grid->active_known = 1;
    }
}

const pxl_sheet_layout *pxl_grid_sheet_layout(const pxl_grid *grid, size_t index)
{
    if (!grid || !grid->layouts || index >= grid->sheet_count || !grid->layout_known[index])
        return NULL;
    return &grid->layouts[index];
}

int pxl_grid_active_sheet(const pxl_grid *grid, size_t *index)
{
    if (!grid || !grid->active_known)
        return 0;
    *index = grid->active_sheet;
    return 1;
}

void pxl_grid_free_layouts(pxl_grid *grid)
{
    if (grid->layouts)
        for (size_t i = 0; i < grid->sheet_count; i++)
            pxl_sheet_layout_free(&grid->layouts[i]);
    free(grid->layouts);
    free(grid->layout_known);
    grid->layouts = NULL;
    grid->layout_known = NULL;
    grid->active_known = 0;
    grid->active_sheet = 0;
}
