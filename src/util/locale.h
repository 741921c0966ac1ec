/*
 * The library in a host program's locale (issue 10).
 *
 * A host that calls setlocale(LC_ALL, "sv_SE.UTF-8") makes printf write "360,00"
 * and strtod stop at the '.' of "34.8"; libxlsxwriter 1.1.4 formats the numbers it
 * writes into the XML with printf (libxlsxwriter issue #64) and would write a
 * corrupt file. So, in two layers:
 *
 * - Every number planxl formats or parses goes through pxl_c_snprintf() and
 *   pxl_c_strtod(), which use the C locale whatever the thread's locale is.
 * - Every public entry point that reads, checks or writes takes the C locale for
 *   the calling thread (uselocale(), so other threads of the host keep theirs) and
 *   gives the host's locale back on return: pxl_locale_enter() / pxl_locale_leave().
 *   LC_MESSAGES alone stays the host's: messages (planxl's, strerror's) follow the
 *   host's language (util/text.h, issue 14).
 *   That covers what planxl does not format itself (libxlsxwriter, freexl,
 *   strerror). Entries nest; only the outermost switches.
 *
 * A caller's callback (convert's progress and warnings, a grid scan's visitor)
 * runs in the caller's own locale: pxl_locale_host_begin() / _end() around it.
 */
#ifndef PLANXL_UTIL_LOCALE_H
#define PLANXL_UTIL_LOCALE_H

#include <stddef.h>

#include "planxl/error.h"

/* Switch this thread to the C locale (nested calls only count); PXL_OK, else
 * PXL_ERR_NOMEM with a message. Pair every PXL_OK with pxl_locale_leave(). */
pxl_error pxl_locale_enter(void);
/* Undo one pxl_locale_enter(); the outermost gives the thread its previous locale back. */
void pxl_locale_leave(void);
/* How many pxl_locale_enter() calls are open on this thread (0: planxl was called by its host). */
int pxl_locale_depth(void);

/* What pxl_locale_host_begin() saved (locale_t values, kept as void * so that this
 * header needs no POSIX feature macro). */
typedef struct pxl_locale_host {
    int depth;
    void *host;
    void *c;
} pxl_locale_host;

/* Around a call into the caller's code: the caller's locale, and a fresh nesting
 * count so a call back into planxl from there switches to C (and back) again. */
void pxl_locale_host_begin(pxl_locale_host *saved);
void pxl_locale_host_end(const pxl_locale_host *saved);

/* snprintf in the C locale: '.' as the decimal point, whatever the thread's locale.
 * Inside an entry point (pxl_locale_depth() > 0) the thread is in C already and this is
 * plain vsnprintf; outside, one uselocale() pair around the call. */
int pxl_c_snprintf(char *buf, size_t size, const char *format, ...) __attribute__((format(printf, 3, 4)));
/* strtod in the C locale: reads "34.8" and stops at the ',' of "34,8". */
double pxl_c_strtod(const char *s, char **end);

#endif
