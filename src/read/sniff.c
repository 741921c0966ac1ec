/* What a file is, from its first bytes: the format that picks a reader, or a refusal that names it. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util/error_internal.h"
#include "reader.h"

/* OLE2 compound file signature (MS-CFB 2.2). */
static const unsigned char OLE2_SIGNATURE[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* Say what a file is when it is not an .xls: the commonest mistakes get named. */
static pxl_error sniff_content(const char *path, pxl_file_format *format)
{
    unsigned char head[8] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return pxl_fail(PXL_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n == sizeof head && !memcmp(head, OLE2_SIGNATURE, sizeof head)) {
        *format = PXL_FORMAT_XLS;
        return PXL_OK;
    }
    /* A bare BIFF stream (BIFF2-5 files written without an OLE2 container):
     * BOF record ids 0x0009, 0x0209, 0x0409, 0x0809 (MS-XLS 2.4.21). */
    if (n >= 2 && head[0] == 0x09 && (head[1] == 0x00 || head[1] == 0x02 || head[1] == 0x04 || head[1] == 0x08)) {
        *format = PXL_FORMAT_XLS;
        return PXL_OK;
    }
    if (n >= 4 && !memcmp(head, "PK\x03\x04", 4)) {
        *format = PXL_FORMAT_ZIP;
        return PXL_OK;
    }
    if (n >= 1 && (head[0] == '<' || (n >= 4 && !memcmp(head, "\xEF\xBB\xBF<", 4))))
        return pxl_fail(PXL_ERR_NOT_XLS, "%s: is an HTML or XML file saved under an .xls name, not an Excel "
                        "97-2003 (.xls) workbook", path);
    return pxl_fail(PXL_ERR_NOT_XLS, "%s: not an Excel 97-2003 (.xls) workbook", path);
}

/* The checks every reader would repeat: the file exists, is a regular file, is not empty;
 * then what its first bytes say it is. */
pxl_error pxl_sniff_format(const char *path, pxl_file_format *format)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return pxl_fail(PXL_ERR_NOT_FOUND, "%s: no such file", path);
        return pxl_fail(PXL_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
    }
    if (S_ISDIR(st.st_mode))
        return pxl_fail(PXL_ERR_IO, "%s: is a directory, not a workbook", path);
    if (st.st_size == 0)
        return pxl_fail(PXL_ERR_NOT_XLS, "%s: the file is empty, not an Excel 97-2003 (.xls) workbook", path);
    return sniff_content(path, format);
}
