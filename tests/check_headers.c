/* Header synonyms, total labels, cover-sheet names and text folding (src/recognize/headers.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "recognize/headers.h"

static const struct {
    const char *text;
    pxl_header_role role;
    int year;
} cases[] = {
    {"Område", PXL_HEADER_SECTION, 0},
    {"OMRÅDE", PXL_HEADER_SECTION, 0},
    {"  Område: ", PXL_HEADER_SECTION, 0},
    {"Åtgärd", PXL_HEADER_MEASURE, 0},
    {"Åtgärder", PXL_HEADER_MEASURE, 0},
    {"Beskrivning", PXL_HEADER_DESCRIPTION, 0},
    {"Beskrivning av effekt", PXL_HEADER_EFFECT_TEXT, 0},
    {"Nyckeltal", PXL_HEADER_KPI, 0},
    {"Mål", PXL_HEADER_TARGET, 0},
    {"Målvärde", PXL_HEADER_TARGET, 0},
    {"Utfall", PXL_HEADER_CURRENT, 0},
    {"Nuläge", PXL_HEADER_CURRENT, 0},
    {"Kommentar", PXL_HEADER_COMMENT, 0},
    {"Kommentarer", PXL_HEADER_COMMENT, 0},
    {"Verksamhet", PXL_HEADER_AREA, 0},
    {"Verksamhetsområde", PXL_HEADER_AREA, 0},
    {"Effekt 2024 (tkr)", PXL_HEADER_EFFECT_YEAR, 2024},
    {"Effekt 2025", PXL_HEADER_EFFECT_YEAR, 2025},
    {"Effekt\n2024\u00a0(tkr)", PXL_HEADER_EFFECT_YEAR, 2024},
    {"Effekt innevarande år (tkr)", PXL_HEADER_EFFECT_YEAR, 0},
    {"Helårseffekt (tkr)", PXL_HEADER_EFFECT_FULL, 0},
    {"Helårseffekt, tkr", PXL_HEADER_EFFECT_FULL, 0},
    {"HELÅRSEFFEKT", PXL_HEADER_EFFECT_FULL, 0},
    /* not headers */
    {"Effekt 20245", PXL_HEADER_NONE, 0},
    {"Effekt", PXL_HEADER_NONE, 0},
    {"Hemtjänst", PXL_HEADER_NONE, 0},
    {"Målvärdet är 95 %", PXL_HEADER_NONE, 0},
    {"", PXL_HEADER_NONE, 0},
    {NULL, PXL_HEADER_NONE, 0},
};

START_TEST(classify)
{
    int year = -1;
    ck_assert_msg(pxl_header_classify(cases[_i].text, &year) == cases[_i].role, "'%s'",
                  cases[_i].text ? cases[_i].text : "(null)");
    ck_assert_int_eq(year, cases[_i].year);
}
END_TEST

