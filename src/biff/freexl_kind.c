/*
 * freexl 1.0.6's own guess at which formats are dates, mirrored here so that AUTO
 * knows which numbers freexl hands out as date text (and so cuts): the supplement
 * pass then delivers them from the BIFF reader (docs/auto-reader.md).
 *
 * freexl.c counts the letters y, m, d, h and s anywhere in a FORMAT string, quoted
 * text and [Red] included, and for BIFF5/8 takes the built-in ids 14-22 and 45-47
 * as dates and times before looking at FORMAT records. So "#,##0.00 "mk";[Red]..."
 * (gnumeric__finfuns.xls) is a date to freexl: m and d. planxl's own reading of
 * formats is numfmt.c; this file only predicts freexl's.
 */
#include "numfmt.h"

pxl_numfmt_kind pxl_numfmt_freexl_classify(const char *format)
{
    int y = 0, m = 0, d = 0, h = 0, s = 0;
    for (const char *p = format; p && *p; p++) {
        switch (*p) {
        case 'Y': case 'y': y++; break;
        case 'M': case 'm': m++; break;
        case 'D': case 'd': d++; break;
        case 'H': case 'h': h++; break;
        case 'S': case 's': s++; break;
        default: break;
        }
    }
    if (y && m && d && h)
        return PXL_NUMFMT_DATETIME;
    if ((y && m) || (m && d))
        return PXL_NUMFMT_DATE;
    if ((h && m) || (m && s))
        return PXL_NUMFMT_TIME;
    return PXL_NUMFMT_NUMBER;
}

pxl_numfmt_kind pxl_numfmt_freexl_builtin(unsigned id)
{
    /* freexl.c check_xf_datetime_58: BIFF5/BIFF8 built-in date and time formats */
    switch (id) {
    case 14: case 15: case 16: case 17: return PXL_NUMFMT_DATE;
    case 18: case 19: case 20: case 21: case 45: case 46: case 47: return PXL_NUMFMT_TIME;
    case 22: return PXL_NUMFMT_DATETIME;
    default: return PXL_NUMFMT_NUMBER;
    }
}
