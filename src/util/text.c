/* Messages in the user's language through gettext (see text.h). */
#define _GNU_SOURCE /* locale_t, newlocale, uselocale */
#include "util/text.h"

#include <libintl.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PXL_TEXT_DOMAIN "planxl"

#ifndef PXL_LOCALEDIR
#define PXL_LOCALEDIR "/usr/local/share/locale"
#endif

static pthread_once_t bound = PTHREAD_ONCE_INIT;
/* LC_MESSAGES of sv_SE (everything else C) for Swedish whatever the thread's locale; made once,
 * kept for the process (a locale object is immutable and may be shared by threads). */
static locale_t swedish = (locale_t)0;

/* The installed catalogues; else, for a build run where it was built, its own. */
static const char *catalogue_dir(void)
{
    const char *dir = getenv("PLANXL_LOCALEDIR");
    if (dir && *dir)
        return dir;
#ifdef PXL_BUILD_LOCALEDIR
    if (access(PXL_LOCALEDIR "/sv/LC_MESSAGES/" PXL_TEXT_DOMAIN ".mo", R_OK) != 0 &&
        access(PXL_BUILD_LOCALEDIR "/sv/LC_MESSAGES/" PXL_TEXT_DOMAIN ".mo", R_OK) == 0)
        return PXL_BUILD_LOCALEDIR;
#endif
    return PXL_LOCALEDIR;
}

static void bind_domain(void)
{
    bindtextdomain(PXL_TEXT_DOMAIN, catalogue_dir());
    /* planxl's text is UTF-8 in every output (JSON, .xlsx, the terminal), whatever LC_CTYPE is. */
    bind_textdomain_codeset(PXL_TEXT_DOMAIN, "UTF-8");
    static const char *const names[] = {"sv_SE.UTF-8", "sv_SE.utf8", "sv_FI.UTF-8", "sv_SE"};
    for (size_t i = 0; i < sizeof names / sizeof names[0] && swedish == (locale_t)0; i++)
        swedish = newlocale(LC_MESSAGES_MASK, names[i], (locale_t)0);
}

const char *pxl_text(const char *msgid)
{
    pthread_once(&bound, bind_domain);
    return dgettext(PXL_TEXT_DOMAIN, msgid);
}

const char *pxl_ntext(const char *singular, const char *plural, unsigned long n)
{
    pthread_once(&bound, bind_domain);
    return dngettext(PXL_TEXT_DOMAIN, singular, plural, n);
}

const char *pxl_text_in(pxl_language language, const char *msgid)
{
    if (language == PXL_LANGUAGE_ENVIRONMENT)
        return pxl_text(msgid);
    if (language != PXL_LANGUAGE_SWEDISH)
        return msgid;
    pthread_once(&bound, bind_domain);
    if (swedish == (locale_t)0)
        return msgid;  /* no sv_SE locale on this system: English (docs/messages.md) */
    /* glibc's gettext follows the thread's locale: switch LC_MESSAGES for the one lookup. */
    locale_t previous = uselocale(swedish);
    const char *text = dgettext(PXL_TEXT_DOMAIN, msgid);
    uselocale(previous);
    return text;
}

pxl_language pxl_language_resolve(pxl_language language)
{
    if (language != PXL_LANGUAGE_ENVIRONMENT)
        return language;
    /* TRANSLATORS: the catalogue's language code (ISO 639-1); the formatter picks the number style by it. */
    return strcmp(pxl_text(N_("en")), "sv") == 0 ? PXL_LANGUAGE_SWEDISH : PXL_LANGUAGE_ENGLISH;
}
