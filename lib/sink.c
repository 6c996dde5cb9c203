/*
 * sink.c - output destinations. The file destination never exposes a partial
 * workbook under its name: bytes go to a temporary file beside it, which replaces
 * the destination by rename(2) only once the package is complete and synced.
 * Where the file system allows it (Linux O_TMPFILE) that file has no name until
 * the commit, so that a killed process leaves nothing behind (unnamed.c).
 */
#include "internal.h"
#include "sink.h"
#include "unnamed.h"
#include "writeback.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* The XSI strerror_r, which writes into the caller's buffer (thread-safe). */
static const char *errno_text(int e, char *buf, size_t n)
{
    if (strerror_r(e, buf, n) != 0)
        snprintf(buf, n, "errno %d", e);
    return buf;
}

static int sink_alloc(fx_sink *sk, fx_sink_kind kind, fx_error *err)
{
    memset(sk, 0, sizeof *sk);
    sk->kind = kind;
    sk->fd = -1;
    sk->dir_fd = -1;
    sk->err = err;
    sk->buf = malloc(FX_SINK_BUFFER);
    if (!sk->buf) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

int fx_sink_init_callback(fx_sink *sk, fast_write_fn write, void *user, fx_error *err)
{
    if (!write) {
        errno = EINVAL;
        return -1;
    }
    if (sink_alloc(sk, FX_SINK_CALLBACK, err))
        return -1;
    sk->write = write;
    sk->user = user;
    return 0;
}

/* A descriptor can take pwrite(2) patches if it is a regular file without O_APPEND
 * (on Linux pwrite on an O_APPEND descriptor appends). */
static void probe_seekable(fx_sink *sk)
{
    struct stat st;
    int flags = fcntl(sk->fd, F_GETFL);
    off_t pos = lseek(sk->fd, 0, SEEK_CUR);
    sk->seekable = flags != -1 && !(flags & O_APPEND) && pos != (off_t)-1 &&
                   fstat(sk->fd, &st) == 0 && S_ISREG(st.st_mode);
    sk->base = sk->seekable ? (uint64_t)pos : 0;
}

int fx_sink_init_fd(fx_sink *sk, int fd, fx_error *err)
{
    if (fd < 0) {
        errno = EINVAL;
        return -1;
    }
    if (fcntl(fd, F_GETFL) == -1)
        return -1; /* EBADF */
    if (sink_alloc(sk, FX_SINK_FD, err))
        return -1;
    sk->fd = fd;
    probe_seekable(sk);
    return 0;
}

/* ---- the file destination ------------------------------------------------------ */

/* The directory part of @path including its last '/', as a length (0: none). */
static size_t dir_len(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) + 1 : 0;
}

/* strdup(3) through our own malloc, so that allocation tests reach it too. */
static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    else
        errno = ENOMEM;
    return p;
}

/* Follow @path through symbolic links (chains too, at most 40 hops, as Linux does)
 * to a name that is not a link: *out gets a new string, the target that rename(2)
 * must replace. A relative link is read from the link's own directory. The final
 * name need not exist when @missing_ok (a dangling link: its target is created).
 * Returns 0, or -1 with errno. */
static int follow_links(const char *path, int missing_ok, char **out)
{
    char *cur = copy_string(path);
    if (!cur)
        return -1;
    for (int hops = 0;; hops++) {
        struct stat ls;
        if (lstat(cur, &ls) != 0) {
            if (errno == ENOENT && missing_ok)
                break;
            goto fail;
        }
        if (!S_ISLNK(ls.st_mode))
            break;
        if (hops == 40) {
            errno = ELOOP;
            goto fail;
        }
        /* st_size is the target's length, except for /proc's links (0). */
        size_t cap = ls.st_size > 0 ? (size_t)ls.st_size + 1 : 4096;
        char *target;
        ssize_t n;
        for (;;) {
            target = malloc(cap);
            if (!target) {
                errno = ENOMEM;
                goto fail;
            }
            n = readlink(cur, target, cap);
            if (n < 0 || (size_t)n < cap)
                break;
            free(target);
            cap *= 2;
        }
        if (n < 0) {
            int e = errno;
            free(target);
            errno = e;
            goto fail;
        }
        size_t dl = target[0] == '/' ? 0 : dir_len(cur);
        char *next = malloc(dl + (size_t)n + 1);
        if (!next) {
            free(target);
            errno = ENOMEM;
            goto fail;
        }
        memcpy(next, cur, dl);
        memcpy(next + dl, target, (size_t)n);
        next[dl + (size_t)n] = 0;
        free(target);
        free(cur);
        cur = next;
    }
    *out = cur;
    return 0;
fail:;
    int e = errno;
    free(cur);
    errno = e;
    return -1;
}

