/*
 * Reading numbers as the finance office writes them: "1 650", "−1 600",
 * "3 800" with U+00A0, "0,80", "73,9 %", and direction words (Öka, Minska).
 * Parse, don't guess: what tries to be a number and is not stays INVALID.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planxl/grid.h"
#include "planxl/value.h"
#include "util/unicode.h"
#include "util/locale.h"

/* Longest digit run converted exactly: 10^18 < 2^63, and mantissa / 10^k is
 * correctly rounded while the mantissa stays below 2^53 (else strtod, in the C locale:
 * pxl_c_strtod). */
#define EXACT_DIGITS 15

/* Byte length of a minus sign at s: '-', U+2212 MINUS SIGN, U+2013 EN DASH; or 0. */
static size_t minus_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == '-')
        return 1;
    if (u[0] == 0xE2 && ((u[1] == 0x88 && u[2] == 0x92) || (u[1] == 0x80 && u[2] == 0x93)))
        return 3;
    return 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static double pow10_exact(int k)
{
    double p = 1.0;
    while (k-- > 0)
        p *= 10.0;
    return p;
}

/* The digits of [begin, end) without separators, as a double (see EXACT_DIGITS). */
static double digits_value(const char *digits, size_t n, int frac_digits, int extra_scale)
{
    int scale = frac_digits + extra_scale;
    if (n <= EXACT_DIGITS && scale <= 22) {
        double mantissa = 0.0;
        for (size_t i = 0; i < n; i++)
            mantissa = mantissa * 10.0 + (digits[i] - '0');
        return mantissa / pow10_exact(scale);
    }
    char buf[400];
    if (n > 300)
        n = 300;
    snprintf(buf, sizeof buf, "%.*se-%d", (int)n, digits, scale);
    return pxl_c_strtod(buf, NULL);
}

/*
 * A number: [sign][spaces]digits[(space)ddd…][(,|.)digits][spaces][%].
 * Digit groups after the first must be exactly three digits, so "1 65" is no number.
 * Returns 1 and sets *value / *percent on success.
 */
static int parse_number(const char *s, double *value, int *percent)
{
    char digits[512];
    size_t n = 0;
    int negative = 0, frac = -1, group_len = 0, grouped = 0;
    size_t k;

    if ((k = minus_len(s)) != 0) {
        negative = 1;
        s += k;
    } else if (*s == '+') {
        s++;
    }
    while ((k = pxl_space_len(s)) != 0)
        s += k;
    if (!is_digit(*s))
        return 0;
    for (;;) {
        if (is_digit(*s)) {
            if (n < sizeof digits)
                digits[n++] = *s;
            group_len++;
            s++;
            if (frac < 0 && grouped && group_len > 3)
                return 0;
            if (frac >= 0)
                frac++;
            continue;
        }
        k = pxl_space_len(s);
        if (k && frac < 0 && is_digit(s[k])) {
            /* a thousands separator: the group before it is 1-3 digits (first) or exactly 3 */
            if ((grouped && group_len != 3) || (!grouped && group_len > 3))
                return 0;
            grouped = 1;
            group_len = 0;
            s += k;
            continue;
        }
        if ((*s == ',' || *s == '.') && frac < 0 && is_digit(s[1])) {
            if (grouped && group_len != 3)
                return 0;
            frac = 0;
            group_len = 0;
            s++;
            continue;
        }
        break;
    }
    if (frac < 0 && grouped && group_len != 3)
        return 0;
    while ((k = pxl_space_len(s)) != 0)
        s += k;
    *percent = 0;
    if (*s == '%') {
        *percent = 1;
        s++;
        while ((k = pxl_space_len(s)) != 0)
            s += k;
    }
    if (*s != '\0')
        return 0;
    double v = digits_value(digits, n, frac < 0 ? 0 : frac, *percent ? 2 : 0);
    *value = negative ? -v : v;
    return 1;
}

/* Lower-case ASCII and the Swedish capitals Å Ä Ö (and É) into buf. */
static void fold_case(char *buf, size_t size, const char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 1 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xC3 && i + 1 < len) {
            unsigned char d = (unsigned char)s[i + 1];
            if (d == 0x85 || d == 0x84 || d == 0x96 || d == 0x89)
                d += 0x20;
            if (o + 2 < size) {
                buf[o++] = (char)c;
                buf[o++] = (char)d;
            }
            i++;
            continue;
        }
        buf[o++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    buf[o] = '\0';
}

