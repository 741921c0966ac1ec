/**
 * @file grid.h
 * @brief A workbook as sheets of typed cells, whatever file format it came from.
 *
 * The grid knows nothing of plans. A reader (freexl or planxl's own BIFF
 * reader for .xls, planxl's .xlsx reader for .xlsx/.xlsm) sits behind it; cells are streamed sheet by sheet in row-major
 * order, so memory does not grow with a second copy of the workbook.
 *
 * @code
 * pxl_grid *grid;
 * if (pxl_grid_open(&grid, "plan.xls", NULL) != PXL_OK) {
 *     fprintf(stderr, "%s\n", pxl_error_message());
 *     return 1;
 * }
 * for (size_t i = 0; i < pxl_grid_sheet_count(grid); i++)
 *     pxl_grid_sheet_scan(grid, i, print_cell, NULL);
 * pxl_grid_close(grid);
 * @endcode
 */
#ifndef PLANXL_GRID_H
#define PLANXL_GRID_H

#include "common.h"
#include <stddef.h>
#include <stdint.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Rows in a BIFF8 sheet (MS-XLS 2.5.xx: row indexes are 16-bit). */
#define PXL_XLS_MAX_ROWS 65536
/** Columns in a BIFF8 sheet (column indexes 0..255). */
#define PXL_XLS_MAX_COLS 256

/** @brief An open workbook. Opaque; close with pxl_grid_close(). */
typedef struct pxl_grid pxl_grid;

/** @brief What a cell holds. */
typedef enum pxl_cell_type {
    PXL_CELL_EMPTY = 0, /**< Nothing (never passed to a visitor). */
    PXL_CELL_NUMBER,    /**< A number in pxl_cell::number. */
    PXL_CELL_TEXT,      /**< UTF-8 text in pxl_cell::text. */
    PXL_CELL_DATE,      /**< A date: pxl_cell::number is its serial in the 1900 date system. */
    PXL_CELL_DATETIME,  /**< A date and time, serial in the 1900 date system. */
    PXL_CELL_TIME,      /**< A time of day: the fraction of a day in pxl_cell::number. */
    PXL_CELL_BOOLEAN,   /**< pxl_cell::number is 0 or 1. */
    PXL_CELL_ERROR      /**< An error value: pxl_cell::text is its text, e.g. "#DIV/0!". */
} pxl_cell_type;

/** @brief One cell as a reader delivers it. */
typedef struct pxl_cell {
    pxl_index row;         /**< 0-based row. */
    pxl_index col;         /**< 0-based column. */
    pxl_cell_type type;    /**< What the cell holds (for a formula: its cached result). */
    double number;         /**< NUMBER, DATE*, TIME, BOOLEAN: the value. */
    const char *text;      /**< TEXT and ERROR: UTF-8, NUL-terminated; else NULL. */
    const char *formula;   /**< The formula in A1 style without '=', or NULL. */
    int is_formula;        /**< 1 when the cell is a formula (its text may still be unknown). */
    unsigned style;        /**< Its cell format: 0 when the reader gives none (only planxl's BIFF
                                reader, PXL_READER_BIFF, gives them); cells with the same non-zero
                                value look the same (an .xls XF record's index + 1). */
} pxl_cell;

/**
 * @brief Called for each non-empty cell of a sheet, in row-major order.
 *
 * The cell and its strings are valid only during the call.
 * @param ctx  The @p ctx given to pxl_grid_sheet_scan().
 * @param cell The cell (owned by the grid).
 * @return 0 to go on, non-zero to stop the scan: pxl_grid_sheet_scan() then
 *         returns PXL_ERR_CANCELLED (so a caller tells its own stop from a
 *         scan that read the whole sheet), and the visitor is not called again.
 */
typedef int (*pxl_cell_visitor)(void *ctx, const pxl_cell *cell);

/** @brief Which reader turns the file into cells. */
typedef enum pxl_reader_kind {
    /**
     * freexl reads the cells; planxl's BIFF reader supplies the cells freexl 1.0.6 reads
     * wrong or not at all (formulas; booleans and error values, which freexl gives as
     * numbers; text in RSTRING records, which it drops; numbers whose date or time format
     * makes it cut the value: a time of day without its days, a date without its time,
     * whole seconds, serial 0, dates from 2100-03-02 on, a date taken for a plain number),
     * drops the chart and macro sheets freexl lists as worksheets, and reads the whole
     * file when freexl cannot open it. The BIFF pass runs only when the workbook holds
     * such cells; cells freexl reads right still come from freexl.
     */
    PXL_READER_AUTO = 0,
    PXL_READER_FREEXL,   /**< freexl only, with its losses (formula cells read as empty, booleans as 1/0, ...; see AUTO). */
    PXL_READER_BIFF,     /**< planxl's own BIFF reader only. */
    PXL_READER_XLSX      /**< planxl's .xlsx/.xlsm reader (AUTO picks it for a zip package; it reads no .xls). */
} pxl_reader_kind;

