/*
 * write_only — libxlsxwriter alone: writes the cells of a workbook from memory,
 * in constant-memory mode as the floor does, with no reading of .xls at all.
 * The difference floor − write_only is what reading with freexl costs; the
 * own-BIFF-reader target (issue 5: within 1.15x of this) is measured against it.
 *
 *   write_only --dump IN.xls CELLS.bin   read IN with freexl (untimed, once per
 *                                        workload) into a flat binary dump
 *   write_only CELLS.bin OUT.xlsx        load the dump into memory, then write it
 *
 * Why a dump file rather than loading with freexl in the same process: peak RSS
 * is a process-wide high-water mark, so freexl's memory would be counted even
 * after freexl_close(). Loading the dump is one fread() of a few tens of MB (a
 * few ms from the page cache); the program prints both phases' wall times to
 * stderr so the load share can be checked ("load 0.012 s write 2.950 s").
 *
 * Dump format (host byte order, not portable — a scratch file in bench/work/):
 *   "PXLBENCH" u32 version=1 u32 sheet_count, then per sheet:
 *   u32 name_size (with NUL) name, u32 rows, u32 cols, u64 cell_count, then per
 *   non-empty cell in row order: u32 row, u16 col, u8 kind, then for a number or
 *   date kind a double, for text u32 size (with NUL) and the bytes.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <freexl.h>
#include <xlsxwriter.h>

#include "date_serial.h"

#define DUMP_MAGIC "PXLBENCH"
#define DUMP_MAGIC_SIZE 8
#define DUMP_VERSION 1u

enum cell_kind { KIND_NUMBER = 1, KIND_TEXT, KIND_DATE, KIND_DATETIME, KIND_TIME };

static int fail(const char *path, const char *what)
{
    fprintf(stderr, "write_only: %s: %s\n", path, what);
    return 1;
}

/* ---- dump: freexl → CELLS.bin ------------------------------------------- */

static void put(FILE *f, const void *p, size_t n) { fwrite(p, 1, n, f); }
static void put_u32(FILE *f, uint32_t v) { put(f, &v, sizeof v); }

static void put_cell_head(FILE *f, uint32_t row, uint16_t col, uint8_t kind)
{
    put_u32(f, row);
    put(f, &col, sizeof col);
    put(f, &kind, sizeof kind);
}

static int dump(const char *in, const char *out)
{
    const void *xls = NULL;
    if (freexl_open(in, &xls) != FREEXL_OK)
        return fail(in, "freexl cannot open it");
    unsigned int sheets = 0;
    freexl_get_info(xls, FREEXL_BIFF_SHEET_COUNT, &sheets);
    FILE *f = fopen(out, "wb");
    if (f == NULL)
        return fail(out, "cannot create it");
    put(f, DUMP_MAGIC, DUMP_MAGIC_SIZE);
    put_u32(f, DUMP_VERSION);
    put_u32(f, sheets);
    for (unsigned int s = 0; s < sheets; s++) {
        const char *name = NULL;
        freexl_get_worksheet_name(xls, (unsigned short)s, &name);
        if (name == NULL)
            name = "";
        put_u32(f, (uint32_t)strlen(name) + 1);
        put(f, name, strlen(name) + 1);
        unsigned int rows = 0;
        unsigned short cols = 0;
        if (freexl_select_active_worksheet(xls, (unsigned short)s) != FREEXL_OK ||
            freexl_worksheet_dimensions(xls, &rows, &cols) != FREEXL_OK)
            return fail(in, "cannot read a sheet");
        put_u32(f, rows);
        put_u32(f, cols);
        long count_at = ftell(f);
        uint64_t count = 0;
        put(f, &count, sizeof count);
        for (unsigned int r = 0; r < rows; r++) {
            for (unsigned short c = 0; c < cols; c++) {
                FreeXL_CellValue v;
                if (freexl_get_cell_value(xls, r, c, &v) != FREEXL_OK)
                    return fail(in, "cannot read a cell");
                double num;
                uint8_t kind = 0;
                switch (v.type) {
                case FREEXL_CELL_INT: num = v.value.int_value; kind = KIND_NUMBER; break;
                case FREEXL_CELL_DOUBLE: num = v.value.double_value; kind = KIND_NUMBER; break;
                case FREEXL_CELL_TEXT:
                case FREEXL_CELL_SST_TEXT: kind = KIND_TEXT; break;
                case FREEXL_CELL_DATE:
                case FREEXL_CELL_DATETIME:
                case FREEXL_CELL_TIME:
                    if (bench_date_serial(v.type, v.value.text_value, &num))
                        kind = v.type == FREEXL_CELL_DATE   ? KIND_DATE
                             : v.type == FREEXL_CELL_TIME   ? KIND_TIME
                                                            : KIND_DATETIME;
                    else
                        kind = KIND_TEXT; /* as the floor does */
                    break;
                default: continue;
                }
                put_cell_head(f, r, c, kind);
                if (kind == KIND_TEXT) {
                    uint32_t size = (uint32_t)strlen(v.value.text_value) + 1;
                    put_u32(f, size);
                    put(f, v.value.text_value, size);
                } else {
                    put(f, &num, sizeof num);
                }
                count++;
            }
        }
        long end = ftell(f);
        fseek(f, count_at, SEEK_SET);
        put(f, &count, sizeof count);
        fseek(f, end, SEEK_SET);
    }
    freexl_close(xls);
    if (ferror(f) | fclose(f))
        return fail(out, "write error");
    return 0;
}

