/* Expat over a zip part, hardened (xml.h says why the limits). */
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "util/error_internal.h"
#include "xml.h"

/* Namespace separator for XML_ParserCreateNS: names come as "uri\x01local". */
#define PXL_XML_NS_SEP '\x01'

static const char *local_name(const char *name)
{
    const char *sep = strrchr(name, PXL_XML_NS_SEP);
    return sep ? sep + 1 : name;
}

const char *pxl_xml_attr(const char **attrs, const char *name)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2)
        if (!strcmp(local_name(attrs[i]), name))
            return attrs[i + 1];
    return NULL;
}

unsigned long pxl_xml_line(const pxl_xml *x)
{
    return x->parser ? (unsigned long)XML_GetCurrentLineNumber((XML_Parser)x->parser) : 0;
}

void pxl_xml_stop(pxl_xml *x, pxl_error err)
{
    if (x->stopped)
        return;
    x->stopped = 1;
    x->err = err;
    XML_StopParser((XML_Parser)x->parser, XML_FALSE);
}

void pxl_xml_keep_text(pxl_xml *x)
{
    x->keeping = 1;
    x->text_len = 0;
    if (x->text)
        x->text[0] = '\0';
}

void pxl_xml_resume_text(pxl_xml *x) { x->keeping = 1; }
void pxl_xml_stop_text(pxl_xml *x) { x->keeping = 0; }

void pxl_xml_free(pxl_xml *x)
{
    free(x->text);
    x->text = NULL;
    x->text_len = x->text_cap = 0;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

size_t pxl_xml_unescape(char *s, size_t len)
{
    size_t r = 0, w = 0;
    while (r < len) {
        unsigned cp = 0;
        int ok = r + 7 <= len && s[r] == '_' && s[r + 1] == 'x' && s[r + 6] == '_';
        for (int i = 2; ok && i < 6; i++) {
            int d = hex_digit(s[r + i]);
            ok = d >= 0;
            cp = cp * 16 + (unsigned)(d < 0 ? 0 : d);
        }
        if (!ok || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
            s[w++] = s[r++];
            continue;
        }
        r += 7;
        if (cp < 0x80) {
            s[w++] = (char)cp;
        } else if (cp < 0x800) {
            s[w++] = (char)(0xC0 | (cp >> 6));
            s[w++] = (char)(0x80 | (cp & 0x3F));
        } else {
            s[w++] = (char)(0xE0 | (cp >> 12));
            s[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            s[w++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    s[w] = '\0'; /* the text buffers hold len + 1 bytes */
    return w;
}

static void XMLCALL on_start(void *p, const XML_Char *name, const XML_Char **attrs)
{
    pxl_xml *x = p;
    if (x->stopped)
        return;
    if (++x->depth > PXL_XLSX_MAX_DEPTH) {
        pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: elements nested deeper than %d at line %lu: refused",
                                 x->path, x->part, PXL_XLSX_MAX_DEPTH, pxl_xml_line(x)));
        return;
    }
    if (x->start)
        x->start(x, local_name(name), attrs);
}

static void XMLCALL on_end(void *p, const XML_Char *name)
{
    pxl_xml *x = p;
    if (x->stopped)
        return;
    x->depth--;
    if (x->end)
        x->end(x, local_name(name));
}

static void XMLCALL on_text(void *p, const XML_Char *s, int len)
{
    pxl_xml *x = p;
    if (x->stopped || !x->keeping || len <= 0)
        return;
    if (x->text_len + (size_t)len > PXL_XLSX_MAX_TEXT) {
        pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: a text over %u bytes at line %lu: refused", x->path,
                                 x->part, PXL_XLSX_MAX_TEXT, pxl_xml_line(x)));
        return;
    }
    if (x->text_len + (size_t)len + 1 > x->text_cap) {
        size_t cap = x->text_cap ? x->text_cap : 256;
        while (cap < x->text_len + (size_t)len + 1)
            cap *= 2;
        char *t = realloc(x->text, cap);
        if (!t) {
            pxl_xml_stop(x, pxl_fail_nomem());
            return;
        }
        x->text = t;
        x->text_cap = cap;
    }
    memcpy(x->text + x->text_len, s, (size_t)len);
    x->text_len += (size_t)len;
    x->text[x->text_len] = '\0';
}

/* A DTD is where entities are declared: none is read, so none is ever expanded. */
static void XMLCALL on_doctype(void *p, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal_subset)
{
    pxl_xml *x = p;
    (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
    pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: has a DOCTYPE declaration at line %lu, which no Office "
                             "file has: refused (planxl expands no XML entities)", x->path, x->part, pxl_xml_line(x)));
}

static void XMLCALL on_entity(void *p, const XML_Char *name, int is_param, const XML_Char *value, int value_len,
                              const XML_Char *base, const XML_Char *sysid, const XML_Char *pubid,
                              const XML_Char *notation)
{
    pxl_xml *x = p;
    (void)name, (void)is_param, (void)value, (void)value_len, (void)base, (void)sysid, (void)pubid, (void)notation;
    pxl_xml_stop(x, pxl_fail(PXL_ERR_CORRUPT, "%s: %s: declares an XML entity at line %lu: refused", x->path,
                             x->part, pxl_xml_line(x)));
}

static int feed(void *p, const char *data, size_t len, pxl_error *err)
{
    pxl_xml *x = p;
    XML_Parser parser = x->parser;
    if (XML_Parse(parser, data, (int)len, XML_FALSE) == XML_STATUS_ERROR) {
        if (x->stopped) {
            *err = x->err;
            return 1;
        }
        *err = pxl_fail(PXL_ERR_CORRUPT, "%s: %s: malformed XML at line %lu: %s", x->path, x->part,
                        (unsigned long)XML_GetCurrentLineNumber(parser), XML_ErrorString(XML_GetErrorCode(parser)));
        return 1;
    }
    if (x->stopped) {
        *err = x->err;
        return 1;
    }
    return 0;
}

pxl_error pxl_xml_parse(pxl_zip *z, const char *part, pxl_xml *x)
{
    XML_Parser parser = XML_ParserCreateNS(NULL, PXL_XML_NS_SEP);
    if (!parser)
        return pxl_fail_nomem();
    x->parser = parser;
    x->path = pxl_zip_path(z);
    x->part = part;
    x->depth = 0;
    x->err = PXL_OK;
    x->stopped = 0;
    x->keeping = 0;
    XML_SetUserData(parser, x);
    XML_SetElementHandler(parser, on_start, on_end);
    XML_SetCharacterDataHandler(parser, on_text);
    XML_SetStartDoctypeDeclHandler(parser, on_doctype);
    XML_SetEntityDeclHandler(parser, on_entity);
    /* No parameter entities, no external DTD subset, whatever the document asks for. */
    XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
    pxl_error err = pxl_zip_read(z, part, feed, x);
    if (err == PXL_OK && !x->stopped && XML_Parse(parser, "", 0, XML_TRUE) == XML_STATUS_ERROR) {
        err = x->stopped ? x->err
                         : pxl_fail(PXL_ERR_CORRUPT, "%s: %s: malformed XML at line %lu: %s", x->path, part,
                                    (unsigned long)XML_GetCurrentLineNumber(parser),
                                    XML_ErrorString(XML_GetErrorCode(parser)));
    }
    if (err == PXL_OK && x->stopped)
        err = x->err;
    XML_ParserFree(parser);
    x->parser = NULL;
    return err;
}
