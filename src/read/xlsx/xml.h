/*
 * One XML part of the package, parsed by expat as it is inflated (SAX: memory stays flat),
 * hardened against hostile XML: no DTD (so no entity expansion: "billion laughs", external
 * entities), a bounded element depth, a bounded text length.
 */
#ifndef PLANXL_XLSX_XML_H
#define PLANXL_XLSX_XML_H

#include <stddef.h>
#include "planxl/error.h"
#include "zip.h"

/* Element nesting: SpreadsheetML needs about 10 (worksheet/sheetData/row/c/is/r/t, extension
 * lists a few more); deeper nesting is only there to exhaust a stack. */
#define PXL_XLSX_MAX_DEPTH 256
/* The text of one element planxl keeps (a cell value, a string, a formula): Excel allows
 * 32 767 characters in a cell (up to 3 UTF-8 bytes each) and 8 192 in a formula. */
#define PXL_XLSX_MAX_TEXT (1u << 20)

typedef struct pxl_xml pxl_xml;
struct pxl_xml {
    /* Set by the caller: */
    void (*start)(pxl_xml *x, const char *name, const char **attrs); /* local names, no namespace */
    void (*end)(pxl_xml *x, const char *name);
    void *ctx;
    /* Collected text: pxl_xml_keep_text() starts collecting, text/text_len hold it. */
    char *text;
    size_t text_len, text_cap;
    int keeping;
    /* Internal: */
    void *parser;
    const char *path, *part;
    unsigned depth;
    pxl_error err;
    int stopped;
};

/* Parse part @p part of @p z with @p x's handlers. A missing part, malformed XML, a DTD and
 * the limits fail with a message naming the file, the part and (for XML) the line. */
pxl_error pxl_xml_parse(pxl_zip *z, const char *part, pxl_xml *x);

/* From a handler: stop the parse. @p err was recorded with pxl_fail(), or PXL_OK to stop quietly. */
void pxl_xml_stop(pxl_xml *x, pxl_error err);

/* From a start handler: collect the character data until pxl_xml_stop_text() (text reset to ""). */
void pxl_xml_keep_text(pxl_xml *x);
/* Stop collecting; x->text stays valid (NUL-terminated) until the next pxl_xml_keep_text(). */
void pxl_xml_stop_text(pxl_xml *x);
/* Collect again without clearing what is kept (rich text runs are one string). */
void pxl_xml_resume_text(pxl_xml *x);

/* The value of attribute @p name (local name) or NULL. */
const char *pxl_xml_attr(const char **attrs, const char *name);

/* The line the parser is at (for messages). */
unsigned long pxl_xml_line(const pxl_xml *x);

void pxl_xml_free(pxl_xml *x);

/* Decode ECMA-376's escapes of characters XML cannot hold (ST_Xstring, Part 1 §22.9.2.19):
 * "_x000D_" is a carriage return, "_x005F_" a '_'. In place; returns the new length. */
size_t pxl_xml_unescape(char *s, size_t len);

#endif
