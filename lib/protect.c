/*
 * protect.c - sheet protection (§18.3.1.85 sheetProtection) and workbook
 * structure protection (§18.2.29 workbookProtection). The password is kept as
 * the legacy 16-bit hash Excel accepts in the password and workbookPassword
 * attributes (ECMA-376 Part 4 §3.2.12 / MS-OFFCRYPTO §2.3.7.1): a function of
 * the password alone, so the output stays a function of the input. It is a
 * lock against accidental edits, not security: 16 bits are found at once.
 */
#include "internal.h"
#include "protect.h"
#include "rules.h"

#include <stdio.h>

/* The legacy hash of an ASCII password: each character rotated left in 15 bits
 * by its position (from 1), xor-ed together, then the length and 0xCE4B. */
static uint16_t legacy_hash(const char *pw, size_t len)
{
    uint32_t hash = 0;
    for (size_t i = 0; i < len; i++) {
        uint32_t c = (unsigned char)pw[i];
        unsigned k = (unsigned)((i + 1) % 15);
        c = ((c << k) | (c >> (15 - k))) & 0x7FFF;
        hash ^= c;
    }
    return (uint16_t)(hash ^ len ^ 0xCE4B);
}

/* Check @pw: NULL/0 for none, else 1..255 printable ASCII characters. */
static fast_status check_password(fast_workbook *wb, const char *fn, const char *where, const char *pw, size_t len)
{
    if (!pw && len)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: %s: NULL password of %zu bytes", fn, where, len);
    if (len > FAST_MAX_PASSWORD_CHARS)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: %s: a password of %zu characters (at most %d)", fn,
                         where, len, FAST_MAX_PASSWORD_CHARS);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)pw[i] < 0x20 || (unsigned char)pw[i] > 0x7E)
            return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT,
                             "%s: %s: password byte %zu is 0x%02X; the legacy password hash takes printable ASCII "
                             "only",
                             fn, where, i, (unsigned char)pw[i]);
    return FAST_OK;
}

FAST_API fast_status fast_workbook_protect_sheet(fast_workbook *wb, const char *password, size_t len, unsigned int allow)
{
    static const char fn[] = "fast_workbook_protect_sheet";
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    fx_sheet *sh = NULL;
    fast_status st = fx_rules_sheet(wb, fn, &sh);
    if (st != FAST_OK)
        return st;
    char where[FAST_MAX_SHEET_NAME_CHARS * 4 + 16];
    snprintf(where, sizeof where, "sheet '%s'", sh->name);
    if ((st = check_password(wb, fn, where, password, len)) != FAST_OK)
        return st;
    if (allow >= FAST_PROTECT_NEXT)
        return fx_reject(&wb->err, FAST_ERROR_INVALID_ARGUMENT, "%s: %s: unknown bits in 0x%x (FAST_PROTECT_* only)",
                         fn, where, allow);
    sh->setup.protect = 1;
    sh->setup.protect_allow = allow;
    sh->setup.protect_hash = len ? legacy_hash(password, len) : 0;
    return FAST_OK;
}

FAST_API fast_status fast_workbook_protect_structure(fast_workbook *wb, const char *password, size_t len)
{
    static const char fn[] = "fast_workbook_protect_structure";
    if (!wb)
        return FAST_ERROR_INVALID_ARGUMENT;
    fast_status usable = fx_workbook_usable(wb, fn);
    if (usable != FAST_OK)
        return usable;
    fast_status st = check_password(wb, fn, "workbook", password, len);
    if (st != FAST_OK)
        return st;
    wb->lock_structure = 1;
    wb->structure_hash = len ? legacy_hash(password, len) : 0;
    return FAST_OK;
}

fast_status fx_protect_write_sheet(const fx_sheet *sh, fx_xmlbuf *xb)
{
    const fx_sheet_setup *su = &sh->setup;
    if (!su->protect)
        return FAST_OK;
    unsigned a = su->protect_allow;
    /* Attribute true = the action is locked; in the schema's order. formatCells
     * .. pivotTables default to true (locked), so an allowed one is written "0";
     * objects and scenarios default to false, so Excel writes "1" when locked;
     * selectLockedCells and selectUnlockedCells are "1" when selecting is not allowed. */
    static const struct {
        unsigned bit;
        const char *attr;
    } locked_by_default[] = {
        {FAST_PROTECT_ALLOW_FORMAT_CELLS, "formatCells"},     {FAST_PROTECT_ALLOW_FORMAT_COLUMNS, "formatColumns"},
        {FAST_PROTECT_ALLOW_FORMAT_ROWS, "formatRows"},       {FAST_PROTECT_ALLOW_INSERT_COLUMNS, "insertColumns"},
        {FAST_PROTECT_ALLOW_INSERT_ROWS, "insertRows"},       {FAST_PROTECT_ALLOW_INSERT_HYPERLINKS, "insertHyperlinks"},
        {FAST_PROTECT_ALLOW_DELETE_COLUMNS, "deleteColumns"}, {FAST_PROTECT_ALLOW_DELETE_ROWS, "deleteRows"},
    };
    char buf[512];
    int n = snprintf(buf, sizeof buf, "<sheetProtection");
    if (su->protect_hash)
        n += snprintf(buf + n, sizeof buf - (size_t)n, " password=\"%04X\"", (unsigned)su->protect_hash);
    n += snprintf(buf + n, sizeof buf - (size_t)n, " sheet=\"1\"%s%s",
                  a & FAST_PROTECT_ALLOW_EDIT_OBJECTS ? "" : " objects=\"1\"",
                  a & FAST_PROTECT_ALLOW_EDIT_SCENARIOS ? "" : " scenarios=\"1\"");
    for (size_t i = 0; i < sizeof locked_by_default / sizeof locked_by_default[0]; i++)
        if (a & locked_by_default[i].bit)
            n += snprintf(buf + n, sizeof buf - (size_t)n, " %s=\"0\"", locked_by_default[i].attr);
    if (a & FAST_PROTECT_NO_SELECT_LOCKED)
        n += snprintf(buf + n, sizeof buf - (size_t)n, " selectLockedCells=\"1\"");
    if (a & FAST_PROTECT_ALLOW_SORT)
        n += snprintf(buf + n, sizeof buf - (size_t)n, " sort=\"0\"");
    if (a & FAST_PROTECT_ALLOW_AUTOFILTER)
        n += snprintf(buf + n, sizeof buf - (size_t)n, " autoFilter=\"0\"");
    if (a & FAST_PROTECT_ALLOW_PIVOT_TABLES)
        n += snprintf(buf + n, sizeof buf - (size_t)n, " pivotTables=\"0\"");
    if (a & FAST_PROTECT_NO_SELECT_UNLOCKED)
        n += snprintf(buf + n, sizeof buf - (size_t)n, " selectUnlockedCells=\"1\"");
    n += snprintf(buf + n, sizeof buf - (size_t)n, "/>");
    return fx_xb_write(xb, buf, (size_t)n);
}

fast_status fx_protect_write_workbook(const fast_workbook *wb, fx_xmlbuf *xb)
{
    if (!wb->lock_structure)
        return FAST_OK;
    char buf[96];
    int n = wb->structure_hash
                ? snprintf(buf, sizeof buf, "<workbookProtection workbookPassword=\"%04X\" lockStructure=\"1\"/>",
                           (unsigned)wb->structure_hash)
                : snprintf(buf, sizeof buf, "<workbookProtection lockStructure=\"1\"/>");
    return fx_xb_write(xb, buf, (size_t)n);
}
