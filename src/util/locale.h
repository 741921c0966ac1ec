/*
 * libxlsxwriter 1.1.4 formats numbers with printf, so under sv_SE it writes
 * "1234,5" into the XML (libxlsxwriter issue #64): a corrupt file. Writers
 * switch the calling thread to the C locale around every libxlsxwriter call.
 */
#ifndef PLANXL_C_LOCALE_H
#define PLANXL_C_LOCALE_H

#include <locale.h>

typedef struct pxl_c_locale {
    locale_t c;
    locale_t previous;
} pxl_c_locale;

/* Switch this thread to the C locale; 0 on success. */
int pxl_c_locale_enter(pxl_c_locale *guard);
/* Restore the thread's previous locale. */
void pxl_c_locale_leave(pxl_c_locale *guard);

#endif
