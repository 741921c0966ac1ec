/* workbook_close() one thread at a time (lxw_close.h). */
#include <errno.h>
#include <pthread.h>

#include "lxw_close.h"

static pthread_mutex_t closing = PTHREAD_MUTEX_INITIALIZER;

lxw_error pxl_lxw_workbook_close(lxw_workbook *wb)
{
    pthread_mutex_lock(&closing);
    errno = 0;
    lxw_error e = workbook_close(wb);
    int saved = errno; /* the caller reads the system's reason of a failed write */
    pthread_mutex_unlock(&closing);
    errno = saved;
    return e;
}
