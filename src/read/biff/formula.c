/*
 * The Ptg token walk: BIFF5/BIFF8 parsed formulas (reverse Polish) to A1 text.
 *
 * Token layouts are MS-XLS 2.5.198 (BIFF8) and, for BIFF5, the Excel 97 SDK's
 * "Microsoft Excel File Format" (as summarised in OpenOffice's
 * excelfileformat.pdf, section 3): BIFF5 keeps the relative flags in the row
 * word (14-bit rows, 8-bit columns), BIFF8 in the column word (16-bit rows,
 * 14-bit columns), and BIFF5's 3-D and name tokens carry reserved padding.
 *
 * The operand stack lives in the caller's output buffer: every operand ends up
 * inside the final text (spaces, the only thing dropped, are never pushed), so
 * the stack never needs more room than the answer, and an operator or function
 * call rewrites its operands in place (memmove + separators). No allocation.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formula.h"
#include "functions.h"
#include "util/locale.h"

/* Operands pending at once. Excel 97 caps a formula at 1024 characters and its
 * tokens at 1800 bytes, so real formulas stay far below this; deeper ones are
 * reported as unsupported rather than grown without bound. */
#define FORMULA_MAX_DEPTH 1024

/* Row and column masks of the two reference encodings. BIFF8: 65536 rows,
 * 256 columns (the 14-bit column field allows more; MS-XLS 2.5.198.107 ColRelU).
 * BIFF5: 16384 rows (14 bits, the flags take the top two), 256 columns. */
#define BIFF8_ROW_MASK 0xFFFFu
#define BIFF8_COL_MASK 0x3FFFu
#define BIFF8_LAST_ROW 0xFFFFu
#define BIFF5_ROW_MASK 0x3FFFu
#define BIFF5_LAST_ROW 0x3FFFu
#define BIFF_LAST_COL 0xFFu
#define REF_COL_RELATIVE 0x4000u
#define REF_ROW_RELATIVE 0x8000u

/* ptgFuncVar's argument count and function number fields (MS-XLS 2.5.198.63). */
#define FUNCVAR_ARGC_MASK 0x7Fu
#define FUNCVAR_COMMAND 0x8000u /* fCeFunc: a macro command-equivalent */
#define FUNCVAR_INDEX_MASK 0x7FFFu

/* ptgAttr kinds (MS-XLS 2.5.198.33-42). */
#define ATTR_SEMI 0x01
#define ATTR_IF 0x02
#define ATTR_CHOOSE 0x04
#define ATTR_GOTO 0x08
#define ATTR_SUM 0x10
#define ATTR_BAXCEL 0x20
#define ATTR_SPACE 0x40
#define ATTR_SPACE_SEMI 0x41

/* PtgExtraArray element types (MS-XLS 2.5.198.8 SerAr). */
#define SERAR_EMPTY 0x00
#define SERAR_NUMBER 0x01
#define SERAR_STRING 0x02
#define SERAR_BOOL 0x04
#define SERAR_ERROR 0x10

typedef pxl_formula_status status;

typedef struct decoder {
    const uint8_t *p, *end;   /* tokens not yet read */
    const uint8_t *x, *xend;  /* rgbExtra not yet read */
    const pxl_formula_context *cx;
    int biff8;
    char *buf;                /* the caller's out */
    size_t cap;               /* out_size - 1: room for the NUL */
    size_t used;
    size_t start[FORMULA_MAX_DEPTH]; /* operand i spans start[i] .. start[i+1] (or used) */
    unsigned depth;
    const char *reason;
} decoder;

#define TRY(expr)                                                                                  \
    do {                                                                                           \
        status s_ = (expr);                                                                        \
        if (s_ != PXL_FORMULA_OK)                                                                  \
            return s_;                                                                             \
    } while (0)

static status fail(decoder *d, status s, const char *reason)
{
    d->reason = reason;
    return s;
}

/* ---- reading ---------------------------------------------------------- */

static status need(decoder *d, size_t n, const char *token)
{
    if ((size_t)(d->end - d->p) < n)
        return fail(d, PXL_FORMULA_MALFORMED, token);
    return PXL_FORMULA_OK;
}

static unsigned u8(const uint8_t *b) { return b[0]; }
static unsigned u16(const uint8_t *b) { return (unsigned)b[0] | (unsigned)b[1] << 8; }
static int i16(const uint8_t *b) { return (int)(int16_t)(uint16_t)u16(b); }

