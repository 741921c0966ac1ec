/* The zip package through minizip's unzip API (zip.h says why the limits). */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include <minizip/unzip.h>

#include "util/error_internal.h"
#include "zip.h"

/* A package in memory (pxl_zip_open_memory): minizip reads it through these callbacks. */
typedef struct zip_memory {
    const unsigned char *data;
    uint64_t len, pos;
} zip_memory;

struct pxl_zip {
    unzFile uf;
    char *path;
    zip_memory mem;
};

/* zip general purpose flag bit 0: the entry is encrypted (APPNOTE 4.4.4). */
#define PXL_ZIP_FLAG_ENCRYPTED 0x0001u
/* Compression methods planxl inflates (APPNOTE 4.4.5): stored and deflate. */
#define PXL_ZIP_STORED 0
#define PXL_ZIP_DEFLATE 8
/* One read from minizip: small enough to keep memory flat, large enough for few calls. */
#define PXL_ZIP_CHUNK 65536

const char *pxl_zip_path(const pxl_zip *z) { return z->path; }

void pxl_zip_close(pxl_zip *z)
{
    if (!z)
        return;
    if (z->uf)
        unzClose(z->uf);
    free(z->path);
    free(z);
}

/* Walk the directory once: entry count and the total it claims uncompressed. */
static pxl_error check_directory(pxl_zip *z)
{
    unz_global_info64 gi;
    if (unzGetGlobalInfo64(z->uf, &gi) != UNZ_OK)
        return pxl_fail(PXL_ERR_CORRUPT, "%s: the zip directory cannot be read", z->path);
    if (gi.number_entry > PXL_XLSX_MAX_ENTRIES)
        return pxl_fail(PXL_ERR_CORRUPT, "%s: the zip directory lists %llu entries, more than planxl reads (%d): "
                        "refused as a possible zip bomb", z->path, (unsigned long long)gi.number_entry,
                        PXL_XLSX_MAX_ENTRIES);
    uint64_t total = 0;
    int r = unzGoToFirstFile(z->uf);
    while (r == UNZ_OK) {
        unz_file_info64 fi;
        char name[512];
        if (unzGetCurrentFileInfo64(z->uf, &fi, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK)
            return pxl_fail(PXL_ERR_CORRUPT, "%s: the zip directory is damaged", z->path);
        total += fi.uncompressed_size;
        if (total > PXL_XLSX_MAX_TOTAL_SIZE || fi.uncompressed_size > PXL_XLSX_MAX_TOTAL_SIZE)
            return pxl_fail(PXL_ERR_CORRUPT, "%s: %s: the package claims more than %llu bytes uncompressed, more "
                            "than planxl reads: refused as a possible zip bomb", z->path, name,
                            (unsigned long long)PXL_XLSX_MAX_TOTAL_SIZE);
        r = unzGoToNextFile(z->uf);
    }
    if (r != UNZ_END_OF_LIST_OF_FILE)
        return pxl_fail(PXL_ERR_CORRUPT, "%s: the zip directory is damaged", z->path);
    return PXL_OK;
}

static voidpf ZCALLBACK mem_open(voidpf opaque, const void *name, int mode)
{
    (void)name;
    zip_memory *m = opaque;
    if (!(mode & ZLIB_FILEFUNC_MODE_READ) || (mode & ZLIB_FILEFUNC_MODE_WRITE))
        return NULL;
    m->pos = 0;
    return m;
}

static uLong ZCALLBACK mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
    (void)opaque;
    zip_memory *m = stream;
    uint64_t left = m->pos < m->len ? m->len - m->pos : 0;
    uLong n = size < left ? size : (uLong)left;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return n;
}

static uLong ZCALLBACK mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
    (void)opaque, (void)stream, (void)buf, (void)size;
    return 0;
}

static ZPOS64_T ZCALLBACK mem_tell(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ((zip_memory *)stream)->pos;
}

static long ZCALLBACK mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
    (void)opaque;
    zip_memory *m = stream;
    uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos : m->len;
    if (offset > UINT64_MAX - base || base + offset > m->len)
        return -1;
    m->pos = base + offset;
    return 0;
}

static int ZCALLBACK mem_close(voidpf opaque, voidpf stream)
{
    (void)opaque, (void)stream;
    return 0;
}

static int ZCALLBACK mem_error(voidpf opaque, voidpf stream)
{
    (void)opaque, (void)stream;
    return 0;
}

static pxl_error zip_open(pxl_zip **out, const char *path, const void *data, size_t len)
{
    *out = NULL;
    pxl_zip *z = calloc(1, sizeof *z);
    if (!z || !(z->path = strdup(path))) {
        free(z);
        return pxl_fail_nomem();
    }
    if (data) {
        z->mem = (zip_memory){ data, len, 0 };
        zlib_filefunc64_def io = { mem_open, mem_read, mem_write, mem_tell, mem_seek, mem_close, mem_error, &z->mem };
        z->uf = unzOpen2_64(path, &io);
    } else {
        z->uf = unzOpen64(path);
    }
    if (!z->uf) {
        pxl_zip_close(z);
        return pxl_fail(PXL_ERR_CORRUPT, "%s: is a damaged or truncated zip file (its directory cannot be found)",
                        path);
    }
    pxl_error e = check_directory(z);
    if (e) {
        pxl_zip_close(z);
        return e;
    }
    *out = z;
    return PXL_OK;
}

