/*
 * pxl_formula_decode(): hand-assembled token streams, BIFF8 and BIFF5.
 * Each case's bytes follow the token layouts of MS-XLS 2.5.198 (BIFF8) and
 * OpenOffice's excelfileformat.pdf section 3 (BIFF5); the expected text is what
 * Excel shows for that formula, worked out from the spec, not copied from the
 * decoder's output.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/biff/formula.h"
#include "read/biff/functions.h"

/* ---- the workbook the cases refer to ----------------------------------- */

static const char *sheet_ref(void *ctx, int index)
{
    (void)ctx;
    switch (index) {
    case 0: return "Sheet2";          /* BIFF8 ixti */
    case 1: return "'My Sheet'";
    case 2: return "Sheet1:Sheet3";
    case 7: return PXL_FORMULA_DELETED_SHEET;
    case -1: return "Sheet2";         /* BIFF5: negative = this workbook */
    case -2: return "'My Sheet'";
    default: return NULL;
    }
}

static const char *name(void *ctx, unsigned index)
{
    (void)ctx;
    return index == 1 ? "Total" : index == 2 ? "Rate" : NULL;
}

static const char *extern_name(void *ctx, int index, unsigned name_index)
{
    (void)ctx;
    if (index != 3 && index != -3)
        return NULL;
    return name_index == 1 ? "_xlfn.IFERROR" : name_index == 3 ? "_xlfn.IFNA" : name_index == 4 ? "_xlfn.IFERRORX" : NULL;
}

/* BIFF5 sheet positions (BOUNDSHEET order), for 3-D references over several sheets. */
static const char *sheet_name(void *ctx, unsigned tab)
{
    static const char *const names[] = {"Data", "Other Sheet", "Extra", "A1", "R2C3", "it's", "2024", "Sheet_1.b"};
    (void)ctx;
    return tab < sizeof names / sizeof names[0] ? names[tab] : NULL;
}

#define B(...) (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__})
#define NOEXTRA NULL, 0

/* Little-endian doubles (IEEE 754, checked with Python's struct.pack('<d')). */
#define D_1 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F
#define D_0_5 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0x3F
#define D_0_1 0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F
#define D_1E100 0x7D, 0xC3, 0x94, 0x25, 0xAD, 0x49, 0xB2, 0x54
#define D_0_30000000000000004 0x34, 0x33, 0x33, 0x33, 0x33, 0x33, 0xD3, 0x3F
#define D_THIRD 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0xD5, 0x3F
#define D_5 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14, 0x40
#define D_MINUS_2_5 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xC0
#define D_1234567_125 0x00, 0x00, 0x00, 0x20, 0x87, 0xD6, 0x32, 0x41
#define D_INF 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x7F

/* BIFF8 token bodies. Ref: row (2), column (2) with bit 14 column-relative,
 * bit 15 row-relative. */
#define REL 0xC0 /* both relative, high byte of the column word */
#define INT(n) 0x1E, (n) & 0xFF, (n) >> 8
#define REF8(row, col, flags) 0x24, (row) & 0xFF, (row) >> 8, (col), (flags)
#define FUNCVAR(argc, index) 0x42, (argc), (index) & 0xFF, (index) >> 8
#define FUNC(index) 0x41, (index) & 0xFF, (index) >> 8
/* BIFF5: row word with the flags, then a one-byte column. */
#define REF5(row, col, flags) 0x24, (row) & 0xFF, ((row) >> 8) | (flags), (col)

/* tAttrIf: kind, then the offset to the true branch's tAttrGoto (a linear walk ignores it). */
#define ATTR_IF_BYTES 0x02, 0x07, 0x00

typedef struct formula_case {
    const char *what;
    int biff;
    uint32_t row, col; /* the formula's cell */
    int shared;
    const uint8_t *tokens;
    size_t len;
    const uint8_t *extra;
    size_t extra_len;
    pxl_formula_status status;
    const char *text; /* expected text when OK */
} formula_case;

#define OK PXL_FORMULA_OK
#define UNSUP PXL_FORMULA_UNSUPPORTED
#define BAD PXL_FORMULA_MALFORMED

