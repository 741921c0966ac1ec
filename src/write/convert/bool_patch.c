/*
 * Adding t="b" to boolean formula results in an .xlsx libxlsxwriter wrote
 * (see bool_patch.h for why). The archive is copied entry by entry with
 * minizip, the library libxlsxwriter itself writes the zip with: entries not
 * concerned are copied still compressed (raw), the worksheets concerned are
 * inflated, patched and deflated through fixed-size buffers, so memory does
 * not depend on the size of a sheet.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unzip.h>
#include <zip.h>

#include "util/error_internal.h"
#include "util/output.h"
#include "bool_patch.h"

/* zlib's defaults, as libxlsxwriter 1.1.4's packager passes them to
 * zipOpenNewFileInZip4_64: the re-deflated sheet is what it would have written. */
#define PATCH_WINDOW_BITS (-MAX_WBITS)
#define PATCH_MEM_LEVEL 8

/* The zip format's 16-bit field lengths (APPNOTE.TXT 4.3.7: file name, extra
 * field and comment lengths are 2 bytes). */
#define ZIP_MAX_FIELD 65535
/* APPNOTE.TXT 4.5.3: the Zip64 extended information extra field's header ID.
 * minizip adds its own when it needs one, so a copied one is dropped. */
#define ZIP64_EXTRA_ID 0x0001
/* Sizes at or above this need Zip64 (APPNOTE.TXT 4.4.8, 4.4.9: 4-byte fields). */
#define ZIP32_LIMIT 0xffffffffu
/* General-purpose flag bits minizip sets itself: 1-2 the deflate level
 * (APPNOTE.TXT 4.4.4), 3 the data descriptor. The rest (e.g. 11, UTF-8 names)
 * are copied. */
#define ZIP_FLAGS_MINIZIP_SETS 0x000Eu

/* The streaming buffers: inflated sheet XML in, patched XML out. */
#define PATCH_CHUNK 65536

/* The start of a cell element as libxlsxwriter 1.1.4 writes every one
 * (worksheet.c: "<c r=\"%s\""); '<' only ever starts markup in XML (text has
 * it as &lt;), so this cannot match inside a string or a formula. */
static const char cell_tag[] = "<c r=\"";
#define CELL_TAG_LEN (sizeof cell_tag - 1)
static const char bool_attr[] = " t=\"b\"";
#define BOOL_ATTR_LEN (sizeof bool_attr - 1)
/* A cell reference is at most "XFD1048576" (Excel's 16 384 columns and
 * 1 048 576 rows, ECMA-376 Part 1 18.3.1.4): 10 characters. */
#define MAX_REF_LEN 10

typedef struct sheet_patch {
    const char *name;           /* for messages */
    const pxl_xlsx_cell *next;  /* the next cell to mark */
    const pxl_xlsx_cell *end;
    size_t matched;             /* characters of cell_tag seen so far */
    int in_ref;                 /* inside the r attribute's value */
    char ref[MAX_REF_LEN + 1];
    size_t ref_len;
    int bad_ref;                /* the reference overflowed or is not A1 */
    unsigned char out[PATCH_CHUNK];
    size_t out_len;
    zipFile zip;
} sheet_patch;

/* "C14" as zero-based row and column; 0 if it is not a plain A1 reference. */
static int parse_ref(const char *ref, size_t len, uint32_t *row, uint32_t *col)
{
    size_t i = 0;
    uint32_t c = 0, r = 0;
    while (i < len && ref[i] >= 'A' && ref[i] <= 'Z')
        c = c * 26 + (uint32_t)(ref[i++] - 'A' + 1);
    if (i == 0 || i == len)
        return 0;
    size_t digits = i;
    while (i < len && ref[i] >= '0' && ref[i] <= '9')
        r = r * 10 + (uint32_t)(ref[i++] - '0');
    if (i != len || i == digits || r == 0)
        return 0;
    *row = r - 1;
    *col = c - 1;
    return 1;
}

static int flush_out(sheet_patch *p)
{
    if (p->out_len && zipWriteInFileInZip(p->zip, p->out, (unsigned)p->out_len) != ZIP_OK)
        return -1;
    p->out_len = 0;
    return 0;
}

