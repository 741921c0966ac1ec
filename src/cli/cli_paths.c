/* Paths the commands make: an output named after its input, a directory made on demand. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* NAME.xlsx for IN, in @p dir or beside IN. */
char *cli_xlsx_path_for(const char *in, const char *dir)
{
    const char *slash = strrchr(in, '/');
    const char *base = slash ? slash + 1 : in;
    size_t base_len = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot != base)
        base_len = (size_t)(dot - base);
    const char *prefix = dir ? dir : in;
    size_t prefix_len = dir ? strlen(dir) : (size_t)(base - in);
    int need_slash = dir && prefix_len > 0 && dir[prefix_len - 1] != '/';
    size_t size = prefix_len + 1 + base_len + sizeof ".xlsx";
    char *out = malloc(size);
    if (out)
        snprintf(out, size, "%.*s%s%.*s.xlsx", (int)prefix_len, prefix, need_slash ? "/" : "", (int)base_len, base);
    return out;
}

/* mkdir -p: @p dir and any missing parent; 0, or -1 with the message printed. */
int cli_make_dir(const char *dir)
{
    char *path = strdup(dir);
    if (!path) {
        cli_error("out of memory");
        return -1;
    }
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        struct stat st;
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            cli_error("%s: cannot make the directory: %s", path, strerror(errno));
            free(path);
            return -1;
        }
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            cli_error("%s: is not a directory", path);
            free(path);
            return -1;
        }
        *p = c;
        if (!c)
            break;
        while (p[1] == '/')
            p++;
    }
    free(path);
    return 0;
}
