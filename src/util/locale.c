/* planxl's numbers in the C locale whatever the host set (see locale.h). */
#define _GNU_SOURCE /* locale_t, uselocale, strtod_l */
#include "util/locale.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error_internal.h"

/* The calling thread's switch; uselocale() is per thread, so is this. */
static _Thread_local pxl_locale_host state;

static locale_t as_locale(void *p)
{
    return (locale_t)p;
}

/* glibc's newlocale() hands out its static C locale object (no allocation, cannot fail,
 * and freelocale() leaves it alone); a C library that allocates may fail for memory. */
static locale_t c_locale(void)
{
    return newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/*
 * What an entry point runs in: C for every category but LC_MESSAGES, which stays the host's, so
 * the messages planxl and strerror() give are in the host's language (issue 14) while every number
 * is C's. One duplocale() per outermost entry.
 */
static locale_t entry_locale(void)
{
    locale_t host = duplocale(uselocale((locale_t)0));
    if (host == (locale_t)0)
        return (locale_t)0;
    locale_t c = newlocale(LC_ALL_MASK & ~LC_MESSAGES_MASK, "C", host);
    if (c == (locale_t)0)
        freelocale(host);
    return c;
}

pxl_error pxl_locale_enter(void)
{
    if (state.depth > 0) {
        state.depth++;
        return PXL_OK;
    }
    locale_t c = entry_locale();
    if (c == (locale_t)0)
        return pxl_fail(PXL_ERR_NOMEM, "cannot make the C locale to read and write numbers in");
    state.c = c;
    state.host = uselocale(c);
    state.depth = 1;
    return PXL_OK;
}

void pxl_locale_leave(void)
{
    if (state.depth <= 0)
        return;
    if (--state.depth == 0) {
        uselocale(as_locale(state.host));
        freelocale(as_locale(state.c));
        state.c = NULL;
        state.host = NULL;
    }
}

int pxl_locale_depth(void)
{
    return state.depth;
}

void pxl_locale_host_begin(pxl_locale_host *saved)
{
    *saved = state;
    if (state.depth > 0)
        uselocale(as_locale(state.host));
    memset(&state, 0, sizeof state);
}

void pxl_locale_host_end(const pxl_locale_host *saved)
{
    state = *saved;
    if (state.depth > 0)
        uselocale(as_locale(state.c));
}

int pxl_c_snprintf(char *buf, size_t size, const char *format, ...)
{
    va_list ap;
    if (state.depth > 0) {
        /* inside an entry point: the thread is in C already (the hot path: recognising, dumping) */
        va_start(ap, format);
        int n = vsnprintf(buf, size, format, ap);
        va_end(ap);
        return n;
    }
    locale_t c = c_locale();
    locale_t previous = c != (locale_t)0 ? uselocale(c) : (locale_t)0;
    va_start(ap, format);
    int n = vsnprintf(buf, size, format, ap);
    va_end(ap);
    if (c != (locale_t)0) {
        uselocale(previous);
        freelocale(c);
    } else if (size > 0) {
        /* no C locale object (out of memory): mend the locale's decimal point in place */
        const char *point = localeconv()->decimal_point;
        size_t plen = point ? strlen(point) : 0;
        if (plen && strcmp(point, ".") != 0) {
            for (char *p = buf; (p = strstr(p, point)) != NULL;) {
                *p = '.';
                memmove(p + 1, p + plen, strlen(p + plen) + 1);
                p++;
            }
        }
    }
    return n;
}

double pxl_c_strtod(const char *s, char **end)
{
    if (state.depth > 0)
        return strtod(s, end); /* the thread is in C already */
    locale_t c = c_locale();
    if (c == (locale_t)0)
        return strtod(s, end); /* out of memory; only a '.' locale reads right here */
    double v = strtod_l(s, end, c);
    freelocale(c);
    return v;
}
