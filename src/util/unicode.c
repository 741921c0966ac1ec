/* UTF-8 text helpers (unicode.h). */
#include <stdlib.h>
#include <string.h>

#include "unicode.h"

size_t pxl_space_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r'))
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x87 || u[2] == 0x89 || u[2] == 0xAF))
        return 3;
    return 0;
}

char *pxl_fold_space(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    if (!out)
        return NULL;
    int pending = 0;
    for (const char *p = s; *p;) {
        size_t skip = pxl_space_len(p);
        if (skip) {
            pending = o != out;
            p += skip;
            continue;
        }
        if (pending)
            *o++ = ' ';
        pending = 0;
        *o++ = *p++;
    }
    *o = '\0';
    return out;
}

char *pxl_fold_key(const char *s)
{
    char *key = pxl_fold_space(s ? s : "");
    if (!key)
        return NULL;
    unsigned char *u = (unsigned char *)key;
    for (size_t i = 0; u[i]; i++) {
        if (u[i] >= 'A' && u[i] <= 'Z') {
            u[i] = (unsigned char)(u[i] + ('a' - 'A'));
        } else if (u[i] == 0xC3 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9E && u[i + 1] != 0x97) {
            /* Latin-1 capitals U+00C0..U+00DE (but U+00D7 ×) lie 0x20 below their small letters. */
            i++;
            u[i] = (unsigned char)(u[i] + 0x20);
        }
    }
    return key;
}

size_t pxl_utf8_encode(char *out, unsigned long cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
