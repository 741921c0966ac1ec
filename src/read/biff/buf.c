/* A growing byte buffer: amortised O(1) appends, no per-item malloc. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define PXL_BUF_MIN_CAP 256

int pxl_buf_reserve(pxl_buf *buf, size_t more)
{
    /* always leave data non-NULL, so callers may compute data + len even for 0 bytes */
    if (buf->data && buf->cap - buf->len >= more)
        return 0;
    if (more > SIZE_MAX / 2 - buf->len)
        return -1;
    size_t cap = buf->cap ? buf->cap : PXL_BUF_MIN_CAP;
    while (cap - buf->len < more)
        cap *= 2;
    char *data = realloc(buf->data, cap);
    if (!data)
        return -1;
    buf->data = data;
    buf->cap = cap;
    return 0;
}

int pxl_buf_append(pxl_buf *buf, const void *bytes, size_t n)
{
    if (pxl_buf_reserve(buf, n) != 0)
        return -1;
    if (n)
        memcpy(buf->data + buf->len, bytes, n);
    buf->len += n;
    return 0;
}

void pxl_buf_free(pxl_buf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}
