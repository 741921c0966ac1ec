/* The BIFF reader's state, shared by the workbook part (biff_reader.c) and the sheet part (biff_sheet.c). */
#ifndef PLANXL_BIFF_BOOK_H
#define PLANXL_BIFF_BOOK_H

#include <stddef.h>
#include <stdint.h>

#include "planxl/grid.h"
#include "buf.h"
#include "numfmt.h"
#include "record.h"
#include "sst.h"
#include "styles.h"
#include "text.h"

/*
 * The size a sheet's substream declares: its DIMENSIONS records (MS-XLS 2.4.90; BIFF2's
 * DIMENSIONS2), or without one the extent of its cell records. The BIFF reader itself
 * never sizes anything by it (biff_sheet.c); freexl 1.0.6 allocates a grid of that many
 * cells (read/freexl.c), and AUTO asks here before freexl is asked.
 */
typedef struct pxl_biff_extent {
    uint64_t dimensions_cells;  /* rwMac × colMac summed over its DIMENSIONS records (each one
                                 * is a grid of its own for freexl: it drops the last) */
    uint32_t rows, cols;        /* the last DIMENSIONS record's rwMac and colMac */
    int has_dimensions;
    uint32_t max_row, max_col;  /* the largest row and column of its cell records */
    int has_cells;
} pxl_biff_extent;

typedef struct pxl_biff_sheet {
    char *name;          /* UTF-8 */
    size_t bof;          /* stream offset of the sheet's BOF record */
    int has_supplement;  /* the substream holds records the supplement pass delivers (FORMULA, ...) */
    pxl_biff_extent extent;  /* its declared size */
    pxl_sheet_state state;   /* BOUNDSHEET's hsState */
    pxl_buf merges;          /* pxl_range[]: its MERGEDCELLS records' ranges (merges.c) */
} pxl_biff_sheet;

/* The longest formula text kept (a formula cell's or a defined name's); longer ones keep only their value. */
#define PXL_FORMULA_TEXT_MAX 16384

/* A NAME record beyond its text (book->names[i]): where it applies and what it stands for. */
typedef struct pxl_biff_defined {
    uint16_t grbit;      /* MS-XLS 2.4.150: fHidden, fFunc, fOB, fBuiltin, ... */
    uint16_t tab;        /* itab: 0 for the whole workbook, else the 1-based BOUNDSHEET position */
    uint8_t *tokens;     /* its rgce and then rgcb, until decoded (after the globals: EXTERNSHEET comes late) */
    size_t tokens_len;   /* rgce's bytes */
    size_t extra_len;    /* the bytes after rgce: rgcb */
    char *formula;       /* A1 text without '=', or NULL */
    char *ref;           /* how formulas name it when it is a sheet's own: "Sheet1!Total"; else NULL */
    const char *why;     /* static text: why formula is NULL */
} pxl_biff_defined;

/* A SHRFMLA or ARRAY record: tokens shared by a range of cells (MS-XLS 2.4.260, 2.4.4). */
typedef struct pxl_biff_shared {
    int is_shrfmla;      /* SHRFMLA: 3-D references are relative too (MS-XLS 2.5.198.85) */
    uint16_t row_first, row_last, col_first, col_last;
    size_t at;           /* its rgce in book->shared_bytes, rgbExtra right after: a copy, since the
                          * record's bytes in the stream window do not outlive the next record */
    size_t tokens_len;
    size_t extra_len;
} pxl_biff_shared;

/* Some writers point ptgExp at a cell inside the SHRFMLA's range other than its first
 * (POI bug 47747): that anchor maps to the shared formula here. Rare, so a list. */
typedef struct pxl_biff_shared_alias {
    uint32_t row, col;
    uint32_t index;      /* into shared[] */
} pxl_biff_shared_alias;

/* A cell as collected: 32 bytes, no pointers, so a sheet is one array. */
typedef struct pxl_biff_cell {
    uint32_t row;
    uint16_t col;
    uint8_t type;        /* pxl_cell_type */
    uint8_t flags;       /* PXL_BIFF_CELL_* */
    uint32_t seq;        /* order in the file: sorting keeps the last of duplicates */
    uint32_t text;       /* SST index or offset in strings, per flags */
    uint32_t formula;    /* offset in strings, or PXL_BIFF_NO_TEXT */
    uint16_t xf;         /* its XF record's index: its format */
    uint16_t pad;
    double number;
} pxl_biff_cell;

#define PXL_BIFF_CELL_FORMULA 0x01   /* a FORMULA cell */
#define PXL_BIFF_CELL_SST 0x02       /* text is an SST index */
#define PXL_BIFF_CELL_STATIC 0x04    /* text is an error code (the static error texts) */
#define PXL_BIFF_NO_TEXT UINT32_MAX

