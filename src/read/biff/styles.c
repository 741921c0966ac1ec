/* FONT, FORMAT, XF and PALETTE records: what each XF's cells look like (styles.h). */
#include <stdlib.h>
#include <string.h>

#include "styles.h"

/* Excel's palette when a workbook has no PALETTE record (colour indexes 8-63; python3-xlrd's
 * excel_default_palette_b8 and _b5, which differ in one entry). */
static const uint32_t default_palette_b8[PXL_PALETTE_SIZE] = {
    0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF,
    0x800000, 0x008000, 0x000080, 0x808000, 0x800080, 0x008080, 0xC0C0C0, 0x808080,
    0x9999FF, 0x993366, 0xFFFFCC, 0xCCFFFF, 0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF,
    0x000080, 0xFF00FF, 0xFFFF00, 0x00FFFF, 0x800080, 0x800000, 0x008080, 0x0000FF,
    0x00CCFF, 0xCCFFFF, 0xCCFFCC, 0xFFFF99, 0x99CCFF, 0xFF99CC, 0xCC99FF, 0xFFCC99,
    0x3366FF, 0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900, 0xFF6600, 0x666699, 0x969696,
    0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366, 0x333399, 0x333333,
};
#define PXL_PALETTE_B5_DIFFERS 39   /* BIFF5's entry 39 (colour index 47) */
#define PXL_PALETTE_B5_COLOR 0xE3E3E3

/* The eight fixed colours before the palette (MS-XLS 2.5.161: icv 0-7). */
static const uint32_t fixed_colors[8] = {
    0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF,
};

/* The font of an XF: font 4 does not exist, so index 5 is the fifth record (MS-XLS 2.4.353 ifnt). */
#define PXL_FONT_INDEX_SKIPPED 4

/* A weight from which a font counts as bold (Excel writes 700 for bold, 400 for normal). */
#define PXL_FONT_BOLD_WEIGHT 600

/* BIFF8 trot 255, and BIFF5's orientation 1: letters stacked; libxlsxwriter writes that as 270. */
#define PXL_ROTATION_STACKED 255
#define PXL_LXW_ROTATION_STACKED 270

struct format_entry {
    uint16_t id;
    uint32_t text;
};

static uint16_t u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Append @p text with its NUL to the strings; its offset in *at. -1 when out of memory. */
static int add_string(pxl_biff_styles *st, const char *text, size_t len, uint32_t *at)
{
    if (st->strings.len > UINT32_MAX - len - 1)
        return -1;
    *at = (uint32_t)st->strings.len;
    if (pxl_buf_append(&st->strings, text, len) != 0 || pxl_buf_append(&st->strings, "", 1) != 0)
        return -1;
    return 0;
}

static int read_font(pxl_biff_styles *st, int biff, const pxl_codepage *cp, const pxl_biff_record *rec)
{
    const uint8_t *d = rec->data;
    pxl_biff_font f = {0};
    size_t name_at;
    /* BIFF5/8 (MS-XLS 2.4.122): dyHeight grbit icv bls sss uls bFamily bCharSet reserved, then
     * the name (cch, and in BIFF8 a flags byte); BIFF3/4: height grbit icv name; BIFF2:
     * height grbit name, colour in a FONTCOLOR record that is not read. */
    if (biff >= 5) {
        if (rec->len < 15)
            return 0;
        f.icv = u16(d + 4);
        f.weight = u16(d + 6);
        f.script = u16(d + 8);
        f.underline = d[10];
        name_at = 14;
    } else {
        name_at = biff >= 3 ? 6 : 4;
        if (rec->len < name_at + 1)
            return 0;
        f.icv = biff >= 3 ? u16(d + 4) : 0x7FFF;
        f.weight = d[2] & 0x01 ? 700 : 400;
        f.underline = d[2] & 0x04 ? 1 : 0;
    }
    f.height = u16(d);
    f.flags = u16(d + 2);
    size_t cch = d[name_at];
    pxl_buf name = {0};
    int rc = 0;
    if (biff >= 8) {
        if (rec->len >= name_at + 2) {
            int wide = d[name_at + 1] & 0x01;
            size_t bytes = cch * (wide ? 2 : 1);
            if (bytes <= rec->len - name_at - 2)
                rc = wide ? pxl_text_append_utf16(&name, d + name_at + 2, cch)
                          : pxl_text_append_latin1(&name, d + name_at + 2, cch);
        }
    } else if (cch <= rec->len - name_at - 1) {
        rc = pxl_text_append_8bit(&name, cp, d + name_at + 1, cch);
    }
    if (rc == 0)
        rc = add_string(st, name.data ? name.data : "", name.len, &f.name);
    pxl_buf_free(&name);
    if (rc != 0)
        return -1;
    return pxl_buf_append(&st->fonts, &f, sizeof f);
}

