/*
 * The Compound File Binary format ([MS-CFB], "OLE2"): the container an .xls file
 * keeps its workbook stream in. Read-only, and only what planxl needs: one stream
 * of the root storage, by name — copied out of a file image in memory, or located
 * in a file (its sector chain, for stream.c to read as it is needed).
 */
#ifndef PLANXL_BIFF_CFB_H
#define PLANXL_BIFF_CFB_H

#include <stddef.h>
#include <stdint.h>

#include "planxl/error.h"

/* [MS-CFB] 2.2: the header signature every compound file starts with. */
#define PXL_CFB_SIGNATURE_LEN 8
extern const uint8_t pxl_cfb_signature[PXL_CFB_SIGNATURE_LEN];

/*
 * Copy out the first stream of the root storage whose name, compared without
 * regard to ASCII case, is one of @p names (in order of preference: a stream
 * named names[0] wins over one named names[1], and so on) from the compound file
 * @p data (@p len bytes, starting with the signature).
 *
 * On success *stream is a malloc'd copy (never NULL, even for an empty stream)
 * the caller frees and *stream_len its size. @p path names the file in error
 * messages: PXL_ERR_CORRUPT (a damaged container, with a short reason),
 * PXL_ERR_NOT_XLS (no stream of any of the names: the message is @p missing),
 * PXL_ERR_NOMEM. Nothing is allocated beyond what the file's size can hold.
 */
pxl_error pxl_cfb_read_stream(const char *path, const uint8_t *data, size_t len,
                              const char *const *names, size_t name_count,
                              const char *missing, uint8_t **stream, size_t *stream_len);

/* Where a stream lies in the file: its sectors in order. */
typedef struct pxl_cfb_extent {
    uint32_t *sectors;   /* malloc'd; sector n starts at file offset (n + 1) << shift */
    size_t count;
    unsigned shift;
} pxl_cfb_extent;

/*
 * The same from the open file @p fd (@p len bytes, its size), read with pread(): only
 * the header, the allocation tables and the directory, never the stream itself. A
 * stream in big sectors comes back as its @p extent, to be read as it is needed
 * (*stream NULL); a small one in the mini stream (under 4 096 bytes) as a copy in
 * *stream (extent->sectors NULL). *stream_len is its size either way. Adds
 * PXL_ERR_IO (a failed read, naming @p path).
 */
pxl_error pxl_cfb_locate_stream(const char *path, int fd, size_t len, const char *const *names, size_t name_count,
                                const char *missing, pxl_cfb_extent *extent, uint8_t **stream, size_t *stream_len);

#endif
