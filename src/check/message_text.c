/*
 * Text for finding messages: quoted cell text is cut to a short excerpt on a
 * character boundary, on one line (a message is one line of `planxl check`
 * output). Amounts are pxl_amount_format()'s (number_text.c), which the report
 * shares.
 */
#include <string.h>

#include "check_internal.h"

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