static const struct {
    const char *word;
    pxl_direction direction;
} direction_words[] = {
    {"öka", PXL_DIRECTION_INCREASE},       {"ökning", PXL_DIRECTION_INCREASE},
    {"höja", PXL_DIRECTION_INCREASE},      {"höjning", PXL_DIRECTION_INCREASE},
    {"minska", PXL_DIRECTION_DECREASE},    {"minskning", PXL_DIRECTION_DECREASE},
    {"sänka", PXL_DIRECTION_DECREASE},     {"sänkning", PXL_DIRECTION_DECREASE},
    {"oförändrad", PXL_DIRECTION_UNCHANGED}, {"oförändrat", PXL_DIRECTION_UNCHANGED},
    {"oförändrade", PXL_DIRECTION_UNCHANGED}, {"bibehålla", PXL_DIRECTION_UNCHANGED},
    {"bibehållen", PXL_DIRECTION_UNCHANGED}, {"bibehållet", PXL_DIRECTION_UNCHANGED},
};

static pxl_direction direction_of(const char *s, size_t len)
{
    char folded[64];
    if (len >= sizeof folded)
        return PXL_DIRECTION_NONE;
    fold_case(folded, sizeof folded, s, len);
    for (size_t i = 0; i < sizeof direction_words / sizeof direction_words[0]; i++)
        if (!strcmp(folded, direction_words[i].word))
            return direction_words[i].direction;
    return PXL_DIRECTION_NONE;
}

/* Text that starts like a number and is mostly digits, e.g. "1 65O": a failed number. */
static int tries_to_be_number(const char *s)
{
    size_t k, digits = 0, others = 0;
    const char *p = s;
    if ((k = minus_len(p)) != 0 || *p == '+')
        p += k ? k : 1;
    if (!is_digit(*p))
        return 0;
    for (p = s; *p;) {
        if ((k = pxl_space_len(p)) != 0) {
            p += k;
            continue;
        }
        if (is_digit(*p))
            digits++;
        else
            others++;
        /* count a UTF-8 sequence as one character */
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
    }
    return digits >= others;
}

pxl_value_kind pxl_parse_text(const char *text, pxl_parse_mode mode, double *number,
                              pxl_direction *direction)
{
    double v = 0.0;
    int percent = 0;
    pxl_direction dir = PXL_DIRECTION_NONE;
    pxl_value_kind kind;
    size_t k;

    if (number)
        *number = 0.0;
    if (direction)
        *direction = PXL_DIRECTION_NONE;
    if (!text)
        return PXL_VALUE_MISSING;
    while ((k = pxl_space_len(text)) != 0)
        text += k;
    if (*text == '\0')
        return PXL_VALUE_MISSING;

    /* trailing white space does not count */
    size_t len = strlen(text);
    char trimmed[256];
    const char *s = text;
    if (len < sizeof trimmed) {
        memcpy(trimmed, text, len + 1);
        for (;;) {
            if (len >= 1 && (trimmed[len - 1] == ' ' || trimmed[len - 1] == '\t' ||
                             trimmed[len - 1] == '\n' || trimmed[len - 1] == '\r'))
                len -= 1;
            else if (len >= 2 && (unsigned char)trimmed[len - 2] == 0xC2 &&
                     (unsigned char)trimmed[len - 1] == 0xA0)
                len -= 2;
            else
                break;
            trimmed[len] = '\0';
        }
        s = trimmed;
    }

    if (parse_number(s, &v, &percent)) {
        kind = percent ? PXL_VALUE_PERCENT : PXL_VALUE_NUMBER;
    } else if (mode == PXL_PARSE_AMOUNT) {
        kind = PXL_VALUE_INVALID;
    } else if ((dir = direction_of(s, strlen(s))) != PXL_DIRECTION_NONE) {
        kind = PXL_VALUE_DIRECTION;
    } else {
        kind = tries_to_be_number(s) ? PXL_VALUE_INVALID : PXL_VALUE_TEXT;
    }
    if (number && (kind == PXL_VALUE_NUMBER || kind == PXL_VALUE_PERCENT))
        *number = v;
    if (direction)
        *direction = dir;
    return kind;
}

const char *pxl_value_kind_name(pxl_value_kind kind)
{
    switch (kind) {
    case PXL_VALUE_MISSING: return "missing";
    case PXL_VALUE_NUMBER: return "number";
    case PXL_VALUE_PERCENT: return "percent";
    case PXL_VALUE_DIRECTION: return "direction";
    case PXL_VALUE_TEXT: return "text";
    case PXL_VALUE_INVALID: return "invalid";
    }
    return "invalid";
}

char *pxl_cellref_format(char *buf, size_t size, const pxl_cellref *ref)
{
    char cell[16];
    pxl_cell_name(cell, sizeof cell, ref->row, ref->col);
    if (ref->sheet && *ref->sheet)
        snprintf(buf, size, "%s!%s", ref->sheet, cell);
    else
        snprintf(buf, size, "%s", cell);
    return buf;
}
