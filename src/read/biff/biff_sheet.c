/*
 * One worksheet's cells: its substream (BOF ... EOF, skipping nested chart and
 * object substreams) collected into one array of 32-byte cells and one string
 * buffer, sorted only when the file wrote them out of order, then handed out in
 * row-major order. Nothing here depends on the DIMENSIONS record, which files
 * get wrong (freexl 1.0.6 refuses cells outside it).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "biff_book.h"
#include "util/error_internal.h"
#include "formula.h"

/* Excel keeps formulas to 8192 characters (Excel 2007+ specifications and limits);
 * UTF-8 text of a decoded BIFF formula fits twice that. */

/* FORMULA's cached value is not a number when its last two bytes are 0xFFFF (MS-XLS 2.5.133). */
#define PXL_FORMULA_RESULT_STRING 0
#define PXL_FORMULA_RESULT_BOOLEAN 1
#define PXL_FORMULA_RESULT_ERROR 2
#define PXL_FORMULA_RESULT_EMPTY 3
/* freexl 1.0.6 hands out date and time cells as text rounded to whole seconds
 * (freexl.c compute_time: lround of the day's seconds); a value further than this
 * from a whole second loses its fraction there. A millisecond is far above the
 * rounding noise of a double serial (about 1e-6 s at serial 100 000). */
#define PXL_FREEXL_SECOND_TOLERANCE 1e-3
#define PXL_SECONDS_PER_DAY 86400.0
/* 1904-01-01 is serial 1462 of the 1900 system (MS-XLS 2.4.77). */
#define PXL_DAYS_1904 1462.0
/* 2100-03-02 in the 1900 system (2100-03-01 is 73110): freexl dates one day early from here. */
#define PXL_SERIAL_FREEXL_2100 73111.0
/* Record ids of BIFF2-8 that this file needs besides record.h's. */
#define PXL_REC_TABLE 0x0236
#define PXL_REC_TABLE2 0x0036

typedef struct sheet_reader {
    pxl_biff_book *book;
    const char *sheet;
    uint32_t seq;
    int sorted;
    uint32_t last_row, last_col;
    size_t string_cell;      /* FORMULA cell waiting for its STRING record, or SIZE_MAX */
    size_t exp_cell;         /* FORMULA cell waiting for its SHRFMLA/ARRAY, or SIZE_MAX */
    uint16_t exp_row, exp_col;
    uint16_t xf;             /* the XF index of the cell record being read */
    unsigned long formulas, undecoded;
} sheet_reader;

/* Error codes of BOOLERR and FORMULA results: an unknown one reads as #N/A. */
static const char *error_text(unsigned code)
{
    const char *text = pxl_biff_error_text(code);
    return text ? text : "#N/A";
}

static pxl_biff_cell *cells_of(const pxl_biff_book *book)
{
    return (pxl_biff_cell *)(void *)book->cells.data;
}

static pxl_error damaged(const sheet_reader *r, const pxl_biff_record *rec, const char *what)
{
    if (rec && rec->len >= 4) {
        char cell[16];
        pxl_cell_name(cell, sizeof cell, pxl_u16(rec->data), pxl_u16(rec->data + 2));
        return pxl_fail(PXL_ERR_CORRUPT, "%s:%s!%s: the file is damaged: %s", r->book->path, r->sheet, cell, what);
    }
    return pxl_fail(PXL_ERR_CORRUPT, "%s:%s: the file is damaged: %s", r->book->path, r->sheet, what);
}

/* Append a cell; SIZE_MAX when out of memory. */
static size_t add_cell(sheet_reader *r, uint32_t row, uint32_t col, pxl_cell_type type)
{
    pxl_biff_book *book = r->book;
    if (pxl_buf_reserve(&book->cells, sizeof(pxl_biff_cell)) != 0)
        return SIZE_MAX;
    size_t i = book->cell_count++;
    book->cells.len += sizeof(pxl_biff_cell);
    pxl_biff_cell *c = cells_of(book) + i;
    *c = (pxl_biff_cell){ .row = row, .col = (uint16_t)col, .type = (uint8_t)type, .seq = r->seq++,
                          .text = PXL_BIFF_NO_TEXT, .formula = PXL_BIFF_NO_TEXT, .xf = r->xf };
    if (i > 0 && (row < r->last_row || (row == r->last_row && col <= r->last_col)))
        r->sorted = 0;
    r->last_row = row;
    r->last_col = col;
    return i;
}

/* A number, or a date/time when its XF says so (converted to the 1900 system). */
static size_t add_number(sheet_reader *r, uint32_t row, uint32_t col, unsigned xf, double v)
{
    const pxl_biff_book *book = r->book;
    pxl_cell_type type = pxl_numfmt_cell(pxl_xf_kind(&book->xf, xf), book->date1904, &v);
    size_t i = add_cell(r, row, col, type);
    if (i != SIZE_MAX)
        cells_of(r->book)[i].number = v;
    return i;
}

/* Start a string in book->strings; returns its offset, or UINT32_MAX when the buffer is full. */
static uint32_t string_start(const sheet_reader *r)
{
    return r->book->strings.len >= UINT32_MAX ? UINT32_MAX : (uint32_t)r->book->strings.len;
}