static void read_palette(pxl_biff_styles *st, const pxl_biff_record *rec)
{
    /* ccv, then ccv colours of 4 bytes: red, green, blue, unused (MS-XLS 2.4.188) */
    if (rec->len < 2)
        return;
    size_t n = u16(rec->data);
    if (n > PXL_PALETTE_SIZE)
        n = PXL_PALETTE_SIZE;
    if (n > (size_t)(rec->len - 2) / 4)
        n = (rec->len - 2) / 4;
    memcpy(st->palette, default_palette_b8, sizeof st->palette);
    for (size_t i = 0; i < n; i++) {
        const uint8_t *c = rec->data + 2 + 4 * i;
        st->palette[i] = (uint32_t)c[0] << 16 | (uint32_t)c[1] << 8 | c[2];
    }
    st->has_palette = 1;
}

int pxl_biff_styles_record(pxl_biff_styles *st, int biff, const pxl_codepage *cp, const pxl_biff_record *rec)
{
    switch (rec->type) {
    case PXL_REC_FONT:
        return biff == 2 || biff >= 5 ? read_font(st, biff, cp, rec) : 0;
    case PXL_REC_FONT34:
        return biff == 3 || biff == 4 ? read_font(st, biff, cp, rec) : 0;
    case PXL_REC_PALETTE:
        read_palette(st, rec);
        return 0;
    default:
        return 0;
    }
}

int pxl_biff_styles_format(pxl_biff_styles *st, unsigned id, const char *text)
{
    struct format_entry f = {(uint16_t)id, 0};
    if (add_string(st, text, strlen(text), &f.text) != 0)
        return -1;
    return pxl_buf_append(&st->formats, &f, sizeof f);
}

int pxl_biff_styles_xf(pxl_biff_styles *st, const pxl_biff_record *rec)
{
    uint8_t raw[20] = {0};
    memcpy(raw, rec->data, rec->len < sizeof raw ? rec->len : sizeof raw);
    return pxl_buf_append(&st->xfs, raw, sizeof raw);
}

static uint32_t color(const pxl_biff_styles *st, unsigned icv)
{
    if (icv < 8)
        return fixed_colors[icv];
    if (icv < 8 + PXL_PALETTE_SIZE) {
        if (st->has_palette)
            return st->palette[icv - 8];
        if (st->biff < 8 && icv - 8 == PXL_PALETTE_B5_DIFFERS)
            return PXL_PALETTE_B5_COLOR;
        return default_palette_b8[icv - 8];
    }
    return PXL_STYLE_COLOR_AUTO; /* 64 window text, 65 window background, 0x7FFF automatic ... */
}

/* Excel's built-in ids that every .xlsx reader knows (ECMA-376 Part 1, 18.8.30); 23-36 are
 * reserved per locale, and 5-8, 41-44 (currency) are written as FORMAT records anyway. */
static int standard_builtin(unsigned id)
{
    return id <= 22 || (id >= 37 && id <= 49);
}

static void apply_font(pxl_cell_style *s, const pxl_biff_styles *st, const pxl_biff_font *f)
{
    s->font_name = st->strings.data + f->name;
    s->font_size = f->height / 20.0;
    s->bold = f->weight >= PXL_FONT_BOLD_WEIGHT;
    s->italic = (f->flags & 0x02) != 0;
    s->strike = (f->flags & 0x08) != 0;
    s->outline = (f->flags & 0x10) != 0;
    s->shadow = (f->flags & 0x20) != 0;
    switch (f->underline) {
    case 0x00: s->underline = 0; break;
    case 0x02: s->underline = 2; break;
    case 0x21: s->underline = 3; break;
    case 0x22: s->underline = 4; break;
    default: s->underline = 1; break;
    }
    s->script = f->script <= 2 ? (uint8_t)f->script : 0;
    s->font_color = f->icv == 0x7FFF ? PXL_STYLE_COLOR_AUTO : color(st, f->icv);
}

