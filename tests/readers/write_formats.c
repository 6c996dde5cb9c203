/*
 * write_formats - a workbook of cell formats of every kind, for
 * tests/readers/formats.sh, which reads it back with openpyxl, Apache POI and
 * ExcelJS and compares what they see with tests/readers/formats.expect.json
 * (what this program writes, stated independently of the library).
 *
 *   write_formats OUT.xlsx
 *
 * Sheet "Formats", column A, one format per row, the cell's text naming it:
 * rows 1-6 combine many attributes, rows 7-19 have the 13 border styles on all
 * four sides, rows 20-37 the 18 fill patterns.
 * Sheet "Rich", column A: rich strings, through the shared strings table (rows
 * 1-3, row 4 equal to row 1) and inline (row 5: the table is capped at 40
 * strings, the 37 labels of "Formats" and rows 1-3).
 */
#include <fastxlsx.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT(s) (s), strlen(s)

static fast_workbook *wb;

static void check(fast_status st, const char *what)
{
    if (st == FAST_OK)
        return;
    fprintf(stderr, "write_formats: %s: %s: %s\n", what, fast_strerror(st), fast_workbook_error_message(wb));
    exit(1);
}

static fast_format *format(void)
{
    fast_format *f = fast_workbook_add_format(wb);
    if (!f)
        exit(1);
    return f;
}

static fast_cells *row;

