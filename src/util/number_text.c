/* Shortest round-trip text of a double, '.' as the decimal point in any locale. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number_text.h"

/* 17 significant digits always round-trip an IEEE 754 double (DBL_DECIMAL_DIG). */
#define ROUND_TRIP_DIGITS 17
/* Between these magnitudes numbers are written without an exponent; below 1e-4 a fixed
 * form would need more than 17 + 4 decimals to round-trip. */
#define FIXED_MIN 1e-4
#define FIXED_MAX 1e15
#define FIXED_MAX_DECIMALS 21

char *pxl_number_text(char *buf, size_t size, double value)
{
    char tmp[64];
    if (size == 0)
        return buf;
    if (!isfinite(value)) {
        buf[0] = '\0';
        return buf;
    }
    if (value == 0)
        value = 0; /* no "-0" */
    /* snprintf and strtod use the same LC_NUMERIC, so the round-trip test holds in any locale;
     * the locale's decimal point is replaced afterwards. */
    double magnitude = fabs(value);
    if (magnitude >= FIXED_MIN && magnitude < FIXED_MAX) {
        /* Plain decimals as a spreadsheet shows them: 17170, not 1.717e+04. */
        for (int decimals = 0; decimals <= FIXED_MAX_DECIMALS; decimals++) {
            snprintf(tmp, sizeof tmp, "%.*f", decimals, value);
            if (strtod(tmp, NULL) == value)
                break;
        }
    } else {
        for (int digits = 1; digits <= ROUND_TRIP_DIGITS; digits++) {
            snprintf(tmp, sizeof tmp, "%.*g", digits, value);
            if (strtod(tmp, NULL) == value)
                break;
        }
    }
    const char *point = localeconv()->decimal_point;
    size_t plen = point ? strlen(point) : 0;
    size_t n = 0;
    for (const char *s = tmp; *s && n + 1 < size;) {
        if (plen && !(plen == 1 && *point == '.') && strncmp(s, point, plen) == 0) {
            buf[n++] = '.';
            s += plen;
        } else {
            buf[n++] = *s++;
        }
    }
    buf[n] = '\0';
    return buf;
}
