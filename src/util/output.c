/* Safe output files: temp file beside the target, rename when complete. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error_internal.h"
#include "output.h"

static int same_file(const struct stat *a, const char *path)
{
    struct stat b;
    return stat(path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

pxl_error pxl_output_begin(pxl_output *out, const char *target, int overwrite,
                           const char *const *inputs, size_t input_count)
{
    memset(out, 0, sizeof *out);
    struct stat st;
    if (stat(target, &st) == 0) {
        for (size_t i = 0; i < input_count; i++)
            if (same_file(&st, inputs[i]))
                return pxl_fail(PXL_ERR_SAME_FILE, "%s: is an input file; refusing to overwrite it", target);
        if (!overwrite)
            return pxl_fail(PXL_ERR_EXISTS, "%s: already exists (use --force to replace it)", target);
        if (S_ISDIR(st.st_mode))
            return pxl_fail(PXL_ERR_IO, "%s: is a directory", target);
    }
    out->target = strdup(target);
    const char *slash = strrchr(target, '/');
    size_t dirlen = slash ? (size_t)(slash - target + 1) : 0;
    const char *base = target + dirlen;
    size_t n = dirlen + strlen(base) + 16;
    out->temp = malloc(n);
    if (!out->target || !out->temp) {
        pxl_output_end(out);
        return pxl_fail_nomem();
    }
    snprintf(out->temp, n, "%.*s.%s.XXXXXX", (int)dirlen, target, base);
    int fd = mkstemp(out->temp);
    if (fd < 0) {
        int e = errno;
        free(out->temp);
        out->temp = NULL;
        pxl_output_end(out);
        return pxl_fail(PXL_ERR_IO, "%s: cannot create a file there: %s", target, strerror(e));
    }
    close(fd);
    return PXL_OK;
}

pxl_error pxl_output_commit(pxl_output *out)
{
    /* mkstemp made the file 0600; an output file gets the usual mode. */
    mode_t mask = umask(0);
    umask(mask);
    chmod(out->temp, 0666 & ~mask);
    if (rename(out->temp, out->target) != 0)
        return pxl_fail(PXL_ERR_IO, "%s: cannot move the finished file into place: %s", out->target,
                        strerror(errno));
    free(out->temp);
    out->temp = NULL;
    return PXL_OK;
}

void pxl_output_end(pxl_output *out)
{
    if (out->temp) {
        unlink(out->temp);
        free(out->temp);
    }
    free(out->target);
    out->temp = out->target = NULL;
}

char *pxl_temp_dir(char *fallback)
{
    char *dir = getenv("TMPDIR");
    return dir && *dir ? dir : fallback;
}