static double f64(const uint8_t *b)
{
    uint64_t bits = 0;
    for (int i = 7; i >= 0; i--)
        bits = bits << 8 | b[i];
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* Take @p n bytes of the token stream. */
static status take(decoder *d, size_t n, const char *token, const uint8_t **at)
{
    TRY(need(d, n, token));
    *at = d->p;
    d->p += n;
    return PXL_FORMULA_OK;
}

/* Take @p n bytes of rgbExtra. */
static status take_extra(decoder *d, size_t n, const char *token, const uint8_t **at)
{
    if ((size_t)(d->xend - d->x) < n)
        return fail(d, PXL_FORMULA_MALFORMED, token);
    *at = d->x;
    d->x += n;
    return PXL_FORMULA_OK;
}

/* ---- the operand stack ------------------------------------------------ */

static size_t operand_end(const decoder *d, unsigned i)
{
    return i + 1 < d->depth ? d->start[i + 1] : d->used;
}

static status room(decoder *d, size_t n)
{
    if (n > d->cap - d->used)
        return fail(d, PXL_FORMULA_TOO_LONG, "the formula text is longer than planxl's buffer");
    return PXL_FORMULA_OK;
}

static status append(decoder *d, const char *s, size_t n)
{
    TRY(room(d, n));
    memcpy(d->buf + d->used, s, n);
    d->used += n;
    return PXL_FORMULA_OK;
}

static status append_str(decoder *d, const char *s) { return append(d, s, strlen(s)); }

static status push(decoder *d)
{
    if (d->depth == FORMULA_MAX_DEPTH)
        return fail(d, PXL_FORMULA_UNSUPPORTED, "formula nested deeper than planxl decodes");
    d->start[d->depth++] = d->used;
    return PXL_FORMULA_OK;
}

static status need_operands(decoder *d, unsigned n, const char *token)
{
    if (d->depth < n)
        return fail(d, PXL_FORMULA_MALFORMED, token);
    return PXL_FORMULA_OK;
}

/* Insert @p s at offset @p at, shifting everything after it. */
static status insert(decoder *d, size_t at, const char *s, size_t n)
{
    TRY(room(d, n));
    memmove(d->buf + at + n, d->buf + at, d->used - at);
    memcpy(d->buf + at, s, n);
    d->used += n;
    return PXL_FORMULA_OK;
}

static status binary(decoder *d, const char *op, const char *token)
{
    TRY(need_operands(d, 2, token));
    TRY(insert(d, d->start[d->depth - 1], op, strlen(op)));
    d->depth--;
    return PXL_FORMULA_OK;
}

static status prefix(decoder *d, const char *s, const char *token)
{
    TRY(need_operands(d, 1, token));
    return insert(d, d->start[d->depth - 1], s, strlen(s));
}

static status suffix(decoder *d, const char *s, const char *token)
{
    TRY(need_operands(d, 1, token));
    return append_str(d, s);
}

/* An .xls names Excel 2007's functions (SUMIFS, IFERROR, …) as "_xlfn.SUMIFS", which .xlsx
 * spells without the prefix: written with it, a client computes #NAME?. */
static void drop_xlfn_prefix(decoder *d, unsigned operand)
{
    static const char prefix[] = "_xlfn.";
    const size_t plen = sizeof prefix - 1;
    size_t from = d->start[operand], end = operand_end(d, operand);
    if (end - from <= plen || memcmp(d->buf + from, prefix, plen) != 0 ||
        !pxl_biff_function_native_in_xlsx(d->buf + from + plen, end - from - plen))
        return;
    memmove(d->buf + from, d->buf + from + plen, d->used - from - plen);
    d->used -= plen;
    for (unsigned i = operand + 1; i < d->depth; i++)
        d->start[i] -= plen;
}

/*
 * A function call over the top @p argc operands. @p name NULL: a user-defined
 * or add-in function (ptgFuncVar 255), whose name is the first of the operands.
 */
static status call(decoder *d, const char *name, unsigned argc, const char *token)
{
    TRY(need_operands(d, argc, token));
    unsigned first = d->depth - argc; /* the operand the call's text replaces */
    unsigned arg;                     /* its first argument */
    size_t result;
    if (name) {
        if (argc == 0) {
            TRY(push(d));
            TRY(append_str(d, name));
            return append(d, "()", 2);
        }
        size_t n = strlen(name);
        result = d->start[first];
        TRY(insert(d, result, name, n));
        for (unsigned i = first; i < d->depth; i++)
            d->start[i] += n;
        arg = first;
    } else {
        if (argc == 0)
            return fail(d, PXL_FORMULA_MALFORMED, "ptgFuncVar: user-defined function call without its name");
        result = d->start[first];
        arg = first + 1;
        drop_xlfn_prefix(d, first);
    }
    unsigned nargs = d->depth - arg;
    size_t extra = 2 + (nargs ? nargs - 1 : 0); /* "(" ")" and the commas */
    TRY(room(d, extra));
    if (nargs == 0) {
        memcpy(d->buf + d->used, "()", 2);
    } else {
        /* Right to left, so no argument is overwritten before it moves. */
        for (unsigned k = nargs; k-- > 0;) {
            size_t from = d->start[arg + k];
            memmove(d->buf + from + 1 + k, d->buf + from, operand_end(d, arg + k) - from);
            d->buf[from + k] = k ? ',' : '(';
        }
        d->buf[d->used + extra - 1] = ')';
    }
    d->used += extra;
    d->start[first] = result;
    d->depth = first + 1;
    return PXL_FORMULA_OK;
}

/* ---- operand text ----------------------------------------------------- */

/* The shortest text that reads back as the same double (%.15g, else more digits),
 * with '.' whatever LC_NUMERIC says, and Excel's capital exponent (1E+100). */
static status append_number(decoder *d, double v, const char *token)
{
    if (!isfinite(v))
        return fail(d, PXL_FORMULA_MALFORMED, token);
    char text[40];
    for (int digits = 15; digits <= 17; digits++) {
        pxl_c_snprintf(text, sizeof text, "%.*g", digits, v);
        if (pxl_c_strtod(text, NULL) == v)
            break;
    }
    char *e = strchr(text, 'e');
    if (e)
        *e = 'E';
    return append_str(d, text);
}

static status append_utf8(decoder *d, uint32_t c)
{
    char b[4];
    size_t n;
    if (c == 0 || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
        c = 0xFFFD; /* NUL would end the C string; lone surrogates are not text */
    if (c < 0x80) {
        b[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | c >> 6);
        b[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        b[0] = (char)(0xE0 | c >> 12);
        b[1] = (char)(0x80 | (c >> 6 & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | c >> 18);
        b[1] = (char)(0x80 | (c >> 12 & 0x3F));
        b[2] = (char)(0x80 | (c >> 6 & 0x3F));
        b[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    return append(d, b, n);
}

/* Windows-1252's 0x80-0x9F (0 = undefined there). BIFF5 strings are in the
 * workbook's code page; planxl reads them as Windows-1252, the Western default. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* A string literal, quoted, '"' doubled. @p wide: UTF-16LE, else one byte a
 * character (BIFF8: Latin-1, the high byte dropped; BIFF5: Windows-1252). */
static status append_quoted(decoder *d, const uint8_t *s, size_t count, int wide)
{
    TRY(append(d, "\"", 1));
    for (size_t i = 0; i < count; i++) {
        uint32_t c;
        if (wide) {
            c = u16(s + 2 * i);
            if (c >= 0xD800 && c <= 0xDBFF && i + 1 < count) {
                uint32_t low = u16(s + 2 * (i + 1));
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                    i++;
                }
            }
        } else {
            c = s[i];
            if (!d->biff8 && c >= 0x80 && c <= 0x9F && cp1252_high[c - 0x80])
                c = cp1252_high[c - 0x80];
        }
        if (c == '"')
            TRY(append(d, "\"", 1));
        TRY(append_utf8(d, c));
    }
    return append(d, "\"", 1);
}

const char *pxl_biff_error_text(unsigned code)
{
    switch (code) { /* MS-XLS 2.5.97.2 BErr */
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0F: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    case 0x2A: return "#N/A";
    default: return NULL;
    }
}

static status append_error(decoder *d, unsigned code, const char *token)
{
    const char *text = pxl_biff_error_text(code);
    if (!text)
        return fail(d, PXL_FORMULA_MALFORMED, token);
    return append_str(d, text);
}

static status append_column(decoder *d, unsigned col, int relative)
{
    char text[8];
    size_t n = sizeof text;
    col++; /* bijective base 26: A..Z, AA.. */
    do {
        col--;
        text[--n] = (char)('A' + col % 26);
        col /= 26;
    } while (col > 0);
    if (!relative)
        TRY(append(d, "$", 1));
    return append(d, text + n, sizeof text - n);
}

static status append_row(decoder *d, unsigned row, int relative)
{
    char text[16];
    int n = snprintf(text, sizeof text, "%s%u", relative ? "" : "$", row + 1);
    return append(d, text, (size_t)n);
}

/* One end of a reference, resolved to an absolute cell. */
typedef struct cell_ref {
    unsigned row, col;
    int row_relative, col_relative;
} cell_ref;

/*
 * Decode a row word and a column field into @p r. @p offsets: the relative
 * parts are offsets from the formula's cell (ptgRefN/ptgAreaN, and 3-D refs of
 * shared formulas), wrapping round the sheet as Excel does (MS-XLS 2.5.198.108
 * RgceLocRel: a signed 16-bit row offset, a signed 8-bit column offset).
 */
static void resolve(const decoder *d, unsigned row_word, unsigned col_word, int offsets, cell_ref *r)
{
    unsigned flags = d->biff8 ? col_word : row_word;
    r->row_relative = (flags & REF_ROW_RELATIVE) != 0;
    r->col_relative = (flags & REF_COL_RELATIVE) != 0;
    if (d->biff8) {
        r->row = row_word & BIFF8_ROW_MASK;
        r->col = col_word & BIFF8_COL_MASK;
    } else {
        r->row = row_word & BIFF5_ROW_MASK;
        r->col = col_word & 0xFFu;
    }
    if (!offsets)
        return;
    if (r->row_relative) {
        if (d->biff8) {
            r->row = (d->cx->row + (uint32_t)(int16_t)(uint16_t)r->row) & BIFF8_ROW_MASK;
        } else {
            int off = (int)r->row;
            if (off & 0x2000) /* 14-bit two's complement */
                off -= 0x4000;
            r->row = (d->cx->row + (uint32_t)off) & BIFF5_ROW_MASK;
        }
    }
    if (r->col_relative)
        r->col = (d->cx->col + (uint32_t)(int8_t)(uint8_t)(col_word & 0xFFu)) & BIFF_LAST_COL;
}

static status append_cell(decoder *d, const cell_ref *r)
{
    TRY(append_column(d, r->col, r->col_relative));
    return append_row(d, r->row, r->row_relative);
}

/* Whole columns (A:A) and whole rows (1:1) print as Excel shows them. */
static status append_area(decoder *d, const cell_ref *a, const cell_ref *b)
{
    unsigned last_row = d->biff8 ? BIFF8_LAST_ROW : BIFF5_LAST_ROW;
    if (a->row == 0 && b->row == last_row) {
        TRY(append_column(d, a->col, a->col_relative));
        TRY(append(d, ":", 1));
        return append_column(d, b->col, b->col_relative);
    }
    if (a->col == 0 && b->col == BIFF_LAST_COL) {
        TRY(append_row(d, a->row, a->row_relative));
        TRY(append(d, ":", 1));
        return append_row(d, b->row, b->row_relative);
    }
    TRY(append_cell(d, a));
    TRY(append(d, ":", 1));
    return append_cell(d, b);
}

/* Read a single-cell reference body (BIFF8: row 2 + col 2; BIFF5: row 2 + col 1). */
/* A defined name's relative reference counts from the cell that uses the name, and
 * wraps round the sheet: in a 65 536-row .xls, not a 1 048 576-row .xlsx. Such names
 * are refused rather than written to mean other cells. */
static status absolute_check(decoder *d, const cell_ref *r)
{
    if (d->cx->absolute_only && (r->row_relative || r->col_relative))
        return fail(d, PXL_FORMULA_UNSUPPORTED, "a relative reference in a defined name");
    return PXL_FORMULA_OK;
}

static status read_ref(decoder *d, int offsets, cell_ref *r, const char *token)
{
    const uint8_t *b;
    if (d->biff8) {
        TRY(take(d, 4, token, &b));
        resolve(d, u16(b), u16(b + 2), offsets, r);
    } else {
        TRY(take(d, 3, token, &b));
        resolve(d, u16(b), u8(b + 2), offsets, r);
    }
    return absolute_check(d, r);
}

/* Read an area body (BIFF8: rows 2+2, cols 2+2; BIFF5: rows 2+2, cols 1+1). */
static status read_area(decoder *d, int offsets, cell_ref *a, cell_ref *z, const char *token)
{
    const uint8_t *b;
    if (d->biff8) {
        TRY(take(d, 8, token, &b));
        resolve(d, u16(b), u16(b + 4), offsets, a);
        resolve(d, u16(b + 2), u16(b + 6), offsets, z);
    } else {
        TRY(take(d, 6, token, &b));
        resolve(d, u16(b), u8(b + 4), offsets, a);
        resolve(d, u16(b + 2), u8(b + 5), offsets, z);
    }
    TRY(absolute_check(d, a));
    return absolute_check(d, z);
}

/* Whether Excel quotes this sheet name: anything but letters, digits, '_' and
 * '.', a leading digit, or a name that reads as a cell reference (A1, R1C1). */
static int sheet_needs_quotes(const char *name)
{
    size_t n = strlen(name), i = 0;
    if (n == 0 || (name[0] >= '0' && name[0] <= '9'))
        return 1;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!(c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.'))
            return 1;
    }
    size_t letters = 0;
    while (letters < n && ((name[letters] | 0x20) >= 'a' && (name[letters] | 0x20) <= 'z'))
        letters++;
    if (letters >= 1 && letters <= 3 && letters < n && strspn(name + letters, "0123456789") == n - letters)
        return 1; /* A1 */
    if ((name[0] | 0x20) == 'r' || (name[0] | 0x20) == 'c') {
        size_t k = 1 + strspn(name + 1, "0123456789");
        if (k == n)
            return 1; /* R1, C1 */
        if ((name[0] | 0x20) == 'r' && (name[k] | 0x20) == 'c' && k + 1 + strspn(name + k + 1, "0123456789") == n)
            return 1; /* R1C1 */
    }
    return 0;
}

static status append_sheet_name(decoder *d, const char *name)
{
    for (const char *p = name; *p; p++) {
        TRY(append(d, p, 1));
        if (*p == '\'')
            TRY(append(d, "'", 1)); /* doubled inside the quotes (a name with one is always quoted) */
    }
    return PXL_FORMULA_OK;
}

/* BIFF5 Sheet1:Sheet3! by sheet positions; quoted as a whole, as Excel does. */
static status sheet_range(decoder *d, unsigned first, unsigned last)
{
    const char *a = d->cx->sheet_name ? d->cx->sheet_name(d->cx->ctx, first) : NULL;
    const char *z = d->cx->sheet_name ? d->cx->sheet_name(d->cx->ctx, last) : NULL;
    if (!a || !z)
        return fail(d, PXL_FORMULA_UNSUPPORTED, "BIFF5 3-D reference over several sheets planxl cannot name");
    int quote = sheet_needs_quotes(a) || sheet_needs_quotes(z);
    if (quote)
        TRY(append(d, "'", 1));
    TRY(append_sheet_name(d, a));
    TRY(append(d, ":", 1));
    TRY(append_sheet_name(d, z));
    if (quote)
        TRY(append(d, "'", 1));
    return append(d, "!", 1);
}

/* The sheet part of a 3-D token ("Sheet2!"), read from its head. A reference into a
 * deleted sheet sets @p deleted and appends nothing: the caller writes #REF! for it all. */
static status sheet_prefix(decoder *d, const char *token, int *deleted)
{
    const uint8_t *b;
    int index;
    *deleted = 0;
    if (d->biff8) {
        TRY(take(d, 2, token, &b));
        index = (int)u16(b);
    } else {
        /* ixals (signed), 8 reserved bytes, itabFirst, itabLast. */
        TRY(take(d, 14, token, &b));
        index = i16(b);
        if (index < 0 && u16(b + 10) != u16(b + 12))
            return sheet_range(d, u16(b + 10), u16(b + 12));
    }
    const char *sheet = d->cx->sheet_ref ? d->cx->sheet_ref(d->cx->ctx, index) : NULL;
    if (!sheet)
        return fail(d, PXL_FORMULA_UNSUPPORTED, "reference to another workbook or an unknown sheet");
    if (strcmp(sheet, PXL_FORMULA_DELETED_SHEET) == 0) {
        *deleted = 1;
        return PXL_FORMULA_OK;
    }
    TRY(append_str(d, sheet));
    return append(d, "!", 1);
}

/* ---- constants -------------------------------------------------------- */

static status read_string(decoder *d)
{
    static const char token[] = "ptgStr: string constant truncated";
    const uint8_t *b;
    TRY(take(d, 1, token, &b));
    size_t count = u8(b);
    int wide = 0;
    if (d->biff8) {
        TRY(take(d, 1, token, &b));
        wide = u8(b) & 0x01; /* fHighByte (MS-XLS 2.5.240 ShortXLUnicodeString) */
    }
    TRY(take(d, count * (wide ? 2 : 1), token, &b));
    TRY(push(d));
    return append_quoted(d, b, count, wide);
}

/* ptgArray's values, from rgbExtra (MS-XLS 2.5.198.8 PtgExtraArray). */
static status read_array(decoder *d)
{
    static const char token[] = "ptgArray: array constant truncated";
    const uint8_t *b;
    TRY(take(d, 7, token, &b)); /* reserved */
    TRY(take_extra(d, 3, token, &b));
    unsigned cols = u8(b) + 1u, rows = u16(b + 1) + 1u;
    TRY(push(d));
    TRY(append(d, "{", 1));
    for (unsigned r = 0; r < rows; r++) {
        for (unsigned c = 0; c < cols; c++) {
            if (c)
                TRY(append(d, ",", 1));
            TRY(take_extra(d, 1, token, &b));
            unsigned type = u8(b);
            switch (type) {
            case SERAR_EMPTY:
                TRY(take_extra(d, 8, token, &b));
                break;
            case SERAR_NUMBER:
                TRY(take_extra(d, 8, token, &b));
                TRY(append_number(d, f64(b), "ptgArray: number that is not finite"));
                break;
            case SERAR_STRING: {
                size_t count;
                int wide = 0;
                if (d->biff8) { /* XLUnicodeString: 16-bit count, flags */
                    TRY(take_extra(d, 3, token, &b));
                    count = u16(b);
                    wide = u8(b + 2) & 0x01;
                } else { /* 8-bit count, code-page bytes */
                    TRY(take_extra(d, 1, token, &b));
                    count = u8(b);
                }
                TRY(take_extra(d, count * (wide ? 2 : 1), token, &b));
                TRY(append_quoted(d, b, count, wide));
                break;
            }
            case SERAR_BOOL:
                TRY(take_extra(d, 8, token, &b));
                TRY(append_str(d, b[0] ? "TRUE" : "FALSE"));
                break;
            case SERAR_ERROR:
                TRY(take_extra(d, 8, token, &b));
                TRY(append_error(d, b[0], "ptgArray: unknown error code"));
                break;
            default:
                return fail(d, PXL_FORMULA_MALFORMED, "ptgArray: unknown value type in the array constant");
            }
        }
        if (r + 1 < rows)
            TRY(append(d, ";", 1));
    }
    return append(d, "}", 1);
}

/* ---- attributes and functions ----------------------------------------- */

static status read_attr(decoder *d)
{
    static const char token[] = "ptgAttr truncated";
    const uint8_t *b;
    TRY(take(d, 3, token, &b));
    unsigned kind = u8(b), data = u16(b + 1);
    switch (kind) {
    case ATTR_SEMI:       /* volatile: no text */
    case ATTR_IF:         /* jumps: the tokens are also in reverse Polish order, */
    case ATTR_GOTO:       /* so a linear walk needs no jumping */
    case ATTR_SPACE:      /* white space: dropped */
    case ATTR_SPACE_SEMI:
        return PXL_FORMULA_OK;
    case ATTR_CHOOSE: {   /* skip the jump table: data + 1 offsets of 2 bytes */
        const uint8_t *table;
        return take(d, ((size_t)data + 1) * 2, "ptgAttr: CHOOSE jump table truncated", &table);
    }
    case ATTR_SUM:        /* SUM of one argument (MS-XLS 2.5.198.40 PtgAttrSum) */
        return call(d, "SUM", 1, "ptgAttr: SUM without its argument");
    case ATTR_BAXCEL:
        return fail(d, PXL_FORMULA_UNSUPPORTED, "ptgAttr: macro-sheet assignment (tAttrBaxcel)");
    default:
        return fail(d, PXL_FORMULA_UNSUPPORTED, "ptgAttr of an unknown kind");
    }
}

static status read_func(decoder *d)
{
    const uint8_t *b;
    TRY(take(d, 2, "ptgFunc truncated", &b));
    const pxl_biff_function *f = pxl_biff_function_find(u16(b));
    if (!f)
        return fail(d, PXL_FORMULA_UNSUPPORTED, "ptgFunc: a function number planxl's table does not know");
    if ((f->flags & PXL_FUNC_MACRO) || f->min_args != f->max_args)
        return fail(d, PXL_FORMULA_UNSUPPORTED,
                    "ptgFunc: a function whose fixed argument count planxl does not know");
    return call(d, f->name, f->min_args, "ptgFunc: fewer operands than the function's arguments");
}

static status read_funcvar(decoder *d)
{
    static const char token[] = "ptgFuncVar: fewer operands than the function's arguments";
    const uint8_t *b;
    TRY(take(d, 3, "ptgFuncVar truncated", &b));
    unsigned argc = u8(b) & FUNCVAR_ARGC_MASK, index = u16(b + 1);
    if (index & FUNCVAR_COMMAND)
        return fail(d, PXL_FORMULA_UNSUPPORTED, "ptgFuncVar: a macro command");
    index &= FUNCVAR_INDEX_MASK;
    if (index == PXL_FUNC_USER_DEFINED)
        return call(d, NULL, argc, token);
    const pxl_biff_function *f = pxl_biff_function_find(index);
    if (!f)
        return fail(d, PXL_FORMULA_UNSUPPORTED, "ptgFuncVar: a function number planxl's table does not know");
    return call(d, f->name, argc, token);
}

static status read_name(decoder *d)
{
    const uint8_t *b;
    /* BIFF8: index + 2 reserved; BIFF5: index + 12 reserved. */
    TRY(take(d, d->biff8 ? 4 : 14, "ptgName truncated", &b));
    unsigned index = u16(b);
    const char *name = d->cx->name ? d->cx->name(d->cx->ctx, index) : NULL;
    if (!name)
        return fail(d, PXL_FORMULA_UNSUPPORTED, "ptgName: a defined name planxl does not know");
    TRY(push(d));
    return append_str(d, name);
}

static status read_namex(decoder *d)
{
    const uint8_t *b;
    int index;
    unsigned name_index;
    if (d->biff8) { /* ixti, name index, reserved */
        TRY(take(d, 6, "ptgNameX truncated", &b));
        index = (int)u16(b);
        name_index = u16(b + 2);
    } else { /* ixals, 8 reserved, name index, 12 reserved */
        TRY(take(d, 24, "ptgNameX truncated", &b));
        index = i16(b);
        name_index = u16(b + 10);
    }
    const char *name = d->cx->extern_name ? d->cx->extern_name(d->cx->ctx, index, name_index) : NULL;
    if (!name)
        return fail(d, PXL_FORMULA_UNSUPPORTED, "ptgNameX: an external or add-in name planxl does not know");
    TRY(push(d));
    return append_str(d, name);
}

/* ptgMem*: a reference subexpression's wrapper; its tokens follow and give the
 * text, so only the header is skipped (and ptgMemArea's cached areas in rgbExtra,
 * which later ptgArray values come after: MS-XLS 2.5.198.27 PtgExtraMem). */
static status read_mem(decoder *d, unsigned base)
{
    static const char token[] = "ptgMem* truncated";
    const uint8_t *b;
    if (base == 0x29 || base == 0x2E || base == 0x2F) /* MemFunc, MemAreaN, MemNoMemN: cce */
        return take(d, 2, token, &b);
    TRY(take(d, 6, token, &b)); /* 4 reserved, cce */
    if (base == 0x26) {
        TRY(take_extra(d, 2, "ptgMemArea: cached areas truncated", &b));
        size_t count = u16(b);
        TRY(take_extra(d, count * (d->biff8 ? 8 : 6), "ptgMemArea: cached areas truncated", &b));
    }
    return PXL_FORMULA_OK;
}

/* ---- the walk --------------------------------------------------------- */

static status read_token(decoder *d)
{
    unsigned t = *d->p++;
    const uint8_t *b;
    cell_ref a, z;
    int deleted;
    if (t < 0x20) {
        switch (t) {
        case 0x01: return fail(d, PXL_FORMULA_UNSUPPORTED,
                               "ptgExp: shared or array formula (decode its SHRFMLA/ARRAY record)");
        case 0x02: return fail(d, PXL_FORMULA_UNSUPPORTED, "ptgTbl: data table (TABLE record)");
        case 0x03: return binary(d, "+", "ptgAdd without two operands");
        case 0x04: return binary(d, "-", "ptgSub without two operands");
        case 0x05: return binary(d, "*", "ptgMul without two operands");
        case 0x06: return binary(d, "/", "ptgDiv without two operands");
        case 0x07: return binary(d, "^", "ptgPower without two operands");
        case 0x08: return binary(d, "&", "ptgConcat without two operands");
        case 0x09: return binary(d, "<", "ptgLt without two operands");
        case 0x0A: return binary(d, "<=", "ptgLe without two operands");
        case 0x0B: return binary(d, "=", "ptgEq without two operands");
        case 0x0C: return binary(d, ">=", "ptgGe without two operands");
        case 0x0D: return binary(d, ">", "ptgGt without two operands");
        case 0x0E: return binary(d, "<>", "ptgNe without two operands");
        case 0x0F: return binary(d, " ", "ptgIsect without two operands");
        case 0x10: return binary(d, ",", "ptgUnion without two operands");
        case 0x11: return binary(d, ":", "ptgRange without two operands");
        case 0x12: return prefix(d, "+", "ptgUplus without an operand");
        case 0x13: return prefix(d, "-", "ptgUminus without an operand");
        case 0x14: return suffix(d, "%", "ptgPercent without an operand");
        case 0x15:
            TRY(prefix(d, "(", "ptgParen without an operand"));
            return append(d, ")", 1);
        case 0x16: return push(d); /* ptgMissArg: an empty argument */
        case 0x17: return read_string(d);
        case 0x18: return fail(d, PXL_FORMULA_UNSUPPORTED, "ptgElf/ptgSxName (extended token 0x18)");
        case 0x19: return read_attr(d);
        case 0x1A: return fail(d, PXL_FORMULA_UNSUPPORTED, "ptgSheet (BIFF4 and older)");
        case 0x1B: return fail(d, PXL_FORMULA_UNSUPPORTED, "ptgEndSheet (BIFF4 and older)");
        case 0x1C:
            TRY(take(d, 1, "ptgErr truncated", &b));
            TRY(push(d));
            return append_error(d, b[0], "ptgErr: unknown error code");
        case 0x1D:
            TRY(take(d, 1, "ptgBool truncated", &b));
            TRY(push(d));
            return append_str(d, b[0] ? "TRUE" : "FALSE");
        case 0x1E: {
            char text[8];
            TRY(take(d, 2, "ptgInt truncated", &b));
            TRY(push(d));
            int n = snprintf(text, sizeof text, "%u", u16(b));
            return append(d, text, (size_t)n);
        }
        case 0x1F:
            TRY(take(d, 8, "ptgNum truncated", &b));
            TRY(push(d));
            return append_number(d, f64(b), "ptgNum: a number that is not finite");
        default:
            return fail(d, PXL_FORMULA_UNSUPPORTED, "unknown token (0x00)");
        }
    }
    /* Classed tokens: the reference, value and array forms (0x20, 0x40, 0x60)
     * differ only in what Excel evaluates, not in their text. */
    unsigned base = (t & 0x1F) | 0x20;
    switch (base) {
    case 0x20: return read_array(d);
    case 0x21: return read_func(d);
    case 0x22: return read_funcvar(d);
    case 0x23: return read_name(d);
    case 0x24: /* ptgRef */
    case 0x2C: /* ptgRefN */
        TRY(read_ref(d, base == 0x2C, &a, "ptgRef truncated"));
        TRY(push(d));
        return append_cell(d, &a);
    case 0x25: /* ptgArea */
    case 0x2D: /* ptgAreaN */
        TRY(read_area(d, base == 0x2D, &a, &z, "ptgArea truncated"));
        TRY(push(d));
        return append_area(d, &a, &z);
    case 0x26: case 0x27: case 0x28: case 0x29: case 0x2E: case 0x2F:
        return read_mem(d, base);
    case 0x2A: /* ptgRefErr */
        TRY(take(d, d->biff8 ? 4 : 3, "ptgRefErr truncated", &b));
        TRY(push(d));
        return append_str(d, "#REF!");
    case 0x2B: /* ptgAreaErr */
        TRY(take(d, d->biff8 ? 8 : 6, "ptgAreaErr truncated", &b));
        TRY(push(d));
        return append_str(d, "#REF!");
    case 0x39: return read_namex(d);
    case 0x3A: /* ptgRef3d */
        TRY(push(d));
        TRY(sheet_prefix(d, "ptgRef3d truncated", &deleted));
        TRY(read_ref(d, d->cx->shared, &a, "ptgRef3d truncated"));
        return deleted ? append_str(d, "#REF!") : append_cell(d, &a);
    case 0x3B: /* ptgArea3d */
        TRY(push(d));
        TRY(sheet_prefix(d, "ptgArea3d truncated", &deleted));
        TRY(read_area(d, d->cx->shared, &a, &z, "ptgArea3d truncated"));
        return deleted ? append_str(d, "#REF!") : append_area(d, &a, &z);
    case 0x3C: /* ptgRefErr3d */
        TRY(push(d));
        TRY(sheet_prefix(d, "ptgRefErr3d truncated", &deleted));
        TRY(take(d, d->biff8 ? 4 : 3, "ptgRefErr3d truncated", &b));
        return append_str(d, "#REF!");
    case 0x3D: /* ptgAreaErr3d */
        TRY(push(d));
        TRY(sheet_prefix(d, "ptgAreaErr3d truncated", &deleted));
        TRY(take(d, d->biff8 ? 8 : 6, "ptgAreaErr3d truncated", &b));
        return append_str(d, "#REF!");
    default:
        return fail(d, PXL_FORMULA_UNSUPPORTED, "unknown token (0x30-0x38 class)");
    }
}

pxl_formula_status pxl_formula_decode(const uint8_t *tokens, size_t len,
                                      const uint8_t *extra, size_t extra_len,
                                      const pxl_formula_context *context,
                                      char *out, size_t out_size, const char **reason)
{
    static const pxl_formula_context no_context = {.biff_version = 8};
    decoder d;
    status s = PXL_FORMULA_OK;
    d.reason = NULL;
    if (!out || out_size == 0) {
        s = PXL_FORMULA_TOO_LONG;
        d.reason = "no room for the formula text";
        goto done;
    }
    out[0] = '\0';
    if (!tokens || len == 0) {
        s = PXL_FORMULA_MALFORMED;
        d.reason = "empty formula";
        goto done;
    }
    d.p = tokens;
    d.end = tokens + len;
    d.x = extra;
    d.xend = extra ? extra + extra_len : extra;
    d.cx = context ? context : &no_context;
    if (d.cx->biff_version != 5 && d.cx->biff_version != 7 && d.cx->biff_version != 8) {
        s = PXL_FORMULA_UNSUPPORTED; /* BIFF7 (Excel 95) shares BIFF5's tokens */
        d.reason = "formula of a BIFF version other than 5, 7 or 8";
        goto done;
    }
    d.biff8 = d.cx->biff_version == 8;
    d.buf = out;
    d.cap = out_size - 1;
    d.used = 0;
    d.depth = 0;
    while (d.p < d.end && s == PXL_FORMULA_OK)
        s = read_token(&d);
    if (s == PXL_FORMULA_OK && d.depth != 1)
        s = fail(&d, PXL_FORMULA_MALFORMED,
                 d.depth ? "tokens leave more than one value" : "tokens leave no value");
    if (s == PXL_FORMULA_OK)
        out[d.used] = '\0';
    else
        out[0] = '\0';
done:
    if (reason)
        *reason = s == PXL_FORMULA_OK ? NULL : d.reason;
    return s;
}

int pxl_formula_exp_anchor(const uint8_t *tokens, size_t len, uint32_t *row, uint32_t *col)
{
    if (!tokens || len < 5 || (tokens[0] != 0x01 && tokens[0] != 0x02))
        return 0;
    if (row)
        *row = u16(tokens + 1);
    if (col)
        *col = u16(tokens + 3);
    return tokens[0] == 0x01 ? 1 : 2;
}
