/* Estimating how many lines wrapped text needs (see row_height.h). */
#include <stddef.h>

#include "row_height.h"

unsigned pxl_text_lines(const char *text, double width_chars)
{
    /* Average Swedish prose in 11-point Calibri (and its metric twin Carlito, which LibreOffice
     * uses) fits about 1.2 characters per column-width unit, measured on the example plan's
     * LibreOffice rendering; 1.15 and one character less leave room for the cell's padding and
     * for ragged word breaks. */
    double fit = width_chars * 1.15 - 1;
    size_t capacity = fit >= 1 ? (size_t)fit : 1;
    unsigned lines = 1;
    size_t used = 0;  /* characters on the current line */
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    while (*p) {
        if (*p == '\n') {
            lines++;
            used = 0;
            p++;
            continue;
        }
        if (*p == ' ' || *p == '\t' || *p == '\r') {
            if (used > 0 && used < capacity)
                used++;
            p++;
            continue;
        }
        /* A word: its length in characters. */
        size_t word = 0;
        const unsigned char *q = p;
        while (*q && *q != ' ' && *q != '\t' && *q != '\r' && *q != '\n') {
            word += (*q & 0xC0) != 0x80;  /* count characters, not UTF-8 continuation bytes */
            q++;
        }
        if (used > 0 && used + word > capacity) {
            lines++;
            used = 0;
        }
        /* A word longer than the line is broken across lines. */
        while (word > capacity) {
            lines++;
            word -= capacity;
        }
        used += word;
        p = q;
    }
    return lines;
}

double pxl_row_height_points(unsigned lines)
{
    double height = lines * PXL_ROW_LINE_POINTS + 2.0;  /* a little air below the last line */
    if (lines <= 1)
        return PXL_ROW_LINE_POINTS;
    return height > PXL_ROW_MAX_POINTS ? PXL_ROW_MAX_POINTS : height;
}
