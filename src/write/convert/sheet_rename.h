/*
 * Formulas after sheet renames: a formula that refers to a sheet convert had
 * to rename (sheet_names.h) must name the new sheet, or Excel would look for
 * a sheet that is not there.
 */
#ifndef PLANXL_SHEET_RENAME_H
#define PLANXL_SHEET_RENAME_H

#include <stddef.h>

/* One renamed sheet: its name in the .xls and in the .xlsx. */
typedef struct pxl_sheet_rename {
    const char *from;
    const char *to;
} pxl_sheet_rename;

/* A growable buffer the rewritten formulas are built in, reused from cell to cell. */
typedef struct pxl_formula_buf {
    char *data;
    size_t size;
} pxl_formula_buf;

/*
 * Rewrite the sheet references ("Budget!A1", "'Budget 2024'!A1",
 * "Jan:Mar!A1") in @p formula (A1 style, without '=') that name one of the
 * @p count renamed sheets; names match exactly, as the reader wrote them. A
 * rewritten reference is always quoted ('…', apostrophes doubled); string
 * literals are left alone.
 * @return 1 with the new text in *out (in @p buf), 0 when nothing refers to a
 *         renamed sheet (*out = formula; nothing allocated), -1 when out of memory.
 */
int pxl_formula_rename_sheets(const char *formula, const pxl_sheet_rename *renames, size_t count,
                              pxl_formula_buf *buf, const char **out);

#endif
