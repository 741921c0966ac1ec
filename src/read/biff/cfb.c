/*
 * [MS-CFB] Compound File Binary reader: header, DIFAT, FAT, directory, MiniFAT
 * and mini stream, enough to copy one stream of the root storage out of a file,
 * read sector by sector through its descriptor (or from a copy in memory). Written for planxl rather than taken from libgsf because
 * linking libgsf and GLib cost ~5 MB of peak RSS and 1.3-10 ms of start-up per
 * process (issue 6), more than the whole convert of a small workbook.
 *
 * Every value read from the file is untrusted: sector indexes are checked
 * against the sectors the file holds, chains longer than their table are
 * loops, and no buffer is sized from a count the file's length cannot back.
 */
#include <stdlib.h>
#include <string.h>

#include "cfb.h"
#include "util/error_internal.h"
#include "stream.h"

const uint8_t pxl_cfb_signature[PXL_CFB_SIGNATURE_LEN] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

/* [MS-CFB] 2.2: the header is 512 bytes; in a version 4 file it is padded to a
 * whole 4096-byte sector, so sector n always starts at (n + 1) * sector size. */
#define CFB_HEADER_LEN 512
#define CFB_OFF_MAJOR_VERSION 26
#define CFB_OFF_SECTOR_SHIFT 30
#define CFB_OFF_MINI_SHIFT 32
#define CFB_OFF_NUM_FAT 44
#define CFB_OFF_DIR_START 48
#define CFB_OFF_MINI_CUTOFF 56
#define CFB_OFF_MINIFAT_START 60
#define CFB_OFF_DIFAT_START 68
#define CFB_OFF_NUM_DIFAT 72
#define CFB_OFF_DIFAT 76
#define CFB_HEADER_DIFAT_COUNT 109 /* 2.2: (512 - 76) / 4 FAT sector numbers in the header */
/* 2.2 allows 9 (version 3) and 12 (version 4); libgsf takes anything from 6 to
 * 30. Sectors must hold a 128-byte directory entry (7), and 16 keeps one sector
 * copy small while admitting the odd writer between the two. */
#define CFB_MIN_SECTOR_SHIFT 7
#define CFB_MAX_SECTOR_SHIFT 16

/* 2.1: special sector numbers; anything above MAXREGSECT ends a chain. */
#define CFB_MAXREGSECT 0xFFFFFFFAu
#define CFB_ENDOFCHAIN 0xFFFFFFFEu
#define CFB_NOSTREAM 0xFFFFFFFFu

/* 2.6.1: the directory entry. */
#define CFB_DIRENT_LEN 128
#define CFB_DIRENT_NAME_MAX 64 /* bytes of UTF-16, the terminating NUL included */
#define CFB_DIRENT_OFF_NAME_LEN 64
#define CFB_DIRENT_OFF_TYPE 66
#define CFB_DIRENT_OFF_LEFT 68
#define CFB_DIRENT_OFF_RIGHT 72
#define CFB_DIRENT_OFF_CHILD 76
#define CFB_DIRENT_OFF_START 116
#define CFB_DIRENT_OFF_SIZE 120
#define CFB_TYPE_STREAM 2

typedef struct cfb {
    const char *path;
    const uint8_t *data;  /* the file in memory, or NULL: read through fd */
    int fd;
    size_t len;           /* the file's size */
    uint8_t header[CFB_HEADER_LEN];
    unsigned shift;     /* sector size = 1 << shift */
    size_t sector_size;
    uint32_t sectors;   /* sectors the file holds; the last one may be cut short */
    int version3;       /* stream sizes are 32-bit (2.6.3: the high half may be garbage) */
    uint32_t *fat;
    uint32_t fat_len;
} cfb;

/* A list of sector numbers: a chain followed through FAT or MiniFAT. */
typedef struct chain {
    uint32_t *at;
    uint32_t len;
} chain;

static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static uint64_t le64(const uint8_t *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }

static pxl_error damaged(const cfb *c, const char *reason)
{
    return pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: its OLE2 container cannot be read (%s)", c->path, reason);
}

/* Copy @p n bytes at file offset @p pos. Past the end of the file reads as zeros:
 * some writers do not pad the final sector, and libgsf and Excel accept that. */
static pxl_error file_copy(const cfb *c, size_t pos, size_t n, uint8_t *dst)
{
    if (!c->data) {
        int err;
        return pxl_read_padded(c->fd, c->len, pos, dst, n, &err) == 0 ? PXL_OK : pxl_read_error(c->path, err);
    }
    size_t have = pos < c->len ? c->len - pos : 0;
    if (have > n)
        have = n;
    memcpy(dst, c->data + pos, have);
    memset(dst + have, 0, n - have);
    return PXL_OK;
}

