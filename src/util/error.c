/* Error codes and the per-thread last message. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error_internal.h"
#include "text.h"

#define PXL_MESSAGE_MAX 1024

static _Thread_local char last_message[PXL_MESSAGE_MAX];

/* The English text of @p error (the msgid). */
static const char *error_text(pxl_error error)
{
    switch (error) {
    case PXL_OK: return N_("success");
    case PXL_ERR_NOMEM: return N_("out of memory");
    case PXL_ERR_INVALID_ARGUMENT: return N_("invalid argument");
    case PXL_ERR_NOT_FOUND: return N_("file not found");
    case PXL_ERR_IO: return N_("input/output error");
    case PXL_ERR_NOT_XLS: return N_("not an Excel 97-2003 (.xls) workbook");
    case PXL_ERR_ENCRYPTED: return N_("the workbook is password-protected");
    case PXL_ERR_CORRUPT: return N_("the workbook is damaged or truncated");
    case PXL_ERR_UNSUPPORTED: return N_("unsupported workbook");
    case PXL_ERR_NO_PLAN: return N_("no plan table found");
    case PXL_ERR_DUPLICATE: return N_("the same measure appears twice");
    case PXL_ERR_EXISTS: return N_("the output file exists");
    case PXL_ERR_SAME_FILE: return N_("the output would overwrite an input");
    case PXL_ERR_WRITE: return N_("writing the output failed");
    case PXL_ERR_CANCELLED: return N_("cancelled by the caller's callback");
    }
    return N_("unknown error");
}

const char *pxl_strerror(pxl_error error)
{
    return pxl_text(error_text(error));
}

const char *pxl_error_message(void)
{
    return last_message;
}

void pxl_error_clear(void)
{
    last_message[0] = '\0';
}

pxl_error pxl_fail(pxl_error code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* The message in the thread's language: every pxl_fail() format is a msgid (docs/messages.md). */
    vsnprintf(last_message, sizeof last_message, pxl_text(fmt), ap);
    va_end(ap);
    return code;
}

pxl_error pxl_fail_nomem(void)
{
    /* A catalogue already loaded answers without allocating; else gettext gives the msgid back. */
    snprintf(last_message, sizeof last_message, "%s", pxl_text(N_("out of memory")));
    return PXL_ERR_NOMEM;
}
