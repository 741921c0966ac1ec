/* Moving a shared formula's relative references (shift.h). */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shift.h"
#include "xlsx.h"

typedef struct out {
    char *s;
    size_t len, cap;
    int failed;
} out;

static void put(out *o, const char *s, size_t n)
{
    if (o->failed)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 64;
        while (cap < o->len + n + 1)
            cap *= 2;
        char *t = realloc(o->s, cap);
        if (!t) {
            o->failed = 1;
            return;
        }
        o->s = t;
        o->cap = cap;
    }
    memcpy(o->s + o->len, s, n);
    o->len += n;
    o->s[o->len] = '\0';
}

static void put_col(out *o, int dollar, unsigned long col) /* col 0-based */
{
    char buf[8];
    int n = 0;
    unsigned long c = col + 1;
    while (c > 0 && n < 7) {
        buf[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    if (dollar)
        put(o, "$", 1);
    for (int i = n - 1; i >= 0; i--)
        put(o, &buf[i], 1);
}

static void put_row(out *o, int dollar, unsigned long row) /* row 0-based */
{
    char buf[16];
    int n = snprintf(buf, sizeof buf, "%s%lu", dollar ? "$" : "", row + 1);
    put(o, buf, (size_t)n);
}

/* Letters of a column (1..3 of them, at most XFD): its 0-based index, or -1. */
static long col_of(const char *p, size_t n)
{
    if (n < 1 || n > 3)
        return -1;
    long c = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isalpha((unsigned char)p[i]))
            return -1;
        c = c * 26 + (toupper((unsigned char)p[i]) - 'A' + 1);
    }
    return c <= (long)PXL_XLSX_MAX_COLS ? c - 1 : -1;
}

static long row_of(const char *p, size_t n)
{
    if (n < 1 || n > 7)
        return -1;
    long r = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)p[i]))
            return -1;
        r = r * 10 + (p[i] - '0');
    }
    return r >= 1 && r <= (long)PXL_XLSX_MAX_ROWS ? r - 1 : -1;
}

static int name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '$' || c == '\\' || (unsigned char)c >= 0x80;
}

/* One reference part: "$A$1", "A1", "$A" (column), "$1" (row). Fills what it has. */
typedef struct part {
    int has_col, has_row, col_abs, row_abs;
    long col, row;
} part;

static int parse_part(const char *p, size_t n, part *r)
{
    memset(r, 0, sizeof *r);
    size_t i = 0;
    int d = 0;
    if (i < n && p[i] == '$')
        d = 1, i++;
    size_t ls = i;
    while (i < n && isalpha((unsigned char)p[i]))
        i++;
    if (i > ls) {
        if ((r->col = col_of(p + ls, i - ls)) < 0)
            return 0;
        r->has_col = 1;
        r->col_abs = d;
        d = 0;
        if (i < n && p[i] == '$')
            d = 1, i++;
    }
    size_t ds = i;
    while (i < n && isdigit((unsigned char)p[i]))
        i++;
    if (i > ds) {
        if ((r->row = row_of(p + ds, i - ds)) < 0)
            return 0;
        r->has_row = 1;
        r->row_abs = d;
    } else if (d) {
        return 0; /* "A$" */
    }
    return i == n && (r->has_col || r->has_row);
}

/* Write part @p r moved; 0 when it moves off the grid. */
static int put_part(out *o, const part *r, long drow, long dcol)
{
    long col = r->col, row = r->row;
    if (r->has_col && !r->col_abs)
        col += dcol;
    if (r->has_row && !r->row_abs)
        row += drow;
    if ((r->has_col && (col < 0 || col >= (long)PXL_XLSX_MAX_COLS)) ||
        (r->has_row && (row < 0 || row >= (long)PXL_XLSX_MAX_ROWS)))
        return 0;
    if (r->has_col)
        put_col(o, r->col_abs, (unsigned long)col);
    if (r->has_row)
        put_row(o, r->row_abs, (unsigned long)row);
    return 1;
}

char *pxl_xlsx_shift_formula(const char *f, long drow, long dcol)
{
    out o = {0};
    put(&o, "", 0);
    size_t n = strlen(f), i = 0;
    while (i < n && !o.failed) {
        char c = f[i];
        if (c == '"') { /* a string: "" is a quote inside it */
            size_t s = i++;
            while (i < n && !(f[i] == '"' && (i + 1 >= n || f[i + 1] != '"')))
                i += f[i] == '"' ? 2 : 1;
            i = i < n ? i + 1 : n;
            put(&o, f + s, i - s);
        } else if (c == '\'') { /* a quoted sheet name */
            size_t s = i++;
            while (i < n && !(f[i] == '\'' && (i + 1 >= n || f[i + 1] != '\'')))
                i += f[i] == '\'' ? 2 : 1;
            i = i < n ? i + 1 : n;
            put(&o, f + s, i - s);
        } else if (c == '[') { /* a structured or external-book reference: not moved */
            size_t s = i;
            int depth = 0;
            while (i < n) {
                if (f[i] == '[')
                    depth++;
                else if (f[i] == ']' && --depth == 0) {
                    i++;
                    break;
                }
                i++;
            }
            put(&o, f + s, i - s);
        } else if (name_char(c)) {
            size_t s = i;
            while (i < n && name_char(f[i]))
                i++;
            size_t e = i;
            /* A range "A1:B2", "A:C", "1:3": both ends together. */
            size_t e2 = e;
            part a, b;
            int is_range = 0;
            if (e < n && f[e] == ':' && e + 1 < n && name_char(f[e + 1])) {
                e2 = e + 1;
                while (e2 < n && name_char(f[e2]))
                    e2++;
                if (parse_part(f + s, e - s, &a) && parse_part(f + e + 1, e2 - e - 1, &b) &&
                    a.has_col == b.has_col && a.has_row == b.has_row)
                    is_range = 1;
            }
            int followed_by_call = (is_range ? e2 : e) < n && f[is_range ? e2 : e] == '(';
            int sheet_name = e < n && f[e] == '!';
            int number = isdigit((unsigned char)c) && !is_range;
            if (is_range && !followed_by_call) {
                out tmp = {0};
                put(&tmp, "", 0);
                int ok = put_part(&tmp, &a, drow, dcol);
                put(&tmp, ":", 1);
                ok = ok && put_part(&tmp, &b, drow, dcol);
                if (tmp.failed)
                    o.failed = 1;
                else if (ok)
                    put(&o, tmp.s, tmp.len);
                else
                    put(&o, "#REF!", 5);
                free(tmp.s);
                i = e2;
            } else if (!followed_by_call && !sheet_name && !number && parse_part(f + s, e - s, &a) && a.has_col &&
                       a.has_row) {
                if (!put_part(&o, &a, drow, dcol))
                    put(&o, "#REF!", 5);
            } else if (number) {
                /* a number, with its exponent sign: 1E+5 */
                while (i < n && (f[i] == '+' || f[i] == '-') && (f[i - 1] == 'E' || f[i - 1] == 'e')) {
                    i++;
                    while (i < n && isdigit((unsigned char)f[i]))
                        i++;
                }
                put(&o, f + s, i - s);
            } else {
                put(&o, f + s, e - s);
            }
        } else {
            put(&o, &c, 1);
            i++;
        }
    }
    if (o.failed) {
        free(o.s);
        return NULL;
    }
    return o.s;
}
