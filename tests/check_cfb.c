/*
 * planxl's OLE2 (MS-CFB) reader, src/read/biff/cfb.c through pxl_ole_workbook_stream(),
 * on compound files built here byte by byte after [MS-CFB] 2.2-2.6: version 3 and
 * 4, streams in big sectors and in the mini stream, name case variants, and the
 * damage a crafted file can carry (chain loops, sectors past the end, truncation,
 * lying sizes). Expected stream bytes come from the builder's own pattern, not
 * from the reader.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/biff/cfb.h"
#include "read/biff/ole.h"
#include "planxl/error.h"
#include "test_tmpdir.h"

#define FREESECT 0xFFFFFFFFu
#define ENDOFCHAIN 0xFFFFFFFEu
#define FATSECT 0xFFFFFFFDu
#define NOSTREAM 0xFFFFFFFFu
#define MINI_CUTOFF 4096
#define MAX_ENTRIES 8

/* What to build: streams of the root storage, and optionally a storage holding
 * one more stream (as an embedded object's storage holds its own "Workbook"). */
typedef struct spec {
    unsigned version;          /* 3: 512-byte sectors, 4: 4096 */
    const char *names[3];      /* root streams, NULL-terminated */
    size_t sizes[3];
    const char *inner_name;    /* a stream inside storage "MBD0001", or NULL */
    size_t inner_size;
} spec;

typedef struct image {
    uint8_t *data;
    size_t len;
    size_t sector_size;
    uint32_t entry_first[MAX_ENTRIES]; /* first sector (big or mini) of each entry */
    int entry_mini[MAX_ENTRIES];
    unsigned entries;
    uint32_t fat_sector, minifat_sector;
} image;

static uint8_t pattern(size_t i, unsigned stream)
{
    return (uint8_t)(i * 7 + stream * 13 + i / 251);
}

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v) { put16(p, (uint16_t)v); put16(p + 2, (uint16_t)(v >> 16)); }


static size_t sector_off(const image *im, uint32_t s) { return ((size_t)s + 1) * im->sector_size; }
static size_t fat_entry_off(const image *im, uint32_t s) { return sector_off(im, im->fat_sector) + 4 * (size_t)s; }
static size_t minifat_entry_off(const image *im, uint32_t s) { return sector_off(im, im->minifat_sector) + 4 * (size_t)s; }
static size_t dir_entry_off(const image *im, unsigned e) { return sector_off(im, 1) + 128 * (size_t)e; }

static void set_name(uint8_t *entry, const char *name)
{
    size_t n = strlen(name);
    for (size_t k = 0; k < n; k++)
        put16(entry + 2 * k, (uint8_t)name[k]);
    put16(entry + 64, (uint16_t)(2 * (n + 1)));
}

/*
 * Layout: sector 0 the FAT, 1 the directory (one sector holds 4 or 32 entries),
 * 2 the MiniFAT, then the mini stream's sectors, then each big stream's.
 */
