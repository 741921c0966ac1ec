/*
 * Reading numbers as the finance office writes them: "1 650", "−1 600",
 * "3 800" with U+00A0, "0,80", "73,9 %", and direction words (Öka, Minska);
 * amounts also as "(1 600)", "960 tkr" and "1,65 mnkr" (value_internal.h).
 * Parse, don't guess: what tries to be a number and is not stays INVALID.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planxl/grid.h"
#include "planxl/value.h"
#include "util/unicode.h"
#include "util/locale.h"
#include "value_internal.h"

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

/*
 * The digits of [begin, end) without separators, divided by 10^(frac_digits + extra_scale),
 * as a double (see EXACT_DIGITS). A negative scale multiplies: "1,65" mnkr is 165 × 10 tkr,
 * exactly 1650 (1.65 × 1000 in doubles is not).
 */
static double digits_value(const char *digits, size_t n, int frac_digits, int extra_scale)
{
    int scale = frac_digits + extra_scale;
    if (n <= EXACT_DIGITS && scale <= 22 && scale >= -3) {
        double mantissa = 0.0;
        for (size_t i = 0; i < n; i++)
            mantissa = mantissa * 10.0 + (digits[i] - '0');
        return scale >= 0 ? mantissa / pow10_exact(scale) : mantissa * pow10_exact(-scale);
    }
    char buf[400];
    if (n > 300)
        n = 300;
    snprintf(buf, sizeof buf, "%.*se%d", (int)n, digits, -scale);
    return pxl_c_strtod(buf, NULL);
}

/*
 * A number: [sign][spaces]digits[(space)ddd…][(,|.)digits][spaces][%].
 * Digit groups after the first must be exactly three digits, so "1 65" is no number.
 * The value is multiplied by 10^unit_exp (an amount's unit: 3 for mnkr).
 * Returns 1 and sets *value / *percent on success.
 */
static int parse_number(const char *s, int unit_exp, double *value, int *percent)
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
    double v = digits_value(digits, n, frac < 0 ? 0 : frac, (*percent ? 2 : 0) - unit_exp);
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

/*
 * @p text without leading and trailing white space, in @p buf when it had to be
 * cut (text longer than the buffer is only cut in front); NULL when nothing is left.
 */
static const char *trim(const char *text, char *buf, size_t size)
{
    size_t k;
    if (!text)
        return NULL;
    while ((k = pxl_space_len(text)) != 0)
        text += k;
    if (*text == '\0')
        return NULL;
    size_t len = strlen(text);
    if (len >= size)
        return text;
    memcpy(buf, text, len + 1);
    for (;;) {
        if (len >= 1 && (buf[len - 1] == ' ' || buf[len - 1] == '\t' || buf[len - 1] == '\n' ||
                         buf[len - 1] == '\r'))
            len -= 1;
        else if (len >= 2 && (unsigned char)buf[len - 2] == 0xC2 && (unsigned char)buf[len - 1] == 0xA0)
            len -= 2;
        else
            break;
        buf[len] = '\0';
    }
    return buf;
}

/* Cut trailing white space off buf[0 .. *len). */
static void trim_end(char *buf, size_t *len)
{
    for (;;) {
        if (*len >= 1 && (buf[*len - 1] == ' ' || buf[*len - 1] == '\t'))
            *len -= 1;
        else if (*len >= 2 && (unsigned char)buf[*len - 2] == 0xC2 && (unsigned char)buf[*len - 1] == 0xA0)
            *len -= 2;
        else
            break;
    }
    buf[*len] = '\0';
}

/*
 * Units an amount may be typed with, longest first so that "miljoner kronor"
 * is not read as "kronor". Matched at the end of the text without regard to
 * (ASCII) case, after a digit, a space or ')'. Only words that name money:
 * "tusen" and "miljoner" alone are the prose check's business, not a cell's.
 */
static const struct {
    const char *word;
    pxl_amount_unit unit;
} amount_units[] = {
    {"miljarder kronor", PXL_AMOUNT_UNIT_MDKR}, {"miljard kronor", PXL_AMOUNT_UNIT_MDKR},
    {"miljoner kronor", PXL_AMOUNT_UNIT_MNKR},  {"miljarder kr", PXL_AMOUNT_UNIT_MDKR},
    {"miljon kronor", PXL_AMOUNT_UNIT_MNKR},    {"tusen kronor", PXL_AMOUNT_UNIT_TKR},
    {"miljoner kr", PXL_AMOUNT_UNIT_MNKR},      {"miljon kr", PXL_AMOUNT_UNIT_MNKR},
    {"milj. kr", PXL_AMOUNT_UNIT_MNKR},         {"tusen kr", PXL_AMOUNT_UNIT_TKR},
    {"milj kr", PXL_AMOUNT_UNIT_MNKR},          {"mn kr", PXL_AMOUNT_UNIT_MNKR},
    {"mnkr", PXL_AMOUNT_UNIT_MNKR},             {"msek", PXL_AMOUNT_UNIT_MNKR},
    {"mdkr", PXL_AMOUNT_UNIT_MDKR},             {"tsek", PXL_AMOUNT_UNIT_TKR},
    {"ksek", PXL_AMOUNT_UNIT_TKR},              {"kronor", PXL_AMOUNT_UNIT_KR},
    {"mkr", PXL_AMOUNT_UNIT_MNKR},              {"tkr", PXL_AMOUNT_UNIT_TKR},
    {"sek", PXL_AMOUNT_UNIT_KR},                {"kr", PXL_AMOUNT_UNIT_KR},
    {":-", PXL_AMOUNT_UNIT_KR},
};

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Remove a unit word from the end of buf[0 .. *len) and return it (NONE: nothing removed). */
static pxl_amount_unit strip_unit(char *buf, size_t *len)
{
    for (size_t u = 0; u < sizeof amount_units / sizeof amount_units[0]; u++) {
        const char *w = amount_units[u].word;
        size_t n = strlen(w);
        if (n >= *len)
            continue;
        size_t at = *len - n, i;
        for (i = 0; i < n && ascii_lower((unsigned char)buf[at + i]) == w[i]; i++)
            ;
        if (i < n)
            continue;
        char before = buf[at - 1];
        int boundary = is_digit(before) || before == ')' || before == ' ' || before == '\t' ||
                       (at >= 2 && (unsigned char)buf[at - 2] == 0xC2 && (unsigned char)before == 0xA0);
        if (!boundary)
            continue;
        *len = at;
        trim_end(buf, len);
        return amount_units[u].unit;
    }
    return PXL_AMOUNT_UNIT_NONE;
}

