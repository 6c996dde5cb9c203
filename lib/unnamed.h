/*
 * unnamed.h - unnamed temporary files (Linux O_TMPFILE), named at commit.
 */
#ifndef FX_UNNAMED_H
#define FX_UNNAMED_H

#include <sys/types.h>

/* An unnamed regular file in the directory @dir_fd, open for writing, created
 * with @mode less the umask; or -1 with errno: EOPNOTSUPP, EISDIR or EINVAL
 * where the system or the file system has no O_TMPFILE (or /proc is missing),
 * else why the directory takes no new file (EACCES, EROFS, ENOSPC, ...). */
int fx_unnamed_open(int dir_fd, mode_t mode);

/* Give the unnamed file @fd the name @name in @dir_fd: 0, or -1 with errno
 * (EEXIST when the name is taken: linkat never replaces). */
int fx_unnamed_link(int fd, int dir_fd, const char *name);

#endif /* FX_UNNAMED_H */