/* A device, FIFO or socket is written as it stands: opened (a FIFO waits for its
 * reader), or for a socket connected, and never replaced. */
static int open_stream(const char *path, mode_t type)
{
    int fd;
    if (S_ISSOCK(type)) {
        struct sockaddr_un sa;
        size_t n = strlen(path);
        if (n >= sizeof sa.sun_path) {
            errno = ENAMETOOLONG;
            return -1;
        }
        memset(&sa, 0, sizeof sa);
        sa.sun_family = AF_UNIX;
        memcpy(sa.sun_path, path, n + 1);
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
    } else {
        fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    }
    if (fd < 0)
        return -1;
    /* Whatever was opened must still be a stream: bytes written into a regular
     * file that replaced the node meanwhile would overwrite it in place. */
    struct stat st;
    if (fstat(fd, &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
        close(fd);
        errno = EAGAIN;
        return -1;
    }
    return fd;
}

/* The temporary file's name, ".NAME.XXXXXX.tmp" with NAME the destination's own
 * name cut to fit @name_max bytes (at a UTF-8 character boundary) and X random
 * letters and digits. */
static void temp_name(char *out, const char *name, long name_max, uint64_t *seed)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    size_t room = name_max > 12 ? (size_t)name_max - 12 : 0;
    size_t keep = fx_utf8_prefix(name, strlen(name), room);
    char *p = out;
    *p++ = '.';
    memcpy(p, name, keep);
    p += keep;
    *p++ = '.';
    for (int i = 0; i < 6; i++) {
        *seed = *seed * 6364136223846793005ull + 1442695040888963407ull;
        *p++ = alphabet[(*seed >> 33) % 62];
    }
    memcpy(p, ".tmp", 5);
}

/* The temporary file has its name (tmp_path): messages say it, and it is removed unless committed. */
static void named_temporary(fx_sink *sk)
{
    sk->created = 1;
    snprintf(sk->label, sk->label_cap, "'%s'", sk->tmp_path);
}

