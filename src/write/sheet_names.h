/*
 * Sheet names Excel (and libxlsxwriter 1.1.4) accepts: the sanitising itself
 * is public (pxl_sheet_name_sanitize in planxl/convert.h); making a name
 * unique within a workbook is shared by the writers (convert, report).
 */
#ifndef PLANXL_SHEET_NAMES_H
#define PLANXL_SHEET_NAMES_H

#include <stddef.h>

/*
 * Excel's sheet-name limit: 31 characters. Excel counts UTF-16 code units
 * ([MS-XLS] 2.4.28 BoundSheet8: stName is a ShortXLUnicodeString of at most
 * 31 characters); libxlsxwriter counts code points (LXW_SHEETNAME_MAX in
 * xlsxwriter/common.h). Counting UTF-16 units satisfies both.
 */
#define PXL_SHEET_NAME_MAX 31
/* Bytes that always hold a sanitised name: 31 units of up to 3 UTF-8 bytes
 * (a 4-byte character counts as 2 units), plus the NUL. */
#define PXL_SHEET_NAME_SIZE (PXL_SHEET_NAME_MAX * 3 + 1)

/* 1 when @p a and @p b are the same name to Excel: equal ignoring case. */
int pxl_sheet_name_equal(const char *a, const char *b);

/*
 * Make the sanitised name in @p buf differ (ignoring case) from each of the
 * @p count names in @p taken by appending " (2)", " (3)" … (truncating the
 * name so it stays within PXL_SHEET_NAME_MAX). Deterministic: the same
 * names in the same order give the same result.
 * @return 1 when @p buf was changed, 0 when it was already unique.
 */
int pxl_sheet_name_make_unique(char *buf, size_t size, const char *const *taken, size_t count);

#endif
