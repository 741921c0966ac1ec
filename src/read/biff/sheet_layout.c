/*
 * A worksheet's layout from its records (sheet_layout.h). Record layouts: MS-XLS 2.4
 * (COLINFO 2.4.53, DEFCOLWIDTH 2.4.89, STANDARDWIDTH 2.4.284, ROW 2.4.221,
 * DEFAULTROWHEIGHT 2.4.87, WINDOW1 2.4.345, WINDOW2 2.4.346, PANE 2.4.189, SELECTION
 * 2.4.248, SCL 2.4.247, SHEETEXT 2.4.269, PALETTE 2.4.188); BIFF2-4 variants from
 * OpenOffice's "Excel File Format" (5.x). What a record cannot hold (cut short) is
 * ignored: layout is never a reason to refuse a workbook whose cells read.
 */
#include <stdlib.h>
#include <string.h>

#include "sheet_layout.h"
#include "text.h"

#define REC_SELECTION 0x001D
#define REC_COLWIDTH2 0x0024         /* BIFF2 */
#define REC_DEFAULTROWHEIGHT2 0x0025 /* BIFF2 */
#define REC_WINDOW1 0x003D
#define REC_WINDOW2_BIFF2 0x003E     /* BIFF2 */
#define REC_PANE 0x0041
#define REC_DEFCOLWIDTH 0x0055
#define REC_COLINFO 0x007D
#define REC_PALETTE 0x0092
#define REC_STANDARDWIDTH 0x0099
#define REC_SCL 0x00A0
#define REC_ROW2 0x0008              /* BIFF2 */
#define REC_ROW 0x0208
#define REC_DEFAULTROWHEIGHT 0x0225
#define REC_WINDOW2 0x023E
#define REC_SHEETEXT 0x0862
/* print setup */
#define REC_HEADER 0x0014
#define REC_FOOTER 0x0015
#define REC_LEFTMARGIN 0x0026            /* LEFT, RIGHT, TOP, BOTTOMMARGIN: 0x0026..0x0029 */
#define REC_BOTTOMMARGIN 0x0029
#define REC_PRINTHEADERS 0x002A
#define REC_PRINTGRIDLINES 0x002B
#define REC_WSBOOL 0x0081
#define REC_HCENTER 0x0083
#define REC_VCENTER 0x0084
#define REC_SETUP 0x00A1
/* cell comments (MS-XLS 2.4.179 NOTE, 2.4.181 OBJ with FtCmo 2.5.143, 2.4.329 TXO) */
#define REC_NOTE 0x001C
#define REC_CONTINUE 0x003C
#define REC_OBJ 0x005D
#define REC_TXO 0x01B6
#define FT_CMO 0x0015
#define OT_NOTE 0x0019
#define NOTE_SHOWN 0x0002
/* Excel's limit on a comment's characters (and libxlsxwriter's), and what one sheet keeps. */
#define NOTE_MAX_CHARS 32767
#define MAX_NOTES 65536
#define MAX_NOTE_TEXT (32u << 20)
/* SETUP grbit (MS-XLS 2.4.257). */
#define SETUP_PORTRAIT 0x0002
#define SETUP_NO_PLS 0x0004      /* the printer fields (paper, scale, orientation) are not valid */
#define SETUP_NO_ORIENT 0x0040   /* no orientation set */
#define SETUP_USE_PAGE 0x0080    /* iPageStart applies */
#define SETUP_SIZE 34
/* WSBOOL fFitToPage. */
#define WSBOOL_FIT_TO_PAGE 0x0100

/* The columns and rows of a BIFF sheet (BIFF8: 256 x 65 536). */
#define BIFF_LAST_COL 255
/* Bounds on what one sheet keeps, so that a hostile file cannot grow memory: a sheet
 * has 256 columns and 65 536 rows; records past that are repeats. */
#define MAX_COL_RECORDS 1024
#define MAX_ROW_RECORDS 65536

