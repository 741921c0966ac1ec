/* Error codes and the per-thread last message. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error_internal.h"

#define PXL_MESSAGE_MAX 1024

static _Thread_local char last_message[PXL_MESSAGE_MAX];

const char *pxl_strerror(pxl_error error)
{
    switch (error) {
    case PXL_OK: return "success";
    case PXL_ERR_NOMEM: return "out of memory";
    case PXL_ERR_INVALID_ARGUMENT: return "invalid argument";
    case PXL_ERR_NOT_FOUND: return "file not found";
    case PXL_ERR_IO: return "input/output error";
    case PXL_ERR_NOT_XLS: return "not an Excel 97-2003 (.xls) workbook";
    case PXL_ERR_ENCRYPTED: return "the workbook is password-protected";
    case PXL_ERR_CORRUPT: return "the workbook is damaged or truncated";
    case PXL_ERR_UNSUPPORTED: return "unsupported workbook";
    case PXL_ERR_NO_PLAN: return "no plan table found";
    case PXL_ERR_DUPLICATE: return "the same measure appears twice";
    case PXL_ERR_EXISTS: return "the output file exists";
    case PXL_ERR_SAME_FILE: return "the output would overwrite an input";
    case PXL_ERR_WRITE: return "writing the output failed";
    case PXL_ERR_CANCELLED: return "cancelled by the caller's callback";
    }
    return "unknown error";
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
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    va_end(ap);
    return code;
}

pxl_error pxl_fail_nomem(void)
{
    strcpy(last_message, "out of memory");
    return PXL_ERR_NOMEM;
}
