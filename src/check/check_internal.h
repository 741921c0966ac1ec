/*
 * What the checks share: the findings container they add to, and one entry
 * point per family of checks (totals.c, values.c, …). pxl_check_run()
 * in check.c calls them in turn. Every check reads the plan model only.
 */
#ifndef PLANXL_CHECK_INTERNAL_H
#define PLANXL_CHECK_INTERNAL_H

#include <stddef.h>
#include "util/error_internal.h"
#include "model/plan_internal.h"
#include "util/number_text.h" /* pxl_amount_format: "9 500", "-1 600", "1 472,5" */
#include "planxl/check.h"

/* The finding codes: a documented contract (docs/check.md); never rename one. */
#define PXL_CODE_TOTAL_MISMATCH "total-mismatch"
#define PXL_CODE_UNPARSABLE_NUMBER "unparsable-number"
#define PXL_CODE_MISSING_FIELD "missing-field"
#define PXL_CODE_DUPLICATE_MEASURE "duplicate-measure"
#define PXL_CODE_STATED_AMOUNT_MISMATCH "stated-amount-mismatch"
#define PXL_CODE_AMOUNT_STORED_AS_TEXT "amount-stored-as-text"
#define PXL_CODE_PARTIAL_YEAR_EXCEEDS_FULL_YEAR "partial-year-exceeds-full-year"
#define PXL_CODE_PERCENT_OUT_OF_RANGE "percent-out-of-range"
#define PXL_CODE_KIND_MISMATCH "kind-mismatch"
#define PXL_CODE_DUPLICATE_ROW "duplicate-row"
#define PXL_CODE_UNREADABLE_FILE "unreadable-file"
#define PXL_CODE_SUM_RANGE_INCOMPLETE "sum-range-incomplete"
#define PXL_CODE_AMOUNT_UNIT_CONVERTED "amount-unit-converted"
#define PXL_CODE_SUMMARY_MISMATCH "summary-mismatch"
#define PXL_CODE_SHEET_SKIPPED "sheet-skipped"
#define PXL_CODE_SHEET_STATE_UNKNOWN "sheet-state-unknown"

/*
 * Amounts are in tkr and come from cells typed by hand: two sums agree when
 * they differ by less than this (a rounding error of binary doubles, not a krona).
 */
#define PXL_AMOUNT_TOLERANCE 1e-6

/* One finding before it is added: NULL cell for a finding about a whole file. */
typedef struct pxl_finding_draft {
    const char *code;
    pxl_severity severity;
    const pxl_cellref *cell;   /* NULL: about the whole file */
    const char *file;          /* used when cell is NULL */
    int has_expected;
    double expected;
    int has_actual;
    double actual;
} pxl_finding_draft;

/* findings.c: the container. */
pxl_error pxl_findings_new(pxl_findings **out);
/* Add a finding with a printf-formatted message. */
pxl_error pxl_findings_add(pxl_findings *findings, const pxl_finding_draft *draft, const char *fmt, ...)
    PXL_PRINTF(3, 4);
/*
 * Sort by file (plan order), sheet (workbook order), row, column and code, and
 * keep one finding per cell and code (the first added).
 */
pxl_error pxl_findings_sort(pxl_findings *findings, const pxl_plan *plan);

/* Cell text quoted in a message: at most this many characters, then "…". */
#define PXL_EXCERPT_CHARS 60
/* Room for an excerpt: 4 bytes a character, the ellipsis, the NUL. */
#define PXL_EXCERPT_SIZE (PXL_EXCERPT_CHARS * 4 + 8)
/* @p text on one line, cut after PXL_EXCERPT_CHARS characters (never inside one). */
char *pxl_excerpt(char *buf, size_t size, const char *text);

/* The check families; each adds what it finds and returns PXL_OK or PXL_ERR_NOMEM. */
pxl_error pxl_check_totals(pxl_findings *findings, const pxl_plan *plan);
pxl_error pxl_check_sum_ranges(pxl_findings *findings, const pxl_plan *plan);
pxl_error pxl_check_values(pxl_findings *findings, const pxl_plan *plan);
pxl_error pxl_check_duplicates(pxl_findings *findings, const pxl_plan *plan);
pxl_error pxl_check_stated_amounts(pxl_findings *findings, const pxl_plan *plan);
/* sheets.c: sheet-skipped, sheet-state-unknown. */
pxl_error pxl_check_sheets(pxl_findings *findings, const pxl_plan *plan);
pxl_error pxl_check_summaries(pxl_findings *findings, const pxl_plan *plan);

/* totals.c: the effect rows a declared total adds up (shared with the SUM() range check). */
typedef struct pxl_total_rows {
    size_t first, end;  /* measure->effects[first .. end) */
} pxl_total_rows;
pxl_total_rows pxl_total_rows_of(const pxl_measure *measure, size_t total_index);

#endif