static const formula_case cases[] = {
    /* constants */
    {"ptgInt", 8, 0, 0, 0, B(INT(42)), NOEXTRA, OK, "42"},
    {"ptgInt max", 8, 0, 0, 0, B(INT(65535)), NOEXTRA, OK, "65535"},
    {"ptgNum 0.1", 8, 0, 0, 0, B(0x1F, D_0_1), NOEXTRA, OK, "0.1"},
    {"ptgNum 1E+100", 8, 0, 0, 0, B(0x1F, D_1E100), NOEXTRA, OK, "1E+100"},
    {"ptgNum 17 digits", 8, 0, 0, 0, B(0x1F, D_0_30000000000000004), NOEXTRA, OK, "0.30000000000000004"},
    {"ptgNum 1/3", 8, 0, 0, 0, B(0x1F, D_THIRD), NOEXTRA, OK, "0.3333333333333333"},
    {"ptgNum 1234567.125", 8, 0, 0, 0, B(0x1F, D_1234567_125), NOEXTRA, OK, "1234567.125"},
    {"ptgNum negative", 8, 0, 0, 0, B(0x1F, D_MINUS_2_5), NOEXTRA, OK, "-2.5"},
    {"ptgStr compressed", 8, 0, 0, 0, B(0x17, 3, 0x00, 'a', 'b', 'c'), NOEXTRA, OK, "\"abc\""},
    {"ptgStr empty", 8, 0, 0, 0, B(0x17, 0, 0x00), NOEXTRA, OK, "\"\""},
    {"ptgStr quote doubled", 8, 0, 0, 0, B(0x17, 3, 0x00, 'a', '"', 'b'), NOEXTRA, OK, "\"a\"\"b\""},
    {"ptgStr Latin-1 byte", 8, 0, 0, 0, B(0x17, 1, 0x00, 0xC5), NOEXTRA, OK, "\"\xC3\x85\""},
    {"ptgStr UTF-16", 8, 0, 0, 0, B(0x17, 2, 0x01, 0xC5, 0x00, 0xAC, 0x20), NOEXTRA, OK,
     "\"\xC3\x85\xE2\x82\xAC\""},
    {"ptgStr surrogate pair", 8, 0, 0, 0, B(0x17, 2, 0x01, 0x3D, 0xD8, 0x00, 0xDE), NOEXTRA, OK,
     "\"\xF0\x9F\x98\x80\""},
    {"ptgStr lone surrogate", 8, 0, 0, 0, B(0x17, 1, 0x01, 0x3D, 0xD8), NOEXTRA, OK, "\"\xEF\xBF\xBD\""},
    {"ptgBool", 8, 0, 0, 0, B(0x1D, 1), NOEXTRA, OK, "TRUE"},
    {"ptgBool false", 8, 0, 0, 0, B(0x1D, 0), NOEXTRA, OK, "FALSE"},
    {"ptgErr #DIV/0!", 8, 0, 0, 0, B(0x1C, 0x07), NOEXTRA, OK, "#DIV/0!"},
    {"ptgErr #N/A", 8, 0, 0, 0, B(0x1C, 0x2A), NOEXTRA, OK, "#N/A"},
    {"ptgErr #NULL!", 8, 0, 0, 0, B(0x1C, 0x00), NOEXTRA, OK, "#NULL!"},

    /* references */
    {"ptgRef absolute", 8, 0, 0, 0, B(REF8(0, 0, 0x00)), NOEXTRA, OK, "$A$1"},
    {"ptgRef relative", 8, 0, 0, 0, B(REF8(9, 2, REL)), NOEXTRA, OK, "C10"},
    {"ptgRef column relative", 8, 0, 0, 0, B(REF8(2, 1, 0x40)), NOEXTRA, OK, "B$3"},
    {"ptgRef row relative", 8, 0, 0, 0, B(REF8(2, 1, 0x80)), NOEXTRA, OK, "$B3"},
    {"ptgRef value class", 8, 0, 0, 0, B(0x44, 0, 0, 25, REL), NOEXTRA, OK, "Z1"},
    {"ptgRef array class", 8, 0, 0, 0, B(0x64, 0, 0, 26, REL), NOEXTRA, OK, "AA1"},
    {"ptgRef IV65536", 8, 0, 0, 0, B(0x24, 0xFF, 0xFF, 0xFF, REL), NOEXTRA, OK, "IV65536"},
    {"ptgArea", 8, 0, 0, 0, B(0x25, 0, 0, 9, 0, 0, REL, 1, REL), NOEXTRA, OK, "A1:B10"},
    {"ptgArea mixed", 8, 0, 0, 0, B(0x25, 0, 0, 9, 0, 0, 0x00, 1, 0x80), NOEXTRA, OK, "$A$1:$B10"},
    {"ptgArea whole column", 8, 0, 0, 0, B(0x25, 0, 0, 0xFF, 0xFF, 0, REL, 0, REL), NOEXTRA, OK, "A:A"},
    {"ptgArea whole columns abs", 8, 0, 0, 0, B(0x25, 0, 0, 0xFF, 0xFF, 0, 0x00, 2, 0x00), NOEXTRA, OK,
     "$A:$C"},
    {"ptgArea whole row", 8, 0, 0, 0, B(0x25, 4, 0, 4, 0, 0, REL, 0xFF, REL), NOEXTRA, OK, "5:5"},
    {"ptgArea whole rows abs", 8, 0, 0, 0, B(0x25, 0, 0, 1, 0, 0, 0x00, 0xFF, 0x00), NOEXTRA, OK, "$1:$2"},
    /* Shared formula in C6 (row 5, col 2): offsets -1 row, -2 columns. */
    {"ptgRefN", 8, 5, 2, 1, B(0x2C, 0xFF, 0xFF, 0xFE, REL), NOEXTRA, OK, "A5"},
    {"ptgRefN absolute parts", 8, 5, 2, 1, B(0x2C, 0x03, 0x00, 0x01, 0x00), NOEXTRA, OK, "$B$4"},
    {"ptgRefN wraps", 8, 0, 0, 1, B(0x2C, 0xFF, 0xFF, 0xFF, REL), NOEXTRA, OK, "IV65536"},
    /* In A10 (row 9): A1:A9 as offsets -9..-1. */
    {"ptgAreaN", 8, 9, 0, 1, B(0x2D, 0xF7, 0xFF, 0xFF, 0xFF, 0, REL, 0, REL), NOEXTRA, OK, "A1:A9"},
    {"ptgRef3d", 8, 0, 0, 0, B(0x3A, 0, 0, 0, 0, 0, REL), NOEXTRA, OK, "Sheet2!A1"},
    {"ptgRef3d quoted sheet", 8, 0, 0, 0, B(0x3A, 1, 0, 4, 0, 3, 0x00), NOEXTRA, OK, "'My Sheet'!$D$5"},
    {"ptgArea3d sheet range", 8, 0, 0, 0, B(0x3B, 2, 0, 0, 0, 1, 0, 0, REL, 1, REL), NOEXTRA, OK,
     "Sheet1:Sheet3!A1:B2"},
    {"ptgArea3d whole column", 8, 0, 0, 0, B(0x5B, 0, 0, 0, 0, 0xFF, 0xFF, 3, 0, 3, 0), NOEXTRA, OK,
     "Sheet2!$D:$D"},
    /* In a shared formula in B3 (row 2, col 1), Sheet2!A2 relative: offsets -1, -1. */
    {"ptgRef3d shared", 8, 2, 1, 1, B(0x3A, 0, 0, 0xFF, 0xFF, 0xFF, REL), NOEXTRA, OK, "Sheet2!A2"},
    {"ptgRef3d unknown sheet", 8, 0, 0, 0, B(0x3A, 9, 0, 0, 0, 0, REL), NOEXTRA, UNSUP, NULL},
    /* into a deleted sheet: the whole reference is the error, as LibreOffice computes it */
    {"ptgRef3d deleted sheet", 8, 0, 0, 0, B(0x3A, 7, 0, 1, 0, 0, REL, INT(1), 0x03), NOEXTRA, OK, "#REF!+1"},
    {"ptgArea3d deleted sheet", 8, 0, 0, 0, B(0x3B, 7, 0, 0, 0, 1, 0, 0, REL, 1, REL, FUNCVAR(1, 4)), NOEXTRA, OK,
     "SUM(#REF!)"},
    {"ptgRefErr3d deleted sheet", 8, 0, 0, 0, B(0x3C, 7, 0, 0, 0, 0, 0), NOEXTRA, OK, "#REF!"},
    {"ptgRefErr", 8, 0, 0, 0, B(0x2A, 0, 0, 0, 0), NOEXTRA, OK, "#REF!"},
    {"ptgAreaErr", 8, 0, 0, 0, B(0x4B, 0, 0, 0, 0, 0, 0, 0, 0), NOEXTRA, OK, "#REF!"},
    {"ptgRefErr3d", 8, 0, 0, 0, B(0x3C, 0, 0, 0, 0, 0, 0), NOEXTRA, OK, "Sheet2!#REF!"},
    {"ptgAreaErr3d", 8, 0, 0, 0, B(0x3D, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0), NOEXTRA, OK, "'My Sheet'!#REF!"},

    /* operators */
    {"add", 8, 0, 0, 0, B(INT(1), INT(2), 0x03), NOEXTRA, OK, "1+2"},
    {"sub", 8, 0, 0, 0, B(INT(1), INT(2), 0x04), NOEXTRA, OK, "1-2"},
    {"mul div power", 8, 0, 0, 0, B(INT(1), INT(2), 0x05, INT(3), INT(4), 0x07, 0x06), NOEXTRA, OK,
     "1*2/3^4"},
    {"concat", 8, 0, 0, 0, B(0x17, 1, 0, 'a', REF8(0, 0, REL), 0x08), NOEXTRA, OK, "\"a\"&A1"},
    {"comparisons", 8, 0, 0, 0,
     B(INT(1), INT(2), 0x09, INT(3), 0x0A, INT(4), 0x0B, INT(5), 0x0C, INT(6), 0x0D, INT(7), 0x0E), NOEXTRA,
     OK, "1<2<=3=4>=5>6<>7"},
    {"intersection", 8, 0, 0, 0,
     B(0x25, 0, 0, 1, 0, 0, REL, 1, REL, 0x25, 1, 0, 2, 0, 1, REL, 2, REL, 0x0F), NOEXTRA, OK,
     "A1:B2 B2:C3"},
    {"union in parentheses", 8, 0, 0, 0, B(REF8(0, 0, REL), REF8(0, 1, REL), 0x10, 0x15), NOEXTRA, OK,
     "(A1,B1)"},
    {"range operator", 8, 0, 0, 0, B(REF8(0, 0, REL), REF8(2, 1, REL), 0x11), NOEXTRA, OK, "A1:B3"},
    {"unary minus", 8, 0, 0, 0, B(REF8(0, 0, REL), 0x13), NOEXTRA, OK, "-A1"},
    {"unary plus", 8, 0, 0, 0, B(INT(1), 0x12), NOEXTRA, OK, "+1"},
    {"percent", 8, 0, 0, 0, B(INT(50), 0x14), NOEXTRA, OK, "50%"},
    {"parentheses", 8, 0, 0, 0, B(INT(1), INT(2), 0x03, 0x15, INT(3), 0x05), NOEXTRA, OK, "(1+2)*3"},
    {"minus of parenthesis", 8, 0, 0, 0, B(0x1F, D_0_5, 0x1F, D_1, 0x04, 0x15, 0x13), NOEXTRA, OK,
     "-(0.5-1)"},

    /* functions */
    {"ptgFunc ABS", 8, 0, 0, 0, B(INT(1), 0x13, FUNC(24)), NOEXTRA, OK, "ABS(-1)"},
    {"ptgFunc PI no args", 8, 0, 0, 0, B(FUNC(19)), NOEXTRA, OK, "PI()"},
    {"ptgFunc ROUND 2 args", 8, 0, 0, 0, B(REF8(0, 0, REL), INT(2), 0x61, 27, 0), NOEXTRA, OK,
     "ROUND(A1,2)"},
    {"ptgFuncVar SUM 3", 8, 0, 0, 0, B(INT(1), INT(2), INT(3), FUNCVAR(3, 4)), NOEXTRA, OK, "SUM(1,2,3)"},
    {"ptgFuncVar SUM 0", 8, 0, 0, 0, B(FUNCVAR(0, 4)), NOEXTRA, OK, "SUM()"},
    {"ptgFuncVar nested", 8, 0, 0, 0,
     B(0x25, 0, 0, 9, 0, 0, REL, 0, REL, FUNCVAR(1, 5), INT(2), FUNC(27), 0x1D, 1, FUNCVAR(2, 4)), NOEXTRA,
     OK, "SUM(ROUND(AVERAGE(A1:A10),2),TRUE)"},
    {"ptgFuncVar missing argument", 8, 0, 0, 0, B(REF8(0, 0, REL), 0x16, INT(1), FUNCVAR(3, 1)), NOEXTRA,
     OK, "IF(A1,,1)"},
    {"ptgFuncVar SUMIF", 8, 0, 0, 0, B(0x25, 0, 0, 4, 0, 0, REL, 0, REL, 0x17, 2, 0, '>', '0', FUNCVAR(2, 345)),
     NOEXTRA, OK, "SUMIF(A1:A5,\">0\")"},
    /* IF(A1>0,"yes","no") as Excel writes it: tAttrIf, tAttrGoto around the branches. */
    {"IF with jumps", 8, 0, 0, 0,
     B(REF8(0, 0, REL), INT(0), 0x0D, 0x19, ATTR_IF_BYTES, 0x17, 3, 0, 'y', 'e', 's', 0x19, 0x08, 0x0B, 0x00,
       0x17, 2, 0, 'n', 'o', 0x19, 0x08, 0x03, 0x00, FUNCVAR(3, 1)),
     NOEXTRA, OK, "IF(A1>0,\"yes\",\"no\")"},
    /* CHOOSE(2,"a","b","c"): tAttrChoose with a jump table of 3 + 1 offsets. */
    {"CHOOSE with jump table", 8, 0, 0, 0,
     B(INT(2), 0x19, 0x04, 3, 0, 8, 0, 13, 0, 18, 0, 23, 0, 0x17, 1, 0, 'a', 0x19, 0x08, 0x0E, 0, 0x17, 1, 0,
       'b', 0x19, 0x08, 0x09, 0, 0x17, 1, 0, 'c', 0x19, 0x08, 0x03, 0, FUNCVAR(4, 100)),
     NOEXTRA, OK, "CHOOSE(2,\"a\",\"b\",\"c\")"},
    {"tAttrSum", 8, 0, 0, 0, B(0x25, 0, 0, 1, 0, 0, REL, 1, REL, 0x19, 0x10, 0, 0), NOEXTRA, OK,
     "SUM(A1:B2)"},
    {"tAttrSpace dropped", 8, 0, 0, 0, B(INT(1), 0x19, 0x40, 0x00, 2, INT(2), 0x03), NOEXTRA, OK, "1+2"},
    {"tAttrSemi volatile", 8, 0, 0, 0, B(0x19, 0x01, 0, 0, FUNC(63)), NOEXTRA, OK, "RAND()"},
    {"ptgName", 8, 0, 0, 0, B(0x23, 1, 0, 0, 0, INT(2), 0x05), NOEXTRA, OK, "Total*2"},
    {"ptgName unknown", 8, 0, 0, 0, B(0x23, 7, 0, 0, 0), NOEXTRA, UNSUP, NULL},
    /* IFERROR(A1,1) as Excel 2007 writes it into an .xls: an add-in call "_xlfn.IFERROR",
     * native in .xlsx, so written without the prefix; Excel 2013's IFNA keeps it. */
    {"ptgFuncVar 255 add-in", 8, 0, 0, 0, B(0x39, 3, 0, 1, 0, 0, 0, REF8(0, 0, REL), INT(1), FUNCVAR(3, 255)),
     NOEXTRA, OK, "IFERROR(A1,1)"},
    {"ptgFuncVar 255 after an operand", 8, 0, 0, 0,
     B(INT(2), 0x39, 3, 0, 1, 0, 0, 0, REF8(0, 0, REL), INT(1), FUNCVAR(3, 255), 0x03), NOEXTRA, OK,
     "2+IFERROR(A1,1)"},
    {"ptgFuncVar 255 later function", 8, 0, 0, 0, B(0x39, 3, 0, 3, 0, 0, 0, REF8(0, 0, REL), INT(1), FUNCVAR(3, 255)),
     NOEXTRA, OK, "_xlfn.IFNA(A1,1)"},
    {"ptgFuncVar 255 not a 2007 name", 8, 0, 0, 0, B(0x39, 3, 0, 4, 0, 0, 0, INT(1), FUNCVAR(2, 255)),
     NOEXTRA, OK, "_xlfn.IFERRORX(1)"},
    {"ptgNameX unknown", 8, 0, 0, 0, B(0x39, 3, 0, 2, 0, 0, 0), NOEXTRA, UNSUP, NULL},
    /* {1,"a";TRUE,#N/A}: 2 columns (1), 2 rows (1), then the values row by row. */
    {"ptgArray", 8, 0, 0, 0, B(0x60, 0, 0, 0, 0, 0, 0, 0),
     B(1, 1, 0, 0x01, D_1, 0x02, 1, 0, 0x00, 'a', 0x04, 1, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x2A, 0, 0, 0, 0, 0, 0, 0),
     OK, "{1,\"a\";TRUE,#N/A}"},
    {"ptgArray in SUM", 8, 0, 0, 0, B(0x60, 0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0, FUNCVAR(2, 4)),
     B(0, 0, 0, 0x01, D_5, 0, 1, 0, 0x01, D_0_5, 0x01, D_MINUS_2_5), OK, "SUM({5},{0.5;-2.5})"},
    /* ptgMemFunc wraps a reference subexpression that follows it. */
    {"ptgMemFunc", 8, 0, 0, 0, B(0x29, 11, 0, REF8(0, 0, REL), REF8(0, 1, REL), 0x11, FUNCVAR(1, 4)), NOEXTRA,
     OK, "SUM(A1:B1)"},
    /* ptgMemArea's cached rectangles come first in rgbExtra, the array's values after. */
    {"ptgMemArea then ptgArray", 8, 0, 0, 0,
     B(0x26, 0, 0, 0, 0, 11, 0, REF8(0, 0, REL), REF8(1, 1, REL), 0x11, 0x60, 0, 0, 0, 0, 0, 0, 0,
       FUNCVAR(2, 4)),
     B(1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0x01, D_5), OK, "SUM(A1:B2,{5})"},
    {"ptgMemErr", 8, 0, 0, 0, B(0x27, 0, 0, 0, 0, 3, 0, INT(1)), NOEXTRA, OK, "1"},

    /* BIFF5: flags in the row word, 8-bit columns, padded 3-D and name tokens */
    {"BIFF5 ptgRef", 5, 0, 0, 0, B(REF5(9, 2, 0xC0)), NOEXTRA, OK, "C10"},
    {"BIFF5 ptgRef absolute", 5, 0, 0, 0, B(REF5(2, 1, 0x00)), NOEXTRA, OK, "$B$3"},
    {"BIFF5 ptgRef column relative", 5, 0, 0, 0, B(REF5(2, 1, 0x40)), NOEXTRA, OK, "B$3"},
    {"BIFF5 ptgRef last cell", 5, 0, 0, 0, B(0x24, 0xFF, 0x3F | 0xC0, 0xFF), NOEXTRA, OK, "IV16384"},
    {"BIFF5 ptgArea", 5, 0, 0, 0, B(0x25, 0, 0xC0, 9, 0xC0, 0, 1), NOEXTRA, OK, "A1:B10"},
    {"BIFF5 whole column", 5, 0, 0, 0, B(0x25, 0, 0x00, 0xFF, 0x3F, 1, 1), NOEXTRA, OK, "$B:$B"},
    {"BIFF5 whole row", 5, 0, 0, 0, B(0x25, 2, 0xC0, 2, 0xC0, 0, 0xFF), NOEXTRA, OK, "3:3"},
    /* In C6: offsets -1 row (14-bit 0x3FFF) and -2 columns. */
    {"BIFF5 ptgRefN", 5, 5, 2, 1, B(0x2C, 0xFF, 0xFF, 0xFE), NOEXTRA, OK, "A5"},
    {"BIFF5 ptgAreaN", 5, 9, 0, 1, B(0x2D, 0xF7, 0xFF, 0xFF, 0xFF, 0, 0), NOEXTRA, OK, "A1:A9"},
    /* ixals -1, 8 reserved, itabFirst = itabLast = 1, then the reference. */
    {"BIFF5 ptgRef3d", 5, 0, 0, 0, B(0x3A, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0xC0, 0), NOEXTRA,
     OK, "Sheet2!A1"},
    {"BIFF5 ptgArea3d", 5, 0, 0, 0,
     B(0x3B, 0xFE, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 0, 0x00, 4, 0x00, 0, 2), NOEXTRA, OK,
     "'My Sheet'!$A$1:$C$5"},
    /* Over several sheets: itabFirst..itabLast name them by position; Excel quotes the
     * whole range when either name needs quotes. */
    {"BIFF5 ptgRef3d several sheets", 5, 0, 0, 0,
     B(0x3A, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0xC0, 0), NOEXTRA, OK, "Data:Extra!A1"},
    {"BIFF5 ptgArea3d several sheets quoted", 5, 0, 0, 0,
     B(0x3B, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0xC0, 1, 0xC0, 0, 0), NOEXTRA, OK,
     "'Data:Other Sheet'!A1:A2"},
    {"BIFF5 sheet named like a cell", 5, 0, 0, 0,
     B(0x3A, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 3, 0, 0, 0xC0, 0), NOEXTRA, OK, "'Extra:A1'!A1"},
    {"BIFF5 sheet named R1C1", 5, 0, 0, 0,
     B(0x3A, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0xC0, 0), NOEXTRA, OK, "'Data:R2C3'!A1"},
    {"BIFF5 sheet name with apostrophe", 5, 0, 0, 0,
     B(0x3A, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0xC0, 0), NOEXTRA, OK, "'Data:it''s'!A1"},
    {"BIFF5 sheet name of digits", 5, 0, 0, 0,
     B(0x3A, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0xC0, 0), NOEXTRA, OK, "'2024:Data'!A1"},
    {"BIFF5 sheet name with _ and .", 5, 0, 0, 0,
     B(0x3A, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0xC0, 0), NOEXTRA, OK, "Data:Sheet_1.b!A1"},
    {"BIFF5 several sheets, one deleted", 5, 0, 0, 0,
     B(0x3A, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0xC0, 0), NOEXTRA, UNSUP, NULL},
    {"BIFF5 ptgStr Windows-1252", 5, 0, 0, 0, B(0x17, 3, 0x80, 'k', 0xE5), NOEXTRA, OK,
     "\"\xE2\x82\xACk\xC3\xA5\""},
    {"BIFF5 ptgName", 5, 0, 0, 0, B(0x23, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), NOEXTRA, OK, "Rate"},
    {"BIFF5 ptgNameX add-in", 5, 0, 0, 0,
     B(0x39, 0xFD, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, INT(1), FUNCVAR(2, 255)),
     NOEXTRA, OK, "IFERROR(1)"},
    {"BIFF5 ptgArray string", 5, 0, 0, 0, B(0x60, 0, 0, 0, 0, 0, 0, 0), B(1, 0, 0, 0x02, 2, 'x', 0xE9, 0x01, D_1),
     OK, "{\"x\xC3\xA9\",1}"},
    {"BIFF5 ptgRefErr3d", 5, 0, 0, 0, B(0x3C, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0), NOEXTRA,
     OK, "Sheet2!#REF!"},
    {"BIFF7 as BIFF5", 7, 0, 0, 0, B(REF5(0, 0, 0xC0), INT(1), 0x03), NOEXTRA, OK, "A1+1"},

    /* unsupported tokens: the caller keeps the cached value */
    {"ptgExp", 8, 0, 0, 0, B(0x01, 0, 0, 0, 0), NOEXTRA, UNSUP, NULL},
    {"ptgTbl", 8, 0, 0, 0, B(0x02, 0, 0, 0, 0), NOEXTRA, UNSUP, NULL},
    {"ptgFuncVar unknown function", 8, 0, 0, 0, B(FUNCVAR(0, 400)), NOEXTRA, UNSUP, NULL},
    {"ptgFuncVar macro command", 8, 0, 0, 0, B(FUNCVAR(0, 0x8000 | 4)), NOEXTRA, UNSUP, NULL},
    {"ptgFunc of a variable function", 8, 0, 0, 0, B(INT(1), FUNC(4)), NOEXTRA, UNSUP, NULL},
    {"ptgFunc of a macro function", 8, 0, 0, 0, B(FUNC(89)), NOEXTRA, UNSUP, NULL},
    {"extended 0x18", 8, 0, 0, 0, B(0x18, 0x01, 0, 0), NOEXTRA, UNSUP, NULL},
    {"ptgSheet", 8, 0, 0, 0, B(0x1A, 0, 0, 0), NOEXTRA, UNSUP, NULL},
    {"token 0x00", 8, 0, 0, 0, B(0x00), NOEXTRA, UNSUP, NULL},
    {"token 0x30", 8, 0, 0, 0, B(0x30, 0, 0), NOEXTRA, UNSUP, NULL},
    {"tAttrBaxcel", 8, 0, 0, 0, B(0x19, 0x20, 0, 0, INT(1)), NOEXTRA, UNSUP, NULL},
    {"BIFF version 4", 4, 0, 0, 0, B(INT(1)), NOEXTRA, UNSUP, NULL},

    /* malformed streams */
    {"empty", 8, 0, 0, 0, NULL, 0, NOEXTRA, BAD, NULL},
    {"ptgNum truncated", 8, 0, 0, 0, B(0x1F, 0, 0, 0), NOEXTRA, BAD, NULL},
    {"ptgNum infinite", 8, 0, 0, 0, B(0x1F, D_INF), NOEXTRA, BAD, NULL},
    {"ptgStr truncated", 8, 0, 0, 0, B(0x17, 5, 0x00, 'a'), NOEXTRA, BAD, NULL},
    {"ptgStr wide truncated", 8, 0, 0, 0, B(0x17, 2, 0x01, 'a', 0, 'b'), NOEXTRA, BAD, NULL},
    {"ptgStr no flags byte", 8, 0, 0, 0, B(0x17, 0), NOEXTRA, BAD, NULL},
    {"ptgRef truncated", 8, 0, 0, 0, B(0x24, 0, 0, 0), NOEXTRA, BAD, NULL},
    {"BIFF5 ptgRef3d truncated", 5, 0, 0, 0, B(0x3A, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0xC0),
     NOEXTRA, BAD, NULL},
    {"binary with one operand", 8, 0, 0, 0, B(INT(1), 0x03), NOEXTRA, BAD, NULL},
    {"unary with no operand", 8, 0, 0, 0, B(0x13), NOEXTRA, BAD, NULL},
    {"paren with no operand", 8, 0, 0, 0, B(0x15), NOEXTRA, BAD, NULL},
    {"two values left", 8, 0, 0, 0, B(INT(1), INT(2)), NOEXTRA, BAD, NULL},
    {"function short of arguments", 8, 0, 0, 0, B(INT(1), FUNCVAR(2, 4)), NOEXTRA, BAD, NULL},
    {"ptgFunc short of arguments", 8, 0, 0, 0, B(INT(1), FUNC(27)), NOEXTRA, BAD, NULL},
    {"user function without name", 8, 0, 0, 0, B(FUNCVAR(0, 255)), NOEXTRA, BAD, NULL},
    {"tAttrSum with no operand", 8, 0, 0, 0, B(0x19, 0x10, 0, 0), NOEXTRA, BAD, NULL},
    {"CHOOSE table truncated", 8, 0, 0, 0, B(INT(1), 0x19, 0x04, 5, 0, 1, 0), NOEXTRA, BAD, NULL},
    {"ptgAttr truncated", 8, 0, 0, 0, B(INT(1), 0x19, 0x40), NOEXTRA, BAD, NULL},
    {"ptgArray without extra", 8, 0, 0, 0, B(0x60, 0, 0, 0, 0, 0, 0, 0), NOEXTRA, BAD, NULL},
    {"ptgArray values truncated", 8, 0, 0, 0, B(0x60, 0, 0, 0, 0, 0, 0, 0), B(1, 0, 0, 0x01, D_1), BAD, NULL},
    {"ptgArray bad value type", 8, 0, 0, 0, B(0x60, 0, 0, 0, 0, 0, 0, 0), B(0, 0, 0, 0x07, D_1), BAD, NULL},
    {"ptgArray counts that lie", 8, 0, 0, 0, B(0x60, 0, 0, 0, 0, 0, 0, 0), B(0xFF, 0xFF, 0xFF, 0x01, D_1), BAD,
     NULL},
    {"ptgMemArea extra truncated", 8, 0, 0, 0, B(0x26, 0, 0, 0, 0, 0, 0, INT(1)), B(2, 0, 0, 0), BAD, NULL},
    {"ptgErr unknown code", 8, 0, 0, 0, B(0x1C, 0x03), NOEXTRA, BAD, NULL},
};