static int emit(sheet_patch *p, const void *data, size_t len)
{
    const unsigned char *d = data;
    while (len) {
        size_t room = sizeof p->out - p->out_len;
        size_t n = len < room ? len : room;
        memcpy(p->out + p->out_len, d, n);
        p->out_len += n;
        d += n;
        len -= n;
        if (p->out_len == sizeof p->out && flush_out(p) != 0)
            return -1;
    }
    return 0;
}

/* The r attribute's value is complete: mark the cell if it is the next one. */
static int end_of_ref(sheet_patch *p)
{
    uint32_t row, col;
    if (p->bad_ref || !parse_ref(p->ref, p->ref_len, &row, &col))
        return 0;
    /* Cells come in row order (constant-memory mode), as the list does: a
     * listed cell passed over is missing, and stays unmarked (counted below). */
    if (p->next < p->end && (p->next->row < row || (p->next->row == row && p->next->col < col)))
        return -2;
    if (p->next < p->end && p->next->row == row && p->next->col == col) {
        p->next++;
        return emit(p, bool_attr, BOOL_ATTR_LEN);
    }
    return 0;
}

/* Copy @p len bytes of sheet XML, marking the listed cells. */
static int patch_chunk(sheet_patch *p, const unsigned char *in, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (p->matched == 0 && !p->in_ref) {
            /* The common case: copy up to the next '<' in one go. */
            const unsigned char *lt = memchr(in + i, '<', len - i);
            size_t upto = lt ? (size_t)(lt - in) : len;
            if (emit(p, in + i, upto - i) != 0)
                return -1;
            i = upto;
            if (i == len)
                break;
        }
        unsigned char b = in[i++];
        if (emit(p, &b, 1) != 0)
            return -1;
        if (p->in_ref) {
            if (b == '"') {
                p->in_ref = 0;
                int r = end_of_ref(p);
                if (r != 0)
                    return r;
            } else if (p->ref_len < MAX_REF_LEN) {
                p->ref[p->ref_len++] = (char)b;
            } else {
                p->bad_ref = 1;
            }
        } else if (b == (unsigned char)cell_tag[p->matched]) {
            if (++p->matched == CELL_TAG_LEN) {
                p->matched = 0;
                p->in_ref = 1;
                p->ref_len = 0;
                p->bad_ref = 0;
            }
        } else {
            p->matched = b == '<' ? 1 : 0;
        }
    }
    return 0;
}

typedef struct entry {
    unz_file_info64 info;
    char name[ZIP_MAX_FIELD + 1];
    unsigned char extra[ZIP_MAX_FIELD];
    int extra_len;
    char comment[ZIP_MAX_FIELD + 1];
} entry;

static zip_fileinfo file_info_of(const unz_file_info64 *info)
{
    zip_fileinfo zi;
    memset(&zi, 0, sizeof zi);
    zi.tmz_date.tm_sec = info->tmu_date.tm_sec;
    zi.tmz_date.tm_min = info->tmu_date.tm_min;
    zi.tmz_date.tm_hour = info->tmu_date.tm_hour;
    zi.tmz_date.tm_mday = info->tmu_date.tm_mday;
    zi.tmz_date.tm_mon = info->tmu_date.tm_mon;
    zi.tmz_date.tm_year = info->tmu_date.tm_year;
    zi.dosDate = info->dosDate; /* the stored date itself, so it is kept bit for bit */
    zi.internal_fa = info->internal_fa;
    zi.external_fa = info->external_fa;
    return zi;
}