int fx_sink_init_file(fx_sink *sk, const char *path, fx_error *err)
{
    if (!path || !*path) {
        errno = EINVAL;
        return -1;
    }
    /* What is there decides how it is written; nothing is created before that. */
    struct stat st;
    int exists = stat(path, &st) == 0;
    if (!exists && errno != ENOENT)
        return -1;
    if (exists && S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return -1;
    }
    if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
        if (sink_alloc(sk, FX_SINK_STREAM, err))
            return -1;
        sk->path = copy_string(path);
        sk->fd = sk->path ? open_stream(path, st.st_mode) : -1;
        if (sk->fd < 0) {
            int e = sk->path ? errno : ENOMEM;
            fx_sink_free(sk);
            errno = e;
            return -1;
        }
        return 0; /* not seekable: no <dimension>, no patches */
    }
    if (exists && !S_ISREG(st.st_mode)) {
        errno = ENOTSUP; /* a block device or anything else a workbook does not belong in */
        return -1;
    }

    if (sink_alloc(sk, FX_SINK_FILE, err))
        return -1;
    int e;
    if (follow_links(path, !exists, &sk->path) != 0)
        goto fail_errno;
    if (exists) {
        /* The name found must be the file stat(2) reached (not so for a /proc link
         * to a deleted file, or when the links changed meanwhile). */
        struct stat ls;
        if (lstat(sk->path, &ls) != 0 || ls.st_dev != st.st_dev || ls.st_ino != st.st_ino) {
            errno = ENOENT;
            goto fail_errno;
        }
    }
    size_t dlen = dir_len(sk->path);
    sk->name = sk->path + dlen;
    if (!*sk->name) {
        errno = EISDIR;
        goto fail_errno;
    }
    /* The directory is opened now, so that committing needs no allocation. */
    sk->tmp_path = malloc(dlen + strlen(sk->name) + 13);
    if (!sk->tmp_path) {
        errno = ENOMEM;
        goto fail_errno;
    }
    memcpy(sk->tmp_path, sk->path, dlen);
    sk->tmp_path[dlen] = 0;
    sk->dir_fd = open(dlen ? sk->tmp_path : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (sk->dir_fd < 0)
        goto fail_errno;
    sk->tmp_name = sk->tmp_path + dlen;
    long name_max = fpathconf(sk->dir_fd, _PC_NAME_MAX);
    if (name_max < 0 || name_max > 255)
        name_max = 255;

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t seed = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ ((uint64_t)getpid() << 32) ^
                    (uint64_t)(uintptr_t)sk;
    sk->seed = seed;
    sk->existed = exists;
    sk->label_cap = strlen(sk->path) + strlen(sk->name) + 64; /* room for either form */
    sk->label = malloc(sk->label_cap);
    if (!sk->label) {
        errno = ENOMEM;
        goto fail_errno;
    }
    snprintf(sk->label, sk->label_cap, "the temporary file of '%s'", sk->path);
    /* A file being replaced is private to the writer until it gets the old
     * file's owner and mode; a new one is created as open(2) would create it. */
    mode_t mode = exists ? 0600 : 0666;
    sk->fd = fx_unnamed_open(sk->dir_fd, mode);
    if (sk->fd >= 0) {
        sk->unnamed = 1;
    } else if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) {
        /* No O_TMPFILE here: a named one, removed unless committed. */
        for (int attempt = 0; attempt < 100; attempt++) {
            temp_name(sk->tmp_name, sk->name, name_max, &sk->seed);
            sk->fd = openat(sk->dir_fd, sk->tmp_name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
            if (sk->fd >= 0 || errno != EEXIST)
                break;
        }
        if (sk->fd >= 0)
            named_temporary(sk);
    }
    if (sk->fd < 0) {
        e = errno;
        char eb[128];
        const char *dir = dlen ? sk->tmp_path : "./";
        sk->tmp_path[dlen] = 0;
        if (e == EACCES || e == EPERM || e == EROFS)
            fx_fail(err, FAST_ERROR_IO,
                    "cannot create the temporary file beside '%s' in its directory '%s': %s; the workbook is "
                    "written there first and renamed over the destination at close, so the directory must be "
                    "writable, not only the file",
                    sk->path, dir, errno_text(e, eb, sizeof eb));
        else
            fx_fail(err, FAST_ERROR_IO, "cannot create the temporary file beside '%s' in the directory '%s': %s",
                    sk->path, dir, errno_text(e, eb, sizeof eb));
        errno = e;
        goto fail_errno;
    }
    if (exists) {
        /* Owner and group where the process may set them (root may, others at
         * most the group), then the permission bits, which fchown may clear. */
        if (fchown(sk->fd, st.st_uid, st.st_gid) != 0 && errno == EPERM)
            (void)fchown(sk->fd, (uid_t)-1, st.st_gid);
        if (fchmod(sk->fd, st.st_mode & 0777) != 0)
            goto fail_errno;
    }
    sk->seekable = 1;
    sk->base = 0;
    return 0;
fail_errno:
    e = errno;
    fx_sink_free(sk);
    errno = e;
    return -1;
}

static const char *sink_name(const fx_sink *sk)
{
    switch (sk->kind) {
    case FX_SINK_FILE: return sk->label;
    case FX_SINK_STREAM: return sk->path;
    case FX_SINK_FD: return "the output descriptor";
    default: return "the write callback";
    }
}

