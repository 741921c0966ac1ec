/*
 * A sheet's layout as the grid holds it for the library's own writers (convert): column
 * widths, row heights, hidden rows and columns, the window (panes, selection, zoom,
 * gridlines, tab colour) and which sheet is active. Units are the .xls file's own, so
 * that nothing is rounded twice; the writer converts. A reader that knows the layout
 * gives it with pxl_grid_set_layout() (read/layout.c); one that does not leaves it out.
 */
#ifndef PLANXL_READ_LAYOUT_H
#define PLANXL_READ_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "planxl/grid.h"

/* Columns first..last (0-based) of one COLINFO record. */
typedef struct pxl_col_layout {
    uint16_t first, last;
    uint16_t width;         /* 1/256 of the width of '0' in the default font (as .xlsx <col width>) */
    uint8_t hidden;
    uint8_t level;          /* outline level, 0-7 */
} pxl_col_layout;

/* One row whose height, visibility or outline level is not the sheet's default. */
typedef struct pxl_row_layout {
    uint32_t row;           /* 0-based */
    uint16_t height;        /* twips (1/20 point) */
    uint8_t hidden;
    uint8_t level;          /* outline level, 0-7 */
} pxl_row_layout;

typedef enum pxl_pane_kind {
    PXL_PANE_NONE,
    PXL_PANE_FROZEN,        /* x, y: columns and rows frozen */
    PXL_PANE_SPLIT          /* x, y: the split's position in twips */
} pxl_pane_kind;

/* Longest header or footer kept: Excel's 255 characters, as UTF-8. */
#define PXL_HEADER_MAX 768

/* A sheet's print setup (SETUP, WSBOOL, the margins, HCENTER/VCENTER, PRINTGRIDLINES,
 * PRINTHEADERS, HEADER/FOOTER); only what has_* says was read. */
typedef struct pxl_print_setup {
    uint8_t has_setup;          /* SETUP with its printer fields valid */
    uint8_t landscape;
    uint16_t paper;             /* Excel's paper code (9: A4) */
    uint16_t scale;             /* percent */
    uint16_t fit_width, fit_height;  /* pages; 0: as many as needed */
    uint16_t first_page;        /* 0: automatic */
    uint8_t fit;                /* WSBOOL fFitToPage: fit_width/fit_height apply, not scale */
    uint8_t has_margin[4];      /* left, right, top, bottom */
    double margin[4];           /* inches */
    uint8_t has_hf_margins;     /* SETUP read: header_margin, footer_margin hold */
    double header_margin, footer_margin;  /* inches (SETUP numHdr, numFtr) */
    uint8_t center_h, center_v, print_gridlines, print_headings;
    char header[PXL_HEADER_MAX];    /* UTF-8; "" none (BIFF8 only) */
    char footer[PXL_HEADER_MAX];
} pxl_print_setup;

/* A cell comment (NOTE with its TXO text). */
typedef struct pxl_note {
    uint32_t row;
    uint16_t col;
    uint8_t shown;          /* shown all the time, not only on hover */
    uint32_t author, text;  /* offsets of NUL-terminated UTF-8 in the layout's note_text */
} pxl_note;

typedef struct pxl_sheet_layout {
    pxl_col_layout *cols;   /* in order of first; malloc'd */
    size_t col_count;
    pxl_row_layout *rows;   /* in row order, one per row; malloc'd */
    size_t row_count;
    uint16_t default_width;     /* STANDARDWIDTH, 1/256 character; 0: none */
    uint16_t default_chars;     /* DEFCOLWIDTH, characters; 0: none */
    uint16_t default_height;    /* DEFAULTROWHEIGHT, twips; 0: none */
    uint8_t default_hidden;     /* rows without a ROW record are hidden */
    uint8_t has_window;         /* WINDOW2 read: the fields below hold */
    uint8_t gridlines;          /* shown on screen */
    uint8_t selected;           /* the sheet's tab is selected */
    uint8_t pane;               /* pxl_pane_kind */
    uint32_t pane_x, pane_y;
    uint32_t pane_top_row, pane_left_col;   /* first cell shown in the bottom-right pane */
    uint32_t top_row, left_col;             /* first cell shown in the window (WINDOW2) */
    uint8_t has_selection;
    uint32_t active_row, active_col;        /* the selected cell */
    pxl_range selection;                    /* the selected range that holds it */
    uint16_t zoom;              /* percent; 0: the default (100) */
    uint8_t has_tab_color;
    uint32_t tab_color;         /* 0xRRGGBB */
    pxl_print_setup print;
    pxl_note *notes;        /* in the file's order; malloc'd */
    size_t note_count;
    char *note_text;        /* malloc'd */
    size_t note_text_len;
} pxl_sheet_layout;

/* Give the grid sheet @p index's layout (the grid takes over its arrays, also on failure),
 * after the sheets are added. */
pxl_error pxl_grid_set_layout(pxl_grid *grid, size_t index, pxl_sheet_layout *layout);

/* The sheet the workbook opens on (0-based grid index), after the sheets are added. */
void pxl_grid_set_active_sheet(pxl_grid *grid, size_t index);

/* Sheet @p index's layout, owned by the grid; NULL when the reader gave none. */
const pxl_sheet_layout *pxl_grid_sheet_layout(const pxl_grid *grid, size_t index);

/* The active sheet's grid index in *index; 0 when the reader does not know it. */
int pxl_grid_active_sheet(const pxl_grid *grid, size_t *index);

/* Free a layout's arrays (the struct itself is the caller's). */
void pxl_sheet_layout_free(pxl_sheet_layout *layout);

/* Forget every sheet's layout (pxl_grid_free_sheet_facts calls it). */
void pxl_grid_free_layouts(pxl_grid *grid);

#endif
