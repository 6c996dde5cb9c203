/*
 * writeback.c - see writeback.h. The one file built with _GNU_SOURCE, which
 * sync_file_range(2) needs: elsewhere it would change what the C library's
 * declarations mean (strerror_r among them).
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE 1
#endif
#include "writeback.h"

#include <fcntl.h>

void fx_writeback_start(int fd, uint64_t offset, uint64_t len)
{
#if defined(SYNC_FILE_RANGE_WRITE)
    /* The result is not needed: see writeback.h. */
    (void)sync_file_range(fd, (off_t)offset, (off_t)len, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd;
    (void)offset;
    (void)len;
#endif
}