/* Copy the current entry still compressed. */
static int copy_raw(unzFile uz, zipFile zip, entry *e, unsigned char *buf)
{
    int method = 0, level = 0;
    if (unzOpenCurrentFile2(uz, &method, &level, 1) != UNZ_OK)
        return -1;
    zip_fileinfo zi = file_info_of(&e->info);
    int zip64 = e->info.uncompressed_size >= ZIP32_LIMIT || e->info.compressed_size >= ZIP32_LIMIT;
    int rc = zipOpenNewFileInZip4_64(zip, e->name, &zi, NULL, 0, e->extra_len ? e->extra : NULL,
                                     (uInt)e->extra_len, e->comment[0] ? e->comment : NULL, method, level, 1,
                                     PATCH_WINDOW_BITS, PATCH_MEM_LEVEL, Z_DEFAULT_STRATEGY, NULL, 0,
                                     e->info.version, e->info.flag & ~ZIP_FLAGS_MINIZIP_SETS, zip64);
    if (rc != ZIP_OK) {
        unzCloseCurrentFile(uz);
        return -1;
    }
    int n;
    while ((n = unzReadCurrentFile(uz, buf, PATCH_CHUNK)) > 0)
        if (zipWriteInFileInZip(zip, buf, (unsigned)n) != ZIP_OK) {
            n = -1;
            break;
        }
    /* In raw mode unzCloseCurrentFile cannot check the CRC; the copy is of
     * what libxlsxwriter just wrote. */
    int closed = unzCloseCurrentFile(uz);
    if (n < 0 || closed != UNZ_OK)
        return -1;
    return zipCloseFileInZipRaw64(zip, e->info.uncompressed_size, e->info.crc) == ZIP_OK ? 0 : -1;
}

/* Inflate the current entry, mark its cells, deflate it again. */
static int copy_patched(unzFile uz, zipFile zip, entry *e, sheet_patch *p, unsigned char *buf)
{
    if (unzOpenCurrentFile(uz) != UNZ_OK)
        return -1;
    zip_fileinfo zi = file_info_of(&e->info);
    size_t added = (size_t)(p->end - p->next) * BOOL_ATTR_LEN;
    int zip64 = e->info.uncompressed_size + added >= ZIP32_LIMIT;
    int rc = zipOpenNewFileInZip4_64(zip, e->name, &zi, NULL, 0, e->extra_len ? e->extra : NULL,
                                     (uInt)e->extra_len, e->comment[0] ? e->comment : NULL, Z_DEFLATED,
                                     Z_DEFAULT_COMPRESSION, 0, PATCH_WINDOW_BITS, PATCH_MEM_LEVEL,
                                     Z_DEFAULT_STRATEGY, NULL, 0, e->info.version,
                                     e->info.flag & ~ZIP_FLAGS_MINIZIP_SETS, zip64);
    if (rc != ZIP_OK) {
        unzCloseCurrentFile(uz);
        return -1;
    }
    p->zip = zip;
    int n, r = 0;
    while ((n = unzReadCurrentFile(uz, buf, PATCH_CHUNK)) > 0) {
        r = patch_chunk(p, buf, (size_t)n);
        if (r != 0)
            break;
    }
    int closed = unzCloseCurrentFile(uz); /* UNZ_CRCERROR if the sheet was damaged */
    if (r == 0 && (n < 0 || closed != UNZ_OK))
        r = -1;
    if (r == 0 && flush_out(p) != 0)
        r = -1;
    if (zipCloseFileInZip(zip) != ZIP_OK && r == 0)
        r = -1;
    return r;
}

/* The cells of sheet @p sheet in [*from, end); *from is moved past them. */
static void cells_of(uint32_t sheet, const pxl_xlsx_cell **from, const pxl_xlsx_cell *end,
                     const pxl_xlsx_cell **first, const pxl_xlsx_cell **last)
{
    *first = *from;
    while (*from < end && (*from)->sheet == sheet)
        (*from)++;
    *last = *from;
}

static int sorted(const pxl_xlsx_cell *cells, size_t count)
{
    for (size_t i = 1; i < count; i++) {
        const pxl_xlsx_cell *a = &cells[i - 1], *b = &cells[i];
        if (a->sheet > b->sheet || (a->sheet == b->sheet && (a->row > b->row || (a->row == b->row && a->col >= b->col))))
            return 0;
    }
    return 1;
}

/* "xl/worksheets/sheet7.xml" -> 6; -1 for any other entry. */
static long worksheet_index(const char *name)
{
    static const char prefix[] = "xl/worksheets/sheet";
    if (strncmp(name, prefix, sizeof prefix - 1) != 0)
        return -1;
    char *end;
    const char *digits = name + sizeof prefix - 1;
    if (*digits < '1' || *digits > '9')
        return -1;
    long n = strtol(digits, &end, 10);
    return strcmp(end, ".xml") == 0 && n > 0 ? n - 1 : -1;
}

