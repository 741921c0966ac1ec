/*
 * Writing an output file safely: into a temporary file beside the target,
 * put into place only when complete, never over an input, nothing partial
 * left behind on error.
 *
 * On Linux the temporary file is unnamed (O_TMPFILE in the target's
 * directory): a process killed at any moment, even by SIGKILL, leaves
 * nothing, because the file gets a name only in pxl_output_commit(). The
 * writer reaches it through "/proc/self/fd/N", a path open(2) accepts.
 * Where the file system refuses O_TMPFILE (tmpfs without it, NFS, FUSE) or
 * /proc is missing, the temporary file is a hidden "<dir>/.<name>.XXXXXX"
 * renamed into place, as before; a SIGKILL then leaves it behind.
 */
#ifndef PLANXL_OUTPUT_H
#define PLANXL_OUTPUT_H

#include "planxl/error.h"

typedef struct pxl_output {
    char *target;   /* the path the caller asked for */
    char *temp;     /* where the writer writes: "/proc/self/fd/N" or "<dir>/.<name>.XXXXXX" */
    int fd;         /* the unnamed file's descriptor, or -1 (a named temporary file) */
    int overwrite;  /* an existing target may be replaced */
} pxl_output;

/*
 * Check @p target (exists and !overwrite: PXL_ERR_EXISTS; same file as one of
 * @p inputs, even through another name: PXL_ERR_SAME_FILE) and make the
 * temporary file beside it.
 */
pxl_error pxl_output_begin(pxl_output *out, const char *target, int overwrite,
                           const char *const *inputs, size_t input_count);
/*
 * A second temporary file beside @p first's target, for a writer that rewrites
 * what it wrote into @p first (convert's TRUE/FALSE pass): commit whichever of
 * the two holds the finished file, end both.
 */
pxl_error pxl_output_begin_sibling(pxl_output *out, const pxl_output *first);
/*
 * Put the finished temporary file into place, atomically: the target is
 * either as it was or the complete new file. Without overwrite a target that
 * appeared meanwhile is not replaced (PXL_ERR_EXISTS). Errors name the target
 * and the system's reason.
 */
pxl_error pxl_output_commit(pxl_output *out);
/* Remove the temporary file (if any) and free; safe after commit. */
void pxl_output_end(pxl_output *out);

/*
 * The system's reason why writing a file failed, from @p saved_errno (errno taken just after
 * the failed call, set to 0 before it): strerror()'s text for the reasons a user can act on —
 * no space left on device (ENOSPC), disk quota exceeded (EDQUOT), read-only file system
 * (EROFS), input/output error (EIO), file too large (EFBIG, a file-size limit), permission
 * denied (EACCES, EPERM) — else NULL, and the caller says what its library said. A list, not
 * any errno: a library that failed for a reason of its own may leave an older errno behind.
 */
const char *pxl_output_errno_text(int saved_errno);

/* The directory for scratch files (libxlsxwriter's parts, a workbook staged for standard
 * output): $TMPDIR when it is set and not empty, as other tools honour it; else @p fallback. */
char *pxl_temp_dir(char *fallback);

#endif
