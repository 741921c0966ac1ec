/**
 * @file diff.h
 * @brief What changed between two plans: measures added, removed, renamed and moved,
 *        amounts per effect row, measure, area and in total, KPI values (issue 15).
 *
 * Each side is a ::pxl_plan, read from one or more files. Measures are matched by area
 * and Åtgärd with white space and case folded; one left over whose title changed is
 * matched by its Område and its effect rows (renamed), one found in another area by its
 * title (moved). The rules: docs/diff.md.
 *
 * A diff points into both plans (names, values, cells): free it before either plan.
 *
 * @code
 * pxl_diff *diff;
 * if (pxl_diff_plans(&diff, old_plan, new_plan, NULL) == PXL_OK) {
 *     for (size_t i = 0; i < pxl_diff_count(diff); i++)
 *         puts(pxl_diff_kind_name(pxl_diff_get(diff, i)->kind));
 *     pxl_diff_free(diff);
 * }
 * @endcode
 */
#ifndef PLANXL_DIFF_H
#define PLANXL_DIFF_H

#include "common.h"
#include <stddef.h>
#include "error.h"
#include "plan.h"
#include "value.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief What a change is. The names (pxl_diff_kind_name()) are the JSON contract's. */
typedef enum pxl_diff_kind {
    PXL_DIFF_MEASURE_ADDED = 0, /**< "measure-added": only in the new plan. */
    PXL_DIFF_MEASURE_REMOVED,   /**< "measure-removed": only in the old plan. */
    PXL_DIFF_MEASURE_RENAMED,   /**< "measure-renamed": same area, Område and effect rows, new Åtgärd. */
    PXL_DIFF_MEASURE_MOVED,     /**< "measure-moved": same Åtgärd, another area. */
    PXL_DIFF_EFFECT_ADDED,      /**< "effect-added": an effect row only in the new plan's measure. */
    PXL_DIFF_EFFECT_REMOVED,    /**< "effect-removed": an effect row only in the old plan's measure. */
    PXL_DIFF_EFFECT_AMOUNT,     /**< "effect-amount": one effect row's amount changed. */
    PXL_DIFF_MEASURE_AMOUNT,    /**< "measure-amount": the sum of a measure's effect rows changed. */
    PXL_DIFF_AREA_AMOUNT,       /**< "area-amount": the sum of an area's effect rows changed. */
    PXL_DIFF_TOTAL_AMOUNT,      /**< "total-amount": the sum of the plan's effect rows changed. */
    PXL_DIFF_KPI_ADDED,         /**< "kpi-added": a KPI row only in the new plan's measure. */
    PXL_DIFF_KPI_REMOVED,       /**< "kpi-removed": a KPI row only in the old plan's measure. */
    PXL_DIFF_KPI_TARGET,        /**< "kpi-target": a KPI's Målvärde changed. */
    PXL_DIFF_KPI_CURRENT        /**< "kpi-current": a KPI's Nuläge (Utfall) changed. */
} pxl_diff_kind;

/** @brief Which amount an amount change is about. */
typedef enum pxl_diff_column {
    PXL_DIFF_COLUMN_NONE = 0,     /**< Not an amount change. */
    PXL_DIFF_COLUMN_CURRENT_YEAR, /**< "current_year": Effekt YYYY. */
    PXL_DIFF_COLUMN_FULL_YEAR     /**< "full_year": Helårseffekt. */
} pxl_diff_column;

/** @brief Which way a value went. */
typedef enum pxl_diff_trend {
    PXL_DIFF_TREND_NONE = 0,  /**< "none": not a change of value (added, removed, renamed, moved). */
    PXL_DIFF_TREND_INCREASED, /**< "increased": both numbers (or percents), the new one larger. */
    PXL_DIFF_TREND_DECREASED, /**< "decreased": the new one smaller. */
    PXL_DIFF_TREND_CHANGED    /**< "changed": not two comparable numbers (text, kind, missing). */
} pxl_diff_trend;

/** @brief One side of a change: where it is in that plan, and its value there. */
typedef struct pxl_diff_side {
    int present;              /**< 0 when the item is not on this side (added, removed). */
    const char *area;         /**< The area's name, or NULL. */
    const char *title;        /**< The measure's Åtgärd, or NULL (area and total amounts). */
    const pxl_measure *measure; /**< The measure, owned by its plan, or NULL (area and total amounts). */
    const char *item;         /**< The effect row's description or the KPI's name, or NULL. */
    int has_cell;             /**< 1 when @c cell is set (an area's or the plan's sum has none). */
    pxl_cellref cell;         /**< The changed cell: the amount, the KPI value, the effect row or
                                   KPI row added or removed; the Åtgärd for the measure's own
                                   changes and its sums. */
    const pxl_value *value;   /**< effect-amount and KPI changes: the cell's value; else NULL. */
    double amount;            /**< Amount changes: the amount (a sum of the readable amounts), tkr. */
    int complete;             /**< Sums: 0 when an amount under it could not be read (not counted). */
} pxl_diff_side;

/** @brief One change. Every pointer lives as long as the diff (and the plans it points into). */
typedef struct pxl_diff_change {
    pxl_diff_kind kind;       /**< What changed. */
    pxl_diff_column column;   /**< Amount changes: which amount; else NONE. */
    int year;                 /**< CURRENT_YEAR: the column's year (Effekt 2024 → 2024), 0 unknown. */
    pxl_diff_trend trend;     /**< Which way the value went. */
    pxl_diff_side old_side;   /**< In the old plan. */
    pxl_diff_side new_side;   /**< In the new plan. */
} pxl_diff_change;

