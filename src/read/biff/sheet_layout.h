/*
 * A worksheet's layout from its BIFF records (sheet_layout.c): column widths (COLINFO,
 * BIFF2 COLWIDTH, DEFCOLWIDTH, STANDARDWIDTH), row heights and hidden rows (ROW,
 * DEFAULTROWHEIGHT), the window (WINDOW2, PANE, SELECTION, SCL) and the tab colour
 * (SHEETEXT); and from the globals the active sheet (WINDOW1) and the palette (PALETTE).
 * Collected while the substreams are walked at open (biff_reader.c), as merged ranges are.
 */
#ifndef PLANXL_BIFF_SHEET_LAYOUT_H
#define PLANXL_BIFF_SHEET_LAYOUT_H

#include <stdint.h>

#include "read/layout.h"
#include "buf.h"
#include "record.h"

/* One worksheet's layout while it is collected. */
typedef struct pxl_biff_layout {
    pxl_sheet_layout view;   /* the scalar fields; cols and rows stay NULL here */
    pxl_buf cols;            /* pxl_col_layout[], as the records give them */
    pxl_buf rows;            /* pxl_row_layout[], only rows off the default */
    uint8_t tab_icv;         /* SHEETEXT's palette index; 0: no tab colour */
    uint8_t active_pane;     /* PANE pnnAcct: the pane whose SELECTION is the sheet's */
    uint8_t frozen;          /* WINDOW2 fFrozen */
    uint8_t has_pane;
    /* cell comments: OBJ (a note's id) -> TXO and its CONTINUE records (the text) -> NOTE */
    pxl_buf notes;           /* pxl_note[] */
    pxl_buf note_text;       /* NUL-terminated texts and authors */
    pxl_buf pending;         /* uint32_t pairs: OBJ id, offset of its text in note_text */
    uint16_t obj_id;
    uint8_t obj_is_note;     /* the last OBJ was a note's */
    uint8_t in_txo;          /* a TXO's text is being read from its CONTINUE records */
    uint32_t txo_left;       /* characters of it still to come */
} pxl_biff_layout;

/* The colours a palette index names: 8..63 (MS-XLS 2.5.161 IcvXF; 2.4.188 PALETTE). */
#define PXL_PALETTE_FIRST 8
#define PXL_PALETTE_SIZE 56

/* What the workbook globals say of the window. */
typedef struct pxl_biff_book_view {
    int has_active;
    uint16_t active_tab;     /* WINDOW1 itabCur: a BOUNDSHEET position */
    int has_palette;
    uint32_t palette[PXL_PALETTE_SIZE];   /* 0xRRGGBB, when has_palette */
} pxl_biff_book_view;

/* Take record @p rec of a worksheet substream (depth 1) into @p layout; other records are
 * ignored. 0, or -1 when out of memory. */
int pxl_biff_layout_record(pxl_biff_layout *layout, int biff, const pxl_biff_record *rec);

/* Take a globals record (WINDOW1, PALETTE) into @p view; others are ignored. */
void pxl_biff_layout_global(pxl_biff_book_view *view, int biff, const pxl_biff_record *rec);

/* A deep copy of @p src into @p dst (zeroed); -1 when out of memory. */
int pxl_biff_layout_copy(pxl_biff_layout *dst, const pxl_biff_layout *src);

void pxl_biff_layout_free(pxl_biff_layout *layout);

/* The grid's layout from @p layout: rows sorted (the last record of a row kept), the tab
 * colour resolved through the palette. Arrays malloc'd; -1 when out of memory. */
int pxl_biff_layout_export(const pxl_biff_layout *layout, const pxl_biff_book_view *view, pxl_sheet_layout *out);

#endif
