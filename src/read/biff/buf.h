/* A growing byte buffer: one allocation for many strings or cells, doubled as it fills. */
#ifndef PLANXL_BIFF_BUF_H
#define PLANXL_BIFF_BUF_H

#include <stddef.h>

typedef struct pxl_buf {
    char *data;
    size_t len, cap;
} pxl_buf;

/* Make room for @p more bytes past len; 0 on success, -1 when out of memory. */
int pxl_buf_reserve(pxl_buf *buf, size_t more);
/* Append @p n bytes; -1 when out of memory. */
int pxl_buf_append(pxl_buf *buf, const void *bytes, size_t n);
void pxl_buf_free(pxl_buf *buf);

#endif
