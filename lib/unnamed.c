/*
 * unnamed.c - unnamed temporary files: on Linux (3.11 and later) a file opened
 * with O_TMPFILE in a directory has no name until linkat(2) gives it one, so a
 * process killed while writing it, even by SIGKILL or a power cut, leaves
 * nothing behind. Kept apart from sink.c because O_TMPFILE needs _GNU_SOURCE,
 * which would give sink.c the GNU strerror_r.
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include "internal.h"
#include "unnamed.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int fx_unnamed_open(int dir_fd, mode_t mode)
{
#ifdef O_TMPFILE
    /* Named at commit through /proc/self/fd (linkat with AT_EMPTY_PATH needs
     * CAP_DAC_READ_SEARCH): without /proc, a named temporary file instead. */
    if (access("/proc/self/fd", X_OK) != 0) {
        errno = EOPNOTSUPP;
        return -1;
    }
    return openat(dir_fd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
#else
    (void)dir_fd;
    (void)mode;
    errno = EOPNOTSUPP;
    return -1;
#endif
}

int fx_unnamed_link(int fd, int dir_fd, const char *name)
{
    char self[40];
    snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
    return linkat(AT_FDCWD, self, dir_fd, name, AT_SYMLINK_FOLLOW);
}
