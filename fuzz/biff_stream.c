/* biff_stream IN.xls OUT: write the workbook stream of an .xls file (fuzzing seeds). */
#include <stdio.h>
#include <stdlib.h>

#include "read/biff/ole.h"
#include "planxl/error.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: biff_stream IN.xls OUT\n");
        return 64;
    }
    uint8_t *data, *stream;
    size_t len, stream_len;
    if (pxl_file_read_all(argv[1], &data, &len) != PXL_OK ||
        pxl_ole_workbook_stream(argv[1], data, len, &stream, &stream_len) != PXL_OK) {
        fprintf(stderr, "%s\n", pxl_error_message());
        return 1;
    }
    FILE *f = fopen(argv[2], "wb");
    if (!f || fwrite(stream, 1, stream_len, f) != stream_len || fclose(f) != 0) {
        perror(argv[2]);
        return 1;
    }
    free(stream);
    free(data);
    return 0;
}