static void put(const char *label, const fast_format *f)
{
    fast_cells_clear(row);
    check(fast_cells_set_string(row, 0, TEXT(label)), "text");
    check(fast_cells_set_format(row, 0, f), "format");
    check(fast_workbook_write_row(wb, row, 1), label);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: write_formats OUT.xlsx\n");
        return 2;
    }
    wb = fast_workbook_new(argv[1]);
    if (!wb)
        return 1;
    row = fast_cells_new(1);
    if (!row)
        return 1;
    check(fast_workbook_set_shared_strings_limit(wb, 40, 1 << 20), "SST cap");
    check(fast_workbook_add_worksheet(wb, TEXT("Formats")), "sheet");

    fast_format *f = format(); /* 1: borders */
    check(fast_format_set_border_style(f, FAST_BORDER_LEFT, FAST_BORDER_THIN), "left");
    check(fast_format_set_border_color(f, FAST_BORDER_LEFT, 0xFF0000), "left colour");
    check(fast_format_set_border_style(f, FAST_BORDER_RIGHT, FAST_BORDER_MEDIUM), "right");
    check(fast_format_set_border_theme_color(f, FAST_BORDER_RIGHT, 4, 0.4), "right colour");
    check(fast_format_set_border_style(f, FAST_BORDER_TOP, FAST_BORDER_DASHED), "top");
    check(fast_format_set_border_style(f, FAST_BORDER_BOTTOM, FAST_BORDER_DOUBLE), "bottom");
    check(fast_format_set_border_color(f, FAST_BORDER_BOTTOM, 0x0000FF), "bottom colour");
    check(fast_format_set_border_style(f, FAST_BORDER_DIAGONAL, FAST_BORDER_DASH_DOT), "diagonal");
    check(fast_format_set_border_color(f, FAST_BORDER_DIAGONAL, 0x00B050), "diagonal colour");
    check(fast_format_set_diagonal(f, FAST_DIAGONAL_BOTH), "diagonal lines");
    put("borders", f);

    f = format(); /* 2: font */
    check(fast_format_set_bold(f, 1), "bold");
    check(fast_format_set_italic(f, 1), "italic");
    check(fast_format_set_strikeout(f, 1), "strike");
    check(fast_format_set_underline_style(f, FAST_UNDERLINE_DOUBLE_ACCOUNTING), "underline");
    check(fast_format_set_font_script(f, FAST_SCRIPT_SUPERSCRIPT), "superscript");
    check(fast_format_set_font_size(f, 9), "size");
    check(fast_format_set_font_theme_color(f, 5, -0.25), "font theme colour");
    check(fast_format_set_font_name(f, TEXT("Cambria")), "name");
    check(fast_format_set_font_family(f, 1), "family");
    check(fast_format_set_font_scheme(f, FAST_FONT_SCHEME_MAJOR), "scheme");
    put("font", f);

    f = format(); /* 3: a patterned fill with theme foreground and RGB background */
    check(fast_format_set_fill_pattern(f, FAST_PATTERN_LIGHT_TRELLIS), "pattern");
    check(fast_format_set_fill_theme_color(f, 4, 0.6), "fg");
    check(fast_format_set_fill_bg_color(f, 0xFFFF00), "bg");
    put("fill", f);

    f = format(); /* 4: alignment, quote prefix, protection */
    check(fast_format_set_align(f, FAST_ALIGN_DISTRIBUTED), "align");
    check(fast_format_set_valign(f, FAST_VALIGN_DISTRIBUTED), "valign");
    check(fast_format_set_indent(f, 3), "indent");
    check(fast_format_set_rotation(f, -45), "rotation");
    check(fast_format_set_shrink(f, 1), "shrink");
    check(fast_format_set_quote_prefix(f, 1), "quote prefix");
    check(fast_format_set_locked(f, 0), "unlocked");
    check(fast_format_set_hidden(f, 1), "hidden");
    put("alignment", f);

    f = format(); /* 5: vertical text, centre across, subscript, a font outside the theme */
    check(fast_format_set_align(f, FAST_ALIGN_CENTER_CONTINUOUS), "align");
    check(fast_format_set_valign(f, FAST_VALIGN_TOP), "valign");
    check(fast_format_set_rotation(f, FAST_ROTATION_VERTICAL), "vertical");
    check(fast_format_set_font_script(f, FAST_SCRIPT_SUBSCRIPT), "subscript");
    check(fast_format_set_underline_style(f, FAST_UNDERLINE_SINGLE_ACCOUNTING), "underline");
    check(fast_format_set_font_name(f, TEXT("Arial")), "name");
    check(fast_format_set_font_scheme(f, FAST_FONT_SCHEME_NONE), "scheme");
    check(fast_format_set_fill_color(f, 0xD9E1F2), "solid fill");
    put("vertical", f);

    f = format(); /* 6: justify, 90 degrees, double underline, wrap, locked and hidden */
    check(fast_format_set_align(f, FAST_ALIGN_JUSTIFY), "align");
    check(fast_format_set_valign(f, FAST_VALIGN_JUSTIFY), "valign");
    check(fast_format_set_rotation(f, 90), "rotation");
    check(fast_format_set_underline_style(f, FAST_UNDERLINE_DOUBLE), "underline");
    check(fast_format_set_wrap(f, 1), "wrap");
    check(fast_format_set_hidden(f, 1), "hidden");
    check(fast_format_set_font_color(f, 0x7030A0), "font colour");
    put("justify", f);

    for (int style = FAST_BORDER_THIN; style <= FAST_BORDER_SLANT_DASH_DOT; style++) { /* 7-19 */
        f = format();
        check(fast_format_set_border_style(f, FAST_BORDER_ALL, style), "border style");
        check(fast_format_set_border_color(f, FAST_BORDER_ALL, 0x336699), "border colour");
        char label[32];
        snprintf(label, sizeof label, "border %d", style);
        put(label, f);
    }
    for (int pattern = FAST_PATTERN_SOLID; pattern <= FAST_PATTERN_GRAY_0625; pattern++) { /* 20-37 */
        f = format();
        check(fast_format_set_fill_pattern(f, pattern), "pattern");
        check(fast_format_set_fill_color(f, 0xC00000), "fg");
        check(fast_format_set_fill_bg_color(f, 0xFFC000), "bg");
        char label[32];
        snprintf(label, sizeof label, "pattern %d", pattern);
        put(label, f);
    }

    check(fast_workbook_add_worksheet(wb, TEXT("Rich")), "rich sheet");
    fast_format *bold = format(), *sup = format(), *sub = format(), *lines = format(), *theme = format();
    check(fast_format_set_bold(bold, 1), "bold");
    check(fast_format_set_italic(sup, 1), "italic");
    check(fast_format_set_font_script(sup, FAST_SCRIPT_SUPERSCRIPT), "superscript");
    check(fast_format_set_font_size(sup, 9), "size");
    check(fast_format_set_font_color(sup, 0xFF0000), "colour");
    check(fast_format_set_font_name(sup, TEXT("Arial")), "name");
    check(fast_format_set_font_script(sub, FAST_SCRIPT_SUBSCRIPT), "subscript");
    check(fast_format_set_underline(lines, 1), "underline");
    check(fast_format_set_strikeout(lines, 1), "strike");
    check(fast_format_set_underline_style(theme, FAST_UNDERLINE_DOUBLE), "double");
    check(fast_format_set_font_theme_color(theme, 4, -0.25), "theme colour");
    check(fast_format_set_font_size(theme, 14), "size");
    fast_rich_string *r1 = fast_rich_string_new(), *r2 = fast_rich_string_new(), *r3 = fast_rich_string_new(),
                     *r4 = fast_rich_string_new();
    if (!r1 || !r2 || !r3 || !r4)
        return 1;
    check(fast_rich_string_append(r1, NULL, TEXT("a")), "run");
    check(fast_rich_string_append(r1, bold, TEXT("bc")), "run");
    check(fast_rich_string_append(r1, sup, TEXT(" x<2 ")), "run");
    check(fast_rich_string_append(r2, NULL, TEXT("H")), "run");
    check(fast_rich_string_append(r2, sub, TEXT("2")), "run");
    check(fast_rich_string_append(r2, theme, TEXT("O \xC3\xA9t\xC3\xA9")), "run");
    check(fast_rich_string_append(r3, lines, TEXT("under & struck")), "run");
    check(fast_rich_string_append(r3, bold, TEXT(" bold")), "run");
    check(fast_rich_string_append(r4, sub, TEXT("inline")), "run");
    check(fast_rich_string_append(r4, NULL, TEXT(" text")), "run");
    fast_rich_string *order[5] = {r1, r2, r3, r1, r4};
    for (int i = 0; i < 5; i++) {
        fast_cells_clear(row);
        check(fast_cells_set_rich_string(row, 0, order[i]), "rich cell");
        check(fast_workbook_write_row(wb, row, 1), "rich row");
    }
    /* A protected sheet with some actions allowed; the readers report which (not all read the password). */
    check(fast_workbook_add_worksheet(wb, TEXT("Protected")), "protected sheet");
    check(fast_workbook_protect_sheet(wb, TEXT("password"),
                                      FAST_PROTECT_ALLOW_FORMAT_COLUMNS | FAST_PROTECT_ALLOW_INSERT_ROWS |
                                          FAST_PROTECT_ALLOW_SORT | FAST_PROTECT_ALLOW_AUTOFILTER |
                                          FAST_PROTECT_ALLOW_EDIT_OBJECTS | FAST_PROTECT_NO_SELECT_LOCKED),
          "protect sheet");
    fast_cells_clear(row);
    check(fast_cells_set_string(row, 0, TEXT("protected")), "protected cell");
    check(fast_workbook_write_row(wb, row, 1), "protected row");
    fast_rich_string_free(r1);
    fast_rich_string_free(r2);
    fast_rich_string_free(r3);
    fast_rich_string_free(r4);
    fast_cells_free(row);
    check(fast_workbook_close(wb), "close");
    fast_workbook_free(wb);
    return 0;
}