/* Excel's row height for Arial 10, the default font of Excel 97-2003 (twips). */
#define EXCEL_DEFAULT_ROW_TWIPS 255
/* ROW miyRw: bits 0-14 the height; in BIFF2-4 bit 15 says "default height". */
#define ROW_HEIGHT_MASK 0x7FFF
#define ROW_HEIGHT_DEFAULT 0x8000
/* ROW grbit (BIFF3-8). */
#define ROW_LEVEL_MASK 0x0007
#define ROW_HIDDEN 0x0020
/* COLINFO grbit. */
#define COL_HIDDEN 0x0001
#define COL_LEVEL_SHIFT 8
#define COL_LEVEL_MASK 0x0007
/* WINDOW2 grbit (BIFF3-8). */
#define WIN_GRID 0x0002
#define WIN_FROZEN 0x0008
#define WIN_SELECTED 0x0200
/* DEFAULTROWHEIGHT grbit: rows without a ROW record are hidden. */
#define DEFROW_HIDDEN 0x0002
/* PANE pnn of the top-left pane: the active one of a window without panes. */
#define PANE_TOP_LEFT 3
/* SHEETEXT: FrtHeader (12 bytes), cb (4), then icvPlain's 7 bits. */
#define SHEETEXT_ICV_AT 16
#define ICV_MASK 0x7F

/* The default palette of Excel 97-2003 (indexes 8..63). */
static const uint32_t default_palette[PXL_PALETTE_SIZE] = {
    0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF,
    0x800000, 0x008000, 0x000080, 0x808000, 0x800080, 0x008080, 0xC0C0C0, 0x808080,
    0x9999FF, 0x993366, 0xFFFFCC, 0xCCFFFF, 0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF,
    0x000080, 0xFF00FF, 0xFFFF00, 0x00FFFF, 0x800080, 0x800000, 0x008080, 0x0000FF,
    0x00CCFF, 0xCCFFFF, 0xCCFFCC, 0xFFFF99, 0x99CCFF, 0xFF99CC, 0xCC99FF, 0xFFCC99,
    0x3366FF, 0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900, 0xFF6600, 0x666699, 0x969696,
    0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366, 0x333399, 0x333333,
};

static int add_col(pxl_biff_layout *l, unsigned first, unsigned last, unsigned width, unsigned grbit)
{
    if (first > BIFF_LAST_COL || l->cols.len / sizeof(pxl_col_layout) >= MAX_COL_RECORDS)
        return 0;
    if (last > BIFF_LAST_COL)
        last = BIFF_LAST_COL; /* Excel writes 256 for "to the end" */
    if (last < first)
        return 0;
    pxl_col_layout c = { (uint16_t)first, (uint16_t)last, (uint16_t)width, (uint8_t)(grbit & COL_HIDDEN),
                         (uint8_t)((grbit >> COL_LEVEL_SHIFT) & COL_LEVEL_MASK) };
    return pxl_buf_append(&l->cols, &c, sizeof c);
}

static int add_row(pxl_biff_layout *l, int biff, const uint8_t *d, uint16_t len)
{
    if (len < 8 || l->rows.len / sizeof(pxl_row_layout) >= MAX_ROW_RECORDS)
        return 0;
    unsigned miy = pxl_u16(d + 6);
    unsigned height = miy & ROW_HEIGHT_MASK;
    unsigned grbit = biff >= 3 && len >= 14 ? pxl_u16(d + 12) : 0;
    int hidden = (grbit & ROW_HIDDEN) != 0;
    unsigned level = grbit & ROW_LEVEL_MASK;
    unsigned deflt = l->view.default_height ? l->view.default_height : EXCEL_DEFAULT_ROW_TWIPS;
    /* A row at the sheet's default height is no layout of its own. Its height counts
     * whether or not Excel set fUnsynced (a height set by hand): a row grown for a larger
     * font has its height here too, and the .xlsx would not grow it. */
    int own_height = !(miy & ROW_HEIGHT_DEFAULT) && height != deflt;
    if (!hidden && !level && !own_height)
        return 0;
    pxl_row_layout r = { pxl_u16(d), (uint16_t)height, (uint8_t)hidden, (uint8_t)level };
    return pxl_buf_append(&l->rows, &r, sizeof r);
}

/* HEADER or FOOTER (BIFF8: XLUnicodeString; an empty record: none) into @p out. 8-bit texts of
 * BIFF5 and earlier need the code page, which the substream walk has not: left out. */