START_TEST(test_case)
{
    const formula_case *c = &cases[_i];
    pxl_formula_context cx = {.biff_version = c->biff,
                              .row = c->row,
                              .col = c->col,
                              .shared = c->shared,
                              .sheet_ref = sheet_ref,
                              .name = name,
                              .extern_name = extern_name,
                              .sheet_name = sheet_name};
    char out[256];
    const char *reason = NULL;
    memset(out, 'x', sizeof out);
    pxl_formula_status s =
        pxl_formula_decode(c->tokens, c->len, c->extra, c->extra_len, &cx, out, sizeof out, &reason);
    ck_assert_msg(s == c->status, "%s: status %d, expected %d (%s), text \"%s\"", c->what, s, c->status,
                  reason ? reason : "no reason", out);
    if (s == PXL_FORMULA_OK) {
        ck_assert_msg(strcmp(out, c->text) == 0, "%s: \"%s\", expected \"%s\"", c->what, out, c->text);
        ck_assert_ptr_null(reason);
    } else {
        ck_assert_str_eq(out, "");
        ck_assert_msg(reason && *reason, "%s: no reason given", c->what);
    }
}
END_TEST

START_TEST(test_too_long)
{
    /* SUM(A1:B10) is 11 characters: it needs 12 bytes with the NUL. */
    static const uint8_t tokens[] = {0x25, 0, 0, 9, 0, 0, REL, 1, REL, 0x19, 0x10, 0, 0};
    pxl_formula_context cx = {.biff_version = 8};
    char out[12];
    const char *reason;
    for (size_t size = 0; size < sizeof out; size++) {
        out[0] = 'x';
        ck_assert_int_eq(pxl_formula_decode(tokens, sizeof tokens, NULL, 0, &cx, out, size, &reason),
                         PXL_FORMULA_TOO_LONG);
        if (size)
            ck_assert_str_eq(out, "");
        ck_assert_ptr_nonnull(reason);
    }
    ck_assert_int_eq(pxl_formula_decode(tokens, sizeof tokens, NULL, 0, &cx, out, sizeof out, &reason),
                     PXL_FORMULA_OK);
    ck_assert_str_eq(out, "SUM(A1:B10)");
}
END_TEST

