/*
 * The formatter of finding messages: the message's translation (util/text.h) with its
 * arguments rendered in the same language, on one line (a message is one line of
 * `planxl check` output). Quoted cell text is cut to a short excerpt on a character
 * boundary. Amounts are pxl_amount_format()'s (number_text.c, which the report shares):
 * "9 500", "1 472,5"; in Swedish prose the thousands are spaced with a no-break space
 * (U+00A0, Språkrådet's "hårt mellanslag"), so a wrapped cell never splits an amount.
 */
#include <stdio.h>
#include <string.h>

#include "check_internal.h"
#include "util/locale.h"

#define NO_BREAK_SPACE "\u00a0"

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

/* Appends to a fixed buffer; what does not fit is dropped (the caller cuts on a character). */
typedef struct text_out {
    char *buf;
    size_t size, n;
    int full;
} text_out;

static void put(text_out *o, const char *s, size_t len)
{
    if (o->n + len >= o->size) {
        len = o->size - 1 - o->n;
        o->full = 1;
    }
    memcpy(o->buf + o->n, s, len);
    o->n += len;
}

static void put_arg(text_out *o, pxl_language language, pxl_language style, const pxl_message_arg *a)
{
    char num[64];
    const char *s = "";
    switch (a->kind) {
    case PXL_ARG_TEXT: s = a->text ? a->text : ""; break;
    case PXL_ARG_WORD: s = a->text ? pxl_text_in(language, a->text) : ""; break;
    case PXL_ARG_COUNT: pxl_c_snprintf(num, sizeof num, "%.0f", a->number); s = num; break;
    case PXL_ARG_AMOUNT:
        pxl_amount_format(num, sizeof num, a->number);
        if (style != PXL_LANGUAGE_SWEDISH) {
            s = num;
            break;
        }
        for (const char *p = num; *p; p++)
            if (*p == ' ')
                put(o, NO_BREAK_SPACE, sizeof NO_BREAK_SPACE - 1);
            else
                put(o, p, 1);
        return;
    }
    put(o, s, strlen(s));
}

char *pxl_message_format(char *buf, size_t size, pxl_language language, const char *msgid, size_t argc,
                         const pxl_message_arg *args)
{
    if (size == 0)
        return buf;
    text_out o = {buf, size, 0, 0};
    pxl_language style = pxl_language_resolve(language);
    const char *fmt = pxl_text_in(language, msgid);
    size_t next = 0;
    for (const char *p = fmt; *p && !o.full;) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            put(&o, p, strlen(p));
            break;
        }
        put(&o, p, (size_t)(pct - p));
        p = pct + 1;
        if (*p == '%') {
            put(&o, "%", 1);
            p++;
            continue;
        }
        /* "%s", or "%2$s" where a translation orders the arguments its own way */
        size_t index = next++;
        const char *q = p;
        size_t position = 0;
        while (*q >= '0' && *q <= '9')
            position = position * 10 + (size_t)(*q++ - '0');
        if (*q == '$' && position > 0) {
            index = position - 1;
            p = q + 1;
        }
        if (*p == 's')
            p++;
        if (index < argc)
            put_arg(&o, language, style, &args[index]);
    }
    buf[o.n] = '\0';
    if (o.full) {
        /* Cut: do not leave half a UTF-8 character at the end. */
        size_t n = o.n;
        while (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
            n--;
        if (n > 0 && (unsigned char)buf[n - 1] >= 0xC0)
            n--;
        buf[n] = '\0';
    }
    for (char *c = buf; *c; c++)  /* one finding, one line of output */
        if (*c == '\n' || *c == '\r' || *c == '\t')
            *c = ' ';
    return buf;
}
