/*
 * libFuzzer target for planxl's .xlsx reader (src/read/xlsx/): bytes in, a workbook opened
 * from memory, every sheet scanned, every string touched.
 * Build: cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DPLANXL_BUILD_FUZZERS=ON
 * Run:   build-fuzz/fuzz/fuzz_xlsx -max_len=100000 fuzz/corpus-xlsx-dir seeds-dir
 * An input that starts with "PK" is a whole package (zip directory, inflate, limits). Any
 * other input is XML, mutated directly rather than through deflate: its parts, split at
 * "\n=====\n", are the sheet, the shared strings, the styles and the workbook (a missing one
 * gets a default), stored uncompressed in a package built here.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "read/reader.h"
#include "read/xlsx/xlsx.h"

static int touch(void *ctx, const pxl_cell *cell)
{
    size_t *n = ctx;
    *n += cell->text ? strlen(cell->text) : 0;
    *n += cell->formula ? strlen(cell->formula) : 0;
    *n += (size_t)cell->row + cell->col + (size_t)cell->type;
    return 0;
}

typedef struct zbuf {
    unsigned char *p;
    size_t len, cap;
} zbuf;

static void put(zbuf *b, const void *d, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n)
            cap *= 2;
        unsigned char *q = realloc(b->p, cap);
        if (!q)
            abort();
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, d, n);
    b->len += n;
}

static void u16(zbuf *b, unsigned v) { unsigned char c[2] = { v & 0xFF, (v >> 8) & 0xFF }; put(b, c, 2); }
static void u32(zbuf *b, unsigned long v) { u16(b, v & 0xFFFF); u16(b, (v >> 16) & 0xFFFF); }

typedef struct part {
    const char *name;
    const unsigned char *data;
    size_t len;
} part;

/* A stored (method 0) zip of @p parts (APPNOTE 4.3). */
static void build_zip(zbuf *z, const part *parts, size_t n)
{
    unsigned long offsets[8];
    for (size_t i = 0; i < n; i++) {
        offsets[i] = (unsigned long)z->len;
        unsigned long crc = crc32(0, parts[i].data, (uInt)parts[i].len);
        u32(z, 0x04034b50); u16(z, 20); u16(z, 0); u16(z, 0); u16(z, 0); u16(z, 0);
        u32(z, crc); u32(z, (unsigned long)parts[i].len); u32(z, (unsigned long)parts[i].len);
        u16(z, (unsigned)strlen(parts[i].name)); u16(z, 0);
        put(z, parts[i].name, strlen(parts[i].name));
        put(z, parts[i].data, parts[i].len);
    }
    unsigned long cd = (unsigned long)z->len;
    for (size_t i = 0; i < n; i++) {
        unsigned long crc = crc32(0, parts[i].data, (uInt)parts[i].len);
        u32(z, 0x02014b50); u16(z, 20); u16(z, 20); u16(z, 0); u16(z, 0); u16(z, 0); u16(z, 0);
        u32(z, crc); u32(z, (unsigned long)parts[i].len); u32(z, (unsigned long)parts[i].len);
        u16(z, (unsigned)strlen(parts[i].name)); u16(z, 0); u16(z, 0); u16(z, 0); u16(z, 0); u32(z, 0);
        u32(z, offsets[i]);
        put(z, parts[i].name, strlen(parts[i].name));
    }
    unsigned long cd_len = (unsigned long)z->len - cd;
    u32(z, 0x06054b50); u16(z, 0); u16(z, 0); u16(z, (unsigned)n); u16(z, (unsigned)n);
    u32(z, cd_len); u32(z, cd); u16(z, 0);
}