static int read_header(char *out, int biff, const uint8_t *d, uint16_t len)
{
    out[0] = '\0';
    if (biff < 8 || len < 3)
        return 0;
    size_t cch = pxl_u16(d);
    int wide = d[2] & 0x01;
    size_t room = (size_t)(len - 3) / (wide ? 2 : 1);
    if (cch > room)
        cch = room;
    pxl_buf text = {0};
    int rc = wide ? pxl_text_append_utf16(&text, d + 3, cch) : pxl_text_append_latin1(&text, d + 3, cch);
    if (rc != 0) {
        pxl_buf_free(&text);
        return -1;
    }
    size_t n = text.len < PXL_HEADER_MAX - 1 ? text.len : PXL_HEADER_MAX - 1;
    while (n && n < text.len && ((unsigned char)text.data[n] & 0xC0) == 0x80)
        n--; /* on a character's boundary */
    if (n)
        memcpy(out, text.data, n);
    out[n] = '\0';
    pxl_buf_free(&text);
    return 0;
}

static void read_setup(pxl_print_setup *p, const uint8_t *d, uint16_t len)
{
    if (len < SETUP_SIZE)
        return;
    unsigned grbit = pxl_u16(d + 10);
    p->fit_width = pxl_u16(d + 6);
    p->fit_height = pxl_u16(d + 8);
    p->first_page = grbit & SETUP_USE_PAGE ? pxl_u16(d + 4) : 0;
    p->has_hf_margins = 1;
    p->header_margin = pxl_f64(d + 16);
    p->footer_margin = pxl_f64(d + 24);
    if (!(grbit & SETUP_NO_PLS)) {
        p->has_setup = 1;
        p->paper = pxl_u16(d);
        p->scale = pxl_u16(d + 2);
        p->landscape = !(grbit & SETUP_NO_ORIENT) && !(grbit & SETUP_PORTRAIT);
    }
}

static int read_print(pxl_print_setup *p, int biff, const pxl_biff_record *rec)
{
    const uint8_t *d = rec->data;
    switch (rec->type) {
    case REC_HEADER:
        return read_header(p->header, biff, d, rec->len);
    case REC_FOOTER:
        return read_header(p->footer, biff, d, rec->len);
    case REC_PRINTHEADERS:
        p->print_headings = rec->len >= 2 && pxl_u16(d) != 0;
        break;
    case REC_PRINTGRIDLINES:
        p->print_gridlines = rec->len >= 2 && pxl_u16(d) != 0;
        break;
    case REC_WSBOOL:
        p->fit = rec->len >= 2 && (pxl_u16(d) & WSBOOL_FIT_TO_PAGE) != 0;
        break;
    case REC_HCENTER:
        p->center_h = rec->len >= 2 && pxl_u16(d) != 0;
        break;
    case REC_VCENTER:
        p->center_v = rec->len >= 2 && pxl_u16(d) != 0;
        break;
    case REC_SETUP:
        read_setup(p, d, rec->len);
        break;
    default:
        if (rec->type >= REC_LEFTMARGIN && rec->type <= REC_BOTTOMMARGIN && rec->len >= 8) {
            double inches = pxl_f64(d);
            /* a margin Excel cannot show (damaged, or not a number) is left at the default */
            if (inches >= 0 && inches < 100) {
                p->has_margin[rec->type - REC_LEFTMARGIN] = 1;
                p->margin[rec->type - REC_LEFTMARGIN] = inches;
            }
        }
        break;
    }
    return 0;
}

static void read_window2(pxl_biff_layout *l, int biff, const uint8_t *d, uint16_t len)
{
    pxl_sheet_layout *v = &l->view;
    if (biff == 2) {
        if (len < 9)
            return;
        v->gridlines = d[1] != 0;
        l->frozen = d[3] != 0;
        v->top_row = pxl_u16(d + 5);
        v->left_col = pxl_u16(d + 7);
        v->selected = 1;
    } else {
        if (len < 6)
            return;
        unsigned grbit = pxl_u16(d);
        v->gridlines = (grbit & WIN_GRID) != 0;
        l->frozen = (grbit & WIN_FROZEN) != 0;
        v->selected = (grbit & WIN_SELECTED) != 0;
        v->top_row = pxl_u16(d + 2);
        v->left_col = pxl_u16(d + 4);
    }
    v->has_window = 1;
}

