/**
 * @file check.h
 * @brief Checks on a plan: findings with a stable code, a severity and one cell.
 *
 * Checks never print; the CLI and the report writer present the findings.
 * The codes are a documented contract (README.md, "Finding codes").
 */
#ifndef PLANXL_CHECK_H
#define PLANXL_CHECK_H

#include "common.h"
#include <stddef.h>
#include "error.h"
#include "plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief How serious a finding is. */
typedef enum pxl_severity {
    PXL_SEVERITY_INFO = 0,    /**< Nothing wrong, but worth knowing: what planxl left unread, and why. */
    PXL_SEVERITY_WARNING = 1, /**< Probably a mistake; the plan still adds up. */
    PXL_SEVERITY_ERROR = 2    /**< Wrong: the plan does not hold what it says. */
} pxl_severity;

/** @brief One finding. Strings are owned by the ::pxl_findings it came from. */
typedef struct pxl_finding {
    const char *code;       /**< e.g. "total-mismatch". */
    pxl_severity severity;
    pxl_cellref cell;       /**< The cell whose content is wrong or missing (row/col unused for unreadable-file). */
    int has_cell;           /**< 0 for findings about a whole file. */
    const char *message;    /**< One sentence for a finance officer, in the language of the calling
                                 thread's LC_MESSAGES when pxl_check_run() ran (pxl_findings_message()
                                 gives it in another). */
    int has_expected;       /**< 1 when expected is meaningful. */
    double expected;        /**< What the cell should hold. */
    int has_actual;         /**< 1 when actual is meaningful. */
    double actual;          /**< What it holds. */
} pxl_finding;

typedef struct pxl_findings pxl_findings;

/** @brief Options for pxl_check_run(). Initialise with ::PXL_CHECK_OPTIONS_INIT. */
typedef struct pxl_check_options {
    unsigned version;  /**< Always PXL_CHECK_OPTIONS_VERSION. */
} pxl_check_options;

#define PXL_CHECK_OPTIONS_VERSION 1
#define PXL_CHECK_OPTIONS_INIT { PXL_CHECK_OPTIONS_VERSION }

/**
 * @brief Run every check on @p plan.
 * @param out     Receives the findings, sorted by file, sheet, row, column, code;
 *                free with pxl_findings_free().
 * @param plan    The plan (with its unreadable files).
 * @param options NULL for the defaults.
 * @return PXL_OK (findings are not errors: see pxl_findings_count_severity()),
 *         PXL_ERR_INVALID_ARGUMENT (no @p out or @p plan, or @p options of an
 *         unknown version) or PXL_ERR_NOMEM.
 */
PXL_EXTERN pxl_error pxl_check_run(pxl_findings **out, const pxl_plan *plan, const pxl_check_options *options);

/**
 * @brief Number of findings.
 * @param findings The findings; NULL counts as none.
 * @return The count.
 */
PXL_EXTERN size_t pxl_findings_count(const pxl_findings *findings);

/**
 * @brief Finding @p index, in the order pxl_check_run() sorted them.
 * @param findings The findings.
 * @param index    0-based, below pxl_findings_count().
 * @return The finding and its strings, owned by @p findings; NULL when out of range.
 */
PXL_EXTERN const pxl_finding *pxl_findings_get(const pxl_findings *findings, size_t index);

/**
 * @brief Finding @p index's message in @p language, whatever the locale.
 *
 * The committee workbook is Swedish on any machine; a program shows findings in the
 * language it chooses. The finding codes, cells and numbers do not change with it.
 * @code
 * const char *sv = pxl_findings_message(findings, 0, PXL_LANGUAGE_SWEDISH);
 * @endcode
 * @param findings The findings.
 * @param index    0-based, below pxl_findings_count().
 * @param language Which; ::PXL_LANGUAGE_ENVIRONMENT gives pxl_finding::message.
 * @return The message, owned by @p findings; NULL when @p index is out of range.
 */
PXL_EXTERN const char *pxl_findings_message(const pxl_findings *findings, size_t index, pxl_language language);

/**
 * @brief Number of findings of one severity.
 * @param findings The findings; NULL counts as none.
 * @param severity Which.
 * @return The count.
 */
PXL_EXTERN size_t pxl_findings_count_severity(const pxl_findings *findings, pxl_severity severity);

/**
 * @brief Free the findings and everything they handed out.
 * @param findings The findings; NULL is ignored.
 */
PXL_EXTERN void pxl_findings_free(pxl_findings *findings);

/**
 * @brief The name of a severity.
 * @param severity The severity.
 * @return "error", "warning" or "info": a static string.
 */
PXL_EXTERN const char *pxl_severity_name(pxl_severity severity);

#ifdef __cplusplus
}
#endif
#endif /* PLANXL_CHECK_H */