pxl_error pxl_zip_open(pxl_zip **out, const char *path)
{
    return zip_open(out, path, NULL, 0);
}

pxl_error pxl_zip_open_memory(pxl_zip **out, const char *name, const void *data, size_t len)
{
    static const char empty[1];
    return zip_open(out, name, data ? data : empty, data ? len : 0);
}

/* Make part @p name the current entry. Part names compare case-insensitively; some writers
 * (phpspreadsheet on Windows, old POI) store them with a backslash for '/' (APPNOTE 4.4.17 says '/'). */
static int locate(pxl_zip *z, const char *name)
{
    if (unzLocateFile(z->uf, name, 2) == UNZ_OK)
        return 1;
    if (!strchr(name, '/'))
        return 0;
    char *alt = strdup(name);
    if (!alt)
        return 0;
    for (char *p = alt; *p; p++)
        if (*p == '/')
            *p = '\\';
    int found = unzLocateFile(z->uf, alt, 2) == UNZ_OK;
    free(alt);
    return found;
}

int pxl_zip_has(pxl_zip *z, const char *name)
{
    return locate(z, name);
}

pxl_error pxl_zip_read(pxl_zip *z, const char *name, pxl_zip_sink sink, void *ctx)
{
    if (!locate(z, name))
        return pxl_fail(PXL_ERR_CORRUPT, "%s: %s: the part is missing from the package", z->path, name);
    unz_file_info64 fi;
    if (unzGetCurrentFileInfo64(z->uf, &fi, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK)
        return pxl_fail(PXL_ERR_CORRUPT, "%s: %s: its zip entry is damaged", z->path, name);
    if (fi.flag & PXL_ZIP_FLAG_ENCRYPTED)
        return pxl_fail(PXL_ERR_ENCRYPTED, "%s: %s: the part is encrypted (a password-protected zip)", z->path, name);
    if (fi.compression_method != PXL_ZIP_STORED && fi.compression_method != PXL_ZIP_DEFLATE)
        return pxl_fail(PXL_ERR_UNSUPPORTED, "%s: %s: compressed with zip method %lu, which planxl does not read "
                        "(only stored and deflate, as Excel writes)", z->path, name, (unsigned long)fi.compression_method);
    if (fi.uncompressed_size > PXL_XLSX_MAX_PART_SIZE)
        return pxl_fail(PXL_ERR_CORRUPT, "%s: %s: the part claims %llu bytes uncompressed, more than planxl reads "
                        "(%llu): refused as a possible zip bomb", z->path, name,
                        (unsigned long long)fi.uncompressed_size, (unsigned long long)PXL_XLSX_MAX_PART_SIZE);
    if (fi.uncompressed_size > PXL_XLSX_RATIO_FLOOR &&
        fi.uncompressed_size / (fi.compressed_size ? fi.compressed_size : 1) > PXL_XLSX_MAX_RATIO)
        return pxl_fail(PXL_ERR_CORRUPT, "%s: %s: the part inflates %llu bytes to %llu, a ratio over %d:1: "
                        "refused as a zip bomb", z->path, name, (unsigned long long)fi.compressed_size,
                        (unsigned long long)fi.uncompressed_size, PXL_XLSX_MAX_RATIO);
    /* A lying header: never inflate more than it claims (nor more than the ratio allows). */
    uint64_t allowed = fi.uncompressed_size;
    if (unzOpenCurrentFile(z->uf) != UNZ_OK)
        return pxl_fail(PXL_ERR_CORRUPT, "%s: %s: its zip entry is damaged", z->path, name);
    char *buf = malloc(PXL_ZIP_CHUNK);
    if (!buf) {
        unzCloseCurrentFile(z->uf);
        return pxl_fail_nomem();
    }
    pxl_error err = PXL_OK;
    uint64_t seen = 0;
    for (;;) {
        int n = unzReadCurrentFile(z->uf, buf, PXL_ZIP_CHUNK);
        if (n < 0) {
            err = pxl_fail(PXL_ERR_CORRUPT, "%s: %s: the compressed data is damaged or cut short", z->path, name);
            break;
        }
        if (n == 0)
            break;
        seen += (uint64_t)n;
        if (seen > allowed) {
            err = pxl_fail(PXL_ERR_CORRUPT, "%s: %s: the part inflates to more than the %llu bytes its zip entry "
                           "claims: refused as a zip bomb", z->path, name, (unsigned long long)allowed);
            break;
        }
        pxl_error serr = PXL_OK;
        if (sink(ctx, buf, (size_t)n, &serr)) {
            err = serr;
            free(buf);
            unzCloseCurrentFile(z->uf);
            return err;
        }
    }
    free(buf);
    int close = unzCloseCurrentFile(z->uf);
    if (err == PXL_OK && close == UNZ_CRCERROR)
        err = pxl_fail(PXL_ERR_CORRUPT, "%s: %s: the part fails its CRC check (damaged, or its zip entry states a false size)", z->path, name);
    if (err == PXL_OK && seen < allowed)
        err = pxl_fail(PXL_ERR_CORRUPT, "%s: %s: the part is cut short (%llu of %llu bytes)", z->path, name,
                       (unsigned long long)seen, (unsigned long long)allowed);
    return err;
}
