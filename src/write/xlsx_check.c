/* The .xlsx just written read back whole (xlsx_check.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include <unzip.h>

#include "util/error_internal.h"
#include "xlsx_check.h"

#define CHECK_CHUNK 65536
#define TAIL_SIZE 16
static const char sheet_prefix[] = "xl/worksheets/sheet";
static const char sheet_end[] = "</worksheet>";

/* The sheet number (1-based) of a worksheet part's name, or 0. */
static unsigned long sheet_number(const char *part)
{
    size_t n = sizeof sheet_prefix - 1;
    if (strncmp(part, sheet_prefix, n) != 0)
        return 0;
    char *end;
    unsigned long k = strtoul(part + n, &end, 10);
    return strcmp(end, ".xml") == 0 ? k : 0;
}

/* Read the current entry to its end: its size and its last TAIL_SIZE bytes; 0, or -1
 * (a read error or a CRC that does not match). */
static int read_entry(unzFile uz, unsigned char *buf, uint64_t *size, char *tail, size_t *tail_len)
{
    if (unzOpenCurrentFile(uz) != UNZ_OK)
        return -1;
    *size = 0;
    *tail_len = 0;
    int n;
    while ((n = unzReadCurrentFile(uz, buf, CHECK_CHUNK)) > 0) {
        *size += (uint64_t)n;
        size_t keep = (size_t)n < TAIL_SIZE ? (size_t)n : TAIL_SIZE;
        if (*tail_len + keep > TAIL_SIZE) { /* shift out what the new bytes replace */
            size_t drop = *tail_len + keep - TAIL_SIZE;
            memmove(tail, tail + drop, *tail_len - drop);
            *tail_len -= drop;
        }
        memcpy(tail + *tail_len, buf + (size_t)n - keep, keep);
        *tail_len += keep;
    }
    /* unzCloseCurrentFile checks the CRC once the whole entry was read. */
    int closed = unzCloseCurrentFile(uz);
    return n < 0 || closed != UNZ_OK ? -1 : 0;
}

/* The entry's end is as XML ends: '>' after any white space; a worksheet's with </worksheet>. */
static int ends_well(const char *tail, size_t len, int worksheet)
{
    while (len > 0 && (tail[len - 1] == '\n' || tail[len - 1] == '\r' || tail[len - 1] == ' '))
        len--;
    if (len == 0 || tail[len - 1] != '>')
        return 0;
    size_t n = sizeof sheet_end - 1;
    return !worksheet || (len >= n && memcmp(tail + len - n, sheet_end, n) == 0);
}

static pxl_error incomplete(const char *name, const char *part, const char *scratch_dir)
{
    const char *dir = scratch_dir ? scratch_dir : "/tmp";
    struct statvfs vfs;
    /* Say the likely cause where it can be seen: no room left where the scratch files went. */
    if (statvfs(dir, &vfs) == 0 && vfs.f_bavail == 0)
        return pxl_fail(PXL_ERR_WRITE, "%s: could not write the .xlsx: its part %s came out incomplete: no space left "
                        "on device in %s, where its scratch files go (TMPDIR)", name, part, dir);
    return pxl_fail(PXL_ERR_WRITE, "%s: could not write the .xlsx: its part %s came out incomplete (its scratch "
                    "files in %s could not be written: is that file system full, or a file-size limit reached?)",
                    name, part, dir);
}

pxl_error pxl_xlsx_check_written(const char *path, const char *name, const char *scratch_dir,
                                 const uint64_t *sheet_floor, size_t sheet_count)
{
    unsigned char *buf = malloc(CHECK_CHUNK);
    if (!buf)
        return pxl_fail_nomem();
    unzFile uz = unzOpen64(path);
    if (!uz) {
        free(buf);
        return pxl_fail(PXL_ERR_WRITE, "%s: could not write the .xlsx: the file written cannot be read back", name);
    }
    pxl_error err = PXL_OK;
    char part[512], tail[TAIL_SIZE];
    int rc = unzGoToFirstFile(uz);
    while (rc == UNZ_OK && err == PXL_OK) {
        unz_file_info64 info;
        if (unzGetCurrentFileInfo64(uz, &info, part, sizeof part, NULL, 0, NULL, 0) != UNZ_OK) {
            err = pxl_fail(PXL_ERR_WRITE, "%s: could not write the .xlsx: the file written cannot be read back", name);
            break;
        }
        uint64_t size;
        size_t tail_len;
        unsigned long sheet = sheet_number(part);
        int is_xml = strlen(part) > 4 && (!strcmp(part + strlen(part) - 4, ".xml") ||
                                          !strcmp(part + strlen(part) - 5, ".rels"));
        if (read_entry(uz, buf, &size, tail, &tail_len) != 0 || size == 0 ||
            (is_xml && !ends_well(tail, tail_len, sheet != 0)) ||
            (sheet && sheet_floor && sheet <= sheet_count && size < sheet_floor[sheet - 1]))
            err = incomplete(name, part, scratch_dir);
        rc = unzGoToNextFile(uz);
    }
    if (err == PXL_OK && rc != UNZ_END_OF_LIST_OF_FILE)
        err = pxl_fail(PXL_ERR_WRITE, "%s: could not write the .xlsx: the file written cannot be read back", name);
    unzClose(uz);
    free(buf);
    return err;
}
