/* Thread-local switch to the C locale around libxlsxwriter (see util/locale.h). */
#define _GNU_SOURCE
#include "locale.h"

int pxl_c_locale_enter(pxl_c_locale *guard)
{
    guard->c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (guard->c == (locale_t)0)
        return -1;
    guard->previous = uselocale(guard->c);
    return 0;
}

void pxl_c_locale_leave(pxl_c_locale *guard)
{
    if (guard->c == (locale_t)0)
        return;
    uselocale(guard->previous);
    freelocale(guard->c);
    guard->c = (locale_t)0;
}