typedef struct pxl_diff pxl_diff; /**< The changes between two plans, in a stable order. */

/** @brief Options for pxl_diff_plans(). Initialise with ::PXL_DIFF_OPTIONS_INIT. */
typedef struct pxl_diff_options {
    unsigned version;  /**< Always PXL_DIFF_OPTIONS_VERSION. */
} pxl_diff_options;

#define PXL_DIFF_OPTIONS_VERSION 1
#define PXL_DIFF_OPTIONS_INIT { PXL_DIFF_OPTIONS_VERSION }

/**
 * @brief Compare two plans.
 *
 * The changes come per area (the new plan's order, then areas only the old plan has),
 * per measure in the same order: the measure's own change (added, removed, renamed,
 * moved), its effect rows, its amounts, its KPIs; then the area's amounts; the plan's
 * total amounts last.
 * @param out      Receives the diff; the caller frees it with pxl_diff_free() before
 *                 freeing either plan.
 * @param old_plan The earlier plan.
 * @param new_plan The later plan.
 * @param options  NULL for the defaults.
 * @return PXL_OK, PXL_ERR_INVALID_ARGUMENT (a NULL argument, options of another version)
 *         or PXL_ERR_NOMEM.
 */
PXL_EXTERN pxl_error pxl_diff_plans(pxl_diff **out, const pxl_plan *old_plan, const pxl_plan *new_plan,
                                    const pxl_diff_options *options);

/**
 * @brief Free a diff.
 * @param diff The diff; NULL is ignored.
 */
PXL_EXTERN void pxl_diff_free(pxl_diff *diff);

/**
 * @brief Number of changes; 0 when the plans are equal.
 * @param diff The diff.
 * @return The count.
 */
PXL_EXTERN size_t pxl_diff_count(const pxl_diff *diff);

/**
 * @brief Change @p index.
 * @param diff  The diff.
 * @param index 0-based, below pxl_diff_count().
 * @return The change, owned by the diff; NULL when out of range.
 */
PXL_EXTERN const pxl_diff_change *pxl_diff_get(const pxl_diff *diff, size_t index);

/**
 * @brief Number of changes of one kind.
 * @param diff The diff.
 * @param kind The kind.
 * @return The count.
 */
PXL_EXTERN size_t pxl_diff_count_kind(const pxl_diff *diff, pxl_diff_kind kind);

/**
 * @brief The kind's name, as the JSON output writes it ("measure-added", …).
 * @param kind The kind.
 * @return A static string; "unknown" for a value outside the enum.
 */
PXL_EXTERN const char *pxl_diff_kind_name(pxl_diff_kind kind);

/**
 * @brief The column's name: "current_year", "full_year" or "none".
 * @param column The column.
 * @return A static string.
 */
PXL_EXTERN const char *pxl_diff_column_name(pxl_diff_column column);

/**
 * @brief The trend's name: "increased", "decreased", "changed" or "none".
 * @param trend The trend.
 * @return A static string.
 */
PXL_EXTERN const char *pxl_diff_trend_name(pxl_diff_trend trend);

/** @brief Options for pxl_diff_write_xlsx(). Initialise with ::PXL_DIFF_XLSX_OPTIONS_INIT. */
typedef struct pxl_diff_xlsx_options {
    unsigned version;  /**< Always PXL_DIFF_XLSX_OPTIONS_VERSION. */
    int overwrite;     /**< 1: replace an existing output file (never an input). */
} pxl_diff_xlsx_options;

#define PXL_DIFF_XLSX_OPTIONS_VERSION 1
#define PXL_DIFF_XLSX_OPTIONS_INIT { PXL_DIFF_XLSX_OPTIONS_VERSION, 0 }

/**
 * @brief Write the two plans side by side as a workbook (docs/diff.md, "Workbook").
 *
 * One sheet per area (the new plan's areas, then those only the old plan has): a row per
 * measure with its old and new Effekt and Helårseffekt sums and the difference as a formula,
 * a row per KPI with its old and new Målvärde and Nuläge, what changed named and highlighted,
 * and a Totalt row of SUM() formulas. Written beside @p path under a temporary name and renamed
 * into place when complete; nothing is left behind on error.
 * @param diff     What pxl_diff_plans() found for the two plans.
 * @param old_plan The earlier plan.
 * @param new_plan The later plan.
 * @param path     The .xlsx to write; never one of either plan's files.
 * @param options  NULL for the defaults.
 * @return PXL_OK; PXL_ERR_EXISTS, PXL_ERR_SAME_FILE, PXL_ERR_WRITE, PXL_ERR_IO, PXL_ERR_NOMEM;
 *         PXL_ERR_INVALID_ARGUMENT for a NULL argument or options of another version.
 */
PXL_EXTERN pxl_error pxl_diff_write_xlsx(const pxl_diff *diff, const pxl_plan *old_plan, const pxl_plan *new_plan,
                                         const char *path, const pxl_diff_xlsx_options *options);

#ifdef __cplusplus
}
#endif
#endif /* PLANXL_DIFF_H */