START_TEST(test_no_callbacks)
{
    /* A context without callbacks: names and 3-D references are unsupported, never a crash. */
    static const uint8_t ref3d[] = {0x3A, 0, 0, 0, 0, 0, REL};
    static const uint8_t name_tok[] = {0x23, 1, 0, 0, 0};
    static const uint8_t int_tok[] = {INT(7)};
    pxl_formula_context cx = {.biff_version = 8};
    char out[64];
    ck_assert_int_eq(pxl_formula_decode(ref3d, sizeof ref3d, NULL, 0, &cx, out, sizeof out, NULL),
                     PXL_FORMULA_UNSUPPORTED);
    ck_assert_int_eq(pxl_formula_decode(name_tok, sizeof name_tok, NULL, 0, &cx, out, sizeof out, NULL),
                     PXL_FORMULA_UNSUPPORTED);
    /* No context at all reads as BIFF8. */
    ck_assert_int_eq(pxl_formula_decode(int_tok, sizeof int_tok, NULL, 0, NULL, out, sizeof out, NULL),
                     PXL_FORMULA_OK);
    ck_assert_str_eq(out, "7");
}
END_TEST

START_TEST(test_exp_anchor)
{
    static const uint8_t exp[] = {0x01, 0x05, 0x00, 0x02, 0x00};
    static const uint8_t tbl[] = {0x02, 0x01, 0x01, 0x03, 0x00};
    static const uint8_t other[] = {INT(1), 0, 0};
    uint32_t row = 99, col = 99;
    ck_assert_int_eq(pxl_formula_exp_anchor(exp, sizeof exp, &row, &col), 1);
    ck_assert_uint_eq(row, 5);
    ck_assert_uint_eq(col, 2);
    ck_assert_int_eq(pxl_formula_exp_anchor(tbl, sizeof tbl, &row, &col), 2);
    ck_assert_uint_eq(row, 257);
    ck_assert_uint_eq(col, 3);
    ck_assert_int_eq(pxl_formula_exp_anchor(other, sizeof other, &row, &col), 0);
    ck_assert_int_eq(pxl_formula_exp_anchor(exp, 4, &row, &col), 0);
}
END_TEST

