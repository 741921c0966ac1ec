/*
 * The workbook stream's bytes, read as the records need them through a window of
 * a fixed size, from the file (its sectors, through its descriptor) or from memory.
 * A large workbook then costs the window, not its size (issues 5 and 6: memory).
 *
 * Lifetime rule: bytes handed out by pxl_stream_at() stay valid until the next
 * pxl_stream_at() on the same stream. pxl_stream_read() copies and never moves the
 * window.
 */
#ifndef PLANXL_BIFF_STREAM_H
#define PLANXL_BIFF_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "planxl/error.h"

typedef struct pxl_biff_stream {
    size_t len;               /* the stream's size */
    /* where the bytes are: */
    const uint8_t *mem;       /* the whole stream in memory (owned: mem_owned), or NULL */
    uint8_t *mem_owned;
    int fd;                   /* else this file, open for reading (-1: none) */
    size_t file_len;          /* the file's size when opened: past it a sector reads as zeros */
    unsigned shift;           /* in sectors of 1 << shift bytes; 0: the file is the stream */
    uint32_t *sectors;        /* the stream's sectors in order (owned); sector n is at (n + 1) << shift */
    size_t sector_count;
    /* the window: stream bytes [win_pos, win_pos + win_len) */
    uint8_t *win;
    size_t win_pos, win_len, win_cap;
    /* CONTINUE bodies a cursor reads past the window (record.c), so that the window, and
     * with it the record the cursor started in, stays where it is */
    uint8_t *cont;
    size_t cont_cap;
    /* why the last read failed: an errno value, or -1 when the file became shorter */
    int io_error;
} pxl_biff_stream;

/*
 * Read @p n bytes at @p off of @p fd, a file @p file_len bytes long when it was opened:
 * bytes past that length read as zeros (a last sector some writers do not pad; libgsf
 * and Excel read it so). 0, or -1 with *err an errno value, or -1 when the file has
 * become shorter since. The one place planxl reads a file by position.
 */
int pxl_read_padded(int fd, size_t file_len, size_t off, void *dst, size_t n, int *err);

/* The error for such an *err (PXL_ERR_IO naming @p path, or PXL_ERR_NOMEM for ENOMEM). */
pxl_error pxl_read_error(const char *path, int err);

/* A stream over @p len bytes in memory that it takes over (freed by pxl_stream_close). */
void pxl_stream_init_memory(pxl_biff_stream *s, uint8_t *data, size_t len);

/* A stream of @p len bytes read from @p fd (which it takes over: closed by pxl_stream_close),
 * @p file_len bytes long: the file itself (@p sectors NULL) or the @p count sectors of
 * 1 << @p shift bytes in @p sectors (taken over too). */
void pxl_stream_init_file(pxl_biff_stream *s, int fd, size_t file_len, size_t len, unsigned shift, uint32_t *sectors,
                          size_t count);

/* Free what the stream holds and close its file; it is then empty (len 0). */
void pxl_stream_close(pxl_biff_stream *s);

/* @p n bytes at @p pos (pos + n <= len, n <= PXL_STREAM_AT_MAX) in the window, moving (or
 * growing) the window there when needed; NULL when the read failed (io_error says why). */
#define PXL_STREAM_AT_MAX (4 + 65535) /* a record's header and its longest body */
const uint8_t *pxl_stream_at(pxl_biff_stream *s, size_t pos, size_t n);

/* @p n bytes at @p pos when the window holds them, else NULL; never moves the window. */
const uint8_t *pxl_stream_in_window(const pxl_biff_stream *s, size_t pos, size_t n);

/* Copy @p n bytes at @p pos (pos + n <= len) to @p dst without moving the window; 0, or -1
 * when the read failed. */
int pxl_stream_read(pxl_biff_stream *s, size_t pos, size_t n, uint8_t *dst);

/* When a read of the stream failed: the error to report instead of the damage it looked
 * like (PXL_ERR_IO naming @p path, or PXL_ERR_NOMEM); else @p e unchanged. */
pxl_error pxl_stream_error(const pxl_biff_stream *s, const char *path, pxl_error e);

#endif
