/*
 * Text for finding messages. Amounts are written as the plan writes them: a
 * space groups thousands ("9 500"), a comma before decimals ("1 472,5"), at
 * most two decimals (amounts are tkr; a hundredth of a tkr is ten kronor).
 * Quoted cell text is cut to a short excerpt on a character boundary, on one
 * line: a message is one line of `planxl check` output.
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

/* Length of the UTF-8 character at @p s (1 for a stray byte, so bad input still advances). */
static size_t char_length(const unsigned char *s)
{
    size_t n = s[0] < 0xC0 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

char *pxl_excerpt(char *buf, size_t size, const char *text)
{
    static const char ellipsis[] = "\u2026";
    size_t n = 0, chars = 0;
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    if (size == 0)
        return buf;
    while (*p) {
        size_t len = char_length(p);
        if (chars == PXL_EXCERPT_CHARS || n + len + sizeof ellipsis > size) {
            memcpy(buf + n, ellipsis, sizeof ellipsis);
            return buf;
        }
        if (len == 1 && (*p == '\n' || *p == '\r' || *p == '\t'))
            buf[n++] = ' ';
        else {
            memcpy(buf + n, p, len);
            n += len;
        }
        p += len;
        chars++;
    }
    buf[n] = '\0';
    return buf;
}