START_TEST(test_swedish_locale)
{
    /* Under sv_SE the C library writes "0,5"; a formula must still say 0.5. */
    static const uint8_t tokens[] = {0x1F, D_0_5};
    ck_assert_msg(setlocale(LC_NUMERIC, "sv_SE.UTF-8") != NULL,
                  "the sv_SE.UTF-8 locale is missing: enable it in /etc/locale.gen and run locale-gen "
                  "(tools/setup.sh does it)");
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 0.5);
    ck_assert_str_eq(probe, "0,5"); /* the locale is really in effect */
    pxl_formula_context cx = {.biff_version = 8};
    char out[32];
    ck_assert_int_eq(pxl_formula_decode(tokens, sizeof tokens, NULL, 0, &cx, out, sizeof out, NULL),
                     PXL_FORMULA_OK);
    setlocale(LC_NUMERIC, "C");
    ck_assert_str_eq(out, "0.5");
}
END_TEST

/*
 * The function table against Spreadsheet::WriteExcel's, an independent
 * transcription of Excel's: same name for every number it knows, and for its
 * fixed-count functions the same count (ptgFunc relies on it).
 */
START_TEST(test_function_table)
{
    FILE *p = popen("perl " PXL_TEST_TOOLS "/writeexcel_ftab.pl", "r");
    ck_assert_ptr_nonnull(p);
    unsigned index, compared = 0;
    char fname[64];
    int args;
    while (fscanf(p, "%u %63s %d", &index, fname, &args) == 3) {
        const pxl_biff_function *f = pxl_biff_function_find(index);
        ck_assert_msg(f != NULL, "function %u (%s) missing", index, fname);
        ck_assert_msg(strcmp(f->name, fname) == 0, "function %u: %s, WriteExcel says %s", index, f->name, fname);
        if (args >= 0)
            ck_assert_msg(f->min_args == args && f->max_args == args && !(f->flags & PXL_FUNC_MACRO),
                          "%s: %u..%u arguments, WriteExcel says %d", fname, f->min_args, f->max_args, args);
        else
            ck_assert_msg((f->flags & PXL_FUNC_MACRO) || f->min_args != f->max_args,
                          "%s: fixed count %u, WriteExcel says variable", fname, f->min_args);
        compared++;
    }
    ck_assert_int_eq(pclose(p), 0);
    ck_assert_uint_ge(compared, 200);
    /* Numbers WriteExcel lacks, from MS-XLS 2.5.198.17 directly. */
    ck_assert_str_eq(pxl_biff_function_find(100)->name, "CHOOSE");
    ck_assert_str_eq(pxl_biff_function_find(344)->name, "SUBTOTAL");
    ck_assert_str_eq(pxl_biff_function_find(367)->name, "VARA");
    ck_assert_str_eq(pxl_biff_function_find(379)->name, "RTD");
    ck_assert_ptr_null(pxl_biff_function_find(255));
    ck_assert_ptr_null(pxl_biff_function_find(380));
    ck_assert_ptr_null(pxl_biff_function_find(0xFFFF));
}
END_TEST

