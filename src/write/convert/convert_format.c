/* A grid cell format as a libxlsxwriter format, made once per format and look (convert_format.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convert_format.h"
#include "read/grid_internal.h"

/* libxlsxwriter 1.1.4 copies a number format or font name into a buffer of
 * LXW_FORMAT_FIELD_LEN (128) bytes and cuts a longer one silently: such a string is not set. */
#define PXL_LXW_FIELD_MAX (LXW_FORMAT_FIELD_LEN - 1)

/* The fill pattern that is one colour all over (MS-XLS fls 1, ECMA-376 ST_PatternType solid). */
#define PXL_PATTERN_SOLID 1

void pxl_format_cache_init(pxl_format_cache *c, lxw_workbook *wb, const pxl_grid *grid,
                           const char *const *date_formats, pxl_format_note note, void *note_ctx)
{
    *c = (pxl_format_cache){.wb = wb, .grid = grid, .date_formats = date_formats,
                            .style_count = pxl_grid_style_count(grid), .note = note, .note_ctx = note_ctx};
}

void pxl_format_cache_free(pxl_format_cache *c)
{
    free(c->slots);
    c->slots = NULL;
}

/* libxlsxwriter takes 0 for "no colour": black has a value of its own. */
static lxw_color_t lxw_rgb(uint32_t rgb)
{
    return rgb == 0 ? LXW_COLOR_BLACK : (lxw_color_t)rgb;
}

/* Why libxlsxwriter cannot take @p text as a format field, or NULL when it can. */
static const char *unfit(const char *text)
{
    if (strlen(text) > PXL_LXW_FIELD_MAX)
        return "longer than libxlsxwriter 1.1.4 can write (127 bytes)";
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p < 0x20)
            return "it holds control characters, which the .xlsx cannot store";
    return NULL;
}

static void note(pxl_format_cache *c, const pxl_cell *cell, const char *what, const char *text, const char *why)
{
    if (!c->note)
        return;
    char message[512];
    snprintf(message, sizeof message, "%s \"%.160s\" is not carried (%s)", what, text, why);
    c->note(c->note_ctx, cell, message);
}

static void set_number_format(pxl_format_cache *c, lxw_format *f, const pxl_cell_style *s, pxl_date_look look,
                              const pxl_cell *cell)
{
    if (look != PXL_DATE_LOOK_NONE && !s->num_format_date) {
        /* a date cell whose own format does not show a date (a locale's reserved id): convert's */
        format_set_num_format(f, c->date_formats[look]);
    } else if (s->num_format) {
        const char *why = unfit(s->num_format);
        if (why)
            note(c, cell, "number format", s->num_format, why);
        else if (strcasecmp(s->num_format, "General") != 0)
            format_set_num_format(f, s->num_format);
    } else if (s->num_format_builtin && s->num_format_id) {
        format_set_num_format_index(f, (uint8_t)s->num_format_id);
    }
}

static void set_font(pxl_format_cache *c, lxw_format *f, const pxl_cell_style *s, const pxl_cell *cell)
{
    if (s->font_name && s->font_name[0]) {
        const char *why = unfit(s->font_name);
        if (why)
            note(c, cell, "font name", s->font_name, why);
        else
            format_set_font_name(f, s->font_name);
    }
    if (s->font_size > 0)
        format_set_font_size(f, s->font_size);
    if (s->bold)
        format_set_bold(f);
    if (s->italic)
        format_set_italic(f);
    if (s->underline)
        format_set_underline(f, s->underline);
    if (s->strike)
        format_set_font_strikeout(f);
    if (s->script)
        format_set_font_script(f, s->script);
    if (s->outline)
        format_set_font_outline(f);
    if (s->shadow)
        format_set_font_shadow(f);
    if (s->font_color != PXL_STYLE_COLOR_AUTO)
        format_set_font_color(f, lxw_rgb(s->font_color));
}

