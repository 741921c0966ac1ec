/*
 * How an amount was written, for the checks that tell the unit what to
 * retype: the unit stated in the cell ("960 tkr", "1,65 mnkr", "-1 600 kr")
 * and accounting parentheses ("(1 600)"). pxl_parse_text() in AMOUNT mode
 * is pxl_parse_amount() without the notation; the plan keeps only the text,
 * so a check that needs the notation parses the text again (same answer).
 */
#ifndef PLANXL_VALUE_INTERNAL_H
#define PLANXL_VALUE_INTERNAL_H

#include "planxl/value.h"

/* Amount columns are in tkr: every unit is named relative to that. */
typedef enum pxl_amount_unit {
    PXL_AMOUNT_UNIT_NONE = 0, /* no unit written: the column's tkr */
    PXL_AMOUNT_UNIT_TKR,      /* tkr, tusen kronor, TSEK: the column's own unit, nothing to convert */
    PXL_AMOUNT_UNIT_MNKR,     /* mnkr, mkr, MSEK, miljoner kronor: × 1 000 */
    PXL_AMOUNT_UNIT_MDKR,     /* mdkr, miljarder kronor: × 1 000 000 */
    PXL_AMOUNT_UNIT_KR        /* kr, kronor, SEK, ":-": ambiguous in a tkr column, never converted */
} pxl_amount_unit;

typedef struct pxl_amount_notation {
    pxl_amount_unit unit;  /* the unit written after the number */
    int parenthesised;     /* "(1 600)": an accounting negative */
    int ambiguous;         /* 1 when the number reads but its unit (kr) cannot be told: INVALID */
    double kronor;         /* ambiguous: the number as written, in kronor */
} pxl_amount_notation;

/*
 * Read an amount in tkr: what pxl_parse_text(text, PXL_PARSE_AMOUNT, …) reads,
 * and how it was written. @p number and @p notation may be NULL.
 */
pxl_value_kind pxl_parse_amount(const char *text, double *number, pxl_amount_notation *notation);

/* "tkr", "mnkr", "mdkr", "kr", or "" for none. */
const char *pxl_amount_unit_name(pxl_amount_unit unit);

#endif