/* ---- write: CELLS.bin (in memory) → OUT.xlsx ----------------------------- */

typedef struct reader {
    const unsigned char *p, *end;
    int bad;
} reader;

static void take(reader *rd, void *dst, size_t n)
{
    if ((size_t)(rd->end - rd->p) < n) {
        rd->bad = 1;
        memset(dst, 0, n);
        return;
    }
    memcpy(dst, rd->p, n);
    rd->p += n;
}

static uint32_t take_u32(reader *rd)
{
    uint32_t v;
    take(rd, &v, sizeof v);
    return v;
}

/* A NUL-terminated string of @p size bytes, in place in the buffer. */
static const char *take_str(reader *rd, uint32_t size)
{
    if (size == 0 || (size_t)(rd->end - rd->p) < size || rd->p[size - 1] != '\0') {
        rd->bad = 1;
        return "";
    }
    const char *s = (const char *)rd->p;
    rd->p += size;
    return s;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int write_from_memory(const char *in, const char *out)
{
    double t0 = now();
    FILE *f = fopen(in, "rb");
    if (f == NULL)
        return fail(in, "cannot open the dump (make it with --dump)");
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(size > 0 ? (size_t)size : 1);
    if (buf == NULL || size < 0 || fread(buf, 1, (size_t)size, f) != (size_t)size)
        return fail(in, "cannot read the dump");
    fclose(f);
    double t1 = now();

    reader rd = {buf, buf + size, 0};
    char magic[DUMP_MAGIC_SIZE];
    take(&rd, magic, sizeof magic);
    if (memcmp(magic, DUMP_MAGIC, DUMP_MAGIC_SIZE) != 0 || take_u32(&rd) != DUMP_VERSION)
        return fail(in, "not a write_only dump of this version");
    uint32_t sheets = take_u32(&rd);

    lxw_workbook_options options = {.constant_memory = LXW_TRUE};
    lxw_workbook *book = workbook_new_opt(out, &options);
    if (book == NULL)
        return fail(out, "cannot create the workbook");
    lxw_format *fmt[KIND_TIME + 1] = {NULL};
    fmt[KIND_DATE] = workbook_add_format(book);
    format_set_num_format(fmt[KIND_DATE], "yyyy-mm-dd");
    fmt[KIND_DATETIME] = workbook_add_format(book);
    format_set_num_format(fmt[KIND_DATETIME], "yyyy-mm-dd hh:mm:ss");
    fmt[KIND_TIME] = workbook_add_format(book);
    format_set_num_format(fmt[KIND_TIME], "hh:mm:ss");

    for (uint32_t s = 0; s < sheets && !rd.bad; s++) {
        const char *name = take_str(&rd, take_u32(&rd));
        lxw_worksheet *sheet = workbook_add_worksheet(book, name[0] ? name : NULL);
        if (sheet == NULL)
            sheet = workbook_add_worksheet(book, NULL);
        take_u32(&rd); /* rows, cols: not needed to write */
        take_u32(&rd);
        uint64_t count;
        take(&rd, &count, sizeof count);
        for (uint64_t i = 0; i < count && !rd.bad; i++) {
            uint32_t row = take_u32(&rd);
            uint16_t col;
            uint8_t kind;
            take(&rd, &col, sizeof col);
            take(&rd, &kind, sizeof kind);
            if (kind == KIND_TEXT) {
                worksheet_write_string(sheet, row, col, take_str(&rd, take_u32(&rd)), NULL);
            } else if (kind >= KIND_NUMBER && kind <= KIND_TIME) {
                double num;
                take(&rd, &num, sizeof num);
                worksheet_write_number(sheet, row, col, num, fmt[kind]);
            } else {
                rd.bad = 1;
            }
        }
    }
    if (rd.bad)
        return fail(in, "the dump is truncated or damaged");
    lxw_error err = workbook_close(book);
    double t2 = now();
    free(buf);
    if (err != LXW_NO_ERROR)
        return fail(out, lxw_strerror(err));
    fprintf(stderr, "load %.3f s write %.3f s\n", t1 - t0, t2 - t1);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--dump") == 0)
        return dump(argv[2], argv[3]);
    if (argc == 3)
        return write_from_memory(argv[1], argv[2]);
    fprintf(stderr, "usage: write_only --dump IN.xls CELLS.bin\n"
                    "       write_only CELLS.bin OUT.xlsx\n");
    return 2;
}
