/*
 * The stated-amount scan: numbers followed by a money unit in a Beskrivning.
 * Sentences are cut at . ! ? and line breaks; clauses within a sentence at
 * ", " ; and ":" — "9 miljoner kronor ur ett helårsperspektiv, varav effekten
 * för 2024 uppgår till 4 miljoner kronor" holds one amount per column, and
 * the clause says which (issue 3).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "prose.h"

/* Money units, longest first so "miljoner kronor" wins over a shorter match. Factor: to tkr. */
static const struct unit {
    const char *text;
    double tkr;
} units[] = {
    {"miljarder kronor", 1e6}, {"miljard kronor", 1e6}, {"mdkr", 1e6},
    {"miljoner kronor", 1e3},  {"miljon kronor", 1e3},  {"miljoner kr", 1e3},
    {"miljon kr", 1e3},        {"mnkr", 1e3},           {"mkr", 1e3},
    {"msek", 1e3},             {"mn kr", 1e3},
    /* "9 miljoner" alone: in a plan's prose millions are kronor ("5,1 miljoner", issue 3). */
    {"miljoner", 1e3},         {"miljon", 1e3},
    {"tusen kronor", 1},       {"tusen kr", 1},         {"tkr", 1},
};

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Case-insensitive (ASCII letters; "Helår" and "helår" alike) prefix match; returns its length or 0. */
static size_t match_at(const char *s, const char *end, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(end - s) < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != lower((unsigned char)word[i]))
            return 0;
    return n;
}

static int contains(const char *s, const char *end, const char *word)
{
    for (const char *p = s; p < end; p++)
        if (match_at(p, end, word))
            return 1;
    return 0;
}