static void set_fill_and_borders(lxw_format *f, const pxl_cell_style *s)
{
    if (s->pattern) {
        format_set_pattern(f, s->pattern);
        /* the pattern's colour; automatic is the window's text colour, black */
        format_set_fg_color(f, s->pattern_fg == PXL_STYLE_COLOR_AUTO ? LXW_COLOR_BLACK : lxw_rgb(s->pattern_fg));
        /* libxlsxwriter swaps fg and bg of a solid fill that has both: a solid fill gets one */
        if (s->pattern != PXL_PATTERN_SOLID && s->pattern_bg != PXL_STYLE_COLOR_AUTO)
            format_set_bg_color(f, lxw_rgb(s->pattern_bg));
    }
    static void (*const side_style[4])(lxw_format *, uint8_t) = {format_set_left, format_set_right, format_set_top,
                                                                  format_set_bottom};
    static void (*const side_color[4])(lxw_format *, lxw_color_t) = {format_set_left_color, format_set_right_color,
                                                                      format_set_top_color, format_set_bottom_color};
    for (int i = 0; i < 4; i++) {
        if (!s->border[i])
            continue;
        side_style[i](f, s->border[i]);
        if (s->border_color[i] != PXL_STYLE_COLOR_AUTO)
            side_color[i](f, lxw_rgb(s->border_color[i]));
    }
    if (s->diag_border && (s->diag_up || s->diag_down)) {
        format_set_diag_type(f, s->diag_up && s->diag_down ? LXW_DIAGONAL_BORDER_UP_DOWN
                                : s->diag_up             ? LXW_DIAGONAL_BORDER_UP
                                                         : LXW_DIAGONAL_BORDER_DOWN);
        format_set_diag_border(f, s->diag_border);
        if (s->diag_color != PXL_STYLE_COLOR_AUTO)
            format_set_diag_color(f, lxw_rgb(s->diag_color));
    }
}

static void set_alignment(lxw_format *f, const pxl_cell_style *s)
{
    /* vertical: the file's 0 top, 1 center, 2 bottom (the default), 3 justify, 4 distributed */
    static const uint8_t vertical[5] = {LXW_ALIGN_VERTICAL_TOP, LXW_ALIGN_VERTICAL_CENTER, 0,
                                        LXW_ALIGN_VERTICAL_JUSTIFY, LXW_ALIGN_VERTICAL_DISTRIBUTED};
    if (s->halign)
        format_set_align(f, s->halign); /* LXW_ALIGN_LEFT ... _DISTRIBUTED: the file's 1-7 */
    if (s->valign < 5 && vertical[s->valign])
        format_set_align(f, vertical[s->valign]);
    if (s->wrap)
        format_set_text_wrap(f);
    if (s->shrink)
        format_set_shrink(f);
    /* libxlsxwriter 1.1.4 makes an indented cell left-aligned unless it is right-aligned or
     * distributed; Excel ignores the indent of a centred cell: such an indent is left out */
    if (s->indent && (s->halign == 0 || s->halign == 1 || s->halign == 3 || s->halign == 7))
        format_set_indent(f, s->indent);
    if (s->rotation)
        format_set_rotation(f, s->rotation);
    if (!s->locked)
        format_set_unlocked(f);
    if (s->hidden)
        format_set_hidden(f);
}

int pxl_format_for(pxl_format_cache *c, const pxl_cell *cell, pxl_date_look look, lxw_format **fmt)
{
    *fmt = NULL;
    const pxl_cell_style *s = pxl_grid_cell_style(c->grid, cell->style);
    if (!s)
        return 0;
    if (!c->slots) {
        c->slots = calloc(c->style_count * PXL_DATE_LOOK_COUNT, sizeof *c->slots);
        if (!c->slots)
            return -1;
    }
    /* a date cell whose format is a date format looks as the file has it */
    if (s->num_format_date)
        look = PXL_DATE_LOOK_NONE;
    lxw_format **slot = &c->slots[(size_t)(cell->style - 1) * PXL_DATE_LOOK_COUNT + look];
    if (!*slot) {
        lxw_format *f = workbook_add_format(c->wb);
        if (!f)
            return -1;
        set_number_format(c, f, s, look, cell);
        set_font(c, f, s, cell);
        set_fill_and_borders(f, s);
        set_alignment(f, s);
        *slot = f;
        c->formats++;
    }
    *fmt = *slot;
    return 0;
}
