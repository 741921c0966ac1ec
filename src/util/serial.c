/* Excel date serials from civil dates (serial.h). */
#include "serial.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

double pxl_serial_from_civil(int year, int month, int day, int hour, int minute, double second)
{
    /* Excel's 1900 system counts 1900-02-29, which never existed (MS-XLS 2.5.x,
     * kept for Lotus 1-2-3 compatibility): from 1900-03-01 on, serial = days since
     * 1899-12-30; before it, days since 1899-12-31. */
    long days = days_from_civil(year, (unsigned)month, (unsigned)day);
    long base = days_from_civil(1899, 12, 30);
    double serial = (double)(days - base);
    if (serial < 61)
        serial -= 1;
    return serial + (hour * 3600.0 + minute * 60.0 + second) / 86400.0;
}
