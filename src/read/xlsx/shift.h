/*
 * Shared formulas (<f t="shared" si="0" ref="B2:B9">A2*2</f> on the first cell, <f t="shared"
 * si="0"/> on the others): the text is stored once, on the group's first cell, and each other
 * cell's formula is that text with its relative references moved by the cell's offset
 * (ECMA-376 Part 1 §18.3.1.40), as Excel shows it: A2*2 in B2 is A5*2 in B5; $A$2 stays.
 */
#ifndef PLANXL_XLSX_SHIFT_H
#define PLANXL_XLSX_SHIFT_H

#include <stddef.h>

/* The text of @p formula moved by @p drow rows and @p dcol columns, malloc'd (NULL when out of
 * memory). A reference moved off the grid becomes #REF!, as in Excel. Text in quotes, sheet
 * names, function names and defined names are left as they are. */
char *pxl_xlsx_shift_formula(const char *formula, long drow, long dcol);

#endif
