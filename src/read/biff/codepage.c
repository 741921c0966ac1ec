/*
 * Code pages to UTF-8. BIFF2-5 store text as 8-bit characters in the code page the
 * CODEPAGE record names (MS-XLS 2.4.52); converting byte by byte through a table
 * built once with iconv keeps the hot path free of library calls.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "util/unicode.h"

/* CODEPAGE cv values that are not "CPnnnn" to iconv (MS-XLS 2.4.52). */
static const char *codepage_iconv_name(unsigned id, char *buf, size_t size)
{
    switch (id) {
    case 367: return "ASCII";
    case 1200: return "ISO-8859-1";      /* BIFF8's marker for UTF-16; its 8-bit strings are Latin-1 */
    case 10000: return "MACINTOSH";
    case 32768: return "MACINTOSH";       /* Apple Roman, written by Excel for the Mac */
    case 10029: return "MAC-CENTRALEUROPE";
    case 10079: return "MACIS";
    case 10017: return "MACUKRAINIAN";
    case 32769: return "CP1252";          /* BIFF2-3 "ANSI" */
    case 0: return "CP1252";
    default:
        snprintf(buf, size, "CP%u", id);
        return buf;
    }
}

static int is_double_byte(unsigned id)
{
    return id == 932 || id == 936 || id == 949 || id == 950 || id == 1361;
}

static void table_latin1(pxl_codepage *cp)
{
    for (unsigned b = 0; b < 256; b++)
        cp->utf8_len[b] = (uint8_t)pxl_utf8_encode(cp->utf8[b], b);
}

void pxl_codepage_init(pxl_codepage *cp, unsigned id)
{
    char name[24];
    memset(cp, 0, sizeof *cp);
    cp->id = id;
    table_latin1(cp);
    const char *from = codepage_iconv_name(id, name, sizeof name);
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        /* An unknown code page: Excel's Western default is the least surprising guess. */
        cp->id = PXL_DEFAULT_CODEPAGE;
        cd = iconv_open("UTF-8", "CP1252");
        if (cd == (iconv_t)-1)
            return;
    }
    if (is_double_byte(cp->id)) {
        cp->iconv = cd;
        return;
    }
    for (unsigned b = 0x80; b < 256; b++) {
        char in = (char)b, out[8];
        char *ip = &in, *op = out;
        size_t il = 1, ol = sizeof out;
        iconv(cd, NULL, NULL, NULL, NULL);
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || (size_t)(op - out) > 3) {
            cp->utf8_len[b] = (uint8_t)pxl_utf8_encode(cp->utf8[b], 0xFFFD);
        } else {
            memcpy(cp->utf8[b], out, (size_t)(op - out));
            cp->utf8_len[b] = (uint8_t)(op - out);
        }
    }
    iconv_close(cd);
}

void pxl_codepage_close(pxl_codepage *cp)
{
    if (cp->iconv)
        iconv_close((iconv_t)cp->iconv);
    cp->iconv = NULL;
}

static int append_iconv(pxl_buf *out, const pxl_codepage *cp, const uint8_t *s, size_t n)
{
    iconv_t cd = (iconv_t)cp->iconv;
    iconv(cd, NULL, NULL, NULL, NULL);
    char *ip = (char *)s;
    size_t il = n;
    while (il) {
        if (pxl_buf_reserve(out, il * 3 + 4) != 0)
            return PXL_TEXT_NOMEM;
        char *op = out->data + out->len;
        size_t ol = out->cap - out->len;
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        out->len = (size_t)(op - out->data);
        if (r == (size_t)-1 && errno != E2BIG) {
            /* an invalid or cut-off sequence: mark it and go on */
            if (pxl_buf_append(out, "\xEF\xBF\xBD", 3) != 0)
                return PXL_TEXT_NOMEM;
            ip++;
            il--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    return PXL_TEXT_OK;
}

int pxl_text_append_8bit(pxl_buf *out, const pxl_codepage *cp, const uint8_t *s, size_t n)
{
    if (cp->iconv)
        return append_iconv(out, cp, s, n);
    if (pxl_buf_reserve(out, n * 3) != 0)
        return PXL_TEXT_NOMEM;
    char *o = out->data + out->len;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = s[i];
        if (b < 0x80) {
            *o++ = (char)b;
        } else {
            memcpy(o, cp->utf8[b], 3);
            o += cp->utf8_len[b];
        }
    }
    out->len = (size_t)(o - out->data);
    return PXL_TEXT_OK;
}

int pxl_text_append_latin1(pxl_buf *out, const uint8_t *s, size_t n)
{
    if (pxl_buf_reserve(out, n * 2) != 0)
        return PXL_TEXT_NOMEM;
    char *o = out->data + out->len;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = s[i];
        if (b < 0x80) {
            *o++ = (char)b;
        } else {
            *o++ = (char)(0xC0 | (b >> 6));
            *o++ = (char)(0x80 | (b & 0x3F));
        }
    }
    out->len = (size_t)(o - out->data);
    return PXL_TEXT_OK;
}

int pxl_text_append_utf16(pxl_buf *out, const uint8_t *s, size_t nchars)
{
    if (pxl_buf_reserve(out, nchars * 3 + 1) != 0)
        return PXL_TEXT_NOMEM;
    char *o = out->data + out->len;
    for (size_t i = 0; i < nchars; i++) {
        unsigned u = pxl_u16(s + 2 * i);
        if (u < 0x80) {
            *o++ = (char)u;
        } else if (u >= 0xD800 && u <= 0xDBFF && i + 1 < nchars) {
            unsigned lo = pxl_u16(s + 2 * i + 2);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                /* 4 UTF-8 bytes for 2 code units: within the 3 per unit reserved */
                o += pxl_utf8_encode(o, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
                i++;
            } else {
                o += pxl_utf8_encode(o, 0xFFFD);
            }
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            o += pxl_utf8_encode(o, 0xFFFD);
        } else {
            o += pxl_utf8_encode(o, u);
        }
    }
    out->len = (size_t)(o - out->data);
    return PXL_TEXT_OK;
}
