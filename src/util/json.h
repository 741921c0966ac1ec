/*
 * A small streaming JSON writer: objects, arrays, escaped strings, numbers in
 * the C locale's shortest round-trip form. Indented two spaces per level so a
 * person can read a dump; invalid UTF-8 in a cell becomes U+FFFD so the
 * output always parses.
 */
#ifndef PLANXL_JSON_H
#define PLANXL_JSON_H

#include <stdio.h>

/* Deepest nesting the writer tracks; plan dumps use 8. */
#define PXL_JSON_MAX_DEPTH 32

typedef struct pxl_json {
    FILE *out;
    int depth;
    int count[PXL_JSON_MAX_DEPTH]; /* members written at each level */
    int after_key;                 /* a key was written; the value follows on its line */
} pxl_json;

void pxl_json_init(pxl_json *json, FILE *out);
void pxl_json_begin_object(pxl_json *json);
void pxl_json_end_object(pxl_json *json);
void pxl_json_begin_array(pxl_json *json);
void pxl_json_end_array(pxl_json *json);
/* An object member's key; the next call writes its value. */
void pxl_json_key(pxl_json *json, const char *key);
/* A string value; NULL writes null. */
void pxl_json_string(pxl_json *json, const char *s);
/* A number value; NaN and infinities write null (JSON has neither). */
void pxl_json_number(pxl_json *json, double value);
void pxl_json_int(pxl_json *json, long value);
void pxl_json_bool(pxl_json *json, int value);
void pxl_json_null(pxl_json *json);
/* End the document with a newline. */
void pxl_json_finish(pxl_json *json);

/* Write @p s as a quoted, escaped JSON string to @p out. */
void pxl_json_write_string(FILE *out, const char *s);

#endif