static int unit_exponent(pxl_amount_unit unit)
{
    switch (unit) {
    case PXL_AMOUNT_UNIT_MNKR: return 3;
    case PXL_AMOUNT_UNIT_MDKR: return 6;
    default: return 0;
    }
}

const char *pxl_amount_unit_name(pxl_amount_unit unit)
{
    switch (unit) {
    case PXL_AMOUNT_UNIT_TKR: return "tkr";
    case PXL_AMOUNT_UNIT_MNKR: return "mnkr";
    case PXL_AMOUNT_UNIT_MDKR: return "mdkr";
    case PXL_AMOUNT_UNIT_KR: return "kr";
    case PXL_AMOUNT_UNIT_NONE: break;
    }
    return "";
}

/*
 * An amount (trimmed, non-empty): [unit-less number | number unit | (number) | (number unit) |
 * (number) unit]. Kronor are never converted: in a tkr column "-1 600 kr" may be a slip for
 * tkr or really 1,6 tkr, and only the unit can say which.
 */
static pxl_value_kind parse_amount_trimmed(const char *s, double *value, int *percent,
                                           pxl_amount_notation *notation)
{
    char buf[256];
    size_t len = strlen(s);
    memset(notation, 0, sizeof *notation);
    if (len >= sizeof buf)
        return parse_number(s, 0, value, percent) ? (*percent ? PXL_VALUE_PERCENT : PXL_VALUE_NUMBER)
                                                  : PXL_VALUE_INVALID;
    memcpy(buf, s, len + 1);
    pxl_amount_unit unit = strip_unit(buf, &len);
    char *inner = buf;
    if (len >= 2 && buf[0] == '(' && buf[len - 1] == ')') {
        notation->parenthesised = 1;
        buf[--len] = '\0';
        inner = buf + 1;
        len--;
        size_t k;
        while ((k = pxl_space_len(inner)) != 0) {
            inner += k;
            len -= k;
        }
        trim_end(inner, &len);
        if (unit == PXL_AMOUNT_UNIT_NONE)
            unit = strip_unit(inner, &len);
        /* "(-1 600)" says minus twice: no reading of it is safe */
        if (minus_len(inner) || *inner == '+')
            return PXL_VALUE_INVALID;
    }
    notation->unit = unit;
    if (!parse_number(inner, unit_exponent(unit), value, percent))
        return PXL_VALUE_INVALID;
    if (*percent)
        /* "50 %" is a percent, not an amount; "50 % tkr" is nothing */
        return unit == PXL_AMOUNT_UNIT_NONE && !notation->parenthesised ? PXL_VALUE_PERCENT : PXL_VALUE_INVALID;
    if (notation->parenthesised)
        *value = -*value;
    if (unit == PXL_AMOUNT_UNIT_KR) {
        notation->ambiguous = 1;
        notation->kronor = *value;
        return PXL_VALUE_INVALID;
    }
    return PXL_VALUE_NUMBER;
}

pxl_value_kind pxl_parse_amount(const char *text, double *number, pxl_amount_notation *notation)
{
    char buf[256];
    double v = 0.0;
    int percent = 0;
    pxl_amount_notation ignored;
    if (!notation)
        notation = &ignored;
    memset(notation, 0, sizeof *notation);
    if (number)
        *number = 0.0;
    const char *s = trim(text, buf, sizeof buf);
    if (!s)
        return PXL_VALUE_MISSING;
    pxl_value_kind kind = parse_amount_trimmed(s, &v, &percent, notation);
    if (number && (kind == PXL_VALUE_NUMBER || kind == PXL_VALUE_PERCENT))
        *number = v;
    return kind;
}

pxl_value_kind pxl_parse_text(const char *text, pxl_parse_mode mode, double *number,
                              pxl_direction *direction)
{
    double v = 0.0;
    int percent = 0;
    pxl_direction dir = PXL_DIRECTION_NONE;
    pxl_value_kind kind;
    char trimmed[256];

    if (number)
        *number = 0.0;
    if (direction)
        *direction = PXL_DIRECTION_NONE;
    if (mode == PXL_PARSE_AMOUNT)
        return pxl_parse_amount(text, number, NULL);
    const char *s = trim(text, trimmed, sizeof trimmed);
    if (!s)
        return PXL_VALUE_MISSING;

    if (parse_number(s, 0, &v, &percent)) {
        kind = percent ? PXL_VALUE_PERCENT : PXL_VALUE_NUMBER;
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