typedef struct pxl_biff_book {
    char *path;
    pxl_biff_stream s;        /* the workbook stream, read through a window (stream.h) */
    int biff;                 /* 2, 3, 4, 5 or 8 */
    int date1904;
    pxl_codepage cp;
    pxl_sst sst;
    pxl_xf_table xf;
    pxl_biff_styles styles;   /* the cell formats (not in the supplement pass) */
    char **all_sheets;        /* every BOUNDSHEET name in order: EXTERNSHEET's itab counts them all */
    size_t all_count;
    pxl_buf all_types;        /* BOUNDSHEET dt of each of them (uint8_t) */
    pxl_biff_sheet *sheets;   /* the worksheets */
    size_t sheet_count;
    uint64_t declared_cells;  /* pxl_biff_extent_cells() summed over every sheet substream,
                               * worksheets or not (freexl sizes chart and macro sheets too) */
    char **sheet_refs;        /* formula context: EXTERNSHEET entry -> "Sheet1", "'My sheet'" or NULL */
    size_t ref_count;
    char **names;             /* formula context: NAME records in order */
    size_t name_count;
    pxl_biff_defined *defined; /* ... and what each stands for (name_count of them) */
    uint16_t *xti_supbook;    /* BIFF8 EXTERNSHEET entry -> its SUPBOOK (BIFF5: entry itself) */
    uint8_t *xti_whole_book;  /* BIFF8 EXTERNSHEET entry -> 1 when it names no sheet (itab 0xFFFE) */
    size_t xti_count;
    size_t *supbook_first;    /* SUPBOOK (BIFF5: EXTERNSHEET entry) -> its first EXTERNNAME in extnames */
    size_t *supbook_names;    /* ... and how many EXTERNNAMEs follow it */
    size_t supbook_count;
    pxl_buf supbook_self;     /* uint8_t per SUPBOOK (BIFF8): 1 when it is the workbook itself */
    pxl_buf supbook_other;    /* uint8_t per SUPBOOK (BIFF5: entry): 1 when it is another workbook */
    char **extnames;          /* EXTERNNAME records in order (add-in functions such as IFERROR) */
    size_t extname_count;
    /* the sheet being read */
    pxl_buf cells;            /* pxl_biff_cell[] */
    size_t cell_count;
    pxl_buf strings;          /* NUL-terminated UTF-8: LABEL texts, STRING results, formula texts */
    pxl_biff_shared *shared;
    size_t shared_count, shared_cap;
    pxl_buf shared_bytes;     /* the shared formulas' tokens (pxl_biff_shared.at) */
    uint32_t *shared_index;   /* open-addressing hash of shared[] by anchor cell: index + 1, 0 empty */
    size_t shared_slots;      /* a power of two, at least twice shared_count */
    pxl_buf shared_alias;     /* pxl_biff_shared_alias: a ptgExp anchor that is not its range's first cell */
    size_t loaded;            /* index of the sheet in cells, or SIZE_MAX */
    /* supplement pass (AUTO beside freexl): only the cells freexl cannot read right */
    int supplement;
    int blanks;               /* deliver BLANK/MULBLANK cells (type EMPTY) too: convert's formatted blanks */
    size_t *align;
    size_t align_count;
    unsigned long formulas, undecoded;
    /* full scans by path: streamed in file order, or collected and sorted (pxl_biff_scan_paths) */
    unsigned long streamed_scans, buffered_scans;
} pxl_biff_book;

/* A FORMULA record in this BIFF version? BIFF5/8 files from some writers use the
 * BIFF3/4 ids 0x0206 and 0x0406 too (POI's WrongFormulaRecordType.xls); Excel reads them. */
static inline int pxl_biff_is_formula(int biff, unsigned type)
{
    if (type == PXL_REC_FORMULA)
        return biff == 2 || biff >= 5;
    return (type == PXL_REC_FORMULA3 || type == PXL_REC_FORMULA4) && biff >= 3;
}

/* A BOF record in this BIFF version: BIFF5/8 substreams all start with 0x0809;
 * BIFF2-4 files use the ids of their own versions. */
static inline int pxl_biff_is_bof(int biff, unsigned type)
{
    if (biff >= 5)
        return type == PXL_REC_BOF;
    return type == PXL_REC_BOF || type == PXL_REC_BOF2 || type == PXL_REC_BOF3 || type == PXL_REC_BOF4;
}

/* biff_reader.c: take record @p rec of a sheet substream (not a nested one) into @p x. */
void pxl_biff_extent_record(pxl_biff_extent *x, int biff, const pxl_biff_record *rec);
/* The cells @p x declares: its DIMENSIONS' when it has one, else the extent of its cells. */
uint64_t pxl_biff_extent_cells(const pxl_biff_extent *x);

/* biff_sheet.c: does this record hold a cell the supplement pass delivers? */
int pxl_biff_supplement_record(const pxl_biff_book *book, const pxl_biff_record *rec);
/* biff_sheet.c: collect sheet @p index (own numbering) into book->cells, sorted. */
pxl_error pxl_biff_collect(pxl_biff_book *book, size_t index);
/*
 * biff_sheet.c: when sheet @p index (own numbering) is already in row-major order (a
 * pre-walk of its record headers says so), decode its cells and hand them to @p visit
 * as they come, without collecting the sheet; *streamed = 1. Otherwise *streamed = 0 and
 * nothing was visited: collect it instead. A text cut short is found while streaming,
 * so on such a damaged sheet the visitor has seen the cells before it.
 */
pxl_error pxl_biff_stream_sheet(pxl_biff_book *book, size_t index, pxl_cell_visitor visit, void *ctx, int *streamed);
/* Fill a pxl_cell from collected cell @p i. */
void pxl_biff_cell_view(const pxl_biff_book *book, size_t i, pxl_cell *cell);

/* merges.c: append a MERGEDCELLS record's ranges to @p ranges (pxl_range[]); other records
 * are ignored. Past PXL_GRID_MAX_MERGES ranges no more are kept (the grid then refuses the
 * sheet). 0, or -1 when out of memory. */
int pxl_biff_merged_record(pxl_buf *ranges, int biff, const pxl_biff_record *rec);
/* merges.c: BOUNDSHEET's hsState byte as a sheet state. */
pxl_sheet_state pxl_biff_sheet_state(uint8_t hs_state);

/* biff_reader.c: the formula context's callbacks. */
const char *pxl_biff_sheet_ref(void *book, int index);
const char *pxl_biff_name(void *book, unsigned index);
const char *pxl_biff_extern_name(void *book, int index, unsigned name_index);
/* pxl_formula_context.sheet_name: BOUNDSHEET position to its name (BIFF5 3-D ranges). */
const char *pxl_biff_sheet_name(void *book, unsigned tab);

#endif
