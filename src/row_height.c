/* Estimating how many lines wrapped text needs (see row_height.h). */
#include <stddef.h>

#include "row_height.h"

unsigned pxl_text_lines(const char *text, double width_chars)
{
    /* One character per column-width unit: average Swedish prose in Calibri is a little narrower
     * than the digit 0, which leaves room for the cell's padding and for ragged word breaks. */
    size_t capacity = width_chars >= 2 ? (size_t)width_chars - 1 : 1;
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
