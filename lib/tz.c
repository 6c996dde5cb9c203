/*
 * tz.c - UTC offsets of time zones (see tz.h): fixed offsets by arithmetic,
 * IANA zones from their TZif file (RFC 8536: the version 2+ data block of
 * 64-bit transition times, or version 1's 32-bit one) and, after its last
 * transition, from the file's footer, a POSIX TZ rule (POSIX.1-2017 §8.3 with
 * RFC 8536 §3.3.1's extension of hours up to 167).
 *
 * Why not a library: ICU (libicu72 on Debian 12) has zone offsets, but from
 * the zone data compiled into it (2022e), while Debian keeps the system's
 * TZif files current (tzdata 2025b): ICU gives Asia/Almaty +06:00 on
 * 2025-01-01, the system and every Arrow reader +05:00 (Kazakhstan changed in
 * 2024). glibc's localtime_r() reads the same files but only for the
 * process's one TZ, which a library must not change. Reading the files is the
 * way to the maintained data.
 */
#include "internal.h"
#include "tz.h"
#include "date.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#define TZ_FILE_MAX (1u << 20) /* the largest zone file is a few KiB */

typedef struct tz_when {
    char kind;    /* 'M' month.week.day, 'J' Julian day 1..365 without Feb 29, 'D' day 0..365 */
    int a, b, c;  /* M: month, week, weekday; J and D: the day in a */
    int32_t time; /* seconds after local midnight */
} tz_when;

typedef struct tz_rule {
    int32_t std_off, dst_off; /* seconds east of UTC */
    int has_dst;
    tz_when start, end;
} tz_rule;

struct fx_tz {
    int64_t *trans;   /* transition times, increasing */
    int32_t *offs;    /* the offset from each transition on */
    size_t ntrans;
    int32_t first;    /* the offset before the first transition */
    int has_rule;
    tz_rule rule;
};

static fx_tz *fixed_zone(int32_t off)
{
    fx_tz *tz = calloc(1, sizeof *tz);
    if (tz)
        tz->first = off;
    return tz;
}

void fx_tz_free(fx_tz *tz)
{
    if (!tz)
        return;
    free(tz->trans);
    free(tz->offs);
    free(tz);
}

/* ---- POSIX TZ rule ------------------------------------------------------------------- */

static const char *rule_name(const char *s)
{
    if (*s == '<') {
        while (*s && *s != '>')
            s++;
        return *s ? s + 1 : NULL;
    }
    const char *b = s;
    while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
        s++;
    return s - b >= 3 ? s : NULL;
}

/* [+-]hh[:mm[:ss]], hours up to @max_h; seconds into *@out. */
static const char *rule_time(const char *s, int max_h, int32_t *out)
{
    int sign = 1;
    if (*s == '+' || *s == '-')
        sign = *s++ == '-' ? -1 : 1;
    int part[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) {
        if (k && *s != ':')
            break;
        if (k)
            s++;
        if (*s < '0' || *s > '9')
            return NULL;
        int v = 0, digits = 0;
        while (*s >= '0' && *s <= '9' && digits < 3) {
            v = v * 10 + (*s++ - '0');
            digits++;
        }
        part[k] = v;
    }
    if (part[0] > max_h || part[1] > 59 || part[2] > 59)
        return NULL;
    *out = sign * (part[0] * 3600 + part[1] * 60 + part[2]);
    return s;
}

static const char *rule_number(const char *s, int lo, int hi, int *out)
{
    if (*s < '0' || *s > '9')
        return NULL;
    int v = 0;
    while (*s >= '0' && *s <= '9' && v <= hi)
        v = v * 10 + (*s++ - '0');
    if (v < lo || v > hi)
        return NULL;
    *out = v;
    return s;
}

static const char *rule_when(const char *s, tz_when *w)
{
    w->time = 7200; /* 02:00:00 */
    if (*s == 'M') {
        w->kind = 'M';
        if (!(s = rule_number(s + 1, 1, 12, &w->a)) || *s != '.' || !(s = rule_number(s + 1, 1, 5, &w->b)) ||
            *s != '.' || !(s = rule_number(s + 1, 0, 6, &w->c)))
            return NULL;
    } else if (*s == 'J') {
        w->kind = 'J';
        if (!(s = rule_number(s + 1, 1, 365, &w->a)))
            return NULL;
    } else {
        w->kind = 'D';
        if (!(s = rule_number(s, 0, 365, &w->a)))
            return NULL;
    }
    if (*s == '/' && !(s = rule_time(s + 1, 167, &w->time)))
        return NULL;
    return s;
}