/* Copy @p n bytes from offset @p off of sector @p sector. The caller has checked
 * sector < sectors; a last sector the file cuts short reads as zeros past the end. */
static pxl_error sector_copy(const cfb *c, uint32_t sector, size_t off, size_t n, uint8_t *dst)
{
    return file_copy(c, ((size_t)sector + 1) * c->sector_size + off, n, dst);
}

/*
 * Follow the chain starting at @p start through @p table (@p table_len entries)
 * over sectors numbered below @p limit, collecting at most @p want sector numbers
 * (the chain may go on: only what the stream's size needs is read). It ends at
 * ENDOFCHAIN or any other special number; the caller checks that it is long
 * enough. A sector visited twice is a loop.
 */
static pxl_error chain_follow(const cfb *c, const uint32_t *table, uint32_t table_len, uint32_t limit,
                              uint32_t start, uint32_t want, const char *context, const char *part, chain *out)
{
    out->at = NULL;
    out->len = 0;
    int capped = want > table_len;
    if (capped)
        want = table_len; /* more could only be a loop or out of range */
    if (want == 0 || start > CFB_MAXREGSECT)
        return PXL_OK;
    out->at = malloc((size_t)want * sizeof *out->at);
    uint8_t *seen = calloc((size_t)table_len / 8 + 1, 1); /* one bit a sector: a revisit is a loop */
    if (!out->at || !seen) {
        free(out->at);
        free(seen);
        out->at = NULL;
        return pxl_fail_nomem();
    }
    uint32_t sector = start;
    const char *broken = NULL;
    while (sector <= CFB_MAXREGSECT && out->len < want) {
        if (sector >= limit || sector >= table_len) {
            broken = "points past the end of the file";
            break;
        }
        if (seen[sector / 8] & (1u << (sector % 8))) {
            broken = "loops back on itself";
            break;
        }
        seen[sector / 8] |= (uint8_t)(1u << (sector % 8));
        out->at[out->len++] = sector;
        sector = table[sector];
    }
    free(seen);
    if (broken) {
        free(out->at);
        out->at = NULL;
        out->len = 0;
        return pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: %s (%s %s)", c->path, context, part, broken);
    }
    /* Every sector of the table visited and the chain still going: the next one
     * is a revisit. A chain that goes on past the sectors its stream's size needs
     * is not read further and so never matters. */
    if (capped && sector <= CFB_MAXREGSECT) {
        free(out->at);
        out->at = NULL;
        out->len = 0;
        return pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: %s (%s loops back on itself)", c->path, context, part);
    }
    return PXL_OK;
}

/* The FAT: its sector numbers from the header's 109 DIFAT entries and then
 * the DIFAT sector chain (2.5), each DIFAT sector ending in the next's number. */
static pxl_error fat_load(cfb *c)
{
    const uint8_t *h = c->header;
    uint32_t fat_sectors = le32(h + CFB_OFF_NUM_FAT);
    if (fat_sectors == 0 || fat_sectors > c->sectors)
        return damaged(c, "its allocation table is larger than the file");
    uint32_t per_sector = (uint32_t)(c->sector_size / 4);
    c->fat_len = fat_sectors * per_sector; /* <= file size / 4: sectors * sector_size <= len + sector_size */
    c->fat = malloc((size_t)c->fat_len * sizeof *c->fat);
    uint8_t *buf = malloc(c->sector_size);
    if (!c->fat || !buf) {
        free(buf);
        return pxl_fail_nomem();
    }
    pxl_error e = PXL_OK;
    uint32_t loaded = 0;
    uint32_t difat_sector = le32(h + CFB_OFF_DIFAT_START);
    uint32_t difat_steps = 0;
    size_t difat_at = 0, difat_count = CFB_HEADER_DIFAT_COUNT;
    const uint8_t *difat = h + CFB_OFF_DIFAT;
    while (loaded < fat_sectors) {
        if (difat_at == difat_count) {
            /* next DIFAT sector: its last entry links on */
            if (difat_sector > CFB_MAXREGSECT) {
                e = damaged(c, "its allocation table is cut short");
                break;
            }
            if (difat_sector >= c->sectors) {
                e = damaged(c, "its allocation table points past the end of the file");
                break;
            }
            if (++difat_steps > c->sectors) {
                e = damaged(c, "its allocation table loops back on itself");
                break;
            }
            if ((e = sector_copy(c, difat_sector, 0, c->sector_size, buf)) != PXL_OK)
                break;
            difat = buf;
            difat_at = 0;
            difat_count = per_sector - 1;
            difat_sector = le32(buf + 4 * (per_sector - 1));
        }
        uint32_t fat_sector = le32(difat + 4 * difat_at++);
        if (fat_sector >= c->sectors) {
            e = damaged(c, "its allocation table points past the end of the file");
            break;
        }
        uint8_t *dst = (uint8_t *)(c->fat + (size_t)loaded * per_sector);
        if ((e = sector_copy(c, fat_sector, 0, c->sector_size, dst)) != PXL_OK)
            break;
        for (uint32_t i = 0; i < per_sector; i++)
            c->fat[(size_t)loaded * per_sector + i] = le32(dst + 4 * i);
        loaded++;
    }
    free(buf);
    return e;
}

