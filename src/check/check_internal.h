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
#include "util/text.h"      /* N_() */

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
#define PXL_CODE_UNRECOGNIZED_CONTENT "unrecognized-content"

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

/*
 * One argument of a finding's message. The message is rendered once per language
 * (message_text.c), so an argument says what it is, not how it reads: cell text is
 * quoted as it stands, a word of planxl's own is translated, an amount is written in
 * the language's style ("9 500" in English, "9 500" with a no-break space in Swedish).
 */
typedef enum pxl_message_arg_kind {
    PXL_ARG_TEXT,    /* text from the workbook (a label, a cell's text), never translated */
    PXL_ARG_WORD,    /* planxl's own words: an N_() msgid, translated with the message */
    PXL_ARG_AMOUNT,  /* tkr, with the language's thousands separator and decimal comma */
    PXL_ARG_COUNT    /* a whole number: a row, a count */
} pxl_message_arg_kind;

typedef struct pxl_message_arg {
    pxl_message_arg_kind kind;
    const char *text;  /* TEXT, WORD */
    double number;     /* AMOUNT, COUNT */
} pxl_message_arg;

#define PXL_TEXT(s) ((pxl_message_arg){PXL_ARG_TEXT, (s), 0})
#define PXL_WORD(msgid) ((pxl_message_arg){PXL_ARG_WORD, (msgid), 0})
#define PXL_AMOUNT(x) ((pxl_message_arg){PXL_ARG_AMOUNT, NULL, (x)})
#define PXL_COUNT(n) ((pxl_message_arg){PXL_ARG_COUNT, NULL, (double)(n)})
/* The count and array pxl_findings_add() takes: PXL_ARGS(PXL_TEXT(label), PXL_AMOUNT(sum)). */
#define PXL_ARGS(...) (sizeof((pxl_message_arg[]){__VA_ARGS__}) / sizeof(pxl_message_arg)), \
                      ((const pxl_message_arg[]){__VA_ARGS__})

/*
 * message_text.c: @p msgid (English, its arguments as %s or %N$s, %% for a percent sign) in
 * @p language, with @p args rendered in it, on one line, cut on a character boundary to fit
 * @p size. The one formatter of finding messages.
 */
char *pxl_message_format(char *buf, size_t size, pxl_language language, const char *msgid, size_t argc,
                         const pxl_message_arg *args);

/* findings.c: the container. */
pxl_error pxl_findings_new(pxl_findings **out);
/*
 * Add a finding whose message is @p msgid (marked for xgettext: the keyword is
 * pxl_findings_add:3) with @p argc arguments, kept in every language (docs/messages.md).
 */
pxl_error pxl_findings_add(pxl_findings *findings, const pxl_finding_draft *draft, const char *msgid, size_t argc,
                           const pxl_message_arg *args);
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
/* unplaced.c: unrecognized-content, the cells of plan sheets the recogniser did not take. */
pxl_error pxl_check_unplaced(pxl_findings *findings, const pxl_plan *plan);

/* totals.c: the effect rows a declared total adds up (shared with the SUM() range check). */
typedef struct pxl_total_rows {
    size_t first, end;  /* measure->effects[first .. end) */
} pxl_total_rows;
pxl_total_rows pxl_total_rows_of(const pxl_measure *measure, size_t total_index);

#endif