START_TEST(long_text_is_no_header)
{
    char text[400];
    memset(text, 'a', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    memcpy(text, "Område ", 8);
    ck_assert_int_eq(pxl_header_classify(text, NULL), PXL_HEADER_NONE);
}
END_TEST

static const struct {
    const char *text;
    int total;
} labels[] = {
    {"Summa", 1}, {"SUMMA", 1}, {"Totalt", 1}, {"Netto", 1}, {"Summa netto", 1}, {"Netto:", 1},
    {"Summa Äldreomsorg", 1}, {"Totalt för åtgärden", 1}, {"Total", 1},
    {"Totalt minskar antalet tjänster med fem", 0}, {"Summa effekt för åtgärden", 1}, {"Totalt.", 0},
    {"Nettobesparing lokaler", 0}, {"Summering av läget", 0}, {"Totalkostnad", 0}, {"", 0}, {NULL, 0},
};

START_TEST(total_labels)
{
    ck_assert_msg(pxl_header_is_total_label(labels[_i].text) == labels[_i].total, "'%s'",
                  labels[_i].text ? labels[_i].text : "(null)");
}
END_TEST

/* What a total row closes, by its label (issue 12): the effect table, the area or the plan. */
static const struct {
    const char *text, *area;
    pxl_total_level level;
} levels[] = {
    {"Summa", "Hemtjänst", PXL_TOTAL_MEASURE},
    {"Netto", "Hemtjänst", PXL_TOTAL_MEASURE},
    {"Summa effekt", "Hemtjänst", PXL_TOTAL_MEASURE},
    {"Summa Hemtjänst", "Hemtjänst", PXL_TOTAL_AREA},
    {"SUMMA  hemtjänst:", "Hemtjänst", PXL_TOTAL_AREA},
    {"Totalt Hemtjänst (tkr)", "Hemtjänst", PXL_TOTAL_AREA},
    {"Totalt för Individ- och familjeomsorg", "Individ- och familjeomsorg", PXL_TOTAL_AREA},
    {"Summa totalt Äldreomsorg", "Äldreomsorg", PXL_TOTAL_AREA},
    {"Summa verksamhet", "Hemtjänst", PXL_TOTAL_AREA},
    {"Summa verksamheten", NULL, PXL_TOTAL_AREA},
    {"Summa Hemtjänst", "Äldreomsorg", PXL_TOTAL_MEASURE},   /* another area's name: as before */
    {"Summa Hemtjänst", NULL, PXL_TOTAL_MEASURE},
    {"Summa åtgärder", "Hemtjänst", PXL_TOTAL_MEASURES},
    {"Totalt alla åtgärder", "Hemtjänst", PXL_TOTAL_MEASURES},
    {"Totalt nämnden", "Hemtjänst", PXL_TOTAL_PLAN},
    {"Summa socialnämnden", "Hemtjänst", PXL_TOTAL_PLAN},
    {"Totalt för vård- och omsorgsnämnden", NULL, PXL_TOTAL_PLAN},
    {"Summa förvaltningen", NULL, PXL_TOTAL_PLAN},
    {"Summa alla verksamheter", NULL, PXL_TOTAL_PLAN},
    {"Totalt minskar hyran för två lokaler", "Hemtjänst", PXL_TOTAL_NONE},
    {"Hemtjänst", "Hemtjänst", PXL_TOTAL_NONE},
    {"Nettobesparing", NULL, PXL_TOTAL_NONE},
    {"Totalt sett bedömer förvaltningen att målet nås", NULL, PXL_TOTAL_NONE},
    {"Summa för hela den egna regin och förvaltningen i stort", NULL, PXL_TOTAL_NONE},
    {"Totalt för äldreomsorgen i nämnden", NULL, PXL_TOTAL_PLAN},
    {NULL, NULL, PXL_TOTAL_NONE},
};

START_TEST(total_levels)
{
    ck_assert_msg(pxl_header_total_level(levels[_i].text, levels[_i].area) == levels[_i].level, "'%s' in '%s': %d",
                  levels[_i].text ? levels[_i].text : "(null)", levels[_i].area ? levels[_i].area : "(null)",
                  (int)pxl_header_total_level(levels[_i].text, levels[_i].area));
}
END_TEST

START_TEST(cover_names)
{
    ck_assert(pxl_header_is_cover_sheet("Framsida"));
    ck_assert(pxl_header_is_cover_sheet("FÖRSÄTTSBLAD"));
    ck_assert(pxl_header_is_cover_sheet(" Omslag "));
    ck_assert(!pxl_header_is_cover_sheet("Äldreomsorg"));
}
END_TEST

START_TEST(plan_titles)
{
    ck_assert(pxl_header_is_plan_title("Åtgärder inom vård- och omsorgsnämnden"));
    ck_assert(pxl_header_is_plan_title("ÅTGÄRDSPLAN"));
    ck_assert(pxl_header_is_plan_title("Handlingsplan för ekonomi i balans"));
    ck_assert(pxl_header_is_plan_title("Socialnämnden"));
    ck_assert(!pxl_header_is_plan_title("Äldreomsorg"));
    ck_assert(!pxl_header_is_plan_title("Kultur och fritid"));
    ck_assert(!pxl_header_is_plan_title("Kommunledningskontoret"));
}
END_TEST

START_TEST(fold)
{
    char buf[64];
    ck_assert_str_eq(pxl_fold(buf, sizeof buf, "  Åtgärder\u00a0inom\n\nÄLDREOMSORG  "), "åtgärder inom äldreomsorg");
    ck_assert_str_eq(pxl_fold(buf, sizeof buf, "A\u202fB\u2009C"), "a b c");
    ck_assert_str_eq(pxl_fold(buf, sizeof buf, "× É"), "× é"); /* U+00D7 has no small letter */
    ck_assert_str_eq(pxl_fold(buf, sizeof buf, NULL), "");
    /* cut on a character boundary, never inside "ö" */
    ck_assert_str_eq(pxl_fold(buf, 4, "aaö"), "aa");
    ck_assert_str_eq(pxl_fold(buf, 5, "aaö"), "aaö");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("headers");
    TCase *tc = tcase_create("headers");
    tcase_add_loop_test(tc, classify, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, long_text_is_no_header);
    tcase_add_loop_test(tc, total_labels, 0, (int)(sizeof labels / sizeof labels[0]));
    tcase_add_loop_test(tc, total_levels, 0, sizeof levels / sizeof levels[0]);
    tcase_add_test(tc, cover_names);
    tcase_add_test(tc, plan_titles);
    tcase_add_test(tc, fold);
    suite_add_tcase(s, tc);
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