static pxl_error rewrite(unzFile uz, zipFile zip, const char *name, const pxl_xlsx_cell *cells, size_t count,
                         entry *e, sheet_patch *p, unsigned char *buf)
{
    unz_global_info64 global;
    if (unzGetGlobalInfo64(uz, &global) != UNZ_OK)
        return pxl_fail(PXL_ERR_WRITE, "%s: the .xlsx just written cannot be read back", name);
    const pxl_xlsx_cell *next = cells, *end = cells + count;
    int rc = unzGoToFirstFile(uz);
    while (rc == UNZ_OK) {
        if (unzGetCurrentFileInfo64(uz, &e->info, e->name, sizeof e->name, e->extra, sizeof e->extra, e->comment,
                                    sizeof e->comment) != UNZ_OK)
            return pxl_fail(PXL_ERR_WRITE, "%s: the .xlsx just written cannot be read back", name);
        e->name[e->info.size_filename < sizeof e->name ? e->info.size_filename : sizeof e->name - 1] = '\0';
        e->comment[e->info.size_file_comment < sizeof e->comment ? e->info.size_file_comment
                                                                  : sizeof e->comment - 1] = '\0';
        e->extra_len = (int)(e->info.size_file_extra < sizeof e->extra ? e->info.size_file_extra : 0);
        if (e->extra_len)
            zipRemoveExtraInfoBlock((char *)e->extra, &e->extra_len, ZIP64_EXTRA_ID);

        long sheet = worksheet_index(e->name);
        if (sheet >= 0 && next < end && next->sheet == (uint32_t)sheet) {
            memset(p, 0, offsetof(sheet_patch, out));
            p->name = e->name;
            p->out_len = 0;
            cells_of((uint32_t)sheet, &next, end, &p->next, &p->end);
            errno = 0;
            int r = copy_patched(uz, zip, e, p, buf);
            if (r == -2 || (r == 0 && p->next != p->end))
                return pxl_fail(PXL_ERR_WRITE,
                                "%s: could not mark %zu TRUE/FALSE formula results in sheet %lu of the .xlsx "
                                "(cell row %lu, column %lu not found)",
                                name, (size_t)(p->end - p->next), (unsigned long)sheet + 1,
                                (unsigned long)p->next->row + 1, (unsigned long)p->next->col + 1);
            if (r != 0 && pxl_output_errno_text(errno))
                return pxl_fail(PXL_ERR_WRITE, "%s: could not write the .xlsx: %s", name, pxl_output_errno_text(errno));
            if (r != 0)
                return pxl_fail(PXL_ERR_WRITE, "%s: could not rewrite sheet %lu of the .xlsx to mark TRUE/FALSE "
                                "formula results", name, (unsigned long)sheet + 1);
        } else if ((errno = 0, copy_raw(uz, zip, e, buf) != 0)) {
            if (pxl_output_errno_text(errno))
                return pxl_fail(PXL_ERR_WRITE, "%s: could not write the .xlsx: %s", name,
                                pxl_output_errno_text(errno));
            return pxl_fail(PXL_ERR_WRITE, "%s: could not copy \"%s\" while marking TRUE/FALSE formula results",
                            name, e->name);
        }
        rc = unzGoToNextFile(uz);
    }
    if (rc != UNZ_END_OF_LIST_OF_FILE)
        return pxl_fail(PXL_ERR_WRITE, "%s: the .xlsx just written cannot be read back", name);
    if (next != end)
        return pxl_fail(PXL_ERR_WRITE, "%s: the .xlsx has no sheet %lu to mark TRUE/FALSE formula results in",
                        name, (unsigned long)next->sheet + 1);
    /* The archive comment, for the caller's zipClose (libxlsxwriter writes none). */
    e->comment[0] = '\0';
    if (global.size_comment && unzGetGlobalComment(uz, e->comment, sizeof e->comment) < 0)
        return pxl_fail(PXL_ERR_WRITE, "%s: the .xlsx just written cannot be read back", name);
    return PXL_OK;
}

