/* Walking BIFF records, and reading a record body on through its CONTINUE records. */
#include <stdlib.h>
#include <string.h>

#include "record.h"

#define PXL_BIFF_HEADER 4

int pxl_biff_record_at(pxl_biff_stream *s, size_t pos, pxl_biff_record *rec)
{
    if (pos >= s->len)
        return 0;
    if (s->len - pos < PXL_BIFF_HEADER)
        return -1;
    const uint8_t *h = pxl_stream_at(s, pos, PXL_BIFF_HEADER);
    if (!h)
        return -1;
    uint16_t type = pxl_u16(h), len = pxl_u16(h + 2);
    if (s->len - pos - PXL_BIFF_HEADER < len)
        return -1;
    if (!(h = pxl_stream_at(s, pos, PXL_BIFF_HEADER + (size_t)len)))
        return -1;
    rec->type = type;
    rec->len = len;
    rec->data = h + PXL_BIFF_HEADER;
    rec->offset = pos;
    rec->next = pos + PXL_BIFF_HEADER + len;
    return 1;
}

void pxl_biff_cursor_init(pxl_biff_cursor *c, pxl_biff_stream *s, const pxl_biff_record *rec)
{
    c->s = s;
    c->p = rec->data;
    c->left = rec->len;
    c->next = rec->next;
}

/* @p n bytes at @p pos without moving the window: in it, or copied into @p buf (or the
 * stream's CONTINUE buffer when @p buf is NULL). */
static const uint8_t *bytes_at(pxl_biff_stream *s, size_t pos, size_t n, uint8_t *buf)
{
    const uint8_t *p = pxl_stream_in_window(s, pos, n);
    if (p)
        return p;
    if (!buf) {
        if (s->cont_cap < n) {
            uint8_t *grown = realloc(s->cont, n);
            if (!grown)
                return NULL;
            s->cont = grown;
            s->cont_cap = n;
        }
        buf = s->cont;
    }
    return pxl_stream_read(s, pos, n, buf) == 0 ? buf : NULL;
}

int pxl_biff_cursor_continue(pxl_biff_cursor *c)
{
    pxl_biff_stream *s = c->s;
    uint8_t header[PXL_BIFF_HEADER];
    if (c->next >= s->len || s->len - c->next < PXL_BIFF_HEADER)
        return 0;
    const uint8_t *h = bytes_at(s, c->next, PXL_BIFF_HEADER, header);
    if (!h || pxl_u16(h) != PXL_REC_CONTINUE)
        return 0;
    size_t len = pxl_u16(h + 2), body = c->next + PXL_BIFF_HEADER;
    if (s->len - body < len)
        return 0;
    const uint8_t *p = len ? bytes_at(s, body, len, NULL) : (const uint8_t *)"";
    if (!p)
        return 0;
    c->p = p;
    c->left = len;
    c->next = body + len;
    return 1;
}

int pxl_biff_cursor_read(pxl_biff_cursor *c, void *dst, size_t n)
{
    uint8_t *out = dst;
    while (n) {
        if (c->left == 0 && !pxl_biff_cursor_continue(c))
            return -1;
        size_t k = n < c->left ? n : c->left;
        if (out) {
            memcpy(out, c->p, k);
            out += k;
        }
        c->p += k;
        c->left -= k;
        n -= k;
    }
    return 0;
}

int pxl_biff_cursor_skip(pxl_biff_cursor *c, size_t n)
{
    return pxl_biff_cursor_read(c, NULL, n);
}

int pxl_biff_cursor_u8(pxl_biff_cursor *c, uint8_t *v)
{
    return pxl_biff_cursor_read(c, v, 1);
}

int pxl_biff_cursor_u16(pxl_biff_cursor *c, uint16_t *v)
{
    uint8_t b[2];
    if (pxl_biff_cursor_read(c, b, 2) != 0)
        return -1;
    *v = pxl_u16(b);
    return 0;
}

int pxl_biff_cursor_u32(pxl_biff_cursor *c, uint32_t *v)
{
    uint8_t b[4];
    if (pxl_biff_cursor_read(c, b, 4) != 0)
        return -1;
    *v = pxl_u32(b);
    return 0;
}

double pxl_f64(const uint8_t *p)
{
    /* IEEE 754 little-endian on disk; assemble the bits so the host's byte order does not matter. */
    uint64_t bits = (uint64_t)pxl_u32(p) | ((uint64_t)pxl_u32(p + 4) << 32);
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

double pxl_rk_value(uint32_t rk)
{
    double v;
    if (rk & 0x02) {
        /* a signed 30-bit integer */
        v = (double)((int32_t)rk >> 2);
    } else {
        uint64_t bits = (uint64_t)(rk & 0xFFFFFFFCu) << 32;
        memcpy(&v, &bits, sizeof v);
    }
    return (rk & 0x01) ? v / 100.0 : v;
}
