/*
 * Row heights for wrapped text. Excel and libxlsxwriter do not fit a row to
 * its text when the file is written (Excel autofits only on edit), and a row
 * left at the default height shows one line of a long description. The
 * writer estimates the lines the text wraps to in its column.
 */
#ifndef PLANXL_ROW_HEIGHT_H
#define PLANXL_ROW_HEIGHT_H

#include <stddef.h>

/* Excel's default row holds one line of 11-point Calibri in 15 points (its default row height). */
#define PXL_ROW_LINE_POINTS 15.0
/* Excel's largest row height: 409 points ("Excel specifications and limits", row height). */
#define PXL_ROW_MAX_POINTS 409.0

/*
 * The lines @p text (UTF-8) takes when wrapped at word boundaries in a column
 * @p width_chars wide (Excel's column width unit: the width of the digit 0).
 * Every '\n' starts a line; an empty text is one line. Errs on the side of
 * more lines: a row a little too tall reads well, one too short hides text.
 */
unsigned pxl_text_lines(const char *text, double width_chars);

/* The font weight of a wrapped cell: bold letters are wider, so fewer fit on a line. */
typedef enum pxl_text_weight { PXL_TEXT_REGULAR, PXL_TEXT_BOLD } pxl_text_weight;

/* pxl_text_lines() for text of @p weight. */
unsigned pxl_text_lines_in(const char *text, double width_chars, pxl_text_weight weight);

/*
 * The bytes of @p text that fit in @p max_lines lines of a column @p width_chars wide: all of it when
 * it fits, else a prefix ending after a line break ('\n') or a whole word (a character boundary for
 * a word longer than all the lines). Text past Excel's tallest row goes on in another row.
 */
size_t pxl_text_fit(const char *text, double width_chars, unsigned max_lines);

/* The lines a row of the tallest height holds. */
#define PXL_ROW_MAX_LINES ((unsigned)((PXL_ROW_MAX_POINTS - 2.0) / PXL_ROW_LINE_POINTS))

/* The height in points of a row whose tallest cell needs @p lines lines, at most PXL_ROW_MAX_POINTS. */
double pxl_row_height_points(unsigned lines);

#endif