/* Copy the first @p size bytes of the sectors in @p sectors to @p dst, one read
 * for each run of consecutive sectors (most writers store a stream in one run). */
static pxl_error stream_copy_big(const cfb *c, const chain *sectors, uint64_t size, uint8_t *dst)
{
    for (uint32_t i = 0; i < sectors->len && size > 0;) {
        uint32_t run = 1;
        while (i + run < sectors->len && sectors->at[i + run] == sectors->at[i] + run &&
               ((uint64_t)run << c->shift) < size)
            run++;
        uint64_t bytes = (uint64_t)run << c->shift;
        size_t n = size < bytes ? (size_t)size : (size_t)bytes;
        pxl_error e = sector_copy(c, sectors->at[i], 0, n, dst);
        if (e != PXL_OK)
            return e;
        dst += n;
        size -= n;
        i += run;
    }
    return PXL_OK;
}

static unsigned char ascii_lower(unsigned char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch - 'A' + 'a') : ch;
}

/* The entry's UTF-16 name (2.6.1: at most 31 characters and a NUL) against an
 * ASCII @p name, ignoring ASCII case as Excel does when it opens the stream. */
static int name_matches(const uint8_t *entry, const char *name)
{
    size_t bytes = le16(entry + CFB_DIRENT_OFF_NAME_LEN);
    if (bytes > CFB_DIRENT_NAME_MAX)
        bytes = CFB_DIRENT_NAME_MAX;
    size_t units = bytes / 2, k = 0;
    for (; k < units; k++) {
        uint16_t u = le16(entry + 2 * k);
        if (u == 0)
            break;
        if (u >= 128 || !name[k] || ascii_lower((unsigned char)u) != ascii_lower((unsigned char)name[k]))
            return 0;
    }
    return name[k] == '\0';
}

/*
 * Walk the root storage's children: the red-black tree under the root entry's
 * child, through left and right siblings only (2.6.4). A stream inside a
 * sub-storage, say an embedded workbook's own "Workbook", is not the file's.
 * Returns the best-ranked match's entry number, or -1.
 */
static pxl_error root_child_find(const cfb *c, const uint8_t *dir, uint32_t entries, const char *const *names,
                                 size_t name_count, long *found)
{
    *found = -1;
    uint8_t *seen = calloc(entries, 1);
    uint32_t *stack = malloc((size_t)entries * sizeof *stack);
    if (!seen || !stack) {
        free(seen);
        free(stack);
        return pxl_fail_nomem();
    }
    size_t best_rank = name_count, top = 0;
    uint32_t first = le32(dir + CFB_DIRENT_OFF_CHILD);
    if (first < entries)
        stack[top++] = first;
    while (top > 0) {
        uint32_t at = stack[--top];
        if (seen[at])
            continue; /* a cycle in the tree: 2.6.4 forbids it, skipping it is harmless */
        seen[at] = 1;
        const uint8_t *e = dir + (size_t)at * CFB_DIRENT_LEN;
        uint32_t side[2] = { le32(e + CFB_DIRENT_OFF_LEFT), le32(e + CFB_DIRENT_OFF_RIGHT) };
        for (int s = 0; s < 2; s++)
            if (side[s] < entries && !seen[side[s]] && top < entries)
                stack[top++] = side[s];
        if (e[CFB_DIRENT_OFF_TYPE] != CFB_TYPE_STREAM)
            continue;
        for (size_t r = 0; r < best_rank; r++)
            if (name_matches(e, names[r])) {
                best_rank = r;
                *found = at;
                break;
            }
    }
    free(seen);
    free(stack);
    (void)c;
    return PXL_OK;
}

