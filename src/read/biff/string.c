/*
 * BIFF strings that may run on through CONTINUE records: BIFF8's
 * XLUnicodeRichExtendedString (MS-XLS 2.5.293) and BIFF2-5's 8-bit strings.
 */
#include "text.h"

/* XLUnicodeRichExtendedString flags (MS-XLS 2.5.293). */
#define PXL_STR_HIGH_BYTE 0x01 /* characters are UTF-16, not compressed */
#define PXL_STR_EXT 0x04       /* a phonetic block (ExtRst) follows the runs */
#define PXL_STR_RICH 0x08      /* formatting runs follow the characters */
#define PXL_STR_RUN_BYTES 4    /* one FormatRun: ich, ifnt */

int pxl_text_read_unicode(pxl_biff_cursor *c, size_t cch, pxl_buf *out)
{
    uint8_t flags;
    uint16_t runs = 0;
    uint32_t ext = 0;
    if (pxl_biff_cursor_u8(c, &flags) != 0)
        return PXL_TEXT_TRUNCATED;
    if ((flags & PXL_STR_RICH) && pxl_biff_cursor_u16(c, &runs) != 0)
        return PXL_TEXT_TRUNCATED;
    if ((flags & PXL_STR_EXT) && pxl_biff_cursor_u32(c, &ext) != 0)
        return PXL_TEXT_TRUNCATED;
    int wide = flags & PXL_STR_HIGH_BYTE;
    while (cch) {
        if (c->left == 0) {
            /* The characters go on in a CONTINUE that restarts with its own flags byte. */
            if (!pxl_biff_cursor_continue(c) || c->left == 0)
                return PXL_TEXT_TRUNCATED;
            wide = c->p[0] & PXL_STR_HIGH_BYTE;
            c->p++;
            c->left--;
            continue;
        }
        size_t avail = wide ? c->left / 2 : c->left;
        if (avail == 0)
            return PXL_TEXT_TRUNCATED; /* half a UTF-16 unit before the boundary */
        size_t k = cch < avail ? cch : avail;
        int rc = wide ? pxl_text_append_utf16(out, c->p, k) : pxl_text_append_latin1(out, c->p, k);
        if (rc != PXL_TEXT_OK)
            return rc;
        size_t bytes = wide ? 2 * k : k;
        c->p += bytes;
        c->left -= bytes;
        cch -= k;
    }
    if (pxl_biff_cursor_skip(c, (size_t)runs * PXL_STR_RUN_BYTES) != 0)
        return PXL_TEXT_TRUNCATED;
    if (pxl_biff_cursor_skip(c, ext) != 0)
        return PXL_TEXT_TRUNCATED;
    return PXL_TEXT_OK;
}

int pxl_text_read_8bit(pxl_biff_cursor *c, size_t cch, const pxl_codepage *cp, pxl_buf *out)
{
    while (cch) {
        if (c->left == 0 && !pxl_biff_cursor_continue(c))
            return PXL_TEXT_TRUNCATED;
        size_t k = cch < c->left ? cch : c->left;
        int rc = pxl_text_append_8bit(out, cp, c->p, k);
        if (rc != PXL_TEXT_OK)
            return rc;
        c->p += k;
        c->left -= k;
        cch -= k;
    }
    return PXL_TEXT_OK;
}
