/* Safe output files: an unnamed (or hidden) file beside the target, put into place when complete. */
#define _GNU_SOURCE /* O_TMPFILE, linkat()'s AT_SYMLINK_FOLLOW */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error_internal.h"
#include "output.h"

/* Hidden names tried before giving up (each a fresh random suffix): another process would
 * have to hold this many of them at once. */
#define HIDDEN_NAME_TRIES 100

static int same_file(const struct stat *a, const char *path)
{
    struct stat b;
    return stat(path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

/* The length of @p target's directory part, its slash included (0: the current directory). */
static size_t dir_length(const char *target)
{
    const char *slash = strrchr(target, '/');
    return slash ? (size_t)(slash - target + 1) : 0;
}

/* An unnamed file in @p target's directory, reachable as out->temp; 0, or -1 when the
 * system cannot give one (the caller falls back to a named file). */
static int begin_unnamed(pxl_output *out)
{
#ifdef O_TMPFILE
    size_t dirlen = dir_length(out->target);
    char *dir = dirlen ? strndup(out->target, dirlen) : strdup(".");
    if (!dir)
        return -1;
    /* The mode is what a new file gets (0666 less the umask), as fopen() would give it. */
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
    free(dir);
    if (fd < 0)
        return -1; /* EOPNOTSUPP, EISDIR (kernels before 3.11), or a reason mkstemp will name */
    char path[sizeof "/proc/self/fd/" + 3 * sizeof(int)];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    /* The writers open the file by name: /proc must be there and lead to this very file. */
    struct stat st;
    if (fstat(fd, &st) != 0 || !same_file(&st, path) || !(out->temp = strdup(path))) {
        close(fd);
        return -1;
    }
    out->fd = fd;
    return 0;
#else
    (void)out;
    return -1;
#endif
}

/* A hidden "<dir>/.<name>.XXXXXX" beside the target, made by mkstemp. */
static pxl_error begin_named(pxl_output *out)
{
    size_t dirlen = dir_length(out->target);
    size_t n = strlen(out->target) + 16;
    out->temp = malloc(n);
    if (!out->temp)
        return pxl_fail_nomem();
    snprintf(out->temp, n, "%.*s.%s.XXXXXX", (int)dirlen, out->target, out->target + dirlen);
    int fd = mkstemp(out->temp);
    if (fd < 0) {
        int e = errno;
        free(out->temp);
        out->temp = NULL;
        return pxl_fail(PXL_ERR_IO, "%s: cannot create a file there: %s", out->target, strerror(e));
    }
    close(fd);
    return PXL_OK;
}

static pxl_error begin_temp(pxl_output *out, int named)
{
    if (!named && begin_unnamed(out) == 0)
        return PXL_OK;
    return begin_named(out);
}

pxl_error pxl_output_begin(pxl_output *out, const char *target, int overwrite,
                           const char *const *inputs, size_t input_count)
{
    memset(out, 0, sizeof *out);
    out->fd = -1;
    struct stat st;
    if (stat(target, &st) == 0) {
        for (size_t i = 0; i < input_count; i++)
            if (same_file(&st, inputs[i]))
                return pxl_fail(PXL_ERR_SAME_FILE, "%s: is an input file; refusing to overwrite it", target);
        if (!overwrite)
            return pxl_fail(PXL_ERR_EXISTS, "%s: already exists (use --force to replace it)", target);
        if (S_ISDIR(st.st_mode))
            return pxl_fail(PXL_ERR_IO, "%s: is a directory", target);
        /* Putting a file into place would replace the device or pipe itself (/dev/null, a FIFO). */
        if (!S_ISREG(st.st_mode))
            return pxl_fail(PXL_ERR_IO, "%s: is not a regular file (a device or a pipe); an output replaces "
                            "regular files only", target);
    }
    out->overwrite = overwrite;
    out->target = strdup(target);
    if (!out->target)
        return pxl_fail_nomem();
    pxl_error err = begin_temp(out, 0);
    if (err != PXL_OK)
        pxl_output_end(out);
    return err;
}

pxl_error pxl_output_begin_sibling(pxl_output *out, const pxl_output *first)
{
    memset(out, 0, sizeof *out);
    out->fd = -1;
    out->overwrite = first->overwrite;
    out->target = strdup(first->target);
    if (!out->target)
        return pxl_fail_nomem();
    /* Where the first could not be unnamed, the second cannot either. */
    pxl_error err = begin_temp(out, first->fd < 0);
    if (err != PXL_OK)
        pxl_output_end(out);
    return err;
}

/* The unnamed file linked under a fresh hidden name beside the target, then renamed over it:
 * Linux has no link that replaces, and rename() is the atomic step. Only a SIGKILL between
 * the two system calls leaves the hidden name (holding the complete file). */
static pxl_error replace_unnamed(pxl_output *out)
{
    size_t dirlen = dir_length(out->target);
    size_t n = strlen(out->target) + 16;
    char *hidden = malloc(n);
    if (!hidden)
        return pxl_fail_nomem();
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    unsigned long seed = (unsigned long)now.tv_nsec ^ ((unsigned long)getpid() << 16);
    int linked = -1, e = 0;
    for (int i = 0; i < HIDDEN_NAME_TRIES && linked != 0; i++) {
        seed = seed * 6364136223846793005ul + 1442695040888963407ul;
        snprintf(hidden, n, "%.*s.%s.%06lx", (int)dirlen, out->target, out->target + dirlen,
                 (seed >> 40) & 0xfffffful);
        linked = linkat(AT_FDCWD, out->temp, AT_FDCWD, hidden, AT_SYMLINK_FOLLOW);
        e = errno;
        if (linked != 0 && e != EEXIST)
            break;
    }
    pxl_error err = PXL_OK;
    if (linked != 0) {
        err = pxl_fail(PXL_ERR_IO, "%s: cannot move the finished file into place: %s", out->target, strerror(e));
    } else if (rename(hidden, out->target) != 0) {
        e = errno;
        unlink(hidden);
        err = pxl_fail(PXL_ERR_IO, "%s: cannot move the finished file into place: %s", out->target, strerror(e));
    }
    free(hidden);
    return err;
}

static pxl_error commit_unnamed(pxl_output *out)
{
    /* A link never replaces: without overwrite a target that appeared since begin is kept. */
    if (linkat(AT_FDCWD, out->temp, AT_FDCWD, out->target, AT_SYMLINK_FOLLOW) == 0)
        return PXL_OK;
    int e = errno;
    if (e == EEXIST && !out->overwrite)
        return pxl_fail(PXL_ERR_EXISTS, "%s: already exists (use --force to replace it)", out->target);
    if (e == EEXIST)
        return replace_unnamed(out);
    return pxl_fail(PXL_ERR_IO, "%s: cannot move the finished file into place: %s", out->target, strerror(e));
}

pxl_error pxl_output_commit(pxl_output *out)
{
    if (out->fd >= 0) {
        pxl_error err = commit_unnamed(out);
        if (err != PXL_OK)
            return err;
        close(out->fd);
        out->fd = -1;
    } else {
        /* mkstemp made the file 0600; an output file gets the usual mode. */
        mode_t mask = umask(0);
        umask(mask);
        chmod(out->temp, 0666 & ~mask);
        if (rename(out->temp, out->target) != 0)
            return pxl_fail(PXL_ERR_IO, "%s: cannot move the finished file into place: %s", out->target,
                            strerror(errno));
    }
    free(out->temp);
    out->temp = NULL;
    return PXL_OK;
}

void pxl_output_end(pxl_output *out)
{
    if (out->fd >= 0)
        close(out->fd); /* an unnamed file disappears with its last descriptor */
    else if (out->temp)
        unlink(out->temp);
    free(out->temp);
    free(out->target);
    out->temp = out->target = NULL;
    out->fd = -1;
}

const char *pxl_output_errno_text(int saved_errno)
{
    switch (saved_errno) {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
    case EROFS:
    case EIO:
    case EFBIG:
    case EACCES:
    case EPERM:
        return strerror(saved_errno);
    default:
        return NULL;
    }
}

char *pxl_temp_dir(char *fallback)
{
    char *dir = getenv("TMPDIR");
    return dir && *dir ? dir : fallback;
}
