/*
 * libFuzzer target for planxl's MS-CFB reader (src/read/biff/cfb.c): bytes in, the
 * workbook stream out through pxl_ole_workbook_stream(), as every .xls takes.
 * Build: cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DPLANXL_BUILD_FUZZERS=ON
 * Run:   build-fuzz/fuzz/fuzz_cfb -max_len=300000 -rss_limit_mb=512 fuzz/corpus-cfb seeds-dir
 * Seeds: whole .xls files. Past the checks of cfb.c the stream must fit in the
 * file: a stream larger than its input is a bug, not a damaged file.
 *
 * Differential: the same bytes as a file (a memfd) through pxl_ole_workbook_open(),
 * the path planxl takes on real files (the stream located in the file and read
 * through stream.c's window), must give the same stream or fail too.
 */
#define _GNU_SOURCE /* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "read/biff/ole.h"

/* The stream as the file path reads it, into a malloc'd buffer; NULL when it fails. */
static uint8_t *read_as_file(const uint8_t *data, size_t size, size_t *len)
{
    int fd = memfd_create("fuzz.xls", 0);
    if (fd < 0)
        abort();
    if (size && write(fd, data, size) != (ssize_t)size)
        abort();
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    pxl_biff_stream s;
    uint8_t *out = NULL;
    if (pxl_ole_workbook_open(path, &s) == PXL_OK) {
        *len = s.len;
        out = malloc(s.len ? s.len : 1);
        /* in window-sized steps and unaligned ones, as the record walk asks */
        for (size_t pos = 0; out && pos < s.len;) {
            size_t n = s.len - pos < 97 ? s.len - pos : 97;
            const uint8_t *w = pxl_stream_at(&s, pos, n);
            if (!w) {
                free(out);
                out = NULL;
                break;
            }
            memcpy(out + pos, w, n);
            pos += n;
        }
        pxl_stream_close(&s);
    }
    close(fd);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *stream = NULL;
    size_t stream_len = 0, file_len = 0;
    uint8_t *from_file = read_as_file(data, size, &file_len);
    if (pxl_ole_workbook_stream("fuzz.xls", data, size, &stream, &stream_len) != PXL_OK) {
        if (stream)
            abort(); /* an error leaves nothing to free */
        if (from_file)
            abort(); /* the file path accepted what the memory path refused */
        return 0;
    }
    if (stream_len > size)
        abort();
    if (!from_file || file_len != stream_len || memcmp(from_file, stream, stream_len) != 0)
        abort(); /* the two paths disagree */
    free(from_file);
    /* touch every byte: ASan catches a stream copied from outside the input */
    size_t sum = 0;
    for (size_t i = 0; i < stream_len; i++)
        sum += stream[i];
    free(stream);
    return sum == (size_t)-1;
}
