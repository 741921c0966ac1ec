/* Sheet names Excel accepts: sanitising and case-insensitive uniqueness. */
#include <stdio.h>
#include <string.h>

#include "planxl/convert.h"
#include "sheet_names.h"
#include "util/unicode.h"

/* Characters Excel refuses in a sheet name (Excel's "Rename sheet" rule;
 * libxlsxwriter 1.1.4 LXW_ERROR_INVALID_SHEETNAME_CHARACTER). */
static const char bad_chars[] = "[]:*?/\\";

/* Used when nothing of the name is left: Excel's own default stem. */
static const char empty_name[] = "Sheet";

/* Decode one UTF-8 character at @p s; *len receives its length. Returns the
 * code point, or -1 for an invalid or truncated sequence (then *len is 1). */
static long utf8_decode(const unsigned char *s, size_t *len)
{
    *len = 1;
    if (s[0] < 0x80)
        return s[0];
    int n;
    long cp;
    if ((s[0] & 0xE0) == 0xC0) {
        n = 2;
        cp = s[0] & 0x1F;
    } else if ((s[0] & 0xF0) == 0xE0) {
        n = 3;
        cp = s[0] & 0x0F;
    } else if ((s[0] & 0xF8) == 0xF0) {
        n = 4;
        cp = s[0] & 0x07;
    } else {
        return -1;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are not characters. */
    static const long min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return -1;
    *len = (size_t)n;
    return cp;
}

/* UTF-16 code units of a code point: what Excel's 31-character limit counts. */
static unsigned utf16_units(long cp)
{
    return cp >= 0x10000 ? 2 : 1;
}

char *pxl_sheet_name_sanitize(char *buf, size_t size, const char *name)
{
    if (!buf || size == 0)
        return buf;
    if (!name)
        name = "";
    const unsigned char *s = (const unsigned char *)name;
    size_t used = 0;
    unsigned units = 0;
    while (*s) {
        size_t len;
        long cp = utf8_decode(s, &len);
        s += len;
        /* Invalid UTF-8, XML-forbidden control characters and Excel's
         * forbidden characters all become '_'. */
        if (cp < 0 || cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF || (cp < 0x80 && strchr(bad_chars, (int)cp)))
            cp = '_';
        char enc[4];
        size_t n = pxl_utf8_encode(enc, (unsigned long)cp);
        if (units + utf16_units(cp) > PXL_SHEET_NAME_MAX || used + n >= size)
            break;
        memcpy(buf + used, enc, n);
        used += n;
        units += utf16_units(cp);
    }
    buf[used] = '\0';
    /* Excel and libxlsxwriter 1.1.4 refuse a name that starts or ends with an
     * apostrophe (LXW_ERROR_SHEETNAME_START_END_APOSTROPHE): references
     * quote sheet names with it. */
    if (used > 0 && buf[0] == '\'')
        buf[0] = '_';
    if (used > 0 && buf[used - 1] == '\'')
        buf[used - 1] = '_';
    if (used == 0)
        snprintf(buf, size, "%s", empty_name);
    return buf;
}

/*
 * Simple case folding for the scripts sheet names are written in here:
 * ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic. Excel compares sheet
 * names ignoring case across Unicode; the C library's towlower() depends on
 * the locale, which the writers keep at "C".
 */
static long fold_case(long cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 0x20;
    if (cp < 0xC0)
        return cp;
    if (cp <= 0xDE && cp != 0xD7)
        return cp + 0x20;
    if ((cp >= 0x100 && cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
        return cp | 1;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return (cp & 1) ? cp + 1 : cp;
    if (cp == 0x178)
        return 0xFF;
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
        return cp + 0x20;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 0x50;
    return cp;
}

int pxl_sheet_name_equal(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    while (*x && *y) {
        size_t lx, ly;
        long cx = utf8_decode(x, &lx), cy = utf8_decode(y, &ly);
        if (cx < 0 || cy < 0) {
            if (*x != *y)
                return 0;
        } else if (fold_case(cx) != fold_case(cy)) {
            return 0;
        }
        x += lx;
        y += ly;
    }
    return *x == '\0' && *y == '\0';
}

static int is_taken(const char *name, const char *const *taken, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (taken[i] && pxl_sheet_name_equal(name, taken[i]))
            return 1;
    return 0;
}

/* Bytes of the longest prefix of @p s within @p max_units UTF-16 units and
 * @p max_bytes bytes, ending on a character boundary. */
static size_t prefix_bytes(const char *s, unsigned max_units, size_t max_bytes)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t used = 0;
    unsigned units = 0;
    while (p[used]) {
        size_t len;
        long cp = utf8_decode(p + used, &len);
        unsigned u = cp < 0 ? 1 : utf16_units(cp);
        if (units + u > max_units || used + len > max_bytes)
            break;
        used += len;
        units += u;
    }
    return used;
}

int pxl_sheet_name_make_unique(char *buf, size_t size, const char *const *taken, size_t count)
{
    if (!buf || size == 0 || !is_taken(buf, taken, count))
        return 0;
    char original[PXL_SHEET_NAME_SIZE];
    snprintf(original, sizeof original, "%s", buf);
    /* Among count + 1 candidates at least one is free (pigeonhole), so the
     * loop ends; the bound only guards against a buffer too small to hold any. */
    for (size_t n = 2; n <= count + 2; n++) {
        char suffix[32];
        int slen = snprintf(suffix, sizeof suffix, " (%zu)", n);
        if (slen < 0 || (size_t)slen >= size || (unsigned)slen >= PXL_SHEET_NAME_MAX)
            break;
        size_t keep = prefix_bytes(original, PXL_SHEET_NAME_MAX - (unsigned)slen, size - 1 - (size_t)slen);
        memcpy(buf, original, keep);
        memcpy(buf + keep, suffix, (size_t)slen + 1);
        /* A name cut just before the suffix must not start with an apostrophe either. */
        if (buf[0] == '\'')
            buf[0] = '_';
        if (!is_taken(buf, taken, count))
            return 1;
    }
    return 1;
}