static int parse_rule(const char *s, tz_rule *r)
{
    int32_t off;
    if (!(s = rule_name(s)) || !(s = rule_time(s, 24, &off)))
        return -1;
    r->std_off = -off; /* POSIX offsets count west */
    r->has_dst = 0;
    if (!*s)
        return 0;
    if (!(s = rule_name(s)))
        return -1;
    r->dst_off = r->std_off + 3600;
    if (*s && *s != ',') {
        if (!(s = rule_time(s, 24, &off)))
            return -1;
        r->dst_off = -off;
    }
    if (*s != ',' || !(s = rule_when(s + 1, &r->start)) || *s != ',' || !(s = rule_when(s + 1, &r->end)) || *s)
        return -1;
    r->has_dst = 1;
    return 0;
}

static int is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Seconds since 1970 of the local time at which @w happens in year @y. */
static int64_t when_local(const tz_when *w, int64_t y)
{
    int64_t day;
    if (w->kind == 'M') {
        static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int64_t first = fx_days_from_civil(y, w->a, 1);
        int wd = (int)(((first + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
        day = first + (w->c - wd + 7) % 7 + 7 * (w->b - 1);
        int len = mdays[w->a - 1] + (w->a == 2 && is_leap(y));
        while (day >= first + len)
            day -= 7;
    } else if (w->kind == 'J') {
        day = fx_days_from_civil(y, 1, 1) + w->a - 1 + (is_leap(y) && w->a >= 60);
    } else {
        day = fx_days_from_civil(y, 1, 1) + w->a;
    }
    return day * 86400 + w->time;
}

static int32_t rule_offset(const tz_rule *r, int64_t utc)
{
    if (!r->has_dst)
        return r->std_off;
    int64_t y;
    int m, d;
    int64_t local = utc + r->std_off;
    fx_civil_from_days(local >= 0 ? local / 86400 : (local - 86399) / 86400, &y, &m, &d);
    int64_t start = when_local(&r->start, y) - r->std_off; /* entered in standard time */
    int64_t end = when_local(&r->end, y) - r->dst_off;     /* left in daylight time */
    int dst = start < end ? utc >= start && utc < end : !(utc >= end && utc < start);
    return dst ? r->dst_off : r->std_off;
}

/* ---- TZif ---------------------------------------------------------------------------- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* Parse @n bytes of a TZif file into @tz; 1 with @why when malformed, -1 out of memory. */
static int parse_tzif(const unsigned char *p, size_t n, fx_tz *tz, char *why, size_t cap)
{
    if (n < 44 || memcmp(p, "TZif", 4) != 0) {
        snprintf(why, cap, "not a TZif file");
        return 1;
    }
    int version = p[4];
    const unsigned char *h = p;
    size_t tsize = 4;
    uint32_t cnt[6];
    for (int pass = 0;; pass++) {
        for (int k = 0; k < 6; k++)
            cnt[k] = be32(h + 20 + 4 * k);
        uint32_t isut = cnt[0], isstd = cnt[1], leap = cnt[2], timec = cnt[3], typec = cnt[4], charc = cnt[5];
        if (typec == 0 || typec > 256 || timec > 100000 || leap > 100000 || charc > 100000 ||
            (isut && isut != typec) || (isstd && isstd != typec)) {
            snprintf(why, cap, "TZif header counts out of range");
            return 1;
        }
        uint64_t body = (uint64_t)timec * tsize + timec + (uint64_t)typec * 6 + charc +
                        (uint64_t)leap * (tsize + 4) + isstd + isut;
        if ((size_t)(h + 44 - p) + body > n) {
            snprintf(why, cap, "TZif file truncated");
            return 1;
        }
        if (pass == 0 && version >= '2') {
            h += 44 + body; /* skip the version 1 block: the 64-bit one follows */
            if ((size_t)(h - p) + 44 > n || memcmp(h, "TZif", 4) != 0) {
                snprintf(why, cap, "TZif version 2 header missing");
                return 1;
            }
            tsize = 8;
            continue;
        }
        if (leap) {
            snprintf(why, cap, "zone with leap seconds (a \"right/\" zone) is not supported");
            return 1;
        }
        const unsigned char *t = h + 44, *idx = t + (size_t)timec * tsize, *types = idx + timec;
        tz->trans = malloc((timec ? timec : 1) * sizeof *tz->trans);
        tz->offs = malloc((timec ? timec : 1) * sizeof *tz->offs);
        if (!tz->trans || !tz->offs)
            return -1;
        for (uint32_t k = 0; k < timec; k++) {
            tz->trans[k] = tsize == 8 ? be64(t + 8 * k) : (int64_t)(int32_t)be32(t + 4 * k);
            if (idx[k] >= typec || (k && tz->trans[k] <= tz->trans[k - 1])) {
                snprintf(why, cap, "TZif transitions malformed");
                return 1;
            }
            tz->offs[k] = (int32_t)be32(types + 6 * idx[k]);
        }
        tz->ntrans = timec;
        tz->first = (int32_t)be32(types); /* RFC 8536 §3.2: type 0 before the first transition */
        if (tsize == 8) {
            const unsigned char *f = h + 44 + body, *e = p + n;
            if (f < e && *f == '\n') {
                const unsigned char *nl = memchr(f + 1, '\n', (size_t)(e - f - 1));
                if (nl && nl > f + 1) {
                    char rule[128];
                    size_t len = (size_t)(nl - f - 1);
                    if (len >= sizeof rule || (memcpy(rule, f + 1, len), rule[len] = 0, parse_rule(rule, &tz->rule))) {
                        snprintf(why, cap, "TZif footer rule not understood");
                        return 1;
                    }
                    tz->has_rule = 1;
                }
            }
        }
        return 0;
    }
}

static int fixed_offset(const char *s, int32_t *off)
{
    static const char *const utc[] = {"UTC", "Z", "Etc/UTC", "GMT", "Etc/GMT", "UCT", "Etc/UCT", "Zulu", "Etc/Zulu"};
    for (size_t k = 0; k < sizeof utc / sizeof utc[0]; k++)
        if (strcmp(s, utc[k]) == 0) {
            *off = 0;
            return 1;
        }
    /* +HH:MM, -HH:MM (the specification's form), +HHMM, +HH */
    if ((s[0] != '+' && s[0] != '-') || s[1] < '0' || s[1] > '9' || s[2] < '0' || s[2] > '9')
        return 0;
    int h = (s[1] - '0') * 10 + (s[2] - '0'), m = 0;
    const char *r = s + 3;
    if (*r == ':')
        r++;
    if (*r) {
        if (r[0] < '0' || r[0] > '9' || r[1] < '0' || r[1] > '9' || r[2])
            return 0;
        m = (r[0] - '0') * 10 + (r[1] - '0');
    }
    if (h > 23 || m > 59)
        return 0;
    *off = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
    return 1;
}

int fx_tz_load(const char *name, fx_tz **out, char *why, size_t cap)
{
    int32_t off;
    *out = NULL;
    if (fixed_offset(name, &off))
        return (*out = fixed_zone(off)) ? 0 : -1;
    /* A zone name is a relative path of letters, digits and - _ + (no "..", no leading '/'). */
    size_t len = strlen(name);
    int ok = len > 0 && len < 200 && name[0] != '/' && !strstr(name, "..");
    for (size_t k = 0; ok && k < len; k++) {
        char ch = name[k];
        ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '/' ||
             ch == '_' || ch == '-' || ch == '+';
    }
    if (!ok) {
        snprintf(why, cap, "'%.60s' is not a time zone name", name);
        return 1;
    }
    const char *dir = getenv("TZDIR");
    if (!dir || !*dir)
        dir = "/usr/share/zoneinfo";
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, cap, "time zone '%.60s' not found in %.200s (%s)", name, dir, strerror(errno));
        return 1;
    }
    unsigned char *buf = malloc(TZ_FILE_MAX);
    fx_tz *tz = calloc(1, sizeof *tz);
    int rc = -1;
    if (buf && tz) {
        size_t n = fread(buf, 1, TZ_FILE_MAX, f);
        rc = parse_tzif(buf, n, tz, why, cap);
        if (rc > 0) {
            char reason[96];
            snprintf(reason, sizeof reason, "%s", why);
            snprintf(why, cap, "time zone file %.200s: %s", path, reason);
        }
    }
    fclose(f);
    free(buf);
    if (rc != 0) {
        fx_tz_free(tz);
        return rc;
    }
    *out = tz;
    return 0;
}

int32_t fx_tz_offset(const fx_tz *tz, int64_t utc)
{
    size_t n = tz->ntrans;
    if (n == 0 || utc < tz->trans[0])
        return n == 0 && tz->has_rule ? rule_offset(&tz->rule, utc) : tz->first;
    if (utc >= tz->trans[n - 1] && tz->has_rule)
        return rule_offset(&tz->rule, utc);
    size_t lo = 0, hi = n; /* the last transition at or before utc */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (tz->trans[mid] <= utc)
            lo = mid;
        else
            hi = mid;
    }
    return tz->offs[lo];
}
