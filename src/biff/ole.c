/*
 * The workbook stream out of an .xls file: through planxl's own MS-CFB reader
 * (cfb.c), which replaced libgsf (issue 6: libgsf and GLib cost ~5 MB of RSS and
 * milliseconds of start-up per process), or the file itself for bare BIFF2-4.
 */
#define _POSIX_C_SOURCE 200809L /* fileno */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cfb.h"
#include "error_internal.h"
#include "ole.h"
#include "record.h"

/* A BOF record body is 4 to 20 bytes in every BIFF version (MS-XLS 2.4.21; BIFF2-4: 4-6). */
#define PXL_BOF_MIN_LEN 4
#define PXL_BOF_MAX_LEN 20

static int looks_like_biff(const uint8_t *data, size_t len)
{
    if (len < 4)
        return 0;
    unsigned type = pxl_u16(data), size = pxl_u16(data + 2);
    if (type != PXL_REC_BOF2 && type != PXL_REC_BOF3 && type != PXL_REC_BOF4 && type != PXL_REC_BOF)
        return 0;
    return size >= PXL_BOF_MIN_LEN && size <= PXL_BOF_MAX_LEN;
}

static const char *not_xls_reason(const uint8_t *data, size_t len)
{
    if (len >= 4 && !memcmp(data, "PK\x03\x04", 4))
        return "it is a zip file (perhaps an .xlsx workbook renamed to .xls)";
    for (size_t i = 0; i < len && i < 512; i++) {
        if (data[i] == '<')
            return "it is a text (HTML or XML) file saved with an .xls name";
        if (data[i] > ' ' && data[i] != 0xEF && data[i] != 0xBB && data[i] != 0xBF)
            break;
    }
    return "it is neither an OLE2 compound document nor a BIFF stream";
}

pxl_error pxl_ole_workbook_stream(const char *name, const uint8_t *data, size_t len,
                                  uint8_t **stream, size_t *stream_len)
{
    *stream = NULL;
    *stream_len = 0;
    if (len < PXL_CFB_SIGNATURE_LEN || memcmp(data, pxl_cfb_signature, PXL_CFB_SIGNATURE_LEN) != 0) {
        if (!looks_like_biff(data, len))
            return pxl_fail(PXL_ERR_NOT_XLS, "%s: not an Excel 97-2003 (.xls) workbook: %s",
                            name, not_xls_reason(data, len));
        /* A bare BIFF2-4 worksheet, as Excel 2.x-4.x wrote them. */
        *stream = malloc(len);
        if (!*stream)
            return pxl_fail_nomem();
        memcpy(*stream, data, len);
        *stream_len = len;
        return PXL_OK;
    }

    /* "Workbook" holds BIFF8, "Book" BIFF5 (MS-XLS 2.1.2); a file with both is BIFF8.
     * Some writers spell the names in other cases. */
    static const char *const names[] = { "Workbook", "Book" };
    pxl_error e = pxl_cfb_read_stream(name, data, len, names, sizeof names / sizeof *names,
                                      "not an Excel 97-2003 (.xls) workbook: the OLE2 container holds no workbook stream",
                                      stream, stream_len);
    if (e == PXL_OK && *stream_len == 0) {
        free(*stream);
        *stream = NULL;
        return pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: its workbook stream has an impossible size", name);
    }
    return e;
}

pxl_error pxl_file_read_all(const char *path, uint8_t **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return pxl_fail(PXL_ERR_NOT_FOUND, "%s: no such file", path);
        return pxl_fail(PXL_ERR_IO, "%s: cannot open the file: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return pxl_fail(PXL_ERR_IO, "%s: not a regular file", path);
    }
    size_t size = (size_t)st.st_size;
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf) {
        fclose(f);
        return pxl_fail_nomem();
    }
    if (size && fread(buf, 1, size, f) != size) {
        int err = errno;
        free(buf);
        fclose(f);
        return pxl_fail(PXL_ERR_IO, "%s: cannot read the file: %s", path, err ? strerror(err) : "short read");
    }
    fclose(f);
    *data = buf;
    *len = size;
    return PXL_OK;
}
