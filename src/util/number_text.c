/*
 * Numbers as text, in two styles and in no locale: the shortest round-trip text
 * with a '.' (cells, JSON, formulas' neighbours) and an amount as a Swedish finance
 * officer writes it in prose (messages, the report's notes).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "number_text.h"
#include "util/locale.h"

/* 17 significant digits always round-trip an IEEE 754 double (DBL_DECIMAL_DIG). */
#define ROUND_TRIP_DIGITS 17
/* Between these magnitudes numbers are written without an exponent; below 1e-4 a fixed
 * form would need more than 17 + 4 decimals to round-trip. */
#define FIXED_MIN 1e-4
#define FIXED_MAX 1e15
#define FIXED_MAX_DECIMALS 21

char *pxl_number_text(char *buf, size_t size, double value)
{
    if (size == 0)
        return buf;
    if (!isfinite(value)) {
        buf[0] = '\0';
        return buf;
    }
    if (value == 0)
        value = 0; /* no "-0" */
    char tmp[64];
    double magnitude = fabs(value);
    if (magnitude >= FIXED_MIN && magnitude < FIXED_MAX) {
        /* Plain decimals as a spreadsheet shows them: 17170, not 1.717e+04. */
        for (int decimals = 0; decimals <= FIXED_MAX_DECIMALS; decimals++) {
            pxl_c_snprintf(tmp, sizeof tmp, "%.*f", decimals, value);
            if (pxl_c_strtod(tmp, NULL) == value)
                break;
        }
    } else {
        for (int digits = 1; digits <= ROUND_TRIP_DIGITS; digits++) {
            pxl_c_snprintf(tmp, sizeof tmp, "%.*g", digits, value);
            if (pxl_c_strtod(tmp, NULL) == value)
                break;
        }
    }
    snprintf(buf, size, "%s", tmp);
    return buf;
}

char *pxl_amount_format(char *buf, size_t size, double amount)
{
    if (size == 0)
        return buf;
    if (!isfinite(amount) || fabs(amount) >= AMOUNT_MAX) {
        pxl_c_snprintf(buf, size, "%g", amount);
        return buf;
    }
    /* "1472.50" -> integer part "1472", decimals "5" (trailing zeros dropped). */
    char digits[64];
    pxl_c_snprintf(digits, sizeof digits, "%.2f", fabs(amount));
    char *point = strchr(digits, '.');
    const char *decimals = "";
    if (point) {
        *point = '\0';
        decimals = point + 1;
    }
    size_t dlen = strlen(decimals);
    while (dlen > 0 && decimals[dlen - 1] == '0')
        dlen--;
    int negative = amount < 0 && (strcmp(digits, "0") != 0 || dlen > 0);

    char out[96];
    size_t n = 0, ilen = strlen(digits);
    if (negative)
        out[n++] = '-';
    for (size_t i = 0; i < ilen; i++) {
        if (i > 0 && (ilen - i) % 3 == 0)
            out[n++] = ' ';
        out[n++] = digits[i];
    }
    if (dlen > 0) {
        out[n++] = ',';
        memcpy(out + n, decimals, dlen);
        n += dlen;
    }
    out[n] = '\0';
    snprintf(buf, size, "%s", out);
    return buf;
}
