/*
 * sink.c - output destinations. The file destination never exposes a partial
 * workbook under its name: bytes go to a temporary file beside it, which replaces
 * the destination by rename(2) only once the package is complete and synced.
 */
#include "internal.h"
#include "sink.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
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

int fx_sink_init_file(fx_sink *sk, const char *path, fx_error *err)
{
    if (!path || !*path) {
        errno = EINVAL;
        return -1;
    }
    if (sink_alloc(sk, FX_SINK_FILE, err))
        return -1;
    size_t plen = strlen(path);
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    /* "<dir>/.<base>.XXXXXX.tmp" */
    size_t cap = plen + 2 + 6 + 5 + 1;
    sk->path = malloc(plen + 1);
    sk->tmp_path = malloc(cap);
    if (!sk->path || !sk->tmp_path) {
        fx_sink_free(sk);
        errno = ENOMEM;
        return -1;
    }
    memcpy(sk->path, path, plen + 1);

    /* The directory is opened now, so that committing needs no allocation. */
    if (dirlen) {
        char *dir = sk->tmp_path; /* borrowed as scratch before it gets its real content */
        memcpy(dir, path, dirlen);
        dir[dirlen] = 0;
        sk->dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } else {
        sk->dir_fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    }
    if (sk->dir_fd < 0) {
        int e = errno;
        free(sk->tmp_path);
        sk->tmp_path = NULL;
        fx_sink_free(sk);
        errno = e;
        return -1;
    }

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t seed = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ ((uint64_t)getpid() << 32) ^
                    (uint64_t)(uintptr_t)sk;
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (int attempt = 0; attempt < 100; attempt++) {
        char rnd[7];
        for (int i = 0; i < 6; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            rnd[i] = alphabet[(seed >> 33) % 62];
        }
        rnd[6] = 0;
        snprintf(sk->tmp_path, cap, "%.*s.%s.%s.tmp", (int)dirlen, path, path + dirlen, rnd);
        sk->fd = open(sk->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (sk->fd >= 0 || errno != EEXIST)
            break;
    }
    if (sk->fd < 0) {
        int e = errno;
        free(sk->tmp_path);
        sk->tmp_path = NULL; /* nothing was created */
        fx_sink_free(sk);
        errno = e;
        return -1;
    }
    sk->created = 1;
    sk->seekable = 1;
    sk->base = 0;
    return 0;
}

static const char *sink_name(const fx_sink *sk)
{
    switch (sk->kind) {
    case FX_SINK_FILE: return sk->tmp_path;
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

/* Deliver @len bytes that start at package offset @at. */
static fast_status deliver(fx_sink *sk, const unsigned char *p, size_t len, uint64_t at)
{
    while (len > 0) {
        if (sk->kind == FX_SINK_CALLBACK) {
            int r = sk->write(p, len, sk->user);
            if (r <= 0 || (size_t)r > len)
                return fx_fail(sk->err, FAST_ERROR_CALLBACK,
                               "write callback returned %d for %zu bytes at byte offset %llu", r, len,
                               (unsigned long long)at);
            p += r;
            len -= (size_t)r;
            at += (uint64_t)r;
        } else {
            ssize_t r = write(sk->fd, p, len);
            if (r < 0) {
                if (errno == EINTR)
                    continue;
                return io_fail(sk, "write to", at, errno);
            }
            if (r == 0)
                return io_fail(sk, "write to", at, EIO);
            p += r;
            len -= (size_t)r;
            at += (uint64_t)r;
        }
    }
    return FAST_OK;
}

fast_status fx_sink_flush(fx_sink *sk)
{
    if (sk->err->status != FAST_OK)
        return sk->err->status;
    if (sk->len == 0)
        return FAST_OK;
    size_t n = sk->len;
    sk->len = 0;
    return deliver(sk, sk->buf, n, sk->offset - n);
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
    if (st != FAST_OK || sk->kind != FX_SINK_FILE)
        return st;
    char eb[128];
    if (fsync(sk->fd) != 0)
        return fx_fail(sk->err, FAST_ERROR_IO, "fsync of '%s' failed: %s", sk->tmp_path,
                       errno_text(errno, eb, sizeof eb));
    int r = close(sk->fd);
    sk->fd = -1;
    if (r != 0)
        return fx_fail(sk->err, FAST_ERROR_IO, "close of '%s' failed: %s", sk->tmp_path,
                       errno_text(errno, eb, sizeof eb));
    if (rename(sk->tmp_path, sk->path) != 0)
        return fx_fail(sk->err, FAST_ERROR_IO, "cannot rename '%s' to '%s': %s", sk->tmp_path,
                       sk->path, errno_text(errno, eb, sizeof eb));
    sk->created = 0; /* committed: nothing left to remove */
    /* Make the rename itself durable. The workbook is complete and in place by now;
     * a failure here only means the new name may not survive a crash. */
    r = fsync(sk->dir_fd);
    if (r != 0 && errno != EINVAL)
        return fx_fail(sk->err, FAST_ERROR_IO, "'%s' was written, but syncing its directory failed: %s",
                       sk->path, errno_text(errno, eb, sizeof eb));
    return FAST_OK;
}

void fx_sink_free(fx_sink *sk)
{
    if (sk->kind == FX_SINK_FILE) {
        if (sk->fd >= 0)
            close(sk->fd);
        if (sk->created)
            unlink(sk->tmp_path);
        if (sk->dir_fd >= 0)
            close(sk->dir_fd);
    }
    free(sk->tmp_path);
    free(sk->path);
    free(sk->buf);
    memset(sk, 0, sizeof *sk);
    sk->fd = -1;
    sk->dir_fd = -1;
}