static image build(const spec *sp)
{
    image im;
    memset(&im, 0, sizeof im);
    unsigned shift = sp->version == 4 ? 12 : 9;
    size_t ss = im.sector_size = (size_t)1 << shift;
    /* entries: 0 root, the root streams, then the storage and its stream */
    const char *names[MAX_ENTRIES];
    size_t sizes[MAX_ENTRIES];
    unsigned n = 1, roots = 0;
    for (; roots < 3 && sp->names[roots]; roots++, n++) {
        names[n] = sp->names[roots];
        sizes[n] = sp->sizes[roots];
    }
    unsigned storage = 0;
    if (sp->inner_name) {
        storage = n;
        names[n] = "MBD0001";
        sizes[n++] = 0;
        names[n] = sp->inner_name;
        sizes[n++] = sp->inner_size;
    }
    im.entries = n;
    ck_assert_uint_le(n * 128, ss);
    /* the mini stream: mini sectors of 64 bytes, in order */
    uint32_t mini_count = 0;
    for (unsigned e = 1; e < n; e++)
        if (e != storage && sizes[e] < MINI_CUTOFF) {
            im.entry_mini[e] = 1;
            im.entry_first[e] = sizes[e] ? mini_count : ENDOFCHAIN;
            mini_count += (uint32_t)((sizes[e] + 63) / 64);
        }
    ck_assert_uint_le(mini_count, ss / 4);
    uint32_t mini_bytes = mini_count * 64;
    uint32_t next = 3;
    uint32_t mini_first = next, mini_sectors = (uint32_t)((mini_bytes + ss - 1) / ss);
    next += mini_sectors;
    for (unsigned e = 1; e < n; e++)
        if (e != storage && !im.entry_mini[e]) {
            im.entry_first[e] = next;
            next += (uint32_t)((sizes[e] + ss - 1) / ss);
        }
    ck_assert_uint_le(next, ss / 4);
    im.fat_sector = 0;
    im.minifat_sector = 2;
    im.len = ss * (1 + (size_t)next);
    im.data = calloc(im.len, 1);
    ck_assert_ptr_nonnull(im.data);
    uint8_t *h = im.data;
    static const uint8_t sig[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
    memcpy(h, sig, 8);
    put16(h + 24, 0x3E);
    put16(h + 26, (uint16_t)sp->version);
    put16(h + 28, 0xFFFE);
    put16(h + 30, (uint16_t)shift);
    put16(h + 32, 6);
    put32(h + 44, 1);             /* FAT sectors */
    put32(h + 48, 1);             /* first directory sector */
    put32(h + 56, MINI_CUTOFF);
    put32(h + 60, mini_count ? 2 : ENDOFCHAIN);
    put32(h + 64, mini_count ? 1 : 0);
    put32(h + 68, ENDOFCHAIN);    /* no DIFAT sectors */
    put32(h + 72, 0);
    for (unsigned k = 0; k < 109; k++)
        put32(h + 76 + 4 * k, k == 0 ? 0 : FREESECT);
    /* FAT */
    for (uint32_t s = 0; s < ss / 4; s++)
        put32(im.data + fat_entry_off(&im, s), FREESECT);
    put32(im.data + fat_entry_off(&im, 0), FATSECT);
    put32(im.data + fat_entry_off(&im, 1), ENDOFCHAIN);
    put32(im.data + fat_entry_off(&im, 2), mini_count ? ENDOFCHAIN : FREESECT);
    for (uint32_t s = 0; s < mini_sectors; s++)
        put32(im.data + fat_entry_off(&im, mini_first + s), s + 1 < mini_sectors ? mini_first + s + 1 : ENDOFCHAIN);
    /* MiniFAT */
    for (uint32_t s = 0; s < ss / 4; s++)
        put32(im.data + minifat_entry_off(&im, s), FREESECT);
    /* directory: root, then the root streams chained as right siblings */
    for (unsigned e = 0; e < ss / 128; e++) {
        uint8_t *d = im.data + dir_entry_off(&im, e);
        put32(d + 68, NOSTREAM);
        put32(d + 72, NOSTREAM);
        put32(d + 76, NOSTREAM);
    }
    uint8_t *root = im.data + dir_entry_off(&im, 0);
    set_name(root, "Root Entry");
    root[66] = 5;
    put32(root + 76, n > 1 ? 1 : NOSTREAM);
    put32(root + 116, mini_count ? mini_first : ENDOFCHAIN);
    put32(root + 120, mini_bytes);
    for (unsigned e = 1; e < n; e++) {
        uint8_t *d = im.data + dir_entry_off(&im, e);
        set_name(d, names[e]);
        unsigned last_root_child = storage ? storage : n - 1;
        if (e < last_root_child)
            put32(d + 72, e + 1); /* right sibling: a degenerate tree, all the reader walks */
        if (e == storage) {
            d[66] = 1;
            put32(d + 76, e + 1);
            continue;
        }
        d[66] = 2;
        put32(d + 116, im.entry_first[e]);
        put32(d + 120, (uint32_t)sizes[e]);
        uint32_t first = im.entry_first[e];
        if (im.entry_mini[e]) {
            uint32_t count = (uint32_t)((sizes[e] + 63) / 64);
            for (uint32_t k = 0; k < count; k++)
                put32(im.data + minifat_entry_off(&im, first + k), k + 1 < count ? first + k + 1 : ENDOFCHAIN);
            for (size_t i = 0; i < sizes[e]; i++) {
                size_t at = (size_t)first * 64 + i; /* offset in the mini stream */
                im.data[sector_off(&im, mini_first + (uint32_t)(at / ss)) + at % ss] = pattern(i, e);
            }
        } else {
            uint32_t count = (uint32_t)((sizes[e] + ss - 1) / ss);
            for (uint32_t k = 0; k < count; k++)
                put32(im.data + fat_entry_off(&im, first + k), k + 1 < count ? first + k + 1 : ENDOFCHAIN);
            for (size_t i = 0; i < sizes[e]; i++)
                im.data[sector_off(&im, first) + i] = pattern(i, e);
        }
    }
    return im;
}

/* The reader's answer: the stream, or the error and its message. */
typedef struct result {
    pxl_error error;
    char message[1024];
    uint8_t *stream;
    size_t len;
} result;

static result read_memory(const image *im)
{
    result r;
    memset(&r, 0, sizeof r);
    r.error = pxl_ole_workbook_stream("test.xls", im->data, im->len, &r.stream, &r.len);
    if (r.error) {
        snprintf(r.message, sizeof r.message, "%s", pxl_error_message());
        ck_assert_ptr_null(r.stream);
    }
    return r;
}

/*
 * Read the image both ways -- from memory, and from a file sector by sector
 * (pxl_ole_workbook_stream_file, what planxl uses on real files) -- and demand
 * the same answer: the same stream, or the same error with the same message but
 * for the file's path. The memory answer goes back to the test.
 */
static result read_image(const image *im)
{
    result r = read_memory(im);
    make_tmp_named("pxl_cfb");
    char path[512];
    in_tmp(path, sizeof path, "test.xls");
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(im->data, 1, im->len, f), im->len);
    ck_assert_int_eq(fclose(f), 0);
    uint8_t *stream = NULL;
    size_t len = 0;
    pxl_biff_stream s;
    pxl_error e = pxl_ole_workbook_open(path, &s);
    if (e == PXL_OK) {
        /* what the reader gets through the window, byte for byte */
        len = s.len;
        stream = malloc(len ? len : 1);
        ck_assert_ptr_nonnull(stream);
        ck_assert_int_eq(pxl_stream_read(&s, 0, len, stream), 0);
        for (size_t pos = 0; pos < len; pos += 1000) {
            size_t n = len - pos < 1000 ? len - pos : 1000;
            const uint8_t *w = pxl_stream_at(&s, pos, n);
            ck_assert_ptr_nonnull(w);
            ck_assert_msg(memcmp(w, stream + pos, n) == 0, "window at %zu differs", pos);
        }
        pxl_stream_close(&s);
    }
    ck_assert_msg(e == r.error, "from the file: error %d, from memory: %d (%s)", e, r.error, e ? pxl_error_message() : r.message);
    if (e) {
        char want[1400];
        snprintf(want, sizeof want, "%s/%s", tmp, r.message);
        ck_assert_str_eq(pxl_error_message(), want);
        ck_assert_ptr_null(stream);
    } else {
        ck_assert_uint_eq(len, r.len);
        ck_assert_msg(memcmp(stream, r.stream, len) == 0, "the stream read from the file differs");
    }
    free(stream);
    remove_tmp();
    return r;
}