static void read_selection(pxl_biff_layout *l, const uint8_t *d, uint16_t len)
{
    /* pnn (1), rwAct, colAct, irefAct, cref (2 each), then cref RefU (rwFirst, rwLast: 2; colFirst, colLast: 1) */
    if (len < 9)
        return;
    unsigned want = l->has_pane ? l->active_pane : PANE_TOP_LEFT;
    if (d[0] != want)
        return;
    pxl_sheet_layout *v = &l->view;
    v->has_selection = 1;
    v->active_row = pxl_u16(d + 1);
    v->active_col = pxl_u16(d + 3);
    v->selection = (pxl_range){ v->active_row, v->active_col, v->active_row, v->active_col };
    unsigned iref = pxl_u16(d + 5), cref = pxl_u16(d + 7);
    size_t at = 9 + (size_t)iref * 6;
    if (iref < cref && at + 6 <= len) {
        pxl_range r = { pxl_u16(d + at), d[at + 4], pxl_u16(d + at + 2), d[at + 5] };
        /* the range the active cell lies in, when it does */
        if (r.first_row <= r.last_row && r.first_col <= r.last_col && r.first_row <= v->active_row &&
            v->active_row <= r.last_row && r.first_col <= v->active_col && v->active_col <= r.last_col)
            v->selection = r;
    }
}

/* End the text being read (cut short when its CONTINUE records stop early). */
static int end_txo(pxl_biff_layout *l)
{
    l->in_txo = 0;
    return pxl_buf_append(&l->note_text, "", 1);
}

/* Characters of 8-bit or UTF-16 text at @p d (@p bytes of it) into note_text, at most *left. */
static int take_chars(pxl_biff_layout *l, int wide, const uint8_t *d, size_t bytes, uint32_t *left)
{
    size_t n = bytes / (wide ? 2 : 1);
    if (n > *left)
        n = *left;
    if (l->note_text.len + n * 3 > MAX_NOTE_TEXT)
        n = 0; /* a sheet's comments beyond 32 MB keep no more text */
    *left -= (uint32_t)n;
    return wide ? pxl_text_append_utf16(&l->note_text, d, n) : pxl_text_append_latin1(&l->note_text, d, n);
}

static int read_notes(pxl_biff_layout *l, int biff, const pxl_biff_record *rec)
{
    const uint8_t *d = rec->data;
    if (biff < 8)
        return 0; /* BIFF5's NOTE holds 8-bit text whose code page the walk has not */
    if (l->in_txo && rec->type != REC_CONTINUE && end_txo(l) != 0)
        return -1;
    switch (rec->type) {
    case REC_OBJ:
        /* the first subrecord is FtCmo: ft, cb, ot, id */
        l->obj_is_note = rec->len >= 8 && pxl_u16(d) == FT_CMO && pxl_u16(d + 4) == OT_NOTE;
        l->obj_id = rec->len >= 8 ? pxl_u16(d + 6) : 0;
        break;
    case REC_TXO:
        if (l->obj_is_note && rec->len >= 14) {
            uint32_t pair[2] = { l->obj_id, (uint32_t)l->note_text.len };
            if (pxl_buf_append(&l->pending, pair, sizeof pair) != 0)
                return -1;
            l->txo_left = pxl_u16(d + 10);
            if (l->txo_left > NOTE_MAX_CHARS)
                l->txo_left = NOTE_MAX_CHARS;
            l->in_txo = 1;
            if (!l->txo_left)
                return end_txo(l);
        }
        l->obj_is_note = 0;
        break;
    case REC_CONTINUE:
        /* each CONTINUE of the text starts with its own fHighByte */
        if (l->in_txo && rec->len >= 1) {
            if (take_chars(l, d[0] & 0x01, d + 1, rec->len - 1u, &l->txo_left) != 0)
                return -1;
            if (!l->txo_left)
                return end_txo(l);
        }
        break;
    case REC_NOTE: {
        /* rw, col, grbit, idObj (2 each), then stAuthor: cch (2), fHighByte (1), characters */
        if (rec->len < 11 || l->notes.len / sizeof(pxl_note) >= MAX_NOTES)
            break;
        unsigned id = pxl_u16(d + 6);
        const uint32_t *pairs = (const uint32_t *)l->pending.data;
        size_t n = l->pending.len / (2 * sizeof(uint32_t)), k = n;
        while (k > 0 && pairs[2 * (k - 1)] != id)
            k--;
        if (!k)
            break; /* no text for it: no comment to write */
        pxl_note note = { pxl_u16(d), pxl_u16(d + 2), (pxl_u16(d + 4) & NOTE_SHOWN) != 0,
                          (uint32_t)l->note_text.len, pairs[2 * (k - 1) + 1] };
        int wide = d[10] & 0x01;
        uint32_t cch = pxl_u16(d + 8);
        if (take_chars(l, wide, d + 11, rec->len - 11u, &cch) != 0 || pxl_buf_append(&l->note_text, "", 1) != 0 ||
            pxl_buf_append(&l->notes, &note, sizeof note) != 0)
            return -1;
        break;
    }
    default:
        break;
    }
    return 0;
}

