/* freexl's date text to an Excel serial number: see date_serial.h. */
#include "date_serial.h"

#include <string.h>

#include <freexl.h>
#include <xlsxwriter.h>

#define SECONDS_PER_DAY 86400.0

/* @p n digits at @p s as a number, or -1 if any is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "HH:MM:SS" at @p s into @p dt. */
static int parse_time(const char *s, lxw_datetime *dt)
{
    if (s[2] != ':' || s[5] != ':')
        return 0;
    dt->hour = digits(s, 2);
    dt->min = digits(s + 3, 2);
    int sec = digits(s + 6, 2);
    if (dt->hour < 0 || dt->min < 0 || sec < 0)
        return 0;
    dt->sec = sec;
    return 1;
}

int bench_date_serial(int type, const char *text, double *serial)
{
    lxw_datetime dt = {0, 0, 0, 0, 0, 0.0};
    if (text == NULL)
        return 0;
    size_t len = strlen(text);
    if (type == FREEXL_CELL_TIME) {
        if (len < 8)
            return 0;
        if (!parse_time(text, &dt))
            return 0;
        /* Time only: the fraction of a day, as Excel stores it. */
        *serial = (dt.hour * 3600.0 + dt.min * 60.0 + dt.sec) / SECONDS_PER_DAY;
        return 1;
    }
    if (len < (type == FREEXL_CELL_DATETIME ? 19u : 10u))
        return 0;
    if (text[4] != '-' || text[7] != '-')
        return 0;
    dt.year = digits(text, 4);
    dt.month = digits(text + 5, 2);
    dt.day = digits(text + 8, 2);
    if (dt.year < 0 || dt.month < 0 || dt.day < 0)
        return 0;
    if (type == FREEXL_CELL_DATETIME && (text[10] != ' ' || !parse_time(text + 11, &dt)))
        return 0;
    *serial = lxw_datetime_to_excel_datetime(&dt);
    return 1;
}
