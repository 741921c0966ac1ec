/*
 * freexl's date text back to an Excel serial number, for the bench programs.
 *
 * freexl 1.0.6 gives DATE, DATETIME and TIME cells only as text
 * ("YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS", "HH:MM:SS"); an .xlsx date is a
 * number with a date format, so the floor has to turn the text back into a
 * number. libxlsxwriter's own lxw_datetime_to_excel_datetime() does the
 * arithmetic (no day-by-day loop), so this is as cheap as it gets.
 */
#ifndef PLANXL_BENCH_DATE_SERIAL_H
#define PLANXL_BENCH_DATE_SERIAL_H

/* The serial number (1900 system) for @p text of freexl cell type @p type;
 * returns 0 and leaves *serial alone when the text is not in freexl's shape. */
int bench_date_serial(int type, const char *text, double *serial);

#endif