#define S(x) (const unsigned char *)(x), sizeof(x) - 1
static const char NS[] = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
static const char REL[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

static void scan_all(pxl_grid *grid)
{
    size_t n = 0;
    for (size_t i = 0; i < grid->sheet_count; i++) {
        (void)strlen(grid->sheet_names[i]);
        grid->ops->scan(grid->impl, i, touch, &n);
        /* its merged ranges: kept by the scan, or the part read for them alone */
        pxl_range *ranges = NULL;
        size_t count = 0;
        if (grid->ops->merges(grid->impl, i, &ranges, &count) == PXL_OK)
            for (size_t k = 0; k < count; k++)
                n += ranges[k].last_row - ranges[k].first_row;
        free(ranges);
        if (grid->ops->merges(grid->impl, i, &ranges, &count) == PXL_OK)
            n += count;
        free(ranges);
    }
    for (size_t i = 0; i < grid->defined_count; i++)
        n += strlen(grid->defined[i].name) + (grid->defined[i].formula ? strlen(grid->defined[i].formula) : 0);
    pxl_error_clear();
}

static void close_grid(pxl_grid *grid)
{
    if (grid->ops && grid->impl)
        grid->ops->close(grid->impl);
    for (size_t i = 0; i < grid->sheet_count; i++)
        free(grid->sheet_names[i]);
    free(grid->sheet_names);
    pxl_grid_free_defined(grid);
    pxl_grid_free_sheet_facts(grid);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pxl_grid grid;
    memset(&grid, 0, sizeof grid);
    if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
        if (pxl_xlsx_open_memory(&grid, "fuzz.xlsx", data, size) == PXL_OK)
            scan_all(&grid);
        close_grid(&grid);
        return 0;
    }
    /* the XML parts, split at the separator */
    static const char sep[] = "\n=====\n";
    const unsigned char *piece[4] = { 0 };
    size_t piece_len[4] = { 0 }, k = 0;
    const unsigned char *p = data, *end = data + size;
    while (k < 4) {
        const unsigned char *q = p;
        while (q + sizeof sep - 1 <= end && memcmp(q, sep, sizeof sep - 1))
            q++;
        if (q + sizeof sep - 1 > end)
            q = end;
        piece[k] = p;
        piece_len[k++] = (size_t)(q - p);
        if (q == end)
            break;
        p = q + sizeof sep - 1;
    }
    char ct[] = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
    char root[512], wrels[1024], wb[512], styles[256], sst[256];
    snprintf(root, sizeof root, "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
             "<Relationship Id=\"rId1\" Type=\"%s/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>", REL);
    snprintf(wrels, sizeof wrels, "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
             "<Relationship Id=\"rId1\" Type=\"%s/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
             "<Relationship Id=\"rId2\" Type=\"%s/styles\" Target=\"styles.xml\"/>"
             "<Relationship Id=\"rId3\" Type=\"%s/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
             REL, REL, REL);
    snprintf(wb, sizeof wb, "<workbook %s xmlns:r=\"%s\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
             "</sheets></workbook>", NS, REL);
    snprintf(styles, sizeof styles, "<styleSheet %s><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>"
             "</styleSheet>", NS);
    snprintf(sst, sizeof sst, "<sst %s><si><t>a</t></si></sst>", NS);
    part parts[7] = {
        { "[Content_Types].xml", S(ct) },
        { "_rels/.rels", (const unsigned char *)root, strlen(root) },
        { "xl/_rels/workbook.xml.rels", (const unsigned char *)wrels, strlen(wrels) },
        { "xl/worksheets/sheet1.xml", piece[0], piece_len[0] },
        { "xl/sharedStrings.xml", k > 1 ? piece[1] : (const unsigned char *)sst, k > 1 ? piece_len[1] : strlen(sst) },
        { "xl/styles.xml", k > 2 ? piece[2] : (const unsigned char *)styles, k > 2 ? piece_len[2] : strlen(styles) },
        { "xl/workbook.xml", k > 3 ? piece[3] : (const unsigned char *)wb, k > 3 ? piece_len[3] : strlen(wb) },
    };
    if (!parts[3].data)
        parts[3].data = (const unsigned char *)"";
    zbuf z = { 0 };
    build_zip(&z, parts, 7);
    if (pxl_xlsx_open_memory(&grid, "fuzz.xlsx", z.p, z.len) == PXL_OK)
        scan_all(&grid);
    pxl_error_clear();
    close_grid(&grid);
    free(z.p);
    return 0;
}
