/*
 * The workbook stream out of an .xls file: through planxl's own MS-CFB reader
 * (cfb.c), which replaced libgsf (issue 6: libgsf and GLib cost ~5 MB of RSS and
 * milliseconds of start-up per process), or the file itself for bare BIFF2-4.
 */
#define _POSIX_C_SOURCE 200809L /* O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfb.h"
#include "util/error_internal.h"
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

/* "Workbook" holds BIFF8, "Book" BIFF5 (MS-XLS 2.1.2); a file with both is BIFF8.
 * Some writers spell the names in other cases. */
static const char *const stream_names[] = { "Workbook", "Book" };
static const char missing_stream[] = "not an Excel 97-2003 (.xls) workbook: the OLE2 container holds no workbook stream";
#define STREAM_NAME_COUNT (sizeof stream_names / sizeof *stream_names)
/* A password-protected Excel 2007+ workbook is an OLE2 container too: its .xlsx package,
 * encrypted, is the "EncryptedPackage" stream (MS-OFFCRYPTO 2.3.4.4). */
static const char *const encrypted_names[] = { "EncryptedPackage" };
static const char encrypted_xlsx[] = "is a password-protected (encrypted) Excel 2007+ workbook (.xlsx): "
                                     "planxl cannot read it; save it without a password";

/* Sniff the first bytes (@p len of them, at least what the file holds up to 512):
 * 1 for an OLE2 container, 0 for a bare BIFF2-4 stream, or the NOT_XLS error. */
static pxl_error sniff(const char *name, const uint8_t *head, size_t len, int *is_cfb)
{
    *is_cfb = len >= PXL_CFB_SIGNATURE_LEN && memcmp(head, pxl_cfb_signature, PXL_CFB_SIGNATURE_LEN) == 0;
    if (!*is_cfb && !looks_like_biff(head, len))
        return pxl_fail(PXL_ERR_NOT_XLS, "%s: not an Excel 97-2003 (.xls) workbook: %s", name, not_xls_reason(head, len));
    return PXL_OK;
}

/* A workbook stream of no bytes holds not even a BOF. */
static pxl_error stream_check(const char *name, pxl_error e, uint8_t **stream, size_t stream_len)
{
    if (e == PXL_OK && stream_len == 0) {
        free(*stream);
        *stream = NULL;
        return pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: its workbook stream has an impossible size", name);
    }
    return e;
}

pxl_error pxl_ole_workbook_stream(const char *name, const uint8_t *data, size_t len,
                                  uint8_t **stream, size_t *stream_len)
{
    *stream = NULL;
    *stream_len = 0;
    int is_cfb;
    pxl_error e = sniff(name, data, len, &is_cfb);
    if (e != PXL_OK)
        return e;
    if (!is_cfb) {
        /* A bare BIFF2-4 worksheet, as Excel 2.x-4.x wrote them. */
        *stream = malloc(len);
        if (!*stream)
            return pxl_fail_nomem();
        memcpy(*stream, data, len);
        *stream_len = len;
        return PXL_OK;
    }
    e = pxl_cfb_read_stream(name, data, len, stream_names, STREAM_NAME_COUNT, missing_stream, stream, stream_len);
    if (e == PXL_ERR_NOT_XLS) {
        uint8_t *package = NULL;
        size_t package_len;
        if (pxl_cfb_read_stream(name, data, len, encrypted_names, 1, missing_stream, &package, &package_len) == PXL_OK) {
            free(package);
            return pxl_fail(PXL_ERR_ENCRYPTED, "%s: %s", name, encrypted_xlsx);
        }
        pxl_fail(PXL_ERR_NOT_XLS, "%s: %s", name, missing_stream);
    }
    return stream_check(name, e, stream, *stream_len);
}

/* Open @p path for reading; it must be a regular file. */
static pxl_error file_open(const char *path, int *fd, size_t *size)
{
    *fd = open(path, O_RDONLY | O_CLOEXEC);
    if (*fd < 0) {
        if (errno == ENOENT)
            return pxl_fail(PXL_ERR_NOT_FOUND, "%s: no such file", path);
        return pxl_fail(PXL_ERR_IO, "%s: cannot open the file: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(*fd);
        *fd = -1;
        return pxl_fail(PXL_ERR_IO, "%s: not a regular file", path);
    }
    *size = (size_t)st.st_size;
    return PXL_OK;
}

pxl_error pxl_ole_workbook_open(const char *path, pxl_biff_stream *stream)
{
    pxl_stream_init_memory(stream, NULL, 0);
    int fd, err;
    size_t size;
    pxl_error e = file_open(path, &fd, &size);
    if (e != PXL_OK)
        return e;
    uint8_t head[512];
    size_t got = size < sizeof head ? size : sizeof head;
    int is_cfb = 0;
    e = pxl_read_padded(fd, size, 0, head, got, &err) == 0 ? PXL_OK : pxl_read_error(path, err);
    if (e == PXL_OK)
        e = sniff(path, head, got, &is_cfb);
    if (e != PXL_OK) {
        close(fd);
        return e;
    }
    if (!is_cfb) {
        /* A bare BIFF2-4 worksheet: the file is the stream. */
        pxl_stream_init_file(stream, fd, size, size, 0, NULL, 0);
        return PXL_OK;
    }
    pxl_cfb_extent extent;
    uint8_t *copy;
    size_t stream_len;
    e = pxl_cfb_locate_stream(path, fd, size, stream_names, STREAM_NAME_COUNT, missing_stream, &extent, &copy,
                              &stream_len);
    if (e == PXL_ERR_NOT_XLS) {
        pxl_cfb_extent pe;
        uint8_t *pcopy;
        size_t plen;
        if (pxl_cfb_locate_stream(path, fd, size, encrypted_names, 1, missing_stream, &pe, &pcopy, &plen) == PXL_OK) {
            free(pcopy);
            free(pe.sectors);
            e = pxl_fail(PXL_ERR_ENCRYPTED, "%s: %s", path, encrypted_xlsx);
        } else {
            e = pxl_fail(PXL_ERR_NOT_XLS, "%s: %s", path, missing_stream);
        }
    }
    if (e == PXL_OK && stream_len == 0) {
        free(copy);
        free(extent.sectors);
        e = pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: its workbook stream has an impossible size", path);
    }
    if (e != PXL_OK) {
        close(fd);
        return e;
    }
    if (copy) {
        /* a small stream from the mini stream: read already */
        close(fd);
        pxl_stream_init_memory(stream, copy, stream_len);
    } else {
        pxl_stream_init_file(stream, fd, size, stream_len, extent.shift, extent.sectors, extent.count);
    }
    return PXL_OK;
}

pxl_error pxl_file_read_all(const char *path, uint8_t **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    int fd, err;
    size_t size;
    pxl_error e = file_open(path, &fd, &size);
    if (e != PXL_OK)
        return e;
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf)
        e = pxl_fail_nomem();
    else if (pxl_read_padded(fd, size, 0, buf, size, &err) != 0)
        e = pxl_read_error(path, err);
    close(fd);
    if (e != PXL_OK) {
        free(buf);
        return e;
    }
    *data = buf;
    *len = size;
    return PXL_OK;
}