/* Patch @p src into @p dst (both exist); e, p and buf are the caller's working memory. */
static pxl_error patch_into(const char *src, const char *dst, const char *name, const pxl_xlsx_cell *cells,
                            size_t count, entry *e, sheet_patch *p, unsigned char *buf)
{
    unzFile uz = unzOpen64(src);
    zipFile zip = uz ? zipOpen64(dst, APPEND_STATUS_CREATE) : NULL;
    if (!uz || !zip) {
        if (uz)
            unzClose(uz);
        return pxl_fail(PXL_ERR_WRITE, "%s: the .xlsx just written cannot be %s", name,
                        uz ? "rewritten" : "read back");
    }
    pxl_error err = rewrite(uz, zip, name, cells, count, e, p, buf);
    /* zipClose frees the handle whether or not it succeeds. */
    errno = 0;
    int closed = zipClose(zip, err == PXL_OK && e->comment[0] ? e->comment : NULL);
    int close_errno = errno;
    unzClose(uz);
    if (err == PXL_OK && closed != ZIP_OK)
        err = pxl_output_errno_text(close_errno)
                  ? pxl_fail(PXL_ERR_WRITE, "%s: could not write the .xlsx: %s", name, pxl_output_errno_text(close_errno))
                  : pxl_fail(PXL_ERR_WRITE, "%s: could not finish the .xlsx (is the disk full?)", name);
    return err;
}

/* The working memory of one pass. */
typedef struct patch_memory {
    entry *e;
    sheet_patch *p;
    unsigned char *buf;
} patch_memory;

static int memory_get(patch_memory *m)
{
    m->e = malloc(sizeof *m->e);
    m->p = malloc(sizeof *m->p);
    m->buf = malloc(PATCH_CHUNK);
    return m->e && m->p && m->buf ? 0 : -1;
}

static void memory_free(patch_memory *m)
{
    free(m->e);
    free(m->p);
    free(m->buf);
}

pxl_error pxl_xlsx_bool_patch_to(const char *src, const char *dst, const char *name, const pxl_xlsx_cell *cells,
                                 size_t count)
{
    if (!src || !dst || !name || (count && !cells) || !sorted(cells, count))
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: pxl_xlsx_bool_patch: cells missing or not in order",
                        name ? name : "?");
    patch_memory m = {NULL, NULL, NULL};
    pxl_error err = memory_get(&m) == 0 ? patch_into(src, dst, name, cells, count, m.e, m.p, m.buf)
                                        : pxl_fail_nomem();
    memory_free(&m);
    return err;
}

pxl_error pxl_xlsx_bool_patch(const char *path, const char *name, const pxl_xlsx_cell *cells, size_t count)
{
    if (!path || !name || (count && !cells) || !sorted(cells, count))
        return pxl_fail(PXL_ERR_INVALID_ARGUMENT, "%s: pxl_xlsx_bool_patch: cells missing or not in order",
                        name ? name : "?");
    if (count == 0)
        return PXL_OK;
    size_t len = strlen(path);
    char *temp = malloc(len + 8);
    patch_memory m = {NULL, NULL, NULL};
    if (!temp || memory_get(&m) != 0) {
        free(temp);
        memory_free(&m);
        return pxl_fail_nomem();
    }
    memcpy(temp, path, len);
    memcpy(temp + len, ".XXXXXX", 8);
    pxl_error err = PXL_OK;
    int fd = mkstemp(temp);
    if (fd < 0) {
        err = pxl_fail(PXL_ERR_IO, "%s: cannot create a temporary file beside it", name);
        free(temp);
        memory_free(&m);
        return err;
    }
    close(fd);
    err = patch_into(path, temp, name, cells, count, m.e, m.p, m.buf);
    if (err == PXL_OK && rename(temp, path) != 0)
        err = pxl_fail(PXL_ERR_IO, "%s: cannot replace the temporary file", name);
    if (err != PXL_OK)
        remove(temp);
    free(temp);
    memory_free(&m);
    return err;
}
