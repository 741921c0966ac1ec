/*
 * Amounts stated in a measure's Beskrivning ("uppgår till 5,1 miljoner kronor
 * ur ett helårsperspektiv"), so the check can hold the prose against the
 * effect table (issue 3, the prose check).
 */
#ifndef PLANXL_PROSE_H
#define PLANXL_PROSE_H

#include <stddef.h>

/* Which column of the effect table an amount speaks of. */
typedef enum pxl_amount_scope {
    PXL_SCOPE_FULL_YEAR = 0,  /* Helårseffekt: "helår", "helårsperspektiv", or nothing said */
    PXL_SCOPE_CURRENT_YEAR    /* Effekt <year>: "för 2024" (the table's year) */
} pxl_amount_scope;

typedef struct pxl_stated_amount {
    double tkr;              /* the amount in tkr, e.g. 5100 for "5,1 miljoner kronor" */
    double half_unit_tkr;    /* half a unit of the last stated digit, in tkr: 50 for "5,1 miljoner" */
    pxl_amount_scope scope;
    size_t offset, length;   /* the number and its unit in the text, e.g. "5,1 miljoner kronor" */
} pxl_stated_amount;

/* At most this many amounts are taken from one description; a Beskrivning states one or two. */
#define PXL_PROSE_MAX_AMOUNTS 32

/*
 * Find the amounts in @p text (UTF-8). Sentences about a deficit or surplus
 * (underskott, överskott) and forecasts (prognos…) are skipped: they speak of
 * other money than the measure's effect. @p year is the effect table's
 * current year ("för 2024"); 0 when unknown (then "för" any year counts).
 * @return the number of amounts written to @p out (at most @p max).
 */
size_t pxl_prose_scan(const char *text, int year, pxl_stated_amount *out, size_t max);

/* 1 when @p tkr agrees with @p stated: within half a unit of its last stated digit (round half up). */
int pxl_stated_amount_agrees(const pxl_stated_amount *stated, double tkr);

#endif
