/**
 * @file value.h
 * @brief Plan values: numbers and Swedish number text, percents, direction words.
 *
 * Finance workbooks hold amounts and KPI values both as numeric cells and as
 * text ("1 650", "−1 600", "0,80", "73,9 %", "Öka"). A ::pxl_value says
 * which it is, keeps the original text, and never turns an unreadable number
 * into 0.
 */
#ifndef PLANXL_VALUE_H
#define PLANXL_VALUE_H

#include "common.h"
#include <stddef.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief What a value turned out to be. */
typedef enum pxl_value_kind {
    PXL_VALUE_MISSING = 0, /**< Empty cell or only white space. */
    PXL_VALUE_NUMBER,      /**< A number ("1 650", "0,80", 34.8). */
    PXL_VALUE_PERCENT,     /**< A percent, kept as a fraction ("73,9 %" is 0.739). */
    PXL_VALUE_DIRECTION,   /**< A direction word (Öka, Minska, Oförändrad). */
    PXL_VALUE_TEXT,        /**< Free text that does not try to be a number. */
    PXL_VALUE_INVALID      /**< Text that tries to be a number and is not ("1 65O"). */
} pxl_value_kind;

/** @brief The direction a target word asks for. */
typedef enum pxl_direction {
    PXL_DIRECTION_NONE = 0,
    PXL_DIRECTION_INCREASE,  /**< Öka, Höja */
    PXL_DIRECTION_DECREASE,  /**< Minska, Sänka */
    PXL_DIRECTION_UNCHANGED  /**< Oförändrad, Bibehålla */
} pxl_direction;

/** @brief Where a value came from. Strings are owned by the plan that holds the reference. */
typedef struct pxl_cellref {
    const char *file;   /**< Input path as given, or NULL. */
    const char *sheet;  /**< Sheet name, or NULL when unknown. */
    pxl_index row;      /**< 0-based row. */
    pxl_index col;      /**< 0-based column. */
} pxl_cellref;

/** @brief A parsed value. */
typedef struct pxl_value {
    pxl_value_kind kind;     /**< What it is. */
    double number;           /**< NUMBER: the number; PERCENT: the fraction; else 0. */
    pxl_direction direction; /**< DIRECTION: which. */
    const char *text;        /**< The original text, or the number as the cell showed it; "" when missing. */
    int stored_as_text;      /**< 1 when a NUMBER or PERCENT was read from a text cell. */
    const char *formula;     /**< The cell's formula without '=', or NULL. */
    int is_formula;          /**< 1 when the cell is a formula (its text may be unknown). */
    pxl_cellref cell;        /**< The value's own cell (set even when missing: where it should be). */
} pxl_value;

/** @brief How strictly text is read. */
typedef enum pxl_parse_mode {
    PXL_PARSE_AMOUNT = 0, /**< An amount: anything but a number (or empty) is INVALID. */
    PXL_PARSE_KPI         /**< A KPI value: numbers, percents, direction words and free text. */
} pxl_parse_mode;

/**
 * @brief Read Swedish or plain number text.
 *
 * Accepts a sign ('-', '+', U+2212 MINUS SIGN, U+2013 EN DASH), digits grouped
 * by spaces, U+00A0, U+202F or U+2009, a decimal comma or point, and a
 * trailing '%' (with or without a space). Direction words are matched without
 * regard to case. In KPI mode, text counts as a failed number (INVALID)
 * when most of its non-space characters are digits, e.g. "1 65O".
 *
 * @param text   UTF-8 text; NULL counts as empty.
 * @param mode   Amount or KPI rules.
 * @param number Receives the number (a percent as a fraction); 0 otherwise. May be NULL.
 * @param direction Receives the direction for DIRECTION; may be NULL.
 * @return The kind.
 */
PXL_EXTERN pxl_value_kind pxl_parse_text(const char *text, pxl_parse_mode mode, double *number,
                                         pxl_direction *direction);

/**
 * @brief The name of a value kind, as the JSON dump writes it.
 * @param kind The kind.
 * @return "missing", "number", "percent", "direction", "text" or "invalid": a static string.
 */
PXL_EXTERN const char *pxl_value_kind_name(pxl_value_kind kind);

/**
 * @brief Write a cell reference as `Sheet!E7` (or `E7` without a sheet) into @p buf.
 * @param buf  The caller's buffer; cut short (and NUL-terminated) when @p size is too small.
 * @param size Size of @p buf.
 * @param ref  The reference (its file is not written).
 * @return @p buf (the caller's).
 */
PXL_EXTERN char *pxl_cellref_format(char *buf, size_t size, const pxl_cellref *ref);

#ifdef __cplusplus
}
#endif
#endif /* PLANXL_VALUE_H */
