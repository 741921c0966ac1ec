/*
 * libFuzzer target for planxl's MS-CFB reader (src/biff/cfb.c): bytes in, the
 * workbook stream out through pxl_ole_workbook_stream(), as every .xls takes.
 * Build: cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DPLANXL_BUILD_FUZZERS=ON
 * Run:   build-fuzz/fuzz/fuzz_cfb -max_len=300000 -rss_limit_mb=512 fuzz/corpus-cfb seeds-dir
 * Seeds: whole .xls files. Past the checks of cfb.c the stream must fit in the
 * file: a stream larger than its input is a bug, not a damaged file.
 */
#include <stdlib.h>
#include <string.h>

#include "biff/ole.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *stream = NULL;
    size_t stream_len = 0;
    if (pxl_ole_workbook_stream("fuzz.xls", data, size, &stream, &stream_len) != PXL_OK) {
        if (stream)
            abort(); /* an error leaves nothing to free */
        return 0;
    }
    if (stream_len > size)
        abort();
    /* touch every byte: ASan catches a stream copied from outside the input */
    size_t sum = 0;
    for (size_t i = 0; i < stream_len; i++)
        sum += stream[i];
    free(stream);
    return sum == (size_t)-1;
}