static int is_letter(const char *p, const char *end)
{
    unsigned char c = (unsigned char)*p;
    if (p >= end)
        return 0;
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int is_digit(const char *p, const char *end)
{
    return p < end && *p >= '0' && *p <= '9';
}

/* A space between the digits of a number or before its unit: ' ', U+00A0, U+202F, U+2009. */
static size_t space_at(const char *p, const char *end)
{
    if (p < end && *p == ' ')
        return 1;
    if (end - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
        return 2;
    if (end - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0xAF || (unsigned char)p[2] == 0x89))
        return 3;
    return 0;
}

/* A minus sign just before @p p: '-', U+2212 or U+2013 (how Word and Excel write one). */
static int minus_before(const char *start, const char *p)
{
    if (p - start >= 1 && p[-1] == '-')
        return 1;
    if (p - start >= 3 && (unsigned char)p[-3] == 0xE2 &&
        (((unsigned char)p[-2] == 0x88 && (unsigned char)p[-1] == 0x92) ||
         ((unsigned char)p[-2] == 0x80 && (unsigned char)p[-1] == 0x93)))
        return 1;
    return 0;
}

/* Which column a clause speaks of. */
static pxl_amount_scope clause_scope(const char *s, const char *end, int year)
{
    if (contains(s, end, "helår"))
        return PXL_SCOPE_FULL_YEAR;
    for (const char *p = s; p < end; p++) {
        size_t n = match_at(p, end, "för ");
        if (!n)
            n = match_at(p, end, "under ");
        if (!n || (p > s && is_letter(p - 1, end)))
            continue;
        const char *y = p + n;
        y += match_at(y, end, "år ");  /* "för år 2024" */
        if (end - y >= 4 && is_digit(y, end) && is_digit(y + 1, end) && is_digit(y + 2, end) &&
            is_digit(y + 3, end) && !is_digit(y + 4, end)) {
            int found = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
            if (year == 0 || found == year)
                return PXL_SCOPE_CURRENT_YEAR;
        }
    }
    return PXL_SCOPE_FULL_YEAR;
}

/* A clause ends at ", " (a comma between digits is a decimal comma), ';', ':'. */
static int clause_break(const char *p, const char *end)
{
    if (*p == ';' || *p == ':')
        return 1;
    return *p == ',' && (p + 1 >= end || space_at(p + 1, end));
}

/* A sentence ends at . ! ? before a space or the end (not "5.1"), or at a line break. */
static int sentence_break(const char *p, const char *end)
{
    if (*p == '\n' || *p == '\r')
        return 1;
    if (*p != '.' && *p != '!' && *p != '?')
        return 0;
    return p + 1 >= end || space_at(p + 1, end) || p[1] == '\n' || p[1] == '\r';
}

/* Read a number starting at @p p (a digit); on success sets the value, its decimals and the end. */
static int read_number(const char *p, const char *end, double *value, int *decimals, const char **after)
{
    double v = 0;
    int digits = 0;
    while (is_digit(p, end) && digits < 15) {
        v = v * 10 + (*p++ - '0');
        digits++;
    }
    if (is_digit(p, end))
        return 0;  /* too long to be an amount */
    /* Thousands groups: a space and exactly three digits ("1 650", "12 500"). */
    for (;;) {
        size_t sp = space_at(p, end);
        const char *g = p + sp;
        if (!sp || !is_digit(g, end) || !is_digit(g + 1, end) || !is_digit(g + 2, end) || is_digit(g + 3, end) ||
            digits > 12)
            break;
        v = v * 1000 + (g[0] - '0') * 100 + (g[1] - '0') * 10 + (g[2] - '0');
        digits += 3;
        p = g + 3;
    }
    *decimals = 0;
    if ((*p == ',' || *p == '.') && is_digit(p + 1, end)) {
        double scale = 0.1;
        p++;
        while (is_digit(p, end) && *decimals < 6) {
            v += (*p++ - '0') * scale;
            scale /= 10;
            ++*decimals;
        }
        if (is_digit(p, end))
            return 0;
    }
    *value = v;
    *after = p;
    return 1;
}

static size_t scan_clause(const char *text, const char *s, const char *end, pxl_amount_scope scope,
                          pxl_stated_amount *out, size_t n, size_t max)
{
    for (const char *p = s; p < end && n < max; p++) {
        if (!is_digit(p, end) ||
            (p > s && !minus_before(s, p) &&
             (is_digit(p - 1, end) || is_letter(p - 1, end) || p[-1] == ',' || p[-1] == '.')))
            continue;
        double v;
        int decimals;
        const char *q;
        if (!read_number(p, end, &v, &decimals, &q))
            continue;
        const char *u = q + space_at(q, end);  /* "5 mnkr", also "5mnkr" */
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
            size_t len = match_at(u, end, units[i].text);
            if (!len || is_letter(u + len, end))
                continue;
            const char *start = minus_before(s, p) ? p - (p[-1] == '-' ? 1 : 3) : p;
            pxl_stated_amount *a = &out[n++];
            a->tkr = (start != p ? -v : v) * units[i].tkr;
            a->half_unit_tkr = 0.5 * pow(10, -decimals) * units[i].tkr;
            a->scope = scope;
            a->offset = (size_t)(start - text);
            a->length = (size_t)(u + len - start);
            break;
        }
        p = q - 1;
    }
    return n;
}

size_t pxl_prose_scan(const char *text, int year, pxl_stated_amount *out, size_t max)
{
    if (!text)
        return 0;
    const char *end = text + strlen(text);
    size_t n = 0;
    const char *sentence = text;
    for (const char *p = text; p <= end && n < max; p++) {
        if (p < end && !sentence_break(p, end))
            continue;
        /* Deficits, surpluses and forecasts are other money than the measure's effect. */
        if (!contains(sentence, p, "underskott") && !contains(sentence, p, "överskott") &&
            !contains(sentence, p, "prognos")) {
            const char *clause = sentence;
            for (const char *c = sentence; c <= p && n < max; c++) {
                if (c < p && !clause_break(c, p))
                    continue;
                n = scan_clause(text, clause, c, clause_scope(clause, c, year), out, n, max);
                clause = c + 1;
            }
        }
        sentence = p + 1;
    }
    return n;
}

int pxl_stated_amount_agrees(const pxl_stated_amount *stated, double tkr)
{
    /*
     * Sign conventions differ between tables (a saving as + or −), so the
     * magnitudes are compared. "5,1 miljoner" agrees with 5 050 up to but not
     * including 5 150: the amounts that round (half up) to 5,1.
     */
    double s = fabs(stated->tkr), t = fabs(tkr);
    const double eps = 1e-9;
    return t >= s - stated->half_unit_tkr - eps && t < s + stated->half_unit_tkr - eps;
}
