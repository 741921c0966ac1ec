/*
 * planxl's .xlsx reader (ECMA-376 SpreadsheetML; .xlsm reads the same, its macros ignored).
 * The workbook part, the styles and the shared strings are read once at open; each sheet part
 * is streamed through expat when it is scanned, so memory does not grow with a sheet.
 */
#ifndef PLANXL_XLSX_H
#define PLANXL_XLSX_H

#include <stddef.h>
#include <stdint.h>

#include "read/reader.h"
#include "zip.h"

/* Strings the shared-string table may hold: Excel's own limit is the sheet's cells, but a
 * table of more than 16 M strings is no workbook a finance office sends; the count a file
 * claims (uniqueCount) is refused before anything is allocated for it. */
#define PXL_XLSX_MAX_STRINGS (16u << 20)
/* The shared strings' text, all together: they are held in memory for the sheets' scans. A
 * 65 000 x 40 sheet of distinct 20-character strings needs about 60 MB; without this cap a
 * few-MB package (inside the ratio limit) could make planxl hold 2 GB. */
#define PXL_XLSX_MAX_STRING_BYTES ((size_t)512 << 20)
/* Excel's grid (ECMA-376 Part 1 §18.3.1.4: rows 1..1048576, columns A..XFD): a cell or a
 * <dimension> claimed beyond it is refused, naming the cell. */
#define PXL_XLSX_MAX_ROWS 1048576u
#define PXL_XLSX_MAX_COLS 16384u
/* Shared-formula groups (the si of <f t="shared">) in one sheet: their master text is kept
 * for the sheet's scan. */
#define PXL_XLSX_MAX_SHARED (1u << 20)
/* Cell formats (cellXfs) and custom number formats: Excel allows 64 000 and 250 or so. */
#define PXL_XLSX_MAX_XFS 65536u
/* Array formulas whose ranges are still ahead of the reader at one time. */
#define PXL_XLSX_MAX_ARRAYS 65536u
#define PXL_XLSX_MAX_ARRAYS_TEXT "65 536"

typedef enum pxl_xlsx_state {
    PXL_XLSX_VISIBLE = 0,
    PXL_XLSX_HIDDEN,
    PXL_XLSX_VERY_HIDDEN
} pxl_xlsx_state;

typedef struct pxl_xlsx_sheet {
    char *name;
    char *part;       /* e.g. "xl/worksheets/sheet1.xml" */
    pxl_xlsx_state state;
    /* its mergeCells, kept by a scan that read the whole part (NULL: none kept) */
    pxl_range *merges;
    size_t merge_count;
    int merges_read;
} pxl_xlsx_sheet;

typedef struct pxl_xlsx_book {
    pxl_zip *zip;
    const char *path;
    pxl_xlsx_sheet *sheets;
    size_t sheet_count;
    int date1904;
    char *styles_part, *strings_part;
    /* cellXfs index -> pxl_numfmt_kind */
    uint8_t *xf_kind;
    size_t xf_count;
    /* shared strings: each NUL-terminated in one buffer */
    char *sst;
    size_t sst_len, sst_cap;
    size_t *sst_offsets;
    size_t sst_count, sst_offsets_cap;
} pxl_xlsx_book;

extern const pxl_reader_ops pxl_xlsx_ops;

/* workbook.c: the package's relationships and xl/workbook.xml: sheets, date system, defined names. */
pxl_error pxl_xlsx_read_workbook(pxl_xlsx_book *book, pxl_grid *grid);
/* styles.c: the cell formats, as date kinds. */
pxl_error pxl_xlsx_read_styles(pxl_xlsx_book *book);
/* sst.c: the shared strings. */
pxl_error pxl_xlsx_read_strings(pxl_xlsx_book *book);
/* sheet.c: stream sheet @p index's cells (its merged ranges are kept on the way). */
pxl_error pxl_xlsx_scan(void *impl, size_t index, pxl_cell_visitor visit, void *ctx);
/* sheet.c: sheet @p index's merged ranges (pxl_reader_ops.merges): those its last whole scan
 * kept, else the part read for them alone. */
pxl_error pxl_xlsx_merges(void *impl, size_t index, pxl_range **ranges, size_t *count);

/* The .xlsx/.xlsm reader: fills the grid; also refuses .ods and other zip files by name. */
pxl_error pxl_xlsx_open(pxl_grid *grid, const char *path);

/* pxl_xlsx_open() over a package in memory (the fuzzer's way in); @p name for messages. */
pxl_error pxl_xlsx_open_memory(pxl_grid *grid, const char *name, const void *data, size_t len);

/* A1 reference "BC12" -> 0-based row and column; 0 when it is no reference inside Excel's grid. */
int pxl_xlsx_parse_ref(const char *ref, uint32_t *row, uint32_t *col);

/* The part a relationship target names, resolved against the part @p source it is in
 * (ECMA-376 Part 2 §9.3): "worksheets/sheet1.xml" from "xl/workbook.xml" -> "xl/worksheets/sheet1.xml". */
char *pxl_xlsx_resolve(const char *source, const char *target);

#endif
