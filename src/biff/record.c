/* Walking BIFF records, and reading a record body on through its CONTINUE records. */
#include <string.h>

#include "record.h"

#define PXL_BIFF_HEADER 4

int pxl_biff_record_at(const pxl_biff_stream *s, size_t pos, pxl_biff_record *rec)
{
    if (pos >= s->len)
        return 0;
    if (s->len - pos < PXL_BIFF_HEADER)
        return -1;
    const uint8_t *h = s->data + pos;
    rec->type = pxl_u16(h);
    rec->len = pxl_u16(h + 2);
    if (s->len - pos - PXL_BIFF_HEADER < rec->len)
        return -1;
    rec->data = h + PXL_BIFF_HEADER;
    rec->offset = pos;
    rec->next = pos + PXL_BIFF_HEADER + rec->len;
    return 1;
}

int pxl_biff_peek_type(const pxl_biff_stream *s, size_t pos)
{
    if (pos >= s->len || s->len - pos < PXL_BIFF_HEADER)
        return -1;
    return pxl_u16(s->data + pos);
}

void pxl_biff_cursor_init(pxl_biff_cursor *c, const pxl_biff_stream *s, const pxl_biff_record *rec)
{
    c->s = s;
    c->p = rec->data;
    c->left = rec->len;
    c->next = rec->next;
}

int pxl_biff_cursor_continue(pxl_biff_cursor *c)
{
    pxl_biff_record rec;
    if (pxl_biff_record_at(c->s, c->next, &rec) != 1 || rec.type != PXL_REC_CONTINUE)
        return 0;
    c->p = rec.data;
    c->left = rec.len;
    c->next = rec.next;
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
