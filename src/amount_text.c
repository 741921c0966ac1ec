/*
 * Amounts in messages written as the plan writes them: a space groups
 * thousands ("9 500"), a comma before decimals ("1 472,5"), at most two
 * decimals (amounts are tkr; a hundredth of a tkr is ten kronor).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check_internal.h"

char *pxl_amount_format(char *buf, size_t size, double amount)
{
    if (size == 0)
        return buf;
    if (!isfinite(amount) || fabs(amount) >= 1e15) {
        snprintf(buf, size, "%g", amount);
        return buf;
    }
    char digits[64];
    snprintf(digits, sizeof digits, "%.2f", fabs(amount));
    /* "1472.50" -> integer part "1472", decimals "5" (trailing zeros dropped). */
    char *point = strchr(digits, '.');
    char *decimals = point + 1;
    *point = '\0';
    size_t dlen = strlen(decimals);
    while (dlen > 0 && decimals[dlen - 1] == '0')
        decimals[--dlen] = '\0';
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
