/* Sheet references in formula text rewritten after sheet renames. */
#include <stdlib.h>
#include <string.h>

#include "sheet_rename.h"

typedef struct builder {
    pxl_formula_buf *buf;
    size_t len;
    int failed;
} builder;

static void put(builder *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->buf->size) {
        size_t size = b->buf->size ? b->buf->size : 256;
        while (size < b->len + n + 1)
            size *= 2;
        char *grown = realloc(b->buf->data, size);
        if (!grown) {
            b->failed = 1;
            return;
        }
        b->buf->data = grown;
        b->buf->size = size;
    }
    memcpy(b->buf->data + b->len, s, n);
    b->len += n;
    b->buf->data[b->len] = '\0';
}

/* A character of an unquoted sheet name or identifier in Excel's formula
 * grammar: letters, digits, '_', '.', and any non-ASCII byte. */
static int name_char(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c >= 0x80;
}

static const char *renamed(const char *name, size_t len, const pxl_sheet_rename *renames, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(renames[i].from) == len && memcmp(renames[i].from, name, len) == 0)
            return renames[i].to;
    return NULL;
}

/* Append @p name between apostrophes' worth of quoting: apostrophes doubled. */
static void put_quoted_body(builder *b, const char *name, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (name[i] == '\'')
            put(b, "'", 1);
        put(b, name + i, 1);
    }
}

/*
 * A sheet reference whose (unquoted) text is @p name: one sheet, or a 3-D
 * range "First:Last". Writes the rewritten, quoted form and returns 1 when a
 * part was renamed; returns 0 (writing nothing) otherwise.
 */
static int put_reference(builder *b, const char *name, size_t len, const pxl_sheet_rename *renames, size_t count)
{
    const char *whole = renamed(name, len, renames, count);
    const char *first = name, *last = NULL;
    size_t first_len = len, last_len = 0;
    const char *first_to = whole, *last_to = NULL;
    if (!whole) {
        /* A name may itself hold ':' (the very reason it was renamed), so the whole name is tried first. */
        const char *colon = memchr(name, ':', len);
        if (!colon)
            return 0;
        first_len = (size_t)(colon - name);
        last = colon + 1;
        last_len = len - first_len - 1;
        first_to = renamed(first, first_len, renames, count);
        last_to = renamed(last, last_len, renames, count);
        if (!first_to && !last_to)
            return 0;
    }
    put(b, "'", 1);
    if (first_to)
        put_quoted_body(b, first_to, strlen(first_to));
    else
        put_quoted_body(b, first, first_len);
    if (last) {
        put(b, ":", 1);
        if (last_to)
            put_quoted_body(b, last_to, strlen(last_to));
        else
            put_quoted_body(b, last, last_len);
    }
    put(b, "'", 1);
    return 1;
}

int pxl_formula_rename_sheets(const char *formula, const pxl_sheet_rename *renames, size_t count,
                              pxl_formula_buf *buf, const char **out)
{
    *out = formula;
    if (!count || !strchr(formula, '!'))
        return 0;
    builder b = {buf, 0, 0};
    put(&b, "", 0);
    int changed = 0;
    char name[512];
    const char *p = formula;
    while (*p) {
        if (*p == '"') {
            /* A string literal, '"' doubled inside: copied as it is. */
            const char *start = p++;
            while (*p && !(*p == '"' && p[1] != '"'))
                p += *p == '"' ? 2 : 1;
            if (*p)
                p++;
            put(&b, start, (size_t)(p - start));
        } else if (*p == '\'') {
            /* A quoted sheet name: '…' with apostrophes doubled, then '!'. */
            const char *start = p++;
            size_t len = 0;
            while (*p && !(*p == '\'' && p[1] != '\'')) {
                if (len < sizeof name)
                    name[len++] = *p;
                p += *p == '\'' ? 2 : 1;
            }
            if (*p)
                p++;
            if (*p == '!' && len < sizeof name && put_reference(&b, name, len, renames, count))
                changed = 1;
            else
                put(&b, start, (size_t)(p - start));
        } else if (name_char((unsigned char)*p)) {
            /* An identifier: a sheet name only when '!' follows (perhaps as "First:Last!"). */
            const char *start = p;
            while (name_char((unsigned char)*p))
                p++;
            const char *end = p;
            if (*p == ':' && name_char((unsigned char)p[1])) {
                const char *q = p + 1;
                while (name_char((unsigned char)*q))
                    q++;
                if (*q == '!')
                    end = p = q;
            }
            size_t len = (size_t)(end - start);
            if (*p == '!' && len < sizeof name && put_reference(&b, start, len, renames, count))
                changed = 1;
            else
                put(&b, start, len);
        } else {
            put(&b, p, 1);
            p++;
        }
    }
    if (b.failed)
        return -1;
    if (!changed)
        return 0;
    *out = buf->data;
    return 1;
}
