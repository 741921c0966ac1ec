/**
 * @file error.h
 * @brief Error codes and the last error's message.
 *
 * Every planxl function that can fail returns a ::pxl_error (0 = success).
 * The library never prints and never exits: a fuller message naming the file,
 * and the sheet and cell where there is one, is kept per thread and read
 * with pxl_error_message().
 */
#ifndef PLANXL_ERROR_H
#define PLANXL_ERROR_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Result of a planxl call. */
typedef enum pxl_error {
    PXL_OK = 0,                /**< Success. */
    PXL_ERR_NOMEM,             /**< Out of memory. */
    PXL_ERR_INVALID_ARGUMENT,  /**< A caller passed an argument the function does not accept. */
    PXL_ERR_NOT_FOUND,         /**< The input file does not exist. */
    PXL_ERR_IO,                /**< The file could not be opened, read or written. */
    PXL_ERR_NOT_XLS,           /**< The file is not an Excel 97-2003 (.xls) workbook. */
    PXL_ERR_ENCRYPTED,         /**< The workbook is password-protected (encrypted). */
    PXL_ERR_CORRUPT,           /**< The workbook is truncated or its records are malformed. */
    PXL_ERR_UNSUPPORTED,       /**< A valid workbook planxl cannot read (e.g. an old BIFF version). */
    PXL_ERR_NO_PLAN,           /**< No plan table (measures, KPIs, effects) was recognised. */
    PXL_ERR_DUPLICATE,         /**< The same measure appears twice. */
    PXL_ERR_EXISTS,            /**< The output file exists and overwriting was not asked for. */
    PXL_ERR_SAME_FILE,         /**< The output path names an input file. */
    PXL_ERR_WRITE,             /**< Writing the output workbook failed. */
    PXL_ERR_CANCELLED          /**< The caller's callback stopped the call: a ::pxl_cell_visitor
                                    returned non-zero, or a ::pxl_convert_progress cancelled
                                    (nothing is written then). */
} pxl_error;

/**
 * @brief A short, fixed description of an error code.
 * @param error The code.
 * @return A static string, never NULL.
 */
PXL_EXTERN const char *pxl_strerror(pxl_error error);

/**
 * @brief The message of the last error raised on this thread.
 *
 * Names the file, and the sheet and cell where there is one, e.g.
 * `plan.xls: the workbook is password-protected`. The text is valid until
 * the next planxl call on this thread.
 * @return The message, or "" when no error was raised.
 */
PXL_EXTERN const char *pxl_error_message(void);

/** @brief Forget the last error of this thread. */
PXL_EXTERN void pxl_error_clear(void);

#ifdef __cplusplus
}
#endif
#endif /* PLANXL_ERROR_H */