static void assert_stream(const result *r, size_t size, unsigned entry)
{
    ck_assert_msg(r->error == PXL_OK, "refused: %s", r->message);
    ck_assert_uint_eq(r->len, size);
    for (size_t i = 0; i < size; i++)
        ck_assert_msg(r->stream[i] == pattern(i, entry), "byte %zu: %u, want %u", i, r->stream[i], pattern(i, entry));
}

static void assert_refused(const result *r, pxl_error code, const char *says)
{
    ck_assert_msg(r->error == code, "want error %d, got %d (%s)", code, r->error, r->message);
    ck_assert_msg(strstr(r->message, "test.xls") != NULL, "the message does not name the file: %s", r->message);
    ck_assert_msg(strstr(r->message, says) != NULL, "want \"%s\" in: %s", says, r->message);
}

/* ---- streams read back byte for byte ------------------------------------------------ */

static const struct {
    unsigned version;
    const char *name;
    size_t size;
} readable[] = {
    { 3, "Workbook", 5000 },   /* big sectors, 10 of them */
    { 4, "Workbook", 9000 },   /* 4096-byte sectors, header padded to one */
    { 3, "Book", 300 },        /* mini stream */
    { 4, "Workbook", 4095 },   /* mini stream, just under the cutoff */
    { 3, "Workbook", 4096 },   /* exactly the cutoff: big sectors */
    { 3, "WORKBOOK", 1000 },   /* name case variants */
    { 3, "workbook", 5000 },
    { 4, "bOoK", 700 },
    { 3, "Workbook", 1 },
};