static uint64_t entry_size(const cfb *c, const uint8_t *e)
{
    return c->version3 ? le32(e + CFB_DIRENT_OFF_SIZE) : le64(e + CFB_DIRENT_OFF_SIZE);
}

static uint32_t sectors_for(uint64_t size, unsigned shift)
{
    uint64_t n = (size + ((uint64_t)1 << shift) - 1) >> shift;
    return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

/* A stream under the mini stream cutoff lives in the mini stream (2.4): the root
 * entry's big-sector chain, cut in (1 << mini shift)-byte mini sectors that the
 * MiniFAT chains. */
static pxl_error stream_copy_mini(const cfb *c, const uint8_t *root, uint32_t start, uint64_t size, uint8_t *dst)
{
    const uint8_t *h = c->header;
    unsigned mini_shift = le16(h + CFB_OFF_MINI_SHIFT);
    chain root_chain = { 0 }, minifat_chain = { 0 }, mini = { 0 };
    uint32_t *minifat = NULL;
    pxl_error e = chain_follow(c, c->fat, c->fat_len, c->sectors, le32(root + CFB_DIRENT_OFF_START),
                               sectors_for(entry_size(c, root), c->shift), "its OLE2 container cannot be read", "the mini stream", &root_chain);
    if (!e)
        e = chain_follow(c, c->fat, c->fat_len, c->sectors, le32(h + CFB_OFF_MINIFAT_START), UINT32_MAX,
                         "its OLE2 container cannot be read", "the mini allocation table", &minifat_chain);
    uint32_t per_sector = (uint32_t)(c->sector_size / 4);
    uint32_t minifat_len = minifat_chain.len * per_sector;
    if (!e && minifat_len) {
        minifat = malloc((size_t)minifat_len * sizeof *minifat);
        uint8_t *buf = malloc(c->sector_size);
        if (!minifat || !buf) {
            e = pxl_fail_nomem();
        } else {
            for (uint32_t i = 0; !e && i < minifat_chain.len; i++) {
                if ((e = sector_copy(c, minifat_chain.at[i], 0, c->sector_size, buf)) != PXL_OK)
                    break;
                for (uint32_t k = 0; k < per_sector; k++)
                    minifat[(size_t)i * per_sector + k] = le32(buf + 4 * k);
            }
        }
        free(buf);
    }
    /* mini sectors the root chain holds */
    uint64_t mini_limit = ((uint64_t)root_chain.len << c->shift) >> mini_shift;
    if (!e)
        e = chain_follow(c, minifat, minifat_len, mini_limit > UINT32_MAX ? UINT32_MAX : (uint32_t)mini_limit, start,
                         sectors_for(size, mini_shift), "its workbook stream cannot be opened", "its sector chain", &mini);
    if (!e && (uint64_t)mini.len << mini_shift < size)
        e = pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: its workbook stream cannot be opened (its sector chain ends early)", c->path);
    for (uint32_t i = 0; !e && i < mini.len && size > 0; i++) {
        uint64_t at = (uint64_t)mini.at[i] << mini_shift;
        size_t n = size < ((uint64_t)1 << mini_shift) ? (size_t)size : (size_t)1 << mini_shift;
        e = sector_copy(c, root_chain.at[at >> c->shift], (size_t)(at & (c->sector_size - 1)), n, dst);
        dst += n;
        size -= n;
    }
    free(root_chain.at);
    free(minifat_chain.at);
    free(mini.at);
    free(minifat);
    return e;
}

static pxl_error header_check(cfb *c)
{
    const uint8_t *h = c->header;
    if (c->len < CFB_HEADER_LEN)
        return damaged(c, "the file ends inside its header");
    pxl_error e = file_copy(c, 0, CFB_HEADER_LEN, c->header);
    if (e != PXL_OK)
        return e;
    /* The byte order mark (offset 28) must be FFFE by 2.2, but libgsf and Excel
     * ignore it and files with another value open in both (PhpSpreadsheet PR
     * 4687's badendian.xls in the corpus): it is not checked. */
    unsigned shift = le16(h + CFB_OFF_SECTOR_SHIFT), mini_shift = le16(h + CFB_OFF_MINI_SHIFT);
    if (shift < CFB_MIN_SECTOR_SHIFT || shift > CFB_MAX_SECTOR_SHIFT || mini_shift > shift)
        return damaged(c, "its header gives impossible sector sizes");
    c->shift = shift;
    c->sector_size = (size_t)1 << shift;
    c->version3 = le16(h + CFB_OFF_MAJOR_VERSION) == 3 || shift == 9;
    size_t body = c->len > c->sector_size ? c->len - c->sector_size : 0;
    size_t sectors = (body + c->sector_size - 1) / c->sector_size;
    c->sectors = sectors > CFB_MAXREGSECT ? CFB_MAXREGSECT : (uint32_t)sectors;
    return PXL_OK;
}

/* Find the stream; copy it into *stream, or, when @p extent is not NULL and the stream is
 * in big sectors, hand over its sector chain instead (extent->sectors, *stream NULL). */
static pxl_error read_stream(cfb *cp, const char *const *names, size_t name_count, const char *missing,
                             pxl_cfb_extent *extent, uint8_t **stream, size_t *stream_len)
{
    *stream = NULL;
    *stream_len = 0;
    if (extent)
        *extent = (pxl_cfb_extent){ NULL, 0, 0 };
    cfb c = *cp;
    const char *path = c.path;
    size_t len = c.len;
    chain dir_chain = { 0 }, body = { 0 };
    uint8_t *dir = NULL;
    pxl_error e = header_check(&c);
    if (!e)
        e = fat_load(&c);
    if (!e)
        e = chain_follow(&c, c.fat, c.fat_len, c.sectors, le32(c.header + CFB_OFF_DIR_START), UINT32_MAX,
                         "its OLE2 container cannot be read", "the directory", &dir_chain);
    uint32_t entries = (uint32_t)(((uint64_t)dir_chain.len << c.shift) / CFB_DIRENT_LEN);
    if (!e && entries == 0)
        e = damaged(&c, "it has no directory");
    if (!e && !(dir = malloc((size_t)dir_chain.len << c.shift)))
        e = pxl_fail_nomem();
    for (uint32_t i = 0; !e && i < dir_chain.len; i++)
        e = sector_copy(&c, dir_chain.at[i], 0, c.sector_size, dir + ((size_t)i << c.shift));
    long found = -1;
    if (!e)
        e = root_child_find(&c, dir, entries, names, name_count, &found);
    if (!e && found < 0)
        e = pxl_fail(PXL_ERR_NOT_XLS, "%s: %s", path, missing);
    if (!e) {
        const uint8_t *entry = dir + (size_t)found * CFB_DIRENT_LEN;
        uint64_t size = entry_size(&c, entry);
        uint32_t start = le32(entry + CFB_DIRENT_OFF_START);
        /* A stream cannot be larger than the file that holds it: a lying size never allocates. */
        int mini = size < le32(c.header + CFB_OFF_MINI_CUTOFF);
        if (size > len) {
            e = pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: its workbook stream has an impossible size", path);
        } else if ((mini || !extent) && !(*stream = malloc(size ? (size_t)size : 1))) {
            e = pxl_fail_nomem();
        } else if (mini) {
            e = stream_copy_mini(&c, dir, start, size, *stream);
        } else {
            e = chain_follow(&c, c.fat, c.fat_len, c.sectors, start, sectors_for(size, c.shift), "its workbook stream cannot be opened",
                             "its sector chain", &body);
            if (!e && (uint64_t)body.len << c.shift < size)
                e = pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: its workbook stream cannot be opened (its sector chain ends early)", path);
            if (!e && extent) {
                *extent = (pxl_cfb_extent){ body.at, body.len, c.shift };
                body.at = NULL; /* handed over */
            } else if (!e) {
                e = stream_copy_big(&c, &body, size, *stream);
            }
        }
        if (e) {
            free(*stream);
            *stream = NULL;
        } else {
            *stream_len = (size_t)size;
        }
    }
    free(body.at);
    free(dir);
    free(dir_chain.at);
    free(c.fat);
    return e;
}

pxl_error pxl_cfb_read_stream(const char *path, const uint8_t *data, size_t len,
                              const char *const *names, size_t name_count,
                              const char *missing, uint8_t **stream, size_t *stream_len)
{
    cfb c = { .path = path, .data = data, .fd = -1, .len = len };
    return read_stream(&c, names, name_count, missing, NULL, stream, stream_len);
}

pxl_error pxl_cfb_locate_stream(const char *path, int fd, size_t len, const char *const *names, size_t name_count,
                                const char *missing, pxl_cfb_extent *extent, uint8_t **stream, size_t *stream_len)
{
    cfb c = { .path = path, .data = NULL, .fd = fd, .len = len };
    return read_stream(&c, names, name_count, missing, extent, stream, stream_len);
}
