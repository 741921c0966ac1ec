/*
 * Cell formats of a BIFF workbook: the FONT, FORMAT, XF and PALETTE records of the
 * workbook globals, resolved after them into one pxl_cell_style per XF record
 * (read/grid_internal.h), which the grid hands to convert. xf.c keeps what the reader
 * itself needs of the same records (which cells are dates); this is what a cell looks like.
 */
#ifndef PLANXL_BIFF_STYLES_H
#define PLANXL_BIFF_STYLES_H

#include <stddef.h>
#include <stdint.h>

#include "read/grid_internal.h"
#include "buf.h"
#include "numfmt.h"
#include "record.h"
#include "text.h"

/* Record ids of the workbook globals read here only (MS-XLS 2.3, "Excel File Format" 5). */
#define PXL_REC_FONT 0x0031      /* BIFF2, BIFF5, BIFF8 */
#define PXL_REC_FONT34 0x0231    /* BIFF3, BIFF4 */
#define PXL_REC_PALETTE 0x0092

/* Colour indexes 8 and up are the palette's (MS-XLS 2.5.161 ICV); 56 of them. */
#define PXL_PALETTE_SIZE 56

typedef struct pxl_biff_font {
    uint32_t name;            /* offset in strings */
    uint16_t height;          /* twips */
    uint16_t flags;           /* grbit: italic 0x02, strike-out 0x08, outline 0x10, shadow 0x20 */
    uint16_t icv;             /* colour index */
    uint16_t weight;          /* bls: 400 normal, 700 bold */
    uint16_t script;          /* sss: 0 none, 1 superscript, 2 subscript */
    uint8_t underline;        /* uls: 0 none, 1 single, 2 double, 0x21, 0x22 accounting */
} pxl_biff_font;

typedef struct pxl_biff_styles {
    int biff;
    pxl_buf strings;          /* font names and format strings, NUL-terminated */
    pxl_buf fonts;            /* pxl_biff_font[], in record order */
    pxl_buf formats;          /* struct { uint16_t id; uint32_t text; }[]: FORMAT records */
    pxl_buf xfs;              /* each XF record's first 20 bytes (zero-padded) */
    uint32_t palette[PXL_PALETTE_SIZE];
    int has_palette;
    pxl_cell_style *table;    /* after pxl_biff_styles_resolve(): one per XF */
    size_t count;
} pxl_biff_styles;

/* Take a FONT, FONT34 or PALETTE record (others are ignored). 0, or -1 when out of memory;
 * a record cut short is ignored (its cells keep the defaults). */
int pxl_biff_styles_record(pxl_biff_styles *st, int biff, const pxl_codepage *cp, const pxl_biff_record *rec);
/* A FORMAT record's id and its string (UTF-8). -1 when out of memory. */
int pxl_biff_styles_format(pxl_biff_styles *st, unsigned id, const char *text);
/* The next XF record. -1 when out of memory. */
int pxl_biff_styles_xf(pxl_biff_styles *st, const pxl_biff_record *rec);
/* Build the table once the globals are read; @p xf gives each XF's date kind. -1 when out of memory. */
int pxl_biff_styles_resolve(pxl_biff_styles *st, int biff, const pxl_xf_table *xf);
void pxl_biff_styles_free(pxl_biff_styles *st);

#endif