/** @brief Options for pxl_grid_open(). Initialise with ::PXL_GRID_OPTIONS_INIT. */
typedef struct pxl_grid_options {
    unsigned version;        /**< Always PXL_GRID_OPTIONS_VERSION. */
    pxl_reader_kind reader;  /**< Which reader; default PXL_READER_AUTO. */
} pxl_grid_options;

#define PXL_GRID_OPTIONS_VERSION 1
#define PXL_GRID_OPTIONS_INIT { PXL_GRID_OPTIONS_VERSION, PXL_READER_AUTO }

/**
 * @brief Open a workbook.
 * @param out     Receives the grid; the caller closes it with pxl_grid_close().
 * @param path    The file to read. It is never written.
 * @param options NULL for the defaults.
 * @return PXL_OK, or PXL_ERR_NOT_FOUND, PXL_ERR_IO, PXL_ERR_NOT_XLS,
 *         PXL_ERR_ENCRYPTED, PXL_ERR_CORRUPT, PXL_ERR_UNSUPPORTED, PXL_ERR_NOMEM;
 *         pxl_error_message() names the file and the reason.
 */
PXL_EXTERN pxl_error pxl_grid_open(pxl_grid **out, const char *path, const pxl_grid_options *options);

/**
 * @brief Close a grid and free everything it handed out (names, sheet names, defined names).
 * @param grid The grid; NULL is ignored.
 */
PXL_EXTERN void pxl_grid_close(pxl_grid *grid);

/**
 * @brief The path the grid was opened from.
 * @param grid The grid.
 * @return The path, owned by the grid.
 */
PXL_EXTERN const char *pxl_grid_path(const pxl_grid *grid);

/**
 * @brief Number of worksheets (chart and macro sheets are not counted; with PXL_READER_FREEXL
 *        alone, freexl 1.0.6 lists them too).
 * @param grid The grid.
 * @return The count.
 */
PXL_EXTERN size_t pxl_grid_sheet_count(const pxl_grid *grid);

/**
 * @brief The name of sheet @p index.
 * @param grid  The grid.
 * @param index 0-based, below pxl_grid_sheet_count().
 * @return The UTF-8 name, owned by the grid; NULL when @p index is out of range.
 */
PXL_EXTERN const char *pxl_grid_sheet_name(const pxl_grid *grid, size_t index);

/**
 * @brief Whether the workbook used the 1904 date system.
 * @param grid The grid.
 * @return 1 for the 1904 date system (its dates are still delivered in the 1900 system), else 0.
 */
PXL_EXTERN int pxl_grid_date1904(const pxl_grid *grid);

/**
 * @brief Which reader actually reads the cells.
 * @param grid The grid.
 * @return PXL_READER_FREEXL or PXL_READER_BIFF, never PXL_READER_AUTO.
 */
PXL_EXTERN pxl_reader_kind pxl_grid_reader(const pxl_grid *grid);

/**
 * @brief Whether AUTO read the file with the BIFF reader instead of freexl: freexl could
 *        not open it, or would allocate more for the sheets' declared size than planxl
 *        allows it; pxl_grid_fallback_reason() says which.
 * @param grid The grid.
 * @return 1 when it fell back, else 0.
 */
PXL_EXTERN int pxl_grid_fell_back(const pxl_grid *grid);

/**
 * @brief Why AUTO did not read the file with freexl (see pxl_grid_fell_back()).
 * @param grid The grid.
 * @return freexl's message, or the declared size freexl would allocate for; owned by the
 *         grid; "" when AUTO did not fall back.
 */
PXL_EXTERN const char *pxl_grid_fallback_reason(const pxl_grid *grid);

/**
 * @brief Visit every non-empty cell of sheet @p index in row-major order.
 * @param grid  The workbook.
 * @param index Sheet index, 0-based.
 * @param visit Called once per cell.
 * @param ctx   Passed to @p visit.
 * @return PXL_OK when every cell was visited; PXL_ERR_CANCELLED when @p visit
 *         returned non-zero; PXL_ERR_INVALID_ARGUMENT for a sheet out of range;
 *         or an error (with a message naming file and sheet) when the sheet's
 *         records are malformed.
 */
PXL_EXTERN pxl_error pxl_grid_sheet_scan(pxl_grid *grid, size_t index, pxl_cell_visitor visit, void *ctx);

/** @brief Whether Excel shows a sheet (BIFF8 BOUNDSHEET hsState, MS-XLS 2.4.28; SpreadsheetML
 *         sheet element's state, ECMA-376 Part 1 §18.2.19). */
typedef enum pxl_sheet_state {
    PXL_SHEET_STATE_UNKNOWN = 0, /**< The reader cannot tell (freexl 1.0.6 does not say). */
    PXL_SHEET_VISIBLE,           /**< Shown as a tab. */
    PXL_SHEET_HIDDEN,            /**< Hidden; the user can unhide it from Excel's menu. */
    PXL_SHEET_VERY_HIDDEN        /**< Hidden so that only a macro or the VBA editor can show it. */
} pxl_sheet_state;

/**
 * @brief The state of sheet @p index.
 * @param grid  The grid.
 * @param index 0-based, below pxl_grid_sheet_count().
 * @return Its state; PXL_SHEET_STATE_UNKNOWN when the reader cannot tell (PXL_READER_FREEXL,
 *         and AUTO when its BIFF pass cannot read the file) or @p index is out of range.
 */
