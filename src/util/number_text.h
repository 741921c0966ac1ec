/*
 * A double as the shortest text that reads back as the same double, with a
 * '.' decimal point whatever the locale: 5110 → "5110", 34.8 → "34.8",
 * 0.1 + 0.2 → "0.30000000000000004". Used for cell text and for JSON, where
 * a Swedish LC_NUMERIC would otherwise write "34,8" (see util/locale.h).
 */
#ifndef PLANXL_NUMBER_TEXT_H
#define PLANXL_NUMBER_TEXT_H

#include <stddef.h>

/* Write @p value into @p buf (at least 32 bytes are always enough); NaN and infinities as "". */
char *pxl_number_text(char *buf, size_t size, double value);

#endif