START_TEST(test_readable)
{
    spec sp = { .version = readable[_i].version, .names = { readable[_i].name }, .sizes = { readable[_i].size } };
    image im = build(&sp);
    result r = read_image(&im);
    assert_stream(&r, readable[_i].size, 1);
    free(r.stream);
    free(im.data);
}
END_TEST

START_TEST(test_workbook_beats_book)
{
    /* BIFF5 "Book" beside BIFF8 "Workbook": the file is BIFF8 (MS-XLS 2.1.2) */
    spec sp = { .version = 3, .names = { "Book", "Workbook", "\x05SummaryInformation" }, .sizes = { 600, 5000, 200 } };
    image im = build(&sp);
    result r = read_image(&im);
    assert_stream(&r, 5000, 2);
    free(r.stream);
    free(im.data);
}
END_TEST

START_TEST(test_v3_size_high_half_ignored)
{
    /* [MS-CFB] 2.6.3: in a version 3 file the high 32 bits of a stream size may be garbage */
    spec sp = { .version = 3, .names = { "Workbook" }, .sizes = { 5000 } };
    image im = build(&sp);
    put32(im.data + dir_entry_off(&im, 1) + 124, 0xDEADBEEF);
    result r = read_image(&im);
    assert_stream(&r, 5000, 1);
    free(r.stream);
    free(im.data);
}
END_TEST

START_TEST(test_short_last_sector)
{
    /* The last sector cut short after the stream's last byte: libgsf and Excel read it */
    spec sp = { .version = 3, .names = { "Workbook" }, .sizes = { 5000 } };
    image im = build(&sp);
    im.len = sector_off(&im, im.entry_first[1]) + 5000;
    ck_assert_uint_ne(im.len % 512, 0);
    result r = read_image(&im);
    assert_stream(&r, 5000, 1);
    free(r.stream);
    free(im.data);
}
END_TEST

/* ---- refused ------------------------------------------------------------------------ */

START_TEST(test_no_workbook_stream)
{
    spec sp = { .version = 3, .names = { "Workbook2", "Books", "Work" }, .sizes = { 5000, 100, 100 } };
    image im = build(&sp);
    result r = read_image(&im);
    assert_refused(&r, PXL_ERR_NOT_XLS, "holds no workbook stream");
    free(im.data);
}
END_TEST

START_TEST(test_embedded_workbook_not_taken)
{
    /* a "Workbook" inside a sub-storage (an embedded object) is not the file's */
    spec sp = { .version = 3, .names = { "Ole" }, .sizes = { 20 }, .inner_name = "Workbook", .inner_size = 5000 };
    image im = build(&sp);
    result r = read_image(&im);
    assert_refused(&r, PXL_ERR_NOT_XLS, "holds no workbook stream");
    free(im.data);
}
END_TEST

START_TEST(test_chain_loop)
{
    spec sp = { .version = 3, .names = { "Workbook" }, .sizes = { 5000 } };
    image im = build(&sp);
    uint32_t first = im.entry_first[1];
    put32(im.data + fat_entry_off(&im, first + 3), first + 1); /* the 4th sector leads back to the 2nd */
    result r = read_image(&im);
    assert_refused(&r, PXL_ERR_CORRUPT, "loops back on itself");
    free(im.data);
}
END_TEST

START_TEST(test_mini_chain_loop)
{
    spec sp = { .version = 3, .names = { "Workbook" }, .sizes = { 1000 } };
    image im = build(&sp);
    put32(im.data + minifat_entry_off(&im, 2), 0);
    result r = read_image(&im);
    assert_refused(&r, PXL_ERR_CORRUPT, "loops back on itself");
    free(im.data);
}
END_TEST

START_TEST(test_directory_loop)
{
    spec sp = { .version = 3, .names = { "Workbook" }, .sizes = { 5000 } };
    image im = build(&sp);
    put32(im.data + fat_entry_off(&im, 1), 1); /* the directory's one sector chains to itself */
    result r = read_image(&im);
    assert_refused(&r, PXL_ERR_CORRUPT, "the directory loops back on itself");
    free(im.data);
}
END_TEST

START_TEST(test_sector_out_of_range)
{
    spec sp = { .version = 3, .names = { "Workbook" }, .sizes = { 5000 } };
    image im = build(&sp);
    put32(im.data + fat_entry_off(&im, im.entry_first[1] + 2), 100000);
    result r = read_image(&im);
    assert_refused(&r, PXL_ERR_CORRUPT, "points past the end of the file");
    free(im.data);
}
END_TEST

