/*
 * The two presentations of findings. Text follows the GNU "file:line: severity:"
 * convention that editors and CI annotate from; JSON is for scripts that gate a
 * submission (issue 3 fixes its field names).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check_print.h"
#include "planxl/grid.h"
#include "util/locale.h"
#include "util/text.h"

static void print_place(FILE *out, const pxl_finding *f)
{
    fputs(f->cell.file ? f->cell.file : pxl_text("(unknown file)"), out);
    if (!f->has_cell)
        return;
    char name[16];
    pxl_cell_name(name, sizeof name, f->cell.row, f->cell.col);
    if (f->cell.sheet)
        fprintf(out, ":%s!%s", f->cell.sheet, name);
    else
        fprintf(out, ":%s", name);
}

void check_print_text(FILE *out, const pxl_findings *findings, size_t files)
{
    check_print_text_from(out, findings, files, PXL_SEVERITY_INFO);
}

void check_print_text_from(FILE *out, const pxl_findings *findings, size_t files, pxl_severity min_severity)
{
    size_t n = pxl_findings_count(findings);
    for (size_t i = 0; i < n; i++) {
        const pxl_finding *f = pxl_findings_get(findings, i);
        if (f->severity < min_severity)
            continue;
        print_place(out, f);
        fprintf(out, ": %s: %s: %s\n", pxl_severity_name(f->severity), f->code, f->message);
    }
    size_t errors = pxl_findings_count_severity(findings, PXL_SEVERITY_ERROR);
    size_t warnings = pxl_findings_count_severity(findings, PXL_SEVERITY_WARNING);
    size_t infos = pxl_findings_count_severity(findings, PXL_SEVERITY_INFO);
    /* TRANSLATORS: the parts of "1 file checked: 2 errors, 0 warnings, 1 note" */
    fprintf(out, pxl_ntext("%zu file checked", "%zu files checked", files), files);
    fputs(": ", out);
    fprintf(out, pxl_ntext("%zu error", "%zu errors", errors), errors);
    fputs(", ", out);
    fprintf(out, pxl_ntext("%zu warning", "%zu warnings", warnings), warnings);
    /* the line is unchanged for a plan with nothing to note: scripts read it */
    if (infos) {
        fputs(", ", out);
        fprintf(out, pxl_ntext("%zu note", "%zu notes", infos), infos);
    }
    fputc('\n', out);
}

/* Length of the valid UTF-8 sequence at @p s, or 0 when the bytes are not UTF-8. */
static size_t utf8_length(const unsigned char *s)
{
    size_t n;
    if (s[0] < 0x80)
        return 1;
    else if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4;
    else
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* A JSON string (RFC 8259): quotes, backslashes and control characters escaped, bad UTF-8 as U+FFFD. */
static void json_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = utf8_length(p);
        if (n == 0) {
            fputs("\\ufffd", out);
            p++;
        } else if (n > 1) {
            fwrite(p, 1, n, out);
            p += n;
        } else {
            switch (*p) {
            case '"': fputs("\\\"", out); break;
            case '\\': fputs("\\\\", out); break;
            case '\n': fputs("\\n", out); break;
            case '\r': fputs("\\r", out); break;
            case '\t': fputs("\\t", out); break;
            default:
                if (*p < 0x20 || *p == 0x7F)
                    fprintf(out, "\\u%04x", *p);
                else
                    fputc(*p, out);
            }
            p++;
        }
    }
    fputc('"', out);
}

/* A JSON number; null when absent or not finite (JSON has no NaN). */
static void json_number(FILE *out, int present, double value)
{
    if (!present || !isfinite(value))
        fputs("null", out);
    else if (value == 0)
        fputs("0", out);  /* never "-0" */
    else {
        char text[32];
        pxl_c_snprintf(text, sizeof text, "%.15g", value); /* '.' in any locale */
        fputs(text, out);
    }
}

void check_print_json(FILE *out, const pxl_findings *findings, size_t files)
{
    size_t n = pxl_findings_count(findings);
    fputs("{\"findings\":[", out);
    for (size_t i = 0; i < n; i++) {
        const pxl_finding *f = pxl_findings_get(findings, i);
        fputs(i ? ",\n{" : "\n{", out);
        fputs("\"file\":", out);
        json_string(out, f->cell.file);
        fputs(",\"sheet\":", out);
        json_string(out, f->has_cell ? f->cell.sheet : NULL);
        fputs(",\"cell\":", out);
        if (f->has_cell) {
            char name[16];
            json_string(out, pxl_cell_name(name, sizeof name, f->cell.row, f->cell.col));
            fprintf(out, ",\"row\":%lu,\"column\":%lu", (unsigned long)f->cell.row + 1,
                    (unsigned long)f->cell.col + 1);
        } else {
            fputs("null,\"row\":null,\"column\":null", out);
        }
        fputs(",\"severity\":", out);
        json_string(out, pxl_severity_name(f->severity));
        fputs(",\"code\":", out);
        json_string(out, f->code);
        fputs(",\"message\":", out);
        json_string(out, f->message);
        fputs(",\"expected\":", out);
        json_number(out, f->has_expected, f->expected);
        fputs(",\"actual\":", out);
        json_number(out, f->has_actual, f->actual);
        fputc('}', out);
    }
    fprintf(out, "%s],\"summary\":{\"files\":%zu,\"errors\":%zu,\"warnings\":%zu,\"info\":%zu}}\n", n ? "\n" : "",
            files, pxl_findings_count_severity(findings, PXL_SEVERITY_ERROR),
            pxl_findings_count_severity(findings, PXL_SEVERITY_WARNING),
            pxl_findings_count_severity(findings, PXL_SEVERITY_INFO));
}
