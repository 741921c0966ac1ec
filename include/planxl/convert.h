/**
 * @file convert.h
 * @brief Any legacy .xls to .xlsx: every sheet, every cell with its type and value.
 */
#ifndef PLANXL_CONVERT_H
#define PLANXL_CONVERT_H

#include "common.h"
#include <stddef.h>
#include "error.h"
#include "grid.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Progress callback, called when a sheet begins (row 0) and at each new row,
 *        and once more when the .xlsx is complete, just before it is put into place
 *        (@p sheet equal to @p sheet_count): cancelling then still leaves @p out as it was.
 * @param ctx         pxl_convert_options::progress_ctx.
 * @param sheet       The sheet being written, 0-based; @p sheet_count at the end.
 * @param sheet_count The number of sheets.
 * @param row         The row about to be written, 0-based.
 * @return 0 to go on; non-zero cancels the conversion: pxl_convert() removes what it
 *         wrote and returns PXL_ERR_CANCELLED.
 */
typedef int (*pxl_convert_progress)(void *ctx, size_t sheet, size_t sheet_count, pxl_index row);

/**
 * @brief Warning callback: something was carried over changed, e.g. a sheet
 *        renamed to satisfy Excel's rules. @p message names the file and sheet.
 */
typedef void (*pxl_convert_warning)(void *ctx, const char *message);

/** @brief Options for pxl_convert(). Initialise with ::PXL_CONVERT_OPTIONS_INIT. */
typedef struct pxl_convert_options {
    unsigned version;              /**< Always PXL_CONVERT_OPTIONS_VERSION. */
    pxl_grid_options grid;         /**< Which reader; ::PXL_CONVERT_OPTIONS_INIT picks PXL_READER_BIFF (the only
                                        one that gives cell formats; PXL_READER_AUTO and _FREEXL stay selectable). */
    int overwrite;                 /**< 1: replace an existing output file. */
    pxl_convert_progress progress; /**< NULL for none. */
    void *progress_ctx;
    pxl_convert_warning warning;   /**< NULL for none (the counts still say what changed). */
    void *warning_ctx;
} pxl_convert_options;

#define PXL_CONVERT_OPTIONS_VERSION 1
#define PXL_CONVERT_OPTIONS_INIT \
    { PXL_CONVERT_OPTIONS_VERSION, { PXL_GRID_OPTIONS_VERSION, PXL_READER_BIFF }, 0, NULL, NULL, NULL, NULL }

/** @brief What a conversion carried and what it could not. */
typedef struct pxl_convert_stats {
    size_t sheets;              /**< Sheets written. */
    size_t cells;               /**< Cells written. */
    size_t formulas_live;       /**< Formulas written as live formulas with their cached results. */
    size_t formulas_as_values;  /**< Formula cells written as their cached values only. */
    size_t errors;              /**< Error cells (written as their text, e.g. "#DIV/0!"). */
    size_t sheets_renamed;      /**< Sheet names changed to satisfy Excel's rules. */
    size_t dates;               /**< Date, date-time and time cells. */
    pxl_reader_kind reader;     /**< The reader that read the cells (never PXL_READER_AUTO). */
    int fell_back;              /**< 1 when AUTO read the file with the BIFF reader instead of freexl (see pxl_grid_fell_back()). */
    size_t names;               /**< Defined names written (named ranges and constants). */
    size_t names_not_carried;   /**< Defined names not written, each with a warning saying why (built-in
                                     print and filter names, macro names, names planxl cannot decode). */
} pxl_convert_stats;

/**
 * @brief Convert @p in (.xls) to @p out (.xlsx).
 *
 * Output goes to a temporary file beside @p out and is put into place when
 * complete, in one atomic step: @p out is either as it was or the complete new
 * file, and after PXL_OK it is the new one. On Linux the temporary file is
 * unnamed (O_TMPFILE), so even a process killed with SIGKILL leaves nothing
 * behind; elsewhere it is a hidden ".NAME.xlsx.XXXXXX" that an error or a
 * cancellation removes. @p in is never written.
 * @param in      The workbook to read.
 * @param out     The .xlsx to write.
 * @param options NULL for the defaults.
 * @param stats   Receives the counts; may be NULL.
 * @return PXL_OK; PXL_ERR_CANCELLED when the progress callback cancelled; a grid error
 *         reading @p in; PXL_ERR_NOT_XLS also when @p in is already an .xlsx; PXL_ERR_EXISTS (@p out exists and overwrite is 0),
 *         PXL_ERR_SAME_FILE, PXL_ERR_IO, PXL_ERR_WRITE, PXL_ERR_NOMEM; PXL_ERR_INVALID_ARGUMENT for a
 *         missing path or @p options of an unknown version. pxl_error_message() names the file.
 */
PXL_EXTERN pxl_error pxl_convert(const char *in, const char *out, const pxl_convert_options *options,
                                 pxl_convert_stats *stats);

/**
 * @brief What a conversion with @p reader never carries, whatever the workbook (cell formats
 *        come from PXL_READER_BIFF only),
 *        as one line of English for a summary (the counts in ::pxl_convert_stats
 *        say what one file lost besides).
 * @param reader The reader asked for (::PXL_READER_BIFF is the default).
 * @return A static string, never NULL; the caller does not free it.
 */
PXL_EXTERN const char *pxl_convert_not_carried(pxl_reader_kind reader);

/**
 * @brief A sheet name Excel accepts: bad characters `[]:*?/\` (and control
 *        characters, invalid UTF-8, a leading or trailing apostrophe) to '_',
 *        at most 31 characters (UTF-8 aware, counted as Excel counts them:
 *        UTF-16 units), not empty ("Sheet" when nothing is left).
 * @param buf  The caller's buffer; receives the name; 94 bytes always suffice.
 * @param size Size of @p buf.
 * @param name The original name (UTF-8); NULL counts as empty.
 * @return @p buf (the caller's).
 */
PXL_EXTERN char *pxl_sheet_name_sanitize(char *buf, size_t size, const char *name);

#ifdef __cplusplus
}
#endif
#endif /* PLANXL_CONVERT_H */