static fast_status io_fail(fx_sink *sk, const char *what, uint64_t at, int e)
{
    char eb[128];
    return fx_fail(sk->err, FAST_ERROR_IO, "%s %s failed at byte offset %llu: %s", what,
                   sink_name(sk), (unsigned long long)at, errno_text(e, eb, sizeof eb));
}

/* Deliver the *@left bytes at @p that start at package offset @at; *@left is
 * what the destination did not accept when it fails. */
static fast_status deliver(fx_sink *sk, const unsigned char *p, size_t *left, uint64_t at)
{
    size_t len = *left;
    fast_status st = FAST_OK;
    while (len > 0) {
        if (sk->kind == FX_SINK_CALLBACK) {
            int r = sk->write(p, len, sk->user);
            if (r <= 0 || (size_t)r > len) {
                st = fx_fail(sk->err, FAST_ERROR_CALLBACK,
                             "write callback returned %d for %zu bytes at byte offset %llu", r, len,
                             (unsigned long long)at);
                break;
            }
            p += r;
            len -= (size_t)r;
            at += (uint64_t)r;
        } else {
            ssize_t r = write(sk->fd, p, len);
            if (r < 0) {
                if (errno == EINTR)
                    continue;
                st = io_fail(sk, "write to", at, errno);
                break;
            }
            if (r == 0) {
                st = io_fail(sk, "write to", at, EIO);
                break;
            }
            p += r;
            len -= (size_t)r;
            at += (uint64_t)r;
        }
    }
    *left = len;
    if (st == FAST_OK && sk->kind == FX_SINK_FILE && at - sk->written_back >= FX_SINK_WRITEBACK) {
        fx_writeback_start(sk->fd, sk->base + sk->written_back, at - sk->written_back);
        sk->written_back = at;
    }
    return st;
}

fast_status fx_sink_flush(fx_sink *sk)
{
    if (sk->err->status != FAST_OK)
        return sk->err->status;
    if (sk->len == 0)
        return FAST_OK;
    size_t n = sk->len, left = n;
    fast_status st = deliver(sk, sk->buf, &left, sk->offset - n);
    /* What the destination refused stays buffered, so that fast_workbook_bytes_written()
     * counts only the bytes it accepted. */
    if (left)
        memmove(sk->buf, sk->buf + (n - left), left);
    sk->len = left;
    return st;
}

fast_status fx_sink_write(fx_sink *sk, const void *data, size_t len)
{
    const unsigned char *p = data;
    while (len > 0) {
        if (sk->len == FX_SINK_BUFFER) {
            fast_status st = fx_sink_flush(sk);
            if (st != FAST_OK)
                return st;
        }
        size_t n = FX_SINK_BUFFER - sk->len < len ? FX_SINK_BUFFER - sk->len : len;
        memcpy(sk->buf + sk->len, p, n);
        sk->len += n;
        sk->offset += n;
        p += n;
        len -= n;
    }
    return FAST_OK;
}

fast_status fx_sink_patch(fx_sink *sk, uint64_t offset, const void *data, size_t len)
{
    if (!sk->seekable || offset + len > sk->offset)
        return fx_fail(sk->err, FAST_ERROR_STATE, "internal: cannot patch %s at byte offset %llu",
                       sink_name(sk), (unsigned long long)offset);
    uint64_t buffered = sk->offset - sk->len;
    if (offset >= buffered) {
        memcpy(sk->buf + (offset - buffered), data, len);
        return FAST_OK;
    }
    fast_status st = fx_sink_flush(sk);
    if (st != FAST_OK)
        return st;
    const unsigned char *p = data;
    uint64_t at = offset;
    while (len > 0) {
        ssize_t r = pwrite(sk->fd, p, len, (off_t)(sk->base + at));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return io_fail(sk, "pwrite to", at, r < 0 ? errno : EIO);
        p += r;
        len -= (size_t)r;
        at += (uint64_t)r;
    }
    return FAST_OK;
}

