/* Streaming JSON: escaping, indentation, C-locale numbers. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "json.h"
#include "number_text.h"

/* Length of the valid UTF-8 sequence at @p s, or 0 when it is not one (RFC 3629). */
static size_t utf8_length(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n;
    uint32_t cp;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2, cp = s[0] & 0x1F;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3, cp = s[0] & 0x0F;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4, cp = s[0] & 0x07;
    else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return n;
}

void pxl_json_write_string(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    fputc('"', out);
    while (*p) {
        unsigned char c = *p;
        if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc(c, out);
            p++;
        } else if (c < 0x20) {
            switch (c) {
            case '\n': fputs("\\n", out); break;
            case '\r': fputs("\\r", out); break;
            case '\t': fputs("\\t", out); break;
            case '\b': fputs("\\b", out); break;
            case '\f': fputs("\\f", out); break;
            default: fprintf(out, "\\u%04x", c); break;
            }
            p++;
        } else {
            size_t n = utf8_length(p);
            if (n == 0) {
                fputs("\xEF\xBF\xBD", out); /* U+FFFD REPLACEMENT CHARACTER */
                p++;
            } else {
                fwrite(p, 1, n, out);
                p += n;
            }
        }
    }
    fputc('"', out);
}

static void indent(pxl_json *json)
{
    fputc('\n', json->out);
    for (int i = 0; i < json->depth; i++)
        fputs("  ", json->out);
}

/* Before a value or a key: the comma and line break it needs. */
static void before_item(pxl_json *json)
{
    if (json->after_key) {
        json->after_key = 0;
        return;
    }
    if (json->depth == 0)
        return;
    int level = json->depth < PXL_JSON_MAX_DEPTH ? json->depth : PXL_JSON_MAX_DEPTH - 1;
    if (json->count[level]++ > 0)
        fputc(',', json->out);
    indent(json);
}

void pxl_json_init(pxl_json *json, FILE *out)
{
    memset(json, 0, sizeof *json);
    json->out = out;
}

static void begin(pxl_json *json, char open)
{
    before_item(json);
    fputc(open, json->out);
    json->depth++;
    if (json->depth < PXL_JSON_MAX_DEPTH)
        json->count[json->depth] = 0;
}

static void end(pxl_json *json, char close)
{
    int had_items = json->depth < PXL_JSON_MAX_DEPTH && json->count[json->depth] > 0;
    json->depth--;
    if (had_items)
        indent(json);
    fputc(close, json->out);
}

void pxl_json_begin_object(pxl_json *json) { begin(json, '{'); }
void pxl_json_end_object(pxl_json *json) { end(json, '}'); }
void pxl_json_begin_array(pxl_json *json) { begin(json, '['); }
void pxl_json_end_array(pxl_json *json) { end(json, ']'); }

void pxl_json_key(pxl_json *json, const char *key)
{
    before_item(json);
    pxl_json_write_string(json->out, key);
    fputs(": ", json->out);
    json->after_key = 1;
}

void pxl_json_string(pxl_json *json, const char *s)
{
    before_item(json);
    if (s)
        pxl_json_write_string(json->out, s);
    else
        fputs("null", json->out);
}

void pxl_json_number(pxl_json *json, double value)
{
    before_item(json);
    if (!isfinite(value)) {
        fputs("null", json->out);
        return;
    }
    char buf[40];
    fputs(pxl_number_text(buf, sizeof buf, value), json->out);
}

void pxl_json_int(pxl_json *json, long value)
{
    before_item(json);
    fprintf(json->out, "%ld", value);
}

void pxl_json_bool(pxl_json *json, int value)
{
    before_item(json);
    fputs(value ? "true" : "false", json->out);
}

void pxl_json_null(pxl_json *json)
{
    before_item(json);
    fputs("null", json->out);
}

void pxl_json_finish(pxl_json *json)
{
    fputc('\n', json->out);
}
