/*
 * Messages in the user's language (issue 14): gettext's text domain "planxl",
 * looked up with dgettext() so a host program keeps its own textdomain(). The
 * catalogues are po/<lang>.po, compiled to <localedir>/<lang>/LC_MESSAGES/planxl.mo;
 * the localedir is the install's (PXL_LOCALEDIR) unless PLANXL_LOCALEDIR names
 * another (the build tree's, for the tests). docs/messages.md says how to add one.
 */
#ifndef PLANXL_UTIL_TEXT_H
#define PLANXL_UTIL_TEXT_H

#include "planxl/error.h"

/* Marks a string for xgettext whose translation is looked up later. */
#define N_(msgid) msgid

/* @p msgid in the calling thread's LC_MESSAGES language (English without a catalogue). */
const char *pxl_text(const char *msgid) __attribute__((format_arg(1)));
/* @p n's form of @p singular / @p plural in the thread's language. */
const char *pxl_ntext(const char *singular, const char *plural, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));
/* @p msgid in @p language, whatever the thread's locale; ENVIRONMENT is pxl_text(). */
const char *pxl_text_in(pxl_language language, const char *msgid) __attribute__((format_arg(2)));
/* ENGLISH or SWEDISH: the language pxl_text() answers in on this thread (ENVIRONMENT resolved). */
pxl_language pxl_language_resolve(pxl_language language);

#endif
