/*
 * libFuzzer target: the number-text parser (src/model/value.c) and the number
 * writers (src/util/number_text.c) on arbitrary text.
 * Input: byte 0 picks the mode (even: an amount, pxl_parse_amount; odd: a KPI
 * value, pxl_parse_text); the rest, cut at 300 bytes and at a NUL, is the
 * cell's text. Whatever comes in:
 *  - the kind is one of the six, and a number or percent is finite;
 *  - the amount mode gives no direction and no free text (pxl_parse_mode);
 *  - pxl_number_text() of a number reads back (strtod) as the same double;
 *  - an amount as pxl_amount_format() writes it ("1 472,5") parses back as an
 *    amount, to the hundredth the writer keeps.
 * A broken promise aborts.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/value_internal.h"
#include "planxl/value.h"
#include "util/number_text.h"

#define MAX_TEXT 300

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char text[MAX_TEXT + 1];
    size_t n = size - 1 < MAX_TEXT ? size - 1 : MAX_TEXT;
    memcpy(text, data + 1, n);
    text[n] = '\0';
    int amount = (data[0] & 1) == 0;

    double v = 0.0;
    pxl_direction dir = PXL_DIRECTION_NONE;
    pxl_amount_notation notation;
    pxl_value_kind kind = amount ? pxl_parse_amount(text, &v, &notation)
                                 : pxl_parse_text(text, PXL_PARSE_KPI, &v, &dir);
    if (kind < PXL_VALUE_MISSING || kind > PXL_VALUE_INVALID)
        abort();
    if (amount && (kind == PXL_VALUE_DIRECTION || kind == PXL_VALUE_TEXT))
        abort();
    if (kind != PXL_VALUE_NUMBER && kind != PXL_VALUE_PERCENT)
        return 0;
    if (!isfinite(v))
        abort();

    char buf[64];
    pxl_number_text(buf, sizeof buf, v);
    if (strtod(buf, NULL) != v && !(v == 0 && strtod(buf, NULL) == 0))
        abort();

    if (kind == PXL_VALUE_NUMBER && fabs(v) < 1e12) {
        pxl_amount_format(buf, sizeof buf, v);
        double back = 0.0;
        if (pxl_parse_amount(buf, &back, NULL) != PXL_VALUE_NUMBER)
            abort();
        if (fabs(back - v) > 0.005 + 1e-12 * fabs(v))
            abort();
    }
    return 0;
}
