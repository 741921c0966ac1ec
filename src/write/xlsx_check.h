/*
 * Reading back an .xlsx libxlsxwriter has just written, before it is put into
 * place. libxlsxwriter 1.1.4 writes its scratch files (each part of the
 * workbook, and in constant-memory mode every row of a sheet) with unchecked
 * fwrite()s: when the scratch directory's file system is full (or a file-size
 * limit is reached) the parts come out empty or cut short and workbook_close()
 * still returns LXW_NO_ERROR. Measured: a convert with a full 64 KB TMPDIR
 * wrote a 5.8 KB .xlsx of 240 040 cells' sheets cut to nothing, exit 0.
 */
#ifndef PLANXL_XLSX_CHECK_H
#define PLANXL_XLSX_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "planxl/error.h"

/*
 * Every part of the .xlsx at @p path inflates with a correct CRC, is not
 * empty and ends its XML with '>'; every worksheet ends with </worksheet> and
 * sheet i (xl/worksheets/sheet<i+1>.xml) is at least @p sheet_floor[i] bytes
 * (what its rows' scratch file held; may be NULL). PXL_OK, or PXL_ERR_WRITE
 * naming @p name, the part, and @p scratch_dir as where the scratch files
 * went (NULL: /tmp).
 */
pxl_error pxl_xlsx_check_written(const char *path, const char *name, const char *scratch_dir,
                                 const uint64_t *sheet_floor, size_t sheet_count);

#endif