PXL_EXTERN pxl_sheet_state pxl_grid_sheet_state(const pxl_grid *grid, size_t index);

/**
 * @brief A state's name as the dump writes it.
 * @param state The state.
 * @return "visible", "hidden", "very-hidden" or "unknown" (static text).
 */
PXL_EXTERN const char *pxl_sheet_state_name(pxl_sheet_state state);

/** @brief A rectangle of cells, both corners included: a merged range's first cell
 *         (first_row, first_col) holds its value, the others are empty. */
typedef struct pxl_range {
    pxl_index first_row; /**< 0-based, at most last_row. */
    pxl_index first_col; /**< 0-based, at most last_col. */
    pxl_index last_row;  /**< 0-based. */
    pxl_index last_col;  /**< 0-based. */
} pxl_range;

/** Merged ranges one sheet may have. The BIFF limit is the sheet (65 536 x 256 cells), the
 *  .xlsx one Excel's grid; a finance office's sheet has a few dozen. More is refused as
 *  hostile input (the ranges are held in memory while the grid is open). */
#define PXL_GRID_MAX_MERGES 65536

/**
 * @brief Whether the reader knows the sheets' merged cells: planxl's BIFF reader (BIFF8
 *        MERGEDCELLS records), the .xlsx reader (its mergeCells element) and AUTO through its BIFF
 *        pass do; freexl does not (PXL_READER_FREEXL, and AUTO when its BIFF pass cannot
 *        read the file).
 * @param grid The grid.
 * @return 1 when pxl_grid_sheet_merges() can give them, else 0.
 */
PXL_EXTERN int pxl_grid_reads_merges(const pxl_grid *grid);

/**
 * @brief The merged ranges of sheet @p index, sorted by first row, then first column.
 *
 * Ranges of one cell are left out, repeated ones given once, corners given in reverse put
 * right. Overlapping ranges (no file Excel writes has them) are given as the file has them:
 * a cell in two belongs to the first.
 * @param grid   The grid (an .xlsx sheet part is read for them the first time they are asked
 *               for, unless a whole scan of the sheet already found them).
 * @param index  0-based sheet.
 * @param ranges Receives the ranges, owned by the grid, valid until pxl_grid_close().
 * @param count  Receives how many.
 * @return PXL_OK; PXL_ERR_UNSUPPORTED when the reader does not know merged cells (see
 *         pxl_grid_reads_merges(): *count is then 0); PXL_ERR_INVALID_ARGUMENT for a sheet
 *         out of range; PXL_ERR_CORRUPT (naming file, sheet and range) for a malformed
 *         range or more than ::PXL_GRID_MAX_MERGES.
 */
PXL_EXTERN pxl_error pxl_grid_sheet_merges(pxl_grid *grid, size_t index, const pxl_range **ranges, size_t *count);

/** @brief A defined name (an Excel "named range" or named constant): what =Rate*B2 refers to. */
typedef struct pxl_defined_name {
    const char *name;    /**< UTF-8; for a built-in one Excel's English name ("Print_Area"). */
    const char *sheet;   /**< The sheet it is local to (its name as in the file), or NULL: the whole workbook. */
    const char *formula; /**< What it stands for, in A1 style without '=' ("Blad1!$B$2",
                              "0.96"); NULL when planxl cannot give it (see @c why). */
    const char *why;     /**< When @c formula is NULL: why, e.g. "it stands for nothing (no formula)". */
    int builtin;         /**< 1 for Excel's own names: Print_Area, Print_Titles, _FilterDatabase, ... */
    int hidden;          /**< 1 when Excel hides it from the user. */
    int macro;           /**< 1 for a macro or VBA function name. */
} pxl_defined_name;

/**
 * @brief Number of defined names, in the file's order. planxl's BIFF reader reads them
 *        (PXL_READER_BIFF, and AUTO through its pass beside freexl); freexl does not, so
 *        with PXL_READER_FREEXL there are none. Names whose text cannot be read are left out.
 * @param grid The grid.
 * @return The count.
 */
PXL_EXTERN size_t pxl_grid_defined_name_count(const pxl_grid *grid);

/**
 * @brief Defined name @p index.
 * @param grid  The grid.
 * @param index 0-based, below pxl_grid_defined_name_count().
 * @return The name and its strings, owned by the grid; NULL when @p index is out of range.
 */
PXL_EXTERN const pxl_defined_name *pxl_grid_defined_name(const pxl_grid *grid, size_t index);

/**
 * @brief Write a cell address in A1 style ("E44") into @p buf.
 * @param buf  The caller's buffer; 16 bytes always suffice. Cut short (and
 *             NUL-terminated) when @p size is too small.
 * @param size Size of @p buf.
 * @param row  0-based row.
 * @param col  0-based column.
 * @return @p buf (the caller's).
 */
PXL_EXTERN char *pxl_cell_name(char *buf, size_t size, pxl_index row, pxl_index col);

#ifdef __cplusplus
}
#endif
#endif /* PLANXL_GRID_H */
