/*
 * tz.h - UTC offsets of time zones, for the wall-clock time of zoned Arrow
 * timestamps: fixed offsets ("+05:30", "UTC") by arithmetic, IANA zone names
 * from the system's TZif files (RFC 8536) and their POSIX TZ rule (POSIX.1-2017
 * §8.3, TZ), read by the library itself: no TZ variable, no localtime(), so
 * it is thread-safe and leaves the process's zone alone.
 */
#ifndef FX_TZ_H
#define FX_TZ_H

#include "internal.h"

typedef struct fx_tz fx_tz;

/*
 * The zone named @name (NUL-terminated, as Arrow's timestamp format carries it).
 * Returns 0 and *@out (free with fx_tz_free()), -1 out of memory, or 1 when the
 * zone is unknown or its file unreadable or malformed, with the reason in @why
 * (@cap bytes).
 */
int fx_tz_load(const char *name, fx_tz **out, char *why, size_t cap);

/* The offset from UTC in seconds (local = UTC + offset) at @utc seconds since 1970. */
int32_t fx_tz_offset(const fx_tz *tz, int64_t utc);

void fx_tz_free(fx_tz *tz);

#endif /* FX_TZ_H */
