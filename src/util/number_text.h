/*
 * Numbers as text, the same in every locale (see util/locale.h).
 *
 * pxl_number_text(): the shortest text that reads back as the same double, with a
 * '.' decimal point: 5110 → "5110", 34.8 → "34.8", 0.1 + 0.2 → "0.30000000000000004".
 * For cell text and JSON.
 *
 * pxl_amount_format(): an amount in tkr as the plan writes it, for prose (finding
 * messages, the report's notes): a space groups thousands ("9 500"), a comma before
 * decimals ("1 472,5"), at most two decimals (a hundredth of a tkr is ten kronor),
 * no "-0".
 */
#ifndef PLANXL_NUMBER_TEXT_H
#define PLANXL_NUMBER_TEXT_H

#include <stddef.h>

/* From here on an amount is written as %g ("1e+15"): no plan holds such a sum, and
 * grouping 16 digits would pretend a precision a double does not have. */
#define AMOUNT_MAX 1e15

/* Write @p value into @p buf (at least 32 bytes are always enough); NaN and infinities as "". */
char *pxl_number_text(char *buf, size_t size, double value);

/* Write @p amount into @p buf (at least 32 bytes are always enough); returns @p buf. */
char *pxl_amount_format(char *buf, size_t size, double amount);

#endif
