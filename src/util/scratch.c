#define _GNU_SOURCE
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "output.h"
#include "scratch.h"

#ifndef TMPFS_MAGIC
#define TMPFS_MAGIC 0x01021994
#endif

static char memory_dir[] = "/dev/shm";

/* A workbook's uncompressed parts measured on the 615 convertible corpus files: at most
 * about 13 KB of fixed parts plus 4x the input; 8x plus 1 MB leaves room for formats. */
static uint64_t expected_scratch(uint64_t input_bytes)
{
    return input_bytes * 8 + ((uint64_t)1 << 20);
}

static int memory_has_room(uint64_t need)
{
    struct statfs fs;
    struct statvfs vfs;
    if (statfs(memory_dir, &fs) != 0 || (unsigned long)fs.f_type != TMPFS_MAGIC)
        return 0;
    if (access(memory_dir, W_OK | X_OK) != 0 || statvfs(memory_dir, &vfs) != 0)
        return 0;
    /* Several times the need: other workers and programs share the tmpfs, and it is RAM. */
    uint64_t free_bytes = (uint64_t)vfs.f_bavail * vfs.f_frsize;
    return free_bytes / 4 >= need;
}

char *pxl_scratch_dir(uint64_t input_bytes)
{
    char *chosen = pxl_temp_dir(NULL);
    if (chosen)
        return chosen;
    if (input_bytes <= PXL_SCRATCH_MEMORY_INPUT_MAX && memory_has_room(expected_scratch(input_bytes)))
        return memory_dir;
    return NULL;
}
