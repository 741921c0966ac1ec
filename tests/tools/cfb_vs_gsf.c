/*
 * cfb_vs_gsf: the workbook stream of each .xls file taken out by libgsf (exactly as
 * src/read/biff/ole.c did before cfb.c replaced it, commit 625e437) and by planxl's
 * cfb.c, compared byte for byte. One line a file: IDENTICAL, DIFFER, BOTH_REFUSE,
 * BOTH_REFUSE_DIFFCODE, GSF_REFUSES or CFB_REFUSES, the two sizes and messages.
 * Not built by CMake: it needs libgsf-1-dev, which the build no longer does.
 *
 *   cmake --build build --target planxl_static
 *   gcc -O1 -Isrc -Isrc/biff -Iinclude tests/tools/cfb_vs_gsf.c build/libplanxl.a \
 *       $(pkg-config --cflags --libs libgsf-1 freexl xlsxwriter minizip) -lm -lpthread -o /tmp/cfb_vs_gsf
 *   /tmp/cfb_vs_gsf CORPUS-DIR/[a-z]*.xls | cut -f1 | sort | uniq -c
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <gsf/gsf-infile-impl.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-utils.h>

#include "read/biff/cfb.h"
#include "util/error_internal.h"
#include "read/biff/ole.h"
pxl_error gsf_workbook_stream(const char *name, const uint8_t *data, size_t len, uint8_t **stream, size_t *stream_len);


static pthread_once_t gsf_once = PTHREAD_ONCE_INIT;

/* libgsf reports a broken container through g_critical() on stderr as well as by
 * its return value; the library never prints, so those messages are dropped here
 * (the caller gets the error with the file named). */
static void drop_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
    (void)domain;
    (void)level;
    (void)message;
    (void)data;
}

static void gsf_setup(void)
{
    gsf_init();
    g_log_set_handler("libgsf:msole", G_LOG_LEVEL_MASK, drop_log, NULL);
    g_log_set_handler("libgsf", G_LOG_LEVEL_MASK, drop_log, NULL);
}

pxl_error gsf_workbook_stream(const char *name, const uint8_t *data, size_t len,
                                  uint8_t **stream, size_t *stream_len)
{
    *stream = NULL;
    *stream_len = 0;
    /* Not a compound file: planxl's own sniffing (bare BIFF2-4, or the reason it is no
     * .xls), which the libgsf path shared; only containers are compared. */
    if (len < PXL_CFB_SIGNATURE_LEN || memcmp(data, pxl_cfb_signature, PXL_CFB_SIGNATURE_LEN) != 0)
        return pxl_ole_workbook_stream(name, data, len, stream, stream_len);

    pthread_once(&gsf_once, gsf_setup);
    GError *gerr = NULL;
    GsfInput *input = gsf_input_memory_new(data, (gsf_off_t)len, FALSE);
    if (!input)
        return pxl_fail_nomem();
    GsfInfile *ole = gsf_infile_msole_new(input, &gerr);
    g_object_unref(input);
    if (!ole) {
        pxl_error e = pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: its OLE2 container cannot be read (%s)",
                               name, gerr && gerr->message ? gerr->message : "unknown reason");
        if (gerr)
            g_error_free(gerr);
        return e;
    }
    /* "Workbook" holds BIFF8, "Book" BIFF5 (MS-XLS 2.1.2); a file with both is BIFF8.
     * Some writers spell the names in other cases. */
    int found = -1, found_book8 = 0;
    int n = gsf_infile_num_children(ole);
    for (int i = 0; i < n; i++) {
        const char *child = gsf_infile_name_by_index(ole, i);
        if (!child)
            continue;
        if (!strcasecmp(child, "Workbook")) {
            found = i;
            found_book8 = 1;
        } else if (!strcasecmp(child, "Book") && !found_book8) {
            found = i;
        }
    }
    if (found < 0) {
        g_object_unref(ole);
        return pxl_fail(PXL_ERR_NOT_XLS,
                        "%s: not an Excel 97-2003 (.xls) workbook: the OLE2 container holds no workbook stream", name);
    }
    /* The class method rather than gsf_infile_child_by_index(), which reports a
     * damaged stream with g_warning() on stderr (without a log domain to silence). */
    GsfInput *book = GSF_INFILE_CLASS(G_OBJECT_GET_CLASS(ole))->child_by_index(ole, found, &gerr);
    pxl_error result = PXL_OK;
    if (!book) {
        result = pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: its workbook stream cannot be opened (%s)", name,
                          gerr && gerr->message ? gerr->message : "unknown reason");
    } else {
        gsf_off_t size = gsf_input_size(book);
        /* A stream cannot be larger than the file that holds it: a lying size never allocates. */
        if (size <= 0 || (uint64_t)size > len) {
            result = pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: its workbook stream has an impossible size", name);
        } else if (!(*stream = malloc((size_t)size))) {
            result = pxl_fail_nomem();
        } else if (!gsf_input_read(book, (size_t)size, *stream)) {
            free(*stream);
            *stream = NULL;
            result = pxl_fail(PXL_ERR_CORRUPT, "%s: the file is damaged: its workbook stream is cut short", name);
        } else {
            *stream_len = (size_t)size;
        }
        g_object_unref(book);
    }
    if (gerr)
        g_error_free(gerr);
    g_object_unref(ole);
    return result;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        uint8_t *data; size_t len;
        if (pxl_file_read_all(argv[i], &data, &len)) { printf("READFAIL\t%s\n", argv[i]); continue; }
        uint8_t *a = NULL, *b = NULL; size_t al = 0, bl = 0;
        pxl_error ea = gsf_workbook_stream(argv[i], data, len, &a, &al);
        char ma[1024]; snprintf(ma, sizeof ma, "%s", ea ? pxl_error_message() : "");
        pxl_error eb = pxl_ole_workbook_stream(argv[i], data, len, &b, &bl);
        char mb[1024]; snprintf(mb, sizeof mb, "%s", eb ? pxl_error_message() : "");
        const char *verdict;
        if (!ea && !eb) verdict = (al == bl && !memcmp(a, b, al)) ? "IDENTICAL" : "DIFFER";
        else if (ea && eb) verdict = ea == eb ? "BOTH_REFUSE" : "BOTH_REFUSE_DIFFCODE";
        else if (ea) verdict = "GSF_REFUSES";
        else verdict = "CFB_REFUSES";
        printf("%s\t%s\t%zu\t%zu\tgsf=%d %s\tcfb=%d %s\n", verdict, argv[i], al, bl, ea, ma, eb, mb);
        free(a); free(b); free(data);
    }
    return 0;
}