int pxl_biff_layout_record(pxl_biff_layout *l, int biff, const pxl_biff_record *rec)
{
    const uint8_t *d = rec->data;
    pxl_sheet_layout *v = &l->view;
    if (read_notes(l, biff, rec) != 0)
        return -1;
    switch (rec->type) {
    case REC_COLINFO:
        if (biff >= 3 && rec->len >= 10)
            return add_col(l, pxl_u16(d), pxl_u16(d + 2), pxl_u16(d + 4), pxl_u16(d + 8));
        break;
    case REC_COLWIDTH2:
        if (biff == 2 && rec->len >= 4)
            return add_col(l, d[0], d[1], pxl_u16(d + 2), 0);
        break;
    case REC_DEFCOLWIDTH:
        if (rec->len >= 2)
            v->default_chars = pxl_u16(d);
        break;
    case REC_STANDARDWIDTH:
        if (rec->len >= 2)
            v->default_width = pxl_u16(d);
        break;
    case REC_DEFAULTROWHEIGHT:
        if (biff >= 3 && rec->len >= 4) {
            v->default_hidden = (pxl_u16(d) & DEFROW_HIDDEN) != 0;
            v->default_height = pxl_u16(d + 2) & ROW_HEIGHT_MASK;
        }
        break;
    case REC_DEFAULTROWHEIGHT2:
        if (biff == 2 && rec->len >= 2)
            v->default_height = pxl_u16(d) & ROW_HEIGHT_MASK;
        break;
    case REC_ROW:
        if (biff >= 3)
            return add_row(l, biff, d, rec->len);
        break;
    case REC_ROW2:
        if (biff == 2)
            return add_row(l, biff, d, rec->len);
        break;
    case REC_WINDOW2:
        if (biff >= 3)
            read_window2(l, biff, d, rec->len);
        break;
    case REC_WINDOW2_BIFF2:
        if (biff == 2)
            read_window2(l, biff, d, rec->len);
        break;
    case REC_PANE:
        /* x, y, rwTop, colLeft (2 each), pnnAcct (1) */
        if (rec->len >= 9) {
            v->pane_x = pxl_u16(d);
            v->pane_y = pxl_u16(d + 2);
            v->pane_top_row = pxl_u16(d + 4);
            v->pane_left_col = pxl_u16(d + 6);
            l->active_pane = d[8];
            l->has_pane = 1;
        }
        break;
    case REC_SELECTION:
        read_selection(l, d, rec->len);
        break;
    case REC_SCL:
        /* nscl / dscl; Excel shows 10 % to 400 % */
        if (rec->len >= 4 && pxl_u16(d + 2)) {
            unsigned zoom = (unsigned)pxl_u16(d) * 100u / pxl_u16(d + 2);
            v->zoom = (uint16_t)(zoom < 10 ? 10 : zoom > 400 ? 400 : zoom);
        }
        break;
    case REC_SHEETEXT:
        if (biff >= 8 && rec->len >= SHEETEXT_ICV_AT + 1)
            l->tab_icv = d[SHEETEXT_ICV_AT] & ICV_MASK;
        break;
    default:
        return read_print(&v->print, biff, rec);
    }
    return 0;
}

void pxl_biff_layout_global(pxl_biff_book_view *view, int biff, const pxl_biff_record *rec)
{
    (void)biff;
    const uint8_t *d = rec->data;
    if (rec->type == REC_WINDOW1 && rec->len >= 12) {
        view->has_active = 1;
        view->active_tab = pxl_u16(d + 10);
    } else if (rec->type == REC_PALETTE && rec->len >= 2) {
        /* ccv (2), then ccv LongRGB (red, green, blue, reserved) from index 8 on */
        if (!view->has_palette)
            memcpy(view->palette, default_palette, sizeof view->palette);
        view->has_palette = 1;
        size_t n = pxl_u16(d);
        for (size_t i = 0; i < n && i < PXL_PALETTE_SIZE && 2 + 4 * i + 3 <= rec->len; i++) {
            const uint8_t *c = d + 2 + 4 * i;
            view->palette[i] = (uint32_t)c[0] << 16 | (uint32_t)c[1] << 8 | c[2];
        }
    }
}