static pxl_error read_cell_string(sheet_reader *r, const pxl_biff_record *rec, size_t header, int cch_bytes,
                                  uint32_t *offset)
{
    pxl_biff_book *book = r->book;
    pxl_biff_cursor c;
    pxl_biff_cursor_init(&c, &book->s, rec);
    if (pxl_biff_cursor_skip(&c, header) != 0)
        return damaged(r, rec, "a text cell is cut short");
    size_t cch;
    if (cch_bytes == 1) {
        uint8_t n;
        if (pxl_biff_cursor_u8(&c, &n) != 0)
            return damaged(r, rec, "a text cell is cut short");
        cch = n;
    } else {
        uint16_t n;
        if (pxl_biff_cursor_u16(&c, &n) != 0)
            return damaged(r, rec, "a text cell is cut short");
        cch = n;
    }
    *offset = string_start(r);
    if (*offset == UINT32_MAX)
        return pxl_fail_nomem();
    int rc = book->biff >= 8 ? pxl_text_read_unicode(&c, cch, &book->strings)
                             : pxl_text_read_8bit(&c, cch, &book->cp, &book->strings);
    if (rc == PXL_TEXT_OK && pxl_buf_append(&book->strings, "", 1) != 0)
        rc = PXL_TEXT_NOMEM;
    if (rc == PXL_TEXT_NOMEM)
        return pxl_fail_nomem();
    if (rc != PXL_TEXT_OK)
        return damaged(r, rec, "a text is cut short");
    return PXL_OK;
}

static pxl_error decode_formula(sheet_reader *r, size_t cell, const uint8_t *tokens, size_t len,
                                const uint8_t *extra, size_t extra_len, int shared)
{
    pxl_biff_book *book = r->book;
    pxl_biff_cell *c = cells_of(book) + cell;
    if (book->biff < 5)
        return PXL_OK; /* BIFF2-4 tokens differ; the cached value stands */
    pxl_formula_context ctx = { book->biff, c->row, c->col, pxl_biff_sheet_ref, pxl_biff_name, book,
                                shared, pxl_biff_extern_name, pxl_biff_sheet_name, 0 };
    char out[PXL_FORMULA_TEXT_MAX];
    const char *reason = NULL;
    if (pxl_formula_decode(tokens, len, extra, extra_len, &ctx, out, sizeof out, &reason) != PXL_FORMULA_OK)
        return PXL_OK; /* counted when the sheet is done: formula stays NULL */
    uint32_t off = string_start(r);
    if (off == UINT32_MAX || pxl_buf_append(&book->strings, out, strlen(out) + 1) != 0)
        return pxl_fail_nomem();
    cells_of(book)[cell].formula = off;
    return PXL_OK;
}

/* Cell @p cell is part of the shared or array formula @p sh: decode its tokens for the cell. */
static pxl_error decode_shared(sheet_reader *r, size_t cell, const pxl_biff_shared *sh)
{
    /* shared_bytes has no buffer when every shared formula so far was empty */
    const uint8_t *tokens = r->book->shared_bytes.data ? (const uint8_t *)r->book->shared_bytes.data + sh->at
                                                       : (const uint8_t *)"";
    return decode_formula(r, cell, tokens, sh->tokens_len, tokens + sh->tokens_len, sh->extra_len, sh->is_shrfmla);
}

/* Shared and array formulas are looked up by their anchor cell for every cell of
 * their range: a hash keeps that O(1) however many a sheet holds. */
static size_t anchor_slot(uint32_t row, uint32_t col, size_t slots)
{
    uint32_t key = (row << 16) ^ col;
    return (size_t)((key * 2654435761u) & (uint32_t)(slots - 1));
}

static const pxl_biff_shared *find_shared(const pxl_biff_book *book, uint32_t row, uint32_t col)
{
    if (!book->shared_slots)
        return NULL;
    for (size_t h = anchor_slot(row, col, book->shared_slots);; h = (h + 1) & (book->shared_slots - 1)) {
        uint32_t i = book->shared_index[h];
        if (i == 0)
            return NULL;
        const pxl_biff_shared *sh = &book->shared[i - 1];
        if (sh->row_first == row && sh->col_first == col)
            return sh;
    }
}

/* The shared formula an anchor inside its range (not its first cell) was mapped to. */
static const pxl_biff_shared *find_shared_alias(const pxl_biff_book *book, uint32_t row, uint32_t col)
{
    const pxl_biff_shared_alias *a = (const pxl_biff_shared_alias *)book->shared_alias.data;
    size_t n = book->shared_alias.len / sizeof *a;
    for (size_t k = n; k-- > 0;)
        if (a[k].row == row && a[k].col == col)
            return &book->shared[a[k].index];
    return NULL;
}

/* Index shared[n]; a later record for the same anchor replaces the earlier one. */
static int index_shared(pxl_biff_book *book, size_t n)
{
    if (2 * (n + 1) > book->shared_slots) {
        size_t slots = book->shared_slots ? book->shared_slots * 2 : 64;
        uint32_t *index = calloc(slots, sizeof *index);
        if (!index)
            return -1;
        free(book->shared_index);
        book->shared_index = index;
        book->shared_slots = slots;
        for (size_t k = 0; k < n; k++)
            if (index_shared(book, k) != 0)
                return -1;
    }
    const pxl_biff_shared *sh = &book->shared[n];
    for (size_t h = anchor_slot(sh->row_first, sh->col_first, book->shared_slots);;
         h = (h + 1) & (book->shared_slots - 1)) {
        uint32_t i = book->shared_index[h];
        if (i == 0 || (book->shared[i - 1].row_first == sh->row_first && book->shared[i - 1].col_first == sh->col_first)) {
            book->shared_index[h] = (uint32_t)(n + 1);
            return 0;
        }
    }
}

