/*
 * Is a number format a date? Built-in ids by MS-XLS 2.4.126; custom strings by
 * their tokens. The rules follow python3-xlrd's is_date_format_string() (count
 * date letters against digit placeholders, ignoring quoted text, [colour] and
 * [$-locale] brackets, and escaped characters) so that both readers call the
 * same cells dates; planxl adds the date / date-time / time distinction.
 */
#include <string.h>

#include "numfmt.h"

pxl_numfmt_kind pxl_numfmt_builtin(unsigned id)
{
    switch (id) {
    case 14: case 15: case 16: case 17:           /* m/d/yy, d-mmm-yy, d-mmm, mmm-yy */
        return PXL_NUMFMT_DATE;
    case 18: case 19: case 20: case 21:           /* h:mm AM/PM, h:mm:ss AM/PM, h:mm, h:mm:ss */
    case 45: case 47:                             /* mm:ss, mm:ss.0 */
        return PXL_NUMFMT_TIME;
    case 46:                                      /* [h]:mm:ss */
        return PXL_NUMFMT_ELAPSED;
    case 22:                                      /* m/d/yy h:mm */
        return PXL_NUMFMT_DATETIME;
    default:
        /* 27-36 and 50-58: East Asian date formats (MS-XLS 2.4.126, "reserved" ids
         * Excel fills per locale); xlrd reads them as dates too. */
        if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58))
            return PXL_NUMFMT_DATE;
        return PXL_NUMFMT_NUMBER;
    }
}

pxl_numfmt_kind pxl_numfmt_classify(const char *format)
{
    char kept[256], inside[16];
    size_t n = 0, in_len = 0;
    int in_quote = 0, escape = 0, bracket = 0, elapsed = 0, in_plain = 1;
    /* Keep only the characters that are format tokens. */
    for (const char *p = format; *p && n + 1 < sizeof kept; p++) {
        char ch = *p;
        if (escape) {
            escape = 0;
        } else if (in_quote) {
            if (ch == '"')
                in_quote = 0;
        } else if (bracket) {
            /* [h], [mm], [ss]: elapsed time; [Red], [$-409], [>100]: not tokens */
            if (ch == ']') {
                bracket = 0;
                if (in_len && in_plain)
                    elapsed = 1;
            } else {
                if (in_len < sizeof inside)
                    inside[in_len++] = ch;
                if (!strchr("hHmMsS", ch) || (in_len > 1 && ch != inside[0]))
                    in_plain = 0;
            }
        } else if (ch == '"') {
            in_quote = 1;
        } else if (ch == '\\' || ch == '_' || ch == '*') {
            escape = 1;
        } else if (ch == '[') {
            bracket = 1;
            in_len = 0;
            in_plain = 1;
        } else if (!strchr("$-+/(): ", ch)) {
            kept[n++] = ch;
        }
    }
    kept[n] = '\0';
    if (!strcmp(kept, "General") || !strcmp(kept, "GENERAL") || !strcmp(kept, "general") ||
        !strcmp(kept, "@") || !strcmp(kept, "0.00E00") || !strcmp(kept, "##0.0E0"))
        return PXL_NUMFMT_NUMBER;
    int date_count = 0, num_count = 0, has_day = 0, has_time = 0, has_month_or_minute = 0;
    for (size_t i = 0; i < n; i++) {
        int ch = kept[i] >= 'A' && kept[i] <= 'Z' ? kept[i] - 'A' + 'a' : kept[i]; /* ASCII, in any locale */
        switch (ch) {
        case 'y': case 'd':
            date_count++;
            has_day = 1;
            break;
        case 'h': case 's':
            date_count++;
            has_time = 1;
            break;
        case 'm':
            date_count++;
            has_month_or_minute = 1;
            break;
        case '0': case '#': case '?':
            num_count++;
            break;
        default:
            break;
        }
    }
    if (elapsed && !has_day)
        return PXL_NUMFMT_ELAPSED;
    if (!date_count || date_count <= num_count)
        return PXL_NUMFMT_NUMBER;
    if (has_day && has_time)
        return PXL_NUMFMT_DATETIME;
    if (has_day)
        return PXL_NUMFMT_DATE;
    if (has_time)
        return PXL_NUMFMT_TIME; /* "h:mm", "mm:ss": m next to h or s is minutes */
    (void)has_month_or_minute;
    return PXL_NUMFMT_DATE;     /* "mmm", "mmmm": a month */
}

pxl_cell_type pxl_numfmt_cell(pxl_numfmt_kind kind, int date1904, double *value)
{
    pxl_cell_type type = PXL_CELL_NUMBER;
    switch (kind) {
    case PXL_NUMFMT_DATE: type = PXL_CELL_DATE; break;
    case PXL_NUMFMT_DATETIME: type = PXL_CELL_DATETIME; break;
    case PXL_NUMFMT_TIME: type = PXL_CELL_TIME; break;
    case PXL_NUMFMT_ELAPSED: type = PXL_CELL_TIME; break;
    default: break;
    }
    /* 1904 workbooks count days from 1904-01-01, serial 1462 of the 1900 system
     * (MS-XLS 2.4.77). A time of day is a fraction either way; a time format over
     * a whole date-time (value >= 1) hides its date, which must still move. A
     * duration ([h]:mm:ss) counts days from nothing: it keeps its value. */
    if (date1904 && (type == PXL_CELL_DATE || type == PXL_CELL_DATETIME ||
                     (kind == PXL_NUMFMT_TIME && *value >= 1.0)))
        *value += 1462.0;
    return type;
}