int pxl_biff_layout_copy(pxl_biff_layout *dst, const pxl_biff_layout *src)
{
    *dst = *src;
    dst->cols = (pxl_buf){0};
    dst->rows = (pxl_buf){0};
    dst->notes = (pxl_buf){0};
    dst->note_text = (pxl_buf){0};
    dst->pending = (pxl_buf){0}; /* the walk is over: its bookkeeping stays behind */
    if ((src->cols.len && pxl_buf_append(&dst->cols, src->cols.data, src->cols.len) != 0) ||
        (src->rows.len && pxl_buf_append(&dst->rows, src->rows.data, src->rows.len) != 0) ||
        (src->notes.len && pxl_buf_append(&dst->notes, src->notes.data, src->notes.len) != 0) ||
        (src->note_text.len && pxl_buf_append(&dst->note_text, src->note_text.data, src->note_text.len) != 0)) {
        pxl_biff_layout_free(dst);
        return -1;
    }
    return 0;
}

void pxl_biff_layout_free(pxl_biff_layout *layout)
{
    pxl_buf_free(&layout->cols);
    pxl_buf_free(&layout->rows);
    pxl_buf_free(&layout->notes);
    pxl_buf_free(&layout->note_text);
    pxl_buf_free(&layout->pending);
}

/* A row record with its place in the file, so that the last of a repeated row wins. */
typedef struct numbered_row {
    pxl_row_layout r;
    size_t seq;
} numbered_row;

static int row_order(const void *pa, const void *pb)
{
    const numbered_row *a = pa, *b = pb;
    if (a->r.row != b->r.row)
        return a->r.row < b->r.row ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int export_rows(const pxl_biff_layout *l, pxl_sheet_layout *out)
{
    const pxl_row_layout *in = (const pxl_row_layout *)l->rows.data;
    size_t n = l->rows.len / sizeof *in;
    if (!n)
        return 0;
    if (!(out->rows = malloc(n * sizeof *out->rows)))
        return -1;
    size_t i = 1;
    while (i < n && in[i - 1].row < in[i].row)
        i++;
    if (i == n) { /* the usual case: in order already */
        memcpy(out->rows, in, n * sizeof *in);
        out->row_count = n;
        return 0;
    }
    numbered_row *tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        return -1;
    for (i = 0; i < n; i++)
        tmp[i] = (numbered_row){ in[i], i };
    qsort(tmp, n, sizeof *tmp, row_order);
    size_t k = 0;
    for (i = 0; i < n; i++) {
        if (k && out->rows[k - 1].row == tmp[i].r.row)
            k--;
        out->rows[k++] = tmp[i].r;
    }
    out->row_count = k;
    free(tmp);
    return 0;
}

int pxl_biff_layout_export(const pxl_biff_layout *l, const pxl_biff_book_view *view, pxl_sheet_layout *out)
{
    *out = l->view;
    out->cols = NULL;
    out->rows = NULL;
    out->notes = NULL;
    out->note_text = NULL;
    out->col_count = out->row_count = out->note_count = out->note_text_len = 0;
    if (l->has_pane && (l->view.pane_x || l->view.pane_y))
        out->pane = l->frozen ? PXL_PANE_FROZEN : PXL_PANE_SPLIT;
    if (l->tab_icv >= PXL_PALETTE_FIRST && l->tab_icv < PXL_PALETTE_FIRST + PXL_PALETTE_SIZE) {
        const uint32_t *palette = view && view->has_palette ? view->palette : default_palette;
        out->has_tab_color = 1;
        out->tab_color = palette[l->tab_icv - PXL_PALETTE_FIRST];
    }
    size_t nc = l->cols.len / sizeof(pxl_col_layout);
    if (nc) {
        if (!(out->cols = malloc(l->cols.len)))
            return -1;
        memcpy(out->cols, l->cols.data, l->cols.len);
        out->col_count = nc;
    }
    if (l->notes.len && l->note_text.len) {
        if (!(out->notes = malloc(l->notes.len)) || !(out->note_text = malloc(l->note_text.len))) {
            pxl_sheet_layout_free(out);
            return -1;
        }
        memcpy(out->notes, l->notes.data, l->notes.len);
        memcpy(out->note_text, l->note_text.data, l->note_text.len);
        out->note_count = l->notes.len / sizeof(pxl_note);
        out->note_text_len = l->note_text.len;
    }
    if (export_rows(l, out) != 0) {
        pxl_sheet_layout_free(out);
        return -1;
    }
    return 0;
}