START_TEST(test_truncated_file)
{
    /* cut inside the stream's sectors: its chain points past the end */
    spec sp = { .version = 4, .names = { "Workbook" }, .sizes = { 9000 } };
    image im = build(&sp);
    im.len = sector_off(&im, im.entry_first[1]) + 4096 + 100;
    result r = read_image(&im);
    assert_refused(&r, PXL_ERR_CORRUPT, "points past the end of the file");
    free(im.data);
}
END_TEST

START_TEST(test_truncated_header)
{
    spec sp = { .version = 3, .names = { "Workbook" }, .sizes = { 5000 } };
    image im = build(&sp);
    im.len = 300;
    result r = read_image(&im);
    assert_refused(&r, PXL_ERR_CORRUPT, "ends inside its header");
    free(im.data);
}
END_TEST

START_TEST(test_size_larger_than_file)
{
    /* version 4 sizes are 64-bit: a lying one must not allocate */
    spec sp = { .version = 4, .names = { "Workbook" }, .sizes = { 9000 } };
    image im = build(&sp);
    put32(im.data + dir_entry_off(&im, 1) + 124, 0x7FFFFFFF);
    result r = read_image(&im);
    assert_refused(&r, PXL_ERR_CORRUPT, "impossible size");
    free(im.data);
}
END_TEST

START_TEST(test_chain_shorter_than_size)
{
    spec sp = { .version = 3, .names = { "Workbook" }, .sizes = { 5000 } };
    image im = build(&sp);
    put32(im.data + fat_entry_off(&im, im.entry_first[1] + 4), ENDOFCHAIN);
    result r = read_image(&im);
    assert_refused(&r, PXL_ERR_CORRUPT, "ends early");
    free(im.data);
}
END_TEST

START_TEST(test_fat_larger_than_file)
{
    spec sp = { .version = 3, .names = { "Workbook" }, .sizes = { 5000 } };
    image im = build(&sp);
    put32(im.data + 44, 0x40000000); /* FAT sector count: would be 2^39 bytes of table */
    result r = read_image(&im);
    assert_refused(&r, PXL_ERR_CORRUPT, "allocation table is larger than the file");
    free(im.data);
}
END_TEST

START_TEST(test_bad_sector_shift)
{
    spec sp = { .version = 3, .names = { "Workbook" }, .sizes = { 5000 } };
    image im = build(&sp);
    put16(im.data + 30, 31);
    result r = read_image(&im);
    assert_refused(&r, PXL_ERR_CORRUPT, "impossible sector sizes");
    free(im.data);
}
END_TEST

START_TEST(test_not_ole2)
{
    image im;
    memset(&im, 0, sizeof im);
    static uint8_t zip[600] = "PK\x03\x04";
    im.data = zip;
    im.len = sizeof zip;
    result r = read_image(&im);
    assert_refused(&r, PXL_ERR_NOT_XLS, "zip file");
}
END_TEST

static Suite *cfb_suite(void)
{
    Suite *s = suite_create("cfb");
    TCase *tc = tcase_create("read");
    tcase_add_loop_test(tc, test_readable, 0, (int)(sizeof readable / sizeof *readable));
    tcase_add_test(tc, test_workbook_beats_book);
    tcase_add_test(tc, test_v3_size_high_half_ignored);
    tcase_add_test(tc, test_short_last_sector);
    suite_add_tcase(s, tc);
    tc = tcase_create("refused");
    tcase_add_test(tc, test_no_workbook_stream);
    tcase_add_test(tc, test_embedded_workbook_not_taken);
    tcase_add_test(tc, test_chain_loop);
    tcase_add_test(tc, test_mini_chain_loop);
    tcase_add_test(tc, test_directory_loop);
    tcase_add_test(tc, test_sector_out_of_range);
    tcase_add_test(tc, test_truncated_file);
    tcase_add_test(tc, test_truncated_header);
    tcase_add_test(tc, test_size_larger_than_file);
    tcase_add_test(tc, test_chain_shorter_than_size);
    tcase_add_test(tc, test_fat_larger_than_file);
    tcase_add_test(tc, test_bad_sector_shift);
    tcase_add_test(tc, test_not_ole2);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(cfb_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