/* A BIFF8 or BIFF5 XF's look beyond its number format. */
static void decode_xf(pxl_cell_style *s, const pxl_biff_styles *st, const uint8_t *x)
{
    unsigned ifnt = u16(x);
    size_t font_count = st->fonts.len / sizeof(pxl_biff_font);
    size_t font = ifnt > PXL_FONT_INDEX_SKIPPED ? ifnt - 1u : ifnt;
    if (ifnt != PXL_FONT_INDEX_SKIPPED && font < font_count)
        apply_font(s, st, (const pxl_biff_font *)(const void *)st->fonts.data + font);
    unsigned flags = u16(x + 4);
    s->locked = (flags & 0x01) != 0;
    s->hidden = (flags & 0x02) != 0;
    s->halign = x[6] & 0x07;
    s->wrap = (x[6] & 0x08) != 0;
    s->valign = (x[6] >> 4) & 0x07;
    unsigned trot;
    if (st->biff >= 8) {
        /* MS-XLS 2.4.353: trot, cIndent/fShrinkToFit, then borders and fill in 10 bytes */
        trot = x[7];
        s->indent = x[8] & 0x0F;
        s->shrink = (x[8] & 0x10) != 0;
        uint32_t b1 = u32(x + 10), b2 = u32(x + 14);
        unsigned fill = u16(x + 18);
        s->border[0] = b1 & 0x0F;
        s->border[1] = (b1 >> 4) & 0x0F;
        s->border[2] = (b1 >> 8) & 0x0F;
        s->border[3] = (b1 >> 12) & 0x0F;
        s->border_color[0] = color(st, (b1 >> 16) & 0x7F);
        s->border_color[1] = color(st, (b1 >> 23) & 0x7F);
        s->diag_down = (b1 >> 30) & 1;
        s->diag_up = (b1 >> 31) & 1;
        s->border_color[2] = color(st, b2 & 0x7F);
        s->border_color[3] = color(st, (b2 >> 7) & 0x7F);
        s->diag_color = color(st, (b2 >> 14) & 0x7F);
        s->diag_border = (b2 >> 21) & 0x0F;
        s->pattern = (b2 >> 26) & 0x3F;
        s->pattern_fg = color(st, fill & 0x7F);
        s->pattern_bg = color(st, (fill >> 7) & 0x7F);
    } else {
        /* BIFF5 ("Excel File Format" 6.115): orientation, then fill and borders in 8 bytes */
        static const uint8_t orientation[4] = {0, PXL_ROTATION_STACKED, 90, 180};
        trot = orientation[x[7] & 0x03];
        uint32_t b1 = u32(x + 8), b2 = u32(x + 12);
        s->pattern_fg = color(st, b1 & 0x7F);
        s->pattern_bg = color(st, (b1 >> 7) & 0x7F);
        s->pattern = (b1 >> 16) & 0x3F;
        s->border[3] = (b1 >> 22) & 0x07;
        s->border_color[3] = color(st, (b1 >> 25) & 0x7F);
        s->border[2] = b2 & 0x07;
        s->border[0] = (b2 >> 3) & 0x07;
        s->border[1] = (b2 >> 6) & 0x07;
        s->border_color[2] = color(st, (b2 >> 9) & 0x7F);
        s->border_color[0] = color(st, (b2 >> 16) & 0x7F);
        s->border_color[1] = color(st, (b2 >> 23) & 0x7F);
    }
    /* trot: 0-90 degrees up, 91-180 are 1-90 degrees down (MS-XLS 2.4.353 XF trot) */
    if (trot == PXL_ROTATION_STACKED)
        s->rotation = PXL_LXW_ROTATION_STACKED;
    else if (trot <= 90)
        s->rotation = (int16_t)trot;
    else if (trot <= 180)
        s->rotation = (int16_t)(90 - (int)trot);
    if (s->pattern > 18)
        s->pattern = 1;
    if (s->halign > 7)
        s->halign = 0;
    if (s->valign > 4)
        s->valign = 2;
}

int pxl_biff_styles_resolve(pxl_biff_styles *st, int biff, const pxl_xf_table *xf)
{
    st->biff = biff;
    size_t n = st->xfs.len / 20;
    if (n > xf->xf_count)
        n = xf->xf_count; /* both count the same records */
    free(st->table);
    st->table = calloc(n ? n : 1, sizeof *st->table);
    if (!st->table)
        return -1;
    st->count = n;
    /* The last FORMAT record for an id wins (as in xf.c): a search per XF, backwards, over a
     * few dozen FORMAT records at most in files Excel writes. */
    const struct format_entry *formats = (const void *)st->formats.data;
    size_t format_count = st->formats.len / sizeof *formats;
    for (size_t i = 0; i < n; i++) {
        pxl_cell_style *s = &st->table[i];
        const uint8_t *x = (const uint8_t *)st->xfs.data + 20 * i;
        unsigned id = xf->xf_format[i];
        *s = (pxl_cell_style){.font_color = PXL_STYLE_COLOR_AUTO, .pattern_fg = PXL_STYLE_COLOR_AUTO,
                              .pattern_bg = PXL_STYLE_COLOR_AUTO, .diag_color = PXL_STYLE_COLOR_AUTO,
                              .border_color = {PXL_STYLE_COLOR_AUTO, PXL_STYLE_COLOR_AUTO,
                                               PXL_STYLE_COLOR_AUTO, PXL_STYLE_COLOR_AUTO},
                              .valign = 2, .locked = 1};
        s->num_format_id = (uint16_t)id;
        for (size_t f = format_count; f-- > 0;) {
            if (formats[f].id == id) {
                s->num_format = st->strings.data + formats[f].text;
                break;
            }
        }
        /* BIFF2-4 number their FORMAT records: an id without one has no meaning */
        s->num_format_builtin = !s->num_format && biff >= 5 && standard_builtin(id);
        s->num_format_date = (s->num_format || s->num_format_builtin) && pxl_xf_kind(xf, (unsigned)i) != PXL_NUMFMT_NUMBER;
        if (biff >= 5)
            decode_xf(s, st, x);
    }
    return 0;
}

void pxl_biff_styles_free(pxl_biff_styles *st)
{
    pxl_buf_free(&st->strings);
    pxl_buf_free(&st->fonts);
    pxl_buf_free(&st->formats);
    pxl_buf_free(&st->xfs);
    free(st->table);
    *st = (pxl_biff_styles){0};
}
