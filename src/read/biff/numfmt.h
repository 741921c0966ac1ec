/*
 * Number formats and cell formats (FORMAT and XF records): which cells hold dates.
 * A BIFF number is a date only by its format, so every numeric cell's XF index is
 * mapped to "number", "date", "date and time" or "time of day".
 */
#ifndef PLANXL_BIFF_NUMFMT_H
#define PLANXL_BIFF_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

#include "planxl/grid.h"

typedef enum pxl_numfmt_kind {
    PXL_NUMFMT_NUMBER = 0,
    PXL_NUMFMT_DATE,
    PXL_NUMFMT_DATETIME,
    PXL_NUMFMT_TIME,
    PXL_NUMFMT_ELAPSED  /* [h]:mm:ss and the like: a duration, delivered as a time */
} pxl_numfmt_kind;

/* What a format string shows: date and time tokens counted outside quotes, brackets and escapes. */
pxl_numfmt_kind pxl_numfmt_classify(const char *format);

/* What a built-in format id shows when the workbook does not define it (MS-XLS 2.4.126). */
pxl_numfmt_kind pxl_numfmt_builtin(unsigned id);

/* The cell type a number of format kind @p kind is delivered as, its value moved into the 1900
 * date system when the workbook counts from 1904 (both the BIFF and the .xlsx reader). */
pxl_cell_type pxl_numfmt_cell(pxl_numfmt_kind kind, int date1904, double *value);

/* freexl 1.0.6's guess for a format string, and for a BIFF5/8 built-in id (freexl_kind.c). */
pxl_numfmt_kind pxl_numfmt_freexl_classify(const char *format);
pxl_numfmt_kind pxl_numfmt_freexl_builtin(unsigned id);

/* Format ids 0-163 are reserved for the built-in formats (MS-XLS 2.4.126, IFmt); every id from
 * here on is a number for both functions above unless a FORMAT record defines it. */
#define PXL_NUMFMT_BUILTIN_IDS 164

typedef struct pxl_xf_table {
    struct pxl_format_kind { uint16_t id; uint8_t kind, freexl; } *formats; /* FORMAT records */
    size_t format_count, format_cap;
    uint16_t *xf_format;   /* XF index -> format id */
    uint8_t *xf_kind;      /* XF index -> pxl_numfmt_kind, after pxl_xf_resolve() */
    uint8_t *xf_freexl;    /* XF index -> what freexl 1.0.6 takes it for, after pxl_xf_resolve() */
    int biff58;            /* BIFF5/8: freexl knows the built-in date ids (else FORMAT records only) */
    size_t xf_count, xf_cap;
} pxl_xf_table;

/* Record a FORMAT record's id and string. -1 when out of memory. */
int pxl_xf_add_format(pxl_xf_table *t, unsigned id, const char *format);
/* Record the next XF record's format id. -1 when out of memory. */
int pxl_xf_add_xf(pxl_xf_table *t, unsigned format_id);
/* Work out each XF's kind once all FORMAT and XF records are read. -1 when out of memory. */
int pxl_xf_resolve(pxl_xf_table *t);
/* The kind of cells with XF index @p xf (NUMBER for an index the file never defined). */
static inline pxl_numfmt_kind pxl_xf_kind(const pxl_xf_table *t, unsigned xf)
{
    return xf < t->xf_count ? (pxl_numfmt_kind)t->xf_kind[xf] : PXL_NUMFMT_NUMBER;
}
/* What freexl 1.0.6 takes cells with XF index @p xf for (NUMBER when it would not know). */
static inline pxl_numfmt_kind pxl_xf_freexl_kind(const pxl_xf_table *t, unsigned xf)
{
    return xf < t->xf_count && t->xf_freexl ? (pxl_numfmt_kind)t->xf_freexl[xf] : PXL_NUMFMT_NUMBER;
}
void pxl_xf_free(pxl_xf_table *t);

#endif
