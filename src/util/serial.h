/* Excel date serials: the readers that get a date as text (freexl, .xlsx ISO dates) need its serial. */
#ifndef PLANXL_UTIL_SERIAL_H
#define PLANXL_UTIL_SERIAL_H

/* Excel serial (1900 system) from a civil date and time; the 1900 leap-year bug is honoured
 * (serial 60 is 1900-02-29), as Excel and libxlsxwriter do. */
double pxl_serial_from_civil(int year, int month, int day, int hour, int minute, double second);

#endif