static pxl_error read_formula(sheet_reader *r, const pxl_biff_record *rec)
{
    pxl_biff_book *book = r->book;
    const uint8_t *d = rec->data;
    size_t header, cce, xf;
    const uint8_t *value;
    /* FORMULA layouts: BIFF5/8 (MS-XLS 2.4.127) rw col ixfe num grbit chn cce rgce;
     * BIFF3/4 the same without chn; BIFF2 rw col rgbAttr(3) num fRecalc cce(1) rgce. */
    if (book->biff == 2) {
        header = 17;
        if (rec->len < header)
            return damaged(r, rec, "a formula cell is cut short");
        xf = d[4] & 0x3F;
        value = d + 7;
        cce = d[16];
    } else {
        header = book->biff >= 5 ? 22 : 18;
        if (rec->len < header)
            return damaged(r, rec, "a formula cell is cut short");
        xf = pxl_u16(d + 4);
        value = d + 6;
        cce = pxl_u16(d + header - 2);
    }
    if (cce > rec->len - header)
        return damaged(r, rec, "a formula cell is cut short");
    const uint8_t *tokens = d + header;
    uint32_t row = pxl_u16(d), col = pxl_u16(d + 2);
    size_t i;
    if (value[6] == 0xFF && value[7] == 0xFF) {
        switch (value[0]) {
        case PXL_FORMULA_RESULT_BOOLEAN:
            i = add_cell(r, row, col, PXL_CELL_BOOLEAN);
            if (i != SIZE_MAX)
                cells_of(book)[i].number = value[2] ? 1.0 : 0.0;
            break;
        case PXL_FORMULA_RESULT_ERROR:
            i = add_cell(r, row, col, PXL_CELL_ERROR);
            if (i != SIZE_MAX) {
                cells_of(book)[i].text = value[2];
                cells_of(book)[i].flags |= PXL_BIFF_CELL_STATIC;
            }
            break;
        case PXL_FORMULA_RESULT_STRING:
            i = add_cell(r, row, col, PXL_CELL_TEXT);
            r->string_cell = i; /* the STRING record that follows holds the text */
            break;
        default: /* PXL_FORMULA_RESULT_EMPTY, and unknown kinds: an empty string */
            i = add_cell(r, row, col, PXL_CELL_TEXT);
            break;
        }
    } else {
        i = add_number(r, row, col, (unsigned)xf, pxl_f64(value));
    }
    if (i == SIZE_MAX)
        return pxl_fail_nomem();
    cells_of(book)[i].flags |= PXL_BIFF_CELL_FORMULA;
    uint32_t er, ec;
    switch (pxl_formula_exp_anchor(tokens, cce, &er, &ec)) {
    case 1: {
        /* part of a shared or array formula anchored at (er, ec) */
        const pxl_biff_shared *sh = find_shared(book, er, ec);
        if (!sh)
            sh = find_shared_alias(book, er, ec);
        if (sh)
            return decode_shared(r, i, sh);
        r->exp_cell = i; /* the anchor's SHRFMLA or ARRAY record comes next */
        r->exp_row = (uint16_t)er;
        r->exp_col = (uint16_t)ec;
        return PXL_OK;
    }
    case 2:
        return PXL_OK; /* a what-if data table: no formula text */
    default:
        return decode_formula(r, i, tokens, cce, tokens + cce, rec->len - header - cce, 0);
    }
}

static pxl_error read_shared(sheet_reader *r, const pxl_biff_record *rec)
{
    pxl_biff_book *book = r->book;
    /* SHRFMLA (MS-XLS 2.4.260): RefU, reserved, cUse, cce, rgce, rgbExtra.
     * ARRAY (2.4.4): RefU, grbit, chn, cce, rgce, rgbExtra. RefU: rwFirst rwLast colFirst colLast. */
    size_t header = rec->type == PXL_REC_SHRFMLA ? 10 : 14;
    if (rec->len < header)
        return damaged(r, NULL, "a shared formula (SHRFMLA or ARRAY record) is cut short");
    const uint8_t *d = rec->data;
    size_t cce = pxl_u16(d + header - 2);
    if (cce > rec->len - header)
        return damaged(r, NULL, "a shared formula (SHRFMLA or ARRAY record) is cut short");
    if (book->shared_count == book->shared_cap) {
        size_t cap = book->shared_cap ? book->shared_cap * 2 : 16;
        pxl_biff_shared *s = realloc(book->shared, cap * sizeof *s);
        if (!s)
            return pxl_fail_nomem();
        book->shared = s;
        book->shared_cap = cap;
    }
    if (book->shared_count >= UINT32_MAX - 1)
        return damaged(r, NULL, "the sheet holds too many shared formulas");
    pxl_biff_shared *sh = &book->shared[book->shared_count];
    *sh = (pxl_biff_shared){ rec->type == PXL_REC_SHRFMLA, pxl_u16(d), pxl_u16(d + 2), d[4], d[5],
                             book->shared_bytes.len, cce, rec->len - header - cce };
    if (pxl_buf_append(&book->shared_bytes, d + header, rec->len - header) != 0)
        return pxl_fail_nomem();
    if (index_shared(book, book->shared_count) != 0)
        return pxl_fail_nomem();
    book->shared_count++;
    if (r->exp_cell != SIZE_MAX && r->exp_row >= sh->row_first && r->exp_row <= sh->row_last &&
        r->exp_col >= sh->col_first && r->exp_col <= sh->col_last) {
        size_t cell = r->exp_cell;
        r->exp_cell = SIZE_MAX;
        if (r->exp_row != sh->row_first || r->exp_col != sh->col_first) {
            pxl_biff_shared_alias alias = { r->exp_row, r->exp_col, (uint32_t)(book->shared_count - 1) };
            if (pxl_buf_append(&book->shared_alias, &alias, sizeof alias) != 0)
                return pxl_fail_nomem();
        }
        return decode_shared(r, cell, sh);
    }
    return PXL_OK;
}

static pxl_error read_string_result(sheet_reader *r, const pxl_biff_record *rec)
{
    pxl_biff_book *book = r->book;
    if (r->string_cell == SIZE_MAX)
        return damaged(r, NULL, "a formula result (STRING record) stands without its formula");
    size_t cell = r->string_cell;
    r->string_cell = SIZE_MAX;
    uint32_t off;
    /* STRING (MS-XLS 2.4.268): BIFF8 XLUnicodeString; BIFF3-5 cch(2) and 8-bit text; BIFF2 cch(1). */
    pxl_error e = read_cell_string(r, rec, 0, rec->type == PXL_REC_STRING2 ? 1 : 2, &off);
    if (e != PXL_OK)
        return e;
    cells_of(book)[cell].text = off;
    return PXL_OK;
}