fast_status fx_sink_commit(fx_sink *sk)
{
    fast_status st = fx_sink_flush(sk);
    if (st != FAST_OK || (sk->kind != FX_SINK_FILE && sk->kind != FX_SINK_STREAM))
        return st;
    char eb[128];
    if (sk->kind == FX_SINK_STREAM) {
        /* A stream is not synced: fsync(2) means nothing to a pipe or a device. */
        int r = close(sk->fd);
        sk->fd = -1;
        if (r != 0)
            return fx_fail(sk->err, FAST_ERROR_IO, "close of '%s' failed: %s", sk->path,
                           errno_text(errno, eb, sizeof eb));
        return FAST_OK;
    }
    if (fsync(sk->fd) != 0)
        return fx_fail(sk->err, FAST_ERROR_IO, "fsync of %s failed: %s", sink_name(sk),
                       errno_text(errno, eb, sizeof eb));
    int in_place = 0; /* the file got the destination's own name */
    if (sk->unnamed) {
        /* linkat(2) never replaces: a destination that did not exist gets the
         * file directly, one that exists is replaced through a temporary name. */
        int r = -1;
        if (!sk->existed) {
            r = fx_unnamed_link(sk->fd, sk->dir_fd, sk->name);
            in_place = r == 0;
        }
        if (r != 0 && (sk->existed || errno == EEXIST)) {
            long name_max = fpathconf(sk->dir_fd, _PC_NAME_MAX);
            for (int attempt = 0; attempt < 100; attempt++) {
                temp_name(sk->tmp_name, sk->name, name_max < 0 || name_max > 255 ? 255 : name_max, &sk->seed);
                r = fx_unnamed_link(sk->fd, sk->dir_fd, sk->tmp_name);
                if (r == 0 || errno != EEXIST)
                    break;
            }
            if (r == 0)
                named_temporary(sk);
        }
        if (r != 0)
            return fx_fail(sk->err, FAST_ERROR_IO, "cannot give %s a name in its directory: %s", sink_name(sk),
                           errno_text(errno, eb, sizeof eb));
    }
    int r = close(sk->fd);
    sk->fd = -1;
    if (r != 0) {
        int e = errno;
        if (in_place)
            unlinkat(sk->dir_fd, sk->name, 0); /* there was nothing there before */
        return fx_fail(sk->err, FAST_ERROR_IO, "close of %s failed: %s", sink_name(sk), errno_text(e, eb, sizeof eb));
    }
    if (!in_place && renameat(sk->dir_fd, sk->tmp_name, sk->dir_fd, sk->name) != 0)
        return fx_fail(sk->err, FAST_ERROR_IO, "cannot rename '%s' to '%s': %s", sk->tmp_path,
                       sk->path, errno_text(errno, eb, sizeof eb));
    sk->created = 0; /* committed: nothing left to remove */
    /* Make the rename itself durable. The workbook is complete and in place by now,
     * so a failure here is not "not written": it gets a status of its own. */
    r = fsync(sk->dir_fd);
    if (r != 0 && errno != EINVAL)
        return fx_fail(sk->err, FAST_ERROR_NOT_DURABLE,
                       "'%s' was written and renamed into place, but syncing its directory failed: %s; "
                       "the new content may not survive a crash or power loss",
                       sk->path, errno_text(errno, eb, sizeof eb));
    return FAST_OK;
}

void fx_sink_free(fx_sink *sk)
{
    if (sk->kind == FX_SINK_FILE || sk->kind == FX_SINK_STREAM) {
        if (sk->fd >= 0)
            close(sk->fd);
        if (sk->created)
            unlinkat(sk->dir_fd, sk->tmp_name, 0);
        if (sk->dir_fd >= 0)
            close(sk->dir_fd);
    }
    free(sk->tmp_path);
    free(sk->label);
    free(sk->path);
    free(sk->buf);
    memset(sk, 0, sizeof *sk);
    sk->fd = -1;
    sk->dir_fd = -1;
}
