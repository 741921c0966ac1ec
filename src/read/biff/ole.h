/*
 * From a .xls file to its BIFF workbook stream: the "Workbook" (BIFF8) or "Book"
 * (BIFF5) stream of an OLE2 compound document (read by cfb.c), or the file
 * itself when it is a bare BIFF2-4 stream (no container).
 */
#ifndef PLANXL_BIFF_OLE_H
#define PLANXL_BIFF_OLE_H

#include <stddef.h>
#include <stdint.h>

#include "planxl/error.h"
#include "stream.h"

/*
 * Take the workbook stream out of the file image @p data (@p len bytes).
 * On success *stream is a malloc'd copy the caller frees. @p name names the file
 * in error messages: PXL_ERR_NOT_XLS (neither OLE2 nor BIFF), PXL_ERR_CORRUPT
 * (a broken container), PXL_ERR_NOMEM.
 */
pxl_error pxl_ole_workbook_stream(const char *name, const uint8_t *data, size_t len,
                                  uint8_t **stream, size_t *stream_len);

/*
 * Open the workbook stream of the file @p path for reading as it is needed (stream.h):
 * the file stays open in *stream, which reads the stream's sectors through a window,
 * never the whole file (issue 5's memory target). Close with pxl_stream_close().
 * Adds PXL_ERR_NOT_FOUND and PXL_ERR_IO to pxl_ole_workbook_stream's errors.
 */
pxl_error pxl_ole_workbook_open(const char *path, pxl_biff_stream *stream);

/* Read a whole file into memory (malloc'd). PXL_ERR_NOT_FOUND, PXL_ERR_IO, PXL_ERR_NOMEM. */
pxl_error pxl_file_read_all(const char *path, uint8_t **data, size_t *len);

#endif
