/*
 * The workbook stream read through a window (stream.h). Sequential record walks,
 * which is how the reader goes, refill it once per window; a record never straddles
 * the window's end, since the window moves to start at the record asked for.
 */
#define _POSIX_C_SOURCE 200809L /* pread */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "util/error_internal.h"
#include "stream.h"

/* 256 KB: a few hundred records per refill. The window grows to hold a longer record.
 * The sanitizer and fuzzing builds set a tiny window (CMakeLists.txt), so that their
 * tests move it at nearly every record. */
#ifndef PXL_STREAM_WINDOW
#define PXL_STREAM_WINDOW (256 * 1024)
#endif
#define WINDOW_BYTES ((size_t)PXL_STREAM_WINDOW)

static void init(pxl_biff_stream *s)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
}

void pxl_stream_init_memory(pxl_biff_stream *s, uint8_t *data, size_t len)
{
    init(s);
    s->mem = data;
    s->mem_owned = data;
    s->len = len;
}

void pxl_stream_init_file(pxl_biff_stream *s, int fd, size_t file_len, size_t len, unsigned shift, uint32_t *sectors,
                          size_t count)
{
    init(s);
    s->fd = fd;
    s->file_len = file_len;
    s->len = len;
    s->shift = sectors ? shift : 0;
    s->sectors = sectors;
    s->sector_count = count;
}

void pxl_stream_close(pxl_biff_stream *s)
{
    free(s->mem_owned);
    free(s->sectors);
    free(s->win);
    free(s->cont);
    if (s->fd >= 0)
        close(s->fd);
    init(s);
}

int pxl_read_padded(int fd, size_t file_len, size_t off, void *dst, size_t n, int *err)
{
    uint8_t *out = dst;
    size_t have = off < file_len ? file_len - off : 0;
    if (have > n)
        have = n;
    for (size_t done = 0; done < have;) {
        ssize_t got = pread(fd, out + done, have - done, (off_t)(off + done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            *err = got < 0 ? errno : -1;
            return -1;
        }
        done += (size_t)got;
    }
    memset(out + have, 0, n - have);
    return 0;
}

pxl_error pxl_read_error(const char *path, int err)
{
    if (err == ENOMEM)
        return pxl_fail_nomem();
    if (err < 0)
        return pxl_fail(PXL_ERR_IO, "%s: cannot read the file: it became shorter while it was read", path);
    return pxl_fail(PXL_ERR_IO, "%s: cannot read the file: %s", path, strerror(err));
}

static int file_read(pxl_biff_stream *s, size_t off, size_t n, uint8_t *dst)
{
    return pxl_read_padded(s->fd, s->file_len, off, dst, n, &s->io_error);
}

int pxl_stream_read(pxl_biff_stream *s, size_t pos, size_t n, uint8_t *dst)
{
    if (pos > s->len || n > s->len - pos)
        return -1;
    if (s->mem) {
        memcpy(dst, s->mem + pos, n);
        return 0;
    }
    if (!s->sectors)
        return file_read(s, pos, n, dst);
    /* through the sector chain, one read per run of consecutive sectors */
    size_t sector_size = (size_t)1 << s->shift;
    while (n > 0) {
        size_t k = pos >> s->shift, within = pos & (sector_size - 1);
        if (k >= s->sector_count)
            return -1; /* cfb.c checked the chain covers the size */
        size_t run = 1;
        while (k + run < s->sector_count && s->sectors[k + run] == s->sectors[k] + run && run * sector_size - within < n)
            run++;
        size_t take = run * sector_size - within;
        if (take > n)
            take = n;
        if (file_read(s, (((size_t)s->sectors[k] + 1) << s->shift) + within, take, dst) != 0)
            return -1;
        dst += take;
        pos += take;
        n -= take;
    }
    return 0;
}

const uint8_t *pxl_stream_in_window(const pxl_biff_stream *s, size_t pos, size_t n)
{
    if (s->win && pos >= s->win_pos && n <= s->win_len && pos - s->win_pos <= s->win_len - n)
        return s->win + (pos - s->win_pos);
    return NULL;
}

const uint8_t *pxl_stream_at(pxl_biff_stream *s, size_t pos, size_t n)
{
    if (pos > s->len || n > s->len - pos || n > PXL_STREAM_AT_MAX)
        return NULL;
    const uint8_t *p = pxl_stream_in_window(s, pos, n);
    if (p)
        return p;
    if (!s->win || s->win_cap < n) {
        size_t cap = s->len < WINDOW_BYTES ? s->len : WINDOW_BYTES;
        if (cap < n)
            cap = n;
        uint8_t *win = realloc(s->win, cap ? cap : 1);
        if (!win) {
            s->io_error = ENOMEM;
            return NULL;
        }
        s->win = win;
        s->win_cap = cap;
        s->win_len = 0;
    }
    size_t take = s->len - pos < s->win_cap ? s->len - pos : s->win_cap;
    s->win_len = 0; /* nothing valid while it refills */
    if (pxl_stream_read(s, pos, take, s->win) != 0)
        return NULL;
    s->win_pos = pos;
    s->win_len = take;
    return s->win;
}

pxl_error pxl_stream_error(const pxl_biff_stream *s, const char *path, pxl_error e)
{
    if (e == PXL_OK || e == PXL_ERR_NOMEM || !s->io_error)
        return e;
    return pxl_read_error(path, s->io_error);
}
