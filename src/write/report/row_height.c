/* Estimating how many lines wrapped text needs (see row_height.h). */
#include <stddef.h>
#include <string.h>

#include "row_height.h"

/* Characters per line in a column @p width_chars wide. Average Swedish prose fits about 1.2
 * characters per column-width unit in 11-point Calibri (and its metric twin Carlito), and about as
 * many in DejaVu Sans, which LibreOffice prints with where neither is installed (its column unit is
 * wider there, its letters too); bold DejaVu Sans fits only about 1.0: "Daglig verksamhet enligt
 * LSS" takes three lines of a 16-unit column, not two (issue 14). Measured on the example plan's
 * LibreOffice PDF; the factors and one character less leave room for the cell's padding and for
 * ragged word breaks. */
static size_t line_capacity(double width_chars, pxl_text_weight weight)
{
    double fit = width_chars * (weight == PXL_TEXT_BOLD ? 0.95 : 1.15) - 1;
    return fit >= 1 ? (size_t)fit : 1;
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/*
 * Lay @p text out in lines of @p capacity characters, word by word. With @p max_lines > 0, stop
 * once a word would need a line past it: *line_break then is the end of the last line break ('\n')
 * and *word_break the end of the last word that fit (byte offsets; 0 when none). Returns the lines.
 */
static unsigned wrap(const char *text, size_t capacity, unsigned max_lines, size_t *line_break, size_t *word_break)
{
    unsigned lines = 1;
    size_t used = 0; /* characters on the current line */
    const unsigned char *start = (const unsigned char *)(text ? text : ""), *p = start;
    while (*p) {
        if (*p == '\n') {
            if (max_lines && lines + 1 > max_lines) {
                if (line_break) /* this break ends the last line that fits: the best place to stop */
                    *line_break = (size_t)(p - start) + 1;
                if (word_break)
                    *word_break = (size_t)(p - start) + 1;
                return lines;
            }
            lines++;
            used = 0;
            p++;
            if (line_break)
                *line_break = (size_t)(p - start);
            continue;
        }
        if (is_blank(*p)) {
            if (used > 0 && used < capacity)
                used++;
            p++;
            continue;
        }
        /* A word: its length in characters. */
        size_t word = 0;
        const unsigned char *q = p;
        while (*q && *q != '\n' && !is_blank(*q)) {
            word += (*q & 0xC0) != 0x80; /* count characters, not UTF-8 continuation bytes */
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
        if (max_lines && lines > max_lines) {
            return max_lines;
        }
        used += word;
        p = q;
        if (word_break)
            *word_break = (size_t)(p - start);
    }
    return lines;
}

unsigned pxl_text_lines(const char *text, double width_chars)
{
    return pxl_text_lines_in(text, width_chars, PXL_TEXT_REGULAR);
}

unsigned pxl_text_lines_in(const char *text, double width_chars, pxl_text_weight weight)
{
    return wrap(text, line_capacity(width_chars, weight), 0, NULL, NULL);
}

size_t pxl_text_fit(const char *text, double width_chars, unsigned max_lines)
{
    size_t capacity = line_capacity(width_chars, PXL_TEXT_REGULAR), line_break = 0, word_break = 0;
    size_t len = text ? strlen(text) : 0;
    if (max_lines == 0)
        max_lines = 1;
    if (wrap(text, capacity, 0, NULL, NULL) <= max_lines)
        return len;
    wrap(text, capacity, max_lines, &line_break, &word_break);
    /* Prefer to end at a paragraph or line break unless that leaves most of the space empty. */
    if (line_break > 0 && line_break * 2 >= word_break)
        return line_break;
    if (word_break > 0)
        return word_break;
    /* One word longer than all the lines together: cut it at a character boundary. */
    size_t chars = 0, i = 0;
    for (; i < len; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80 && chars++ == capacity * max_lines)
            break;
    return i > 0 ? i : len;
}

double pxl_row_height_points(unsigned lines)
{
    double height = lines * PXL_ROW_LINE_POINTS + 2.0;  /* a little air below the last line */
    if (lines <= 1)
        return PXL_ROW_LINE_POINTS;
    return height > PXL_ROW_MAX_POINTS ? PXL_ROW_MAX_POINTS : height;
}
