/* UTF-8 text helpers shared by the readers, the recogniser, the checks and the writers. */
#ifndef PLANXL_UNICODE_H
#define PLANXL_UNICODE_H

#include <stddef.h>

/*
 * Byte length of a white-space character at @p s — ASCII space and \t..\r, U+00A0
 * NO-BREAK SPACE, U+2007 FIGURE SPACE, U+2009 THIN SPACE, U+202F NARROW NO-BREAK SPACE (all seen as
 * thousands separators and padding in Swedish workbooks) — or 0.
 */
size_t pxl_space_len(const char *s);

/* A malloc'd copy of @p s with runs of white space as one ' ', trimmed; NULL when out of memory. */
char *pxl_fold_space(const char *s);

/*
 * A malloc'd key for matching names across plans: pxl_fold_space()'s white space, and case folded
 * for ASCII and Latin-1 (Å, Ä, Ö, É: the letters of Swedish plan text), so "Skifta  Perspektiv"
 * and "skifta perspektiv" give one key. NULL when out of memory.
 */
char *pxl_fold_key(const char *s);

/* Write code point @p cp as UTF-8 into @p out (room for 4 bytes); returns the length.
 * Code points above U+10FFFF and surrogates become U+FFFD. */
size_t pxl_utf8_encode(char *out, unsigned long cp);

#endif