/* Arbitrary bytes (a fixed pseudo-random sequence): any status, never a crash
 * (the sanitizer build checks the reads), always a NUL-terminated answer. */
START_TEST(test_random_bytes)
{
    uint32_t state = 0x2545F491u;
    uint8_t tokens[64], extra[32];
    char out[128];
    for (int round = 0; round < 20000; round++) {
        size_t len = 1 + round % sizeof tokens;
        for (size_t i = 0; i < len; i++) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            tokens[i] = (uint8_t)state;
        }
        for (size_t i = 0; i < sizeof extra; i++)
            extra[i] = (uint8_t)(state >> (i % 24));
        pxl_formula_context cx = {.biff_version = round % 2 ? 8 : 5,
                                  .row = state % 70000,
                                  .col = state % 300,
                                  .shared = round % 3 == 0,
                                  .sheet_ref = sheet_ref,
                                  .name = name,
                                  .extern_name = extern_name,
                                  .sheet_name = sheet_name};
        const char *reason;
        pxl_formula_status s = pxl_formula_decode(tokens, len, extra, round % 5 ? sizeof extra : 0, &cx, out,
                                                  sizeof out, &reason);
        ck_assert(s <= PXL_FORMULA_TOO_LONG);
        ck_assert(memchr(out, '\0', sizeof out) != NULL);
        if (s != PXL_FORMULA_OK)
            ck_assert_str_eq(out, "");
    }
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("formula");
    TCase *t = tcase_create("tokens");
    tcase_add_loop_test(t, test_case, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(t, test_too_long);
    tcase_add_test(t, test_no_callbacks);
    tcase_add_test(t, test_exp_anchor);
    tcase_add_test(t, test_swedish_locale);
    tcase_add_test(t, test_random_bytes);
    suite_add_tcase(suite, t);
    TCase *f = tcase_create("functions");
    tcase_add_test(f, test_function_table);
    suite_add_tcase(suite, f);
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