static int cmp_cells(const void *a, const void *b)
{
    const pxl_biff_cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort out-of-order cells; of a cell written twice, the later record wins (as in Excel). */
static void sort_cells(pxl_biff_book *book)
{
    pxl_biff_cell *c = cells_of(book);
    qsort(c, book->cell_count, sizeof *c, cmp_cells);
    size_t out = 0;
    for (size_t i = 0; i < book->cell_count; i++) {
        if (out > 0 && c[out - 1].row == c[i].row && c[out - 1].col == c[i].col)
            c[out - 1] = c[i];
        else
            c[out++] = c[i];
    }
    book->cell_count = out;
    book->cells.len = out * sizeof *c;
}

/* The cell records of the BIFF version in use; any of them ends a wait for STRING. */
/* How many cells a BLANK, BLANK2 or MULBLANK record of this BIFF version formats (0: none, or
 * cut short). BLANK rw col ixfe (MS-XLS 2.4.20); BIFF2's rw col rgbAttr(3); MULBLANK rw
 * colFirst rgixfe colLast (2.4.174). */
static size_t blank_span(int biff, const pxl_biff_record *rec, size_t *n)
{
    *n = 0;
    if (rec->type == PXL_REC_BLANK && biff >= 3 && rec->len >= 6)
        *n = 1;
    else if (rec->type == PXL_REC_BLANK2 && biff == 2 && rec->len >= 7)
        *n = 1;
    else if (rec->type == PXL_REC_MULBLANK && biff >= 5 && rec->len >= 8) {
        *n = (rec->len - 6) / 2;
        /* columns are 16-bit: a crafted run past the last one is cut there */
        if (*n > (size_t)UINT16_MAX + 1 - pxl_u16(rec->data + 2))
            *n = (size_t)UINT16_MAX + 1 - pxl_u16(rec->data + 2);
    }
    return *n;
}

static int is_cell_record(unsigned type)
{
    switch (type) {
    case PXL_REC_NUMBER: case PXL_REC_RK: case PXL_REC_MULRK: case PXL_REC_LABEL: case PXL_REC_LABELSST:
    case PXL_REC_RSTRING: case PXL_REC_BOOLERR: case PXL_REC_BLANK: case PXL_REC_MULBLANK:
    case PXL_REC_FORMULA: case PXL_REC_FORMULA3: case PXL_REC_FORMULA4:
    case PXL_REC_INTEGER2: case PXL_REC_NUMBER2: case PXL_REC_LABEL2: case PXL_REC_BOOLERR2: case PXL_REC_BLANK2:
        return 1;
    default:
        return 0;
    }
}

/*
 * Would freexl 1.0.6 lose part of this number? It gives a date-formatted value as
 * "YYYY-MM-DD" (the time of day dropped), a date-time as "YYYY-MM-DD hh:mm:ss" and a
 * time (also [h]:mm:ss durations) as "hh:mm:ss" (the days dropped), all rounded to
 * the second (freexl.c's date conversion; calamine__date.xls A3: 10.632 -> 15:10:10).
 * A date format freexl does not know (parseexcel__Test2000J.xls's Japanese eras) keeps
 * the value but loses the date: the cell comes out a plain number. Plain numbers that
 * freexl too sees as plain come through exactly.
 */
static int freexl_loses_number(const pxl_biff_book *book, unsigned xf, double v)
{
    /* freexl's own guess decides what it does with the number (freexl_kind.c); BIFF2-4
     * FORMAT numbering is planxl's, so there planxl's reading stands in for freexl's */
    pxl_numfmt_kind kind = book->biff >= 5 ? pxl_xf_freexl_kind(&book->xf, xf) : pxl_xf_kind(&book->xf, xf);
    if (kind == PXL_NUMFMT_NUMBER)
        return pxl_xf_kind(&book->xf, xf) != PXL_NUMFMT_NUMBER; /* a date freexl takes for a plain number */
    double seconds = v * PXL_SECONDS_PER_DAY;
    int fraction = fabs(seconds - nearbyint(seconds)) > PXL_FREEXL_SECOND_TOLERANCE;
    /* freexl.c compute_date counts days from 1900-01-01 (1904-01-02) by a year % 4 leap
     * rule: serial 0 comes out as day 1, in both systems, and 2100, not a leap year, gets
     * a 29 February, so from 2100-03-02 (serial 73111) on its dates are a day early. */
    double serial1900 = book->date1904 ? v + PXL_DAYS_1904 : v;
    int calendar = v < 1.0 || serial1900 >= PXL_SERIAL_FREEXL_2100;
    switch (kind) {
    case PXL_NUMFMT_DATE: return v != floor(v) || calendar;
    case PXL_NUMFMT_DATETIME: return fraction || calendar;
    default: return fraction || v < 0 || v >= 1.0; /* TIME, ELAPSED */
    }
}

int pxl_biff_supplement_record(const pxl_biff_book *book, const pxl_biff_record *rec)
{
    const uint8_t *d = rec->data;
    const int biff = book->biff;
    switch (rec->type) {
    case PXL_REC_FORMULA:
    case PXL_REC_FORMULA3:
    case PXL_REC_FORMULA4:
        return pxl_biff_is_formula(biff, rec->type);
    case PXL_REC_BOOLERR:
        return biff >= 3;
    case PXL_REC_BOOLERR2:
        return biff == 2;
    case PXL_REC_RSTRING:
        return biff >= 3;
    case PXL_REC_NUMBER:
        return biff >= 3 && rec->len >= 14 && freexl_loses_number(book, pxl_u16(d + 4), pxl_f64(d + 6));
    case PXL_REC_RK:
        return biff >= 3 && rec->len >= 10 && freexl_loses_number(book, pxl_u16(d + 4), pxl_rk_value(pxl_u32(d + 6)));
    case PXL_REC_MULRK:
        if (biff < 5 || rec->len < 12)
            return 0;
        for (size_t k = 0, n = (rec->len - 6) / 6; k < n; k++)
            if (freexl_loses_number(book, pxl_u16(d + 4 + 6 * k), pxl_rk_value(pxl_u32(d + 6 + 6 * k))))
                return 1;
        return 0;
    case PXL_REC_NUMBER2:
        return biff == 2 && rec->len >= 15 && freexl_loses_number(book, d[4] & 0x3F, pxl_f64(d + 7));
    case PXL_REC_INTEGER2:
        return biff == 2 && rec->len >= 9 && freexl_loses_number(book, d[4] & 0x3F, pxl_u16(d + 7));
    default:
        return 0;
    }
}

static pxl_error read_record(sheet_reader *r, const pxl_biff_record *rec)
{
    pxl_biff_book *book = r->book;
    const uint8_t *d = rec->data;
    const int biff = book->biff;
    /* the supplement pass keeps only the cells freexl reads wrong (pxl_biff_supplement_record) */
    const int all = !book->supplement;
    const int keep = all || pxl_biff_supplement_record(book, rec);
    size_t i = 0;
    uint32_t off;
    pxl_error e;
    /* Every cell record starts rw col ixfe (BIFF2: rw col rgbAttr, the XF in its low 6 bits). */
    if (rec->len >= 6 && is_cell_record(rec->type))
        r->xf = biff == 2 ? d[4] & 0x3F : pxl_u16(d + 4);
    switch (rec->type) {
    case PXL_REC_FORMULA:
    case PXL_REC_FORMULA3:
    case PXL_REC_FORMULA4:
        if (!pxl_biff_is_formula(biff, rec->type))
            return PXL_OK;
        return read_formula(r, rec);
    case PXL_REC_STRING:
    case PXL_REC_STRING2:
        if ((rec->type == PXL_REC_STRING2) != (biff == 2))
            return PXL_OK;
        return read_string_result(r, rec);
    case PXL_REC_SHRFMLA:
    case PXL_REC_ARRAY:
        return biff >= 5 ? read_shared(r, rec) : PXL_OK;
    case PXL_REC_TABLE:
    case PXL_REC_TABLE2:
        r->exp_cell = SIZE_MAX;
        return PXL_OK;
    case PXL_REC_NUMBER: /* rw col ixfe num (MS-XLS 2.4.180) */
        if (!keep || biff < 3)
            return PXL_OK;
        if (rec->len < 14)
            return damaged(r, rec, "a number cell is cut short");
        i = add_number(r, pxl_u16(d), pxl_u16(d + 2), pxl_u16(d + 4), pxl_f64(d + 6));
        break;
    case PXL_REC_RK: /* rw col ixfe rk (MS-XLS 2.4.220) */
        if (!keep || biff < 3)
            return PXL_OK;
        if (rec->len < 10)
            return damaged(r, rec, "a number cell (RK record) is cut short");
        i = add_number(r, pxl_u16(d), pxl_u16(d + 2), pxl_u16(d + 4), pxl_rk_value(pxl_u32(d + 6)));
        break;
    case PXL_REC_MULRK: { /* rw colFirst {ixfe rk}* colLast (MS-XLS 2.4.175) */
        if (!keep || biff < 5)
            return PXL_OK;
        if (rec->len < 12)
            return damaged(r, rec, "a row of numbers (MULRK record) is cut short");
        /* keep is per record: the supplement pass takes only the entries freexl would cut */
        size_t n = (rec->len - 6) / 6;
        uint32_t row = pxl_u16(d), col = pxl_u16(d + 2);
        /* columns are 16-bit: a crafted run past the last one is cut there */
        if (n > (size_t)UINT16_MAX + 1 - col)
            n = (size_t)UINT16_MAX + 1 - col;
        for (size_t k = 0; k < n && i != SIZE_MAX; k++) {
            const uint8_t *p = d + 4 + 6 * k;
            if (!all && !freexl_loses_number(book, pxl_u16(p), pxl_rk_value(pxl_u32(p + 2))))
                continue;
            r->xf = pxl_u16(p);
            i = add_number(r, row, col + (uint32_t)k, pxl_u16(p), pxl_rk_value(pxl_u32(p + 2)));
        }
        break;
    }
    case PXL_REC_LABELSST: { /* rw col ixfe isst (MS-XLS 2.4.149) */
        if (!keep || biff < 8)
            return PXL_OK;
        if (rec->len < 10)
            return damaged(r, rec, "a text cell (LABELSST record) is cut short");
        uint32_t isst = pxl_u32(d + 6);
        if (isst >= book->sst.count) {
            char what[128];
            snprintf(what, sizeof what, "a text cell refers to shared string %lu, but the table holds %lu",
                     (unsigned long)isst + 1, (unsigned long)book->sst.count);
            return damaged(r, rec, what);
        }
        i = add_cell(r, pxl_u16(d), pxl_u16(d + 2), PXL_CELL_TEXT);
        if (i != SIZE_MAX) {
            cells_of(book)[i].text = isst;
            cells_of(book)[i].flags |= PXL_BIFF_CELL_SST;
        }
        break;
    }
    case PXL_REC_LABEL:   /* rw col ixfe, then the string (MS-XLS 2.4.148) */
    case PXL_REC_RSTRING: /* the same, with formatting runs after it, which are skipped */
        if (!keep || biff < 3)
            return PXL_OK;
        if ((e = read_cell_string(r, rec, 6, 2, &off)) != PXL_OK)
            return e;
        i = add_cell(r, pxl_u16(d), pxl_u16(d + 2), PXL_CELL_TEXT);
        if (i != SIZE_MAX)
            cells_of(book)[i].text = off;
        break;
    case PXL_REC_BOOLERR:  /* rw col ixfe bBoolErr fError (MS-XLS 2.4.24) */
    case PXL_REC_BOOLERR2: { /* BIFF2: rw col rgbAttr(3) value fError */
        if (!keep || (rec->type == PXL_REC_BOOLERR2) != (biff == 2))
            return PXL_OK;
        size_t at = biff == 2 ? 7 : 6;
        if (rec->len < at + 2)
            return damaged(r, rec, "a true/false or error cell is cut short");
        int is_error = d[at + 1] != 0;
        i = add_cell(r, pxl_u16(d), pxl_u16(d + 2), is_error ? PXL_CELL_ERROR : PXL_CELL_BOOLEAN);
        if (i != SIZE_MAX) {
            if (is_error) {
                cells_of(book)[i].text = d[at];
                cells_of(book)[i].flags |= PXL_BIFF_CELL_STATIC;
            } else {
                cells_of(book)[i].number = d[at] ? 1.0 : 0.0;
            }
        }
        break;
    }
    case PXL_REC_BLANK:
    case PXL_REC_BLANK2:
    case PXL_REC_MULBLANK: { /* a format without a value: only for convert (book->blanks) */
        size_t n;
        if (!book->blanks || !blank_span(biff, rec, &n))
            return PXL_OK;
        uint32_t row = pxl_u16(d), col = pxl_u16(d + 2);
        for (size_t k = 0; k < n && i != SIZE_MAX; k++) {
            if (rec->type == PXL_REC_MULBLANK)
                r->xf = pxl_u16(d + 4 + 2 * k);
            i = add_cell(r, row, col + (uint32_t)k, PXL_CELL_EMPTY);
        }
        break;
    }
    case PXL_REC_NUMBER2: /* BIFF2: rw col rgbAttr(3) num */
        if (!keep || biff != 2)
            return PXL_OK;
        if (rec->len < 15)
            return damaged(r, rec, "a number cell is cut short");
        i = add_number(r, pxl_u16(d), pxl_u16(d + 2), d[4] & 0x3F, pxl_f64(d + 7));
        break;
    case PXL_REC_INTEGER2: /* BIFF2: rw col rgbAttr(3) unsigned 16-bit integer */
        if (!keep || biff != 2)
            return PXL_OK;
        if (rec->len < 9)
            return damaged(r, rec, "a number cell is cut short");
        i = add_number(r, pxl_u16(d), pxl_u16(d + 2), d[4] & 0x3F, pxl_u16(d + 7));
        break;
    case PXL_REC_LABEL2: /* BIFF2: rw col rgbAttr(3) cch(1) text */
        if (!keep || biff != 2)
            return PXL_OK;
        if ((e = read_cell_string(r, rec, 7, 1, &off)) != PXL_OK)
            return e;
        i = add_cell(r, pxl_u16(d), pxl_u16(d + 2), PXL_CELL_TEXT);
        if (i != SIZE_MAX)
            cells_of(book)[i].text = off;
        break;
    default:
        return PXL_OK;
    }
    return i == SIZE_MAX ? pxl_fail_nomem() : PXL_OK;
}

/*
 * The cells a record adds in the full scan (as read_record does with keep = 1): none (0),
 * or *n cells from (*row, *col) along the row (1); -1 when read_record would refuse the
 * record or the pre-walk cannot vouch for it without decoding (then the sheet takes the
 * buffered path, which gives the same error or cells as before).
 */
static int record_span(const pxl_biff_book *book, const pxl_biff_record *rec, uint32_t *row, uint32_t *col,
                       size_t *n)
{
    const uint8_t *d = rec->data;
    const int biff = book->biff;
    size_t need;
    *n = 1;
    /* the supplement pass reads only its own cells: the others neither go out nor are
     * checked (a LABELSST's index, say: it reads no shared string table) */
    if (book->supplement && !pxl_biff_supplement_record(book, rec))
        return 0;
    switch (rec->type) {
    case PXL_REC_FORMULA:
    case PXL_REC_FORMULA3:
    case PXL_REC_FORMULA4: {
        if (!pxl_biff_is_formula(biff, rec->type))
            return 0;
        size_t header = biff == 2 ? 17 : biff >= 5 ? 22 : 18;
        if (rec->len < header)
            return -1;
        size_t cce = biff == 2 ? d[16] : pxl_u16(d + header - 2);
        if (cce > rec->len - header)
            return -1;
        break;
    }
    case PXL_REC_NUMBER: if (biff < 3) return 0; need = 14; goto fixed;
    case PXL_REC_RK: if (biff < 3) return 0; need = 10; goto fixed;
    case PXL_REC_LABELSST:
        if (biff < 8)
            return 0;
        if (rec->len < 10 || pxl_u32(d + 6) >= book->sst.count)
            return -1;
        break;
    /* text cells: only the length is looked at (8 = header and cch); a text cut short
     * is still found while streaming, after the cells before it were delivered */
    case PXL_REC_LABEL: case PXL_REC_RSTRING: if (biff < 3) return 0; need = 8; goto fixed;
    case PXL_REC_LABEL2: if (biff != 2) return 0; need = 8; goto fixed;
    case PXL_REC_BOOLERR: if (biff == 2) return 0; need = 8; goto fixed;
    case PXL_REC_BOOLERR2: if (biff != 2) return 0; need = 9; goto fixed;
    case PXL_REC_NUMBER2: if (biff != 2) return 0; need = 15; goto fixed;
    case PXL_REC_INTEGER2: if (biff != 2) return 0; need = 9; goto fixed;
    case PXL_REC_MULRK:
        if (biff < 5)
            return 0;
        if (rec->len < 12)
            return -1;
        *n = (rec->len - 6) / 6;
        if (*n > (size_t)UINT16_MAX + 1 - pxl_u16(d + 2))
            *n = (size_t)UINT16_MAX + 1 - pxl_u16(d + 2);
        break;
    /* formatted blanks, only when asked for (read_record ignores them when cut short) */
    case PXL_REC_BLANK:
    case PXL_REC_BLANK2:
    case PXL_REC_MULBLANK:
        if (!book->blanks || !blank_span(biff, rec, n))
            return 0;
        break;
    default:
        return 0;
    fixed:
        if (rec->len < need)
            return -1;
        break;
    }
    *row = pxl_u16(d);
    *col = pxl_u16(d + 2);
    return 1;
}

/*
 * The pre-walk: record headers and cell addresses only, no decoding, no allocation.
 * 1 when the sheet can be streamed with exactly the cells the buffered path gives:
 * - every cell comes after the one before in row-major order, none twice (so nothing
 *   to sort and no later-of-two to apply);
 * - a FORMULA pointing at a shared or array formula (ptgExp) points at its own cell or
 *   one before it, and every SHRFMLA/ARRAY record follows a FORMULA (no other cell
 *   record between) and is anchored either where that FORMULA's ptgExp points, or past
 *   the cells of all earlier ptgExp FORMULAs. Then a FORMULA still waiting for its
 *   SHRFMLA/ARRAY when the next cell record starts is never filled later by the buffered
 *   path either: a record anchored past its cell cannot match it (its anchor is at or
 *   before its cell), and the first one anchored where it points, following a later
 *   FORMULA pointing there too, comes after that FORMULA has failed the same look-up and
 *   taken its place as the one waiting. So the cell can go out then;
 * - every STRING record follows a FORMULA with a text result (else it is an error);
 * - the substream is whole (ends with EOF, or a bare BIFF2-4 stream simply stops).
 * Anything else (0): the buffered path, which sorts and reports errors as before.
 */
/* Where the walk over a sheet's own records stands (next_sheet_record). */
typedef enum sheet_step {
    SHEET_RECORD, /* *rec is a record of the sheet itself */
    SHEET_END,    /* the sheet's EOF (or where a bare BIFF2-4 sheet may simply stop) */
    SHEET_CUT     /* the workbook stream ends inside the sheet */
} sheet_step;

/* The next record of the sheet itself from *pos, skipping nested chart and object
 * substreams (BOF..EOF pairs inside the sheet); *depth starts at 0 at the sheet's BOF. */
static sheet_step next_sheet_record(pxl_biff_book *book, size_t *pos, int *depth, pxl_biff_record *rec)
{
    for (;;) {
        int got = pxl_biff_record_at(&book->s, *pos, rec);
        if (got == 0 && book->biff <= 4 && *depth == 1)
            return SHEET_END;
        if (got != 1)
            return SHEET_CUT;
        *pos = rec->next;
        if (pxl_biff_is_bof(book->biff, rec->type)) {
            (*depth)++;
            continue;
        }
        if (rec->type == PXL_REC_EOF) {
            if (--*depth <= 0)
                return SHEET_END;
            continue;
        }
        if (*depth == 1)
            return SHEET_RECORD;
    }
}

static int sheet_in_order(pxl_biff_book *book, size_t pos)
{
    pxl_biff_record rec;
    int depth = 0, started = 0, string_wait = 0, formula_open = 0, exp_seen = 0, exp_here = 0;
    uint32_t last_row = 0, last_col = 0, x_row = 0, x_col = 0, f_row = 0, f_col = 0, e_row = 0, e_col = 0;
    for (;;) {
        sheet_step step = next_sheet_record(book, &pos, &depth, &rec);
        if (step != SHEET_RECORD)
            return step == SHEET_END;
        if (is_cell_record(rec.type)) {
            if (exp_here) { /* the last FORMULA pointing at a shared or array formula, so far */
                exp_seen = 1;
                x_row = f_row;
                x_col = f_col;
            }
            string_wait = formula_open = exp_here = 0;
        }
        switch (rec.type) {
        case PXL_REC_STRING:
        case PXL_REC_STRING2:
            if ((rec.type == PXL_REC_STRING2) != (book->biff == 2))
                continue;
            if (!string_wait)
                return 0;
            string_wait = 0;
            continue;
        case PXL_REC_SHRFMLA:
        case PXL_REC_ARRAY:
            if (book->biff < 5)
                continue;
        {
            /* as read_shared checks it; RefU: rwFirst rwLast colFirst(1) colLast(1) */
            size_t header = rec.type == PXL_REC_SHRFMLA ? 10 : 14;
            if (rec.len < header || pxl_u16(rec.data + header - 2) > rec.len - header)
                return 0;
            /* it may resolve only the FORMULA just before it: see above */
            uint32_t a_row = pxl_u16(rec.data), a_col = rec.data[4];
            int past = !exp_seen || a_row > x_row || (a_row == x_row && a_col > x_col);
            int own = exp_here && a_row == e_row && a_col == e_col;
            if (!formula_open || !(past || own))
                return 0;
            continue;
        }
        default:
            break;
        }
        uint32_t row, col;
        size_t n;
        int span = record_span(book, &rec, &row, &col, &n);
        if (span < 0)
            return 0;
        if (span == 0)
            continue;
        if (started && (row < last_row || (row == last_row && col <= last_col)))
            return 0;
        started = 1;
        last_row = row;
        last_col = col + (uint32_t)n - 1;
        if (pxl_biff_is_formula(book->biff, rec.type)) {
            const uint8_t *d = rec.data;
            size_t header = book->biff == 2 ? 17 : book->biff >= 5 ? 22 : 18;
            size_t cce = book->biff == 2 ? d[16] : pxl_u16(d + header - 2);
            const uint8_t *value = book->biff == 2 ? d + 7 : d + 6;
            string_wait = value[6] == 0xFF && value[7] == 0xFF && value[0] == PXL_FORMULA_RESULT_STRING;
            formula_open = 1;
            f_row = row;
            f_col = col;
            uint32_t er, ec;
            if (pxl_formula_exp_anchor(d + header, cce, &er, &ec) == 1) {
                if (er > row || (er == row && ec > col))
                    return 0;
                exp_here = 1;
                e_row = er;
                e_col = ec;
            }
        }
    }
}

static void sheet_reset(pxl_biff_book *book)
{
    book->loaded = SIZE_MAX;
    book->cells.len = 0;
    book->cell_count = 0;
    book->strings.len = 0;
    book->shared_count = 0;
    book->shared_bytes.len = 0;
    book->shared_alias.len = 0;
    if (book->shared_slots)
        memset(book->shared_index, 0, book->shared_slots * sizeof *book->shared_index);
}

/* Hand the cells of the last cell record to the visitor; 1 when it asks to stop. */
static int stream_flush(sheet_reader *r, pxl_cell_visitor visit, void *ctx)
{
    pxl_biff_book *book = r->book;
    int stop = 0;
    const pxl_biff_cell *c = cells_of(book);
    for (size_t i = 0; i < book->cell_count && !stop; i++) {
        if (c[i].flags & PXL_BIFF_CELL_FORMULA) {
            book->formulas++;
            if (c[i].formula == PXL_BIFF_NO_TEXT)
                book->undecoded++;
        }
        pxl_cell cell;
        pxl_biff_cell_view(book, i, &cell);
        stop = visit(ctx, &cell) != 0;
    }
    book->cells.len = 0;
    book->cell_count = 0;
    book->strings.len = 0;
    r->string_cell = SIZE_MAX;
    r->exp_cell = SIZE_MAX; /* sheet_in_order: no SHRFMLA/ARRAY can come for it any more */
    return stop;
}

pxl_error pxl_biff_stream_sheet(pxl_biff_book *book, size_t index, pxl_cell_visitor visit, void *ctx, int *streamed)
{
    const pxl_biff_sheet *sheet = &book->sheets[index];
    *streamed = 0;
    if (sheet->bof == SIZE_MAX || !sheet_in_order(book, sheet->bof))
        return PXL_OK;
    *streamed = 1;
    sheet_reader r = { .book = book, .sheet = sheet->name, .sorted = 1,
                       .string_cell = SIZE_MAX, .exp_cell = SIZE_MAX };
    sheet_reset(book);
    /* The cell buffer holds one record's cells (a FORMULA waits there for its STRING,
     * SHRFMLA or ARRAY) and goes out when the next cell record starts. */
    pxl_biff_record rec;
    size_t pos = sheet->bof;
    int depth = 0;
    pxl_error e;
    /* sheet_in_order has walked these records already: the walk ends at the sheet's end */
    while (next_sheet_record(book, &pos, &depth, &rec) == SHEET_RECORD) {
        if (is_cell_record(rec.type) && stream_flush(&r, visit, ctx))
            goto stopped;
        if ((e = read_record(&r, &rec)) != PXL_OK) {
            sheet_reset(book);
            return e;
        }
    }
    stream_flush(&r, visit, ctx);
stopped:
    sheet_reset(book);
    return PXL_OK;
}

pxl_error pxl_biff_collect(pxl_biff_book *book, size_t index)
{
    const pxl_biff_sheet *sheet = &book->sheets[index];
    sheet_reader r = { .book = book, .sheet = sheet->name, .sorted = 1,
                       .string_cell = SIZE_MAX, .exp_cell = SIZE_MAX };
    sheet_reset(book);
    if (sheet->bof == SIZE_MAX)
        return damaged(&r, NULL, "the sheet's records are missing from the workbook stream");
    pxl_biff_record rec;
    size_t pos = sheet->bof;
    int depth = 0;
    pxl_error e = PXL_OK;
    for (;;) {
        sheet_step step = next_sheet_record(book, &pos, &depth, &rec);
        if (step == SHEET_END)
            break;
        if (step == SHEET_CUT)
            return damaged(&r, NULL, "the sheet ends early (the workbook stream is cut short)");
        if (is_cell_record(rec.type))
            r.string_cell = SIZE_MAX;
        if ((e = read_record(&r, &rec)) != PXL_OK)
            return e;
    }
    if (!r.sorted)
        sort_cells(book);
    const pxl_biff_cell *c = cells_of(book);
    for (size_t i = 0; i < book->cell_count; i++) {
        if (c[i].flags & PXL_BIFF_CELL_FORMULA) {
            book->formulas++;
            if (c[i].formula == PXL_BIFF_NO_TEXT)
                book->undecoded++;
        }
    }
    book->loaded = index;
    return PXL_OK;
}

void pxl_biff_cell_view(const pxl_biff_book *book, size_t i, pxl_cell *cell)
{
    const pxl_biff_cell *c = cells_of(book) + i;
    cell->row = c->row;
    cell->col = c->col;
    cell->type = (pxl_cell_type)c->type;
    cell->number = c->number;
    cell->text = NULL;
    if (c->type == PXL_CELL_ERROR) {
        cell->text = error_text(c->text);
    } else if (c->type == PXL_CELL_TEXT) {
        if (c->flags & PXL_BIFF_CELL_SST)
            cell->text = pxl_sst_get(&book->sst, c->text);
        else if (c->text != PXL_BIFF_NO_TEXT)
            cell->text = book->strings.data + c->text;
        if (!cell->text)
            cell->text = "";
    }
    cell->formula = c->formula == PXL_BIFF_NO_TEXT ? NULL : book->strings.data + c->formula;
    cell->is_formula = (c->flags & PXL_BIFF_CELL_FORMULA) != 0;
    /* the supplement pass's cells stand among freexl's, which have no format */
    cell->style = !book->supplement && c->xf < book->styles.count ? c->xf + 1u : 0;
}
