/*
 * fault_io.c - a workbook written to a path while the system calls the library
 * makes fail: open, openat, write, pwrite, fsync, close, renameat, linkat and
 * sync_file_range are wrapped at link time (--wrap), and for each of them and
 * every N, the Nth call fails with EIO and then with ENOSPC, with and without
 * the compression thread. Then the file size limit (RLIMIT_FSIZE with SIGXFSZ ignored) at
 * several sizes, and a full filesystem (a small tmpfs, where one can be
 * mounted). After every run:
 *  - the status is FAST_ERROR_IO from the call that failed and every later call
 *    (or NULL from fast_workbook_new() with that errno), the message naming the
 *    operation and the errno text, and the destination byte-identical to what
 *    it held before;
 *  - except after the rename: a failed directory fsync gives
 *    FAST_ERROR_NOT_DURABLE and a failed close of the directory nothing, both
 *    with the complete new workbook in place;
 *  - no temporary file is left, no descriptor stays open.
 * The same for a destination that does not exist yet (where the temporary file
 * is unnamed, O_TMPFILE, it is linked under the destination's name directly):
 * after a failure nothing is left in the directory. And a directory that takes
 * no new file (EACCES, EROFS from creating the temporary file): NULL, and the
 * message of fast_workbook_error_message(NULL) names the directory and the
 * temporary file beside the destination.
 * sync_file_range only starts the writeback of a large file early (the small
 * workbook makes no such call; a larger one, written for it, does): its
 * failure must not fail the workbook, which fsync checks in the end.
 * Leaks are found by running this under valgrind or LeakSanitizer.
 */
#define _GNU_SOURCE /* mkdtemp, mount, O_TMPFILE */
#include "fault.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

enum { F_OPEN, F_OPENAT, F_WRITE, F_PWRITE, F_FSYNC, F_CLOSE, F_RENAMEAT, F_SYNC_RANGE, F_LINKAT, NFN };
static const char *fn_names[NFN] = {"open",  "openat",   "write",          "pwrite",
                                    "fsync", "close",    "renameat",       "sync_file_range",
                                    "linkat"};

static atomic_long counts[NFN];
static atomic_int armed;
static int fail_fn = -1, fail_errno;
static long fail_n;
static atomic_int failed, failed_on_dir; /* the injected failure happened, on a directory */

/* Whether this call (of @fn, on descriptor @fd or -1) is the one to fail. */
static int inject(int fn, int fd)
{
    if (!atomic_load(&armed))
        return 0;
    long n = atomic_fetch_add(&counts[fn], 1) + 1;
    if (fn != fail_fn || n != fail_n)
        return 0;
    struct stat st;
    atomic_store(&failed_on_dir, fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode));
    atomic_store(&failed, 1);
    return 1;
}

int __real_open(const char *path, int flags, ...);
int __real_openat(int dirfd, const char *path, int flags, ...);
ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __real_pwrite(int fd, const void *buf, size_t n, off_t off);
int __real_fsync(int fd);
int __real_close(int fd);
int __real_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
int __real_sync_file_range(int fd, off_t offset, off_t nbytes, unsigned int flags);
int __real_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);
int __wrap_open(const char *path, int flags, ...);
int __wrap_openat(int dirfd, const char *path, int flags, ...);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
ssize_t __wrap_pwrite(int fd, const void *buf, size_t n, off_t off);
int __wrap_fsync(int fd);
int __wrap_close(int fd);
int __wrap_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
int __wrap_sync_file_range(int fd, off_t offset, off_t nbytes, unsigned int flags);
int __wrap_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);

#define FAIL_IF(fn, fd)                                                                            \
    do {                                                                                           \
        if (inject(fn, fd)) {                                                                      \
            errno = fail_errno;                                                                    \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)

int __wrap_open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (flags & O_CREAT) ? (mode_t)va_arg(ap, int) : 0;
    va_end(ap);
    FAIL_IF(F_OPEN, -1);
    return __real_open(path, flags, mode);
}

int __wrap_openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
    va_end(ap);
    FAIL_IF(F_OPENAT, -1);
    return __real_openat(dirfd, path, flags, mode);
}

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
    FAIL_IF(F_WRITE, fd);
    return __real_write(fd, buf, n);
}

ssize_t __wrap_pwrite(int fd, const void *buf, size_t n, off_t off)
{
    FAIL_IF(F_PWRITE, fd);
    return __real_pwrite(fd, buf, n, off);
}

int __wrap_fsync(int fd)
{
    FAIL_IF(F_FSYNC, fd);
    return __real_fsync(fd);
}

/* As on Linux, a close that fails has still released the descriptor. */
int __wrap_close(int fd)
{
    int fail = inject(F_CLOSE, fd);
    int r = __real_close(fd);
    if (fail) {
        errno = fail_errno;
        return -1;
    }
    return r;
}

int __wrap_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
    FAIL_IF(F_RENAMEAT, -1);
    return __real_renameat(olddirfd, oldpath, newdirfd, newpath);
}

int __wrap_sync_file_range(int fd, off_t offset, off_t nbytes, unsigned int flags)
{
    FAIL_IF(F_SYNC_RANGE, fd);
    return __real_sync_file_range(fd, offset, nbytes, flags);
}

int __wrap_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
    FAIL_IF(F_LINKAT, -1);
    return __real_linkat(olddirfd, oldpath, newdirfd, newpath, flags);
}

static const char old_content[] = "the previous content of the destination\n";
static char dir[64], dest[160];
static unsigned char *ref[3];
static size_t ref_len[3];
static long runs;

/* One workbook to dest; fills @run (first = FAST_ERROR_IO and errno in
 * *@new_errno when fast_workbook_new() returned NULL). */
/* Start counting calls from zero, with nothing failed yet. */
static void arm(void)
{
    for (int i = 0; i < NFN; i++)
        atomic_store(&counts[i], 0);
    atomic_store(&failed, 0);
    atomic_store(&failed_on_dir, 0);
    atomic_store(&armed, 1);
}

static void write_dest(unsigned threads, fault_run *run, int *new_errno)
{
    *new_errno = 0;
    arm();
    fast_workbook *wb = fast_workbook_new(dest);
    if (!wb) {
        *new_errno = errno;
        memset(run, 0, sizeof *run);
        run->first = run->close = FAST_ERROR_IO;
        run->where = "fast_workbook_new";
        snprintf(run->message, sizeof run->message, "%s", fast_workbook_error_message(NULL));
    } else {
        fault_scenario(wb, threads, 0, run); /* stored: more bytes, more writes */
    }
    atomic_store(&armed, 0);
}

static void check_leftovers(const char *ctx, int fds_before)
{
    char other[300];
    int n = fault_dir_entries(dir, "book.xlsx", other, sizeof other);
    CHECK(n == 1 && !other[0], "%s: the directory holds %d entries (%s)", ctx, n, other);
    CHECK(fault_open_fds() == fds_before, "%s: %d descriptors open, %d before", ctx, fault_open_fds(),
          fds_before);
}

static void one_injection(unsigned threads, int fn, long n, int e)
{
    char ctx[128];
    snprintf(ctx, sizeof ctx, "threads %u, %s call %ld failing with %s", threads, fn_names[fn], n, strerror(e));
    fault_write_file(dest, old_content, sizeof old_content - 1);
    int fds = fault_open_fds();
    fail_fn = fn;
    fail_n = n;
    fail_errno = e;
    fault_run run;
    int new_errno;
    write_dest(threads, &run, &new_errno);
    fail_fn = -1;
    runs++;
    CHECK(atomic_load(&failed), "%s: the call was not made", ctx);
    const unsigned char *now_ref = ref[threads];
    if (new_errno) {
        CHECK(fn == F_OPEN || fn == F_OPENAT, "%s: fast_workbook_new failed", ctx);
        CHECK(new_errno == e, "%s: fast_workbook_new's errno %d", ctx, new_errno);
        CHECK(strstr(run.message, strerror(e)) && strstr(run.message, dest), "%s: message: %s", ctx, run.message);
        CHECK(fault_file_equals(dest, (const unsigned char *)old_content, sizeof old_content - 1),
              "%s: the destination changed", ctx);
    } else if (fn == F_FSYNC && atomic_load(&failed_on_dir)) {
        CHECK(run.first == FAST_ERROR_NOT_DURABLE && run.close == FAST_ERROR_NOT_DURABLE,
              "%s: status %d from %s: %s", ctx, (int)run.first, run.where ? run.where : "-", run.message);
        CHECK(strstr(run.message, strerror(e)) && strstr(run.message, "renamed into place"), "%s: message: %s",
              ctx, run.message);
        CHECK(fault_file_equals(dest, now_ref, ref_len[threads]), "%s: the new workbook is not in place", ctx);
    } else if (fn == F_CLOSE && atomic_load(&failed_on_dir)) {
        /* Closing the directory after the rename: nothing is lost. */
        CHECK(run.first == FAST_OK, "%s: status %d: %s", ctx, (int)run.first, run.message);
        CHECK(fault_file_equals(dest, now_ref, ref_len[threads]), "%s: the new workbook is not in place", ctx);
    } else {
        CHECK(run.first == FAST_ERROR_IO && run.close == FAST_ERROR_IO && !run.not_sticky,
              "%s: status %d from %s, close %d, sticky %d: %s", ctx, (int)run.first,
              run.where ? run.where : "-", (int)run.close, !run.not_sticky, run.message);
        CHECK(strstr(run.message, strerror(e)) != NULL, "%s: message without the errno text: %s", ctx,
              run.message);
        CHECK(fault_file_equals(dest, (const unsigned char *)old_content, sizeof old_content - 1),
              "%s: the destination changed", ctx);
    }
    check_leftovers(ctx, fds);
}

/* A destination that does not exist yet, each call failing in turn: nothing is
 * left in the directory, no descriptor stays open. */
static void new_destination(unsigned threads)
{
    unlink(dest);
    fault_run run;
    int new_errno;
    write_dest(threads, &run, &new_errno);
    CHECK(run.first == FAST_OK, "threads %u: a new destination failed: %s", threads, run.message);
    long total[NFN];
    for (int fn = 0; fn < NFN; fn++)
        total[fn] = atomic_load(&counts[fn]);
    for (int fn = 0; fn < NFN; fn++)
        for (long n = 1; n <= total[fn]; n++) {
            char ctx[128], other[300];
            snprintf(ctx, sizeof ctx, "threads %u, new destination, %s call %ld failing", threads, fn_names[fn], n);
            unlink(dest);
            int fds = fault_open_fds();
            fail_fn = fn;
            fail_n = n;
            fail_errno = EIO;
            write_dest(threads, &run, &new_errno);
            fail_fn = -1;
            runs++;
            if (fn == F_SYNC_RANGE || ((fn == F_FSYNC || fn == F_CLOSE) && atomic_load(&failed_on_dir)))
                continue; /* after the commit, or not a failure: seen above */
            CHECK(run.first == FAST_ERROR_IO, "%s: status %d: %s", ctx, (int)run.first, run.message);
            int left = fault_dir_entries(dir, NULL, other, sizeof other);
            CHECK(left == 0, "%s: the directory holds %d entries (%s)", ctx, left, other);
            CHECK(fault_open_fds() == fds, "%s: %d descriptors open, %d before", ctx, fault_open_fds(), fds);
        }
}

/* Creating the temporary file refused as in a directory the process may not
 * write to, or on a read-only file system: the message says where and why. */
static void unwritable_directory(void)
{
    static const int errnos[] = {EACCES, EROFS};
    for (int k = 0; k < 2; k++) {
        char ctx[96], want[700];
        snprintf(ctx, sizeof ctx, "creating the temporary file failing with %s", strerror(errnos[k]));
        fault_write_file(dest, old_content, sizeof old_content - 1);
        fail_fn = F_OPENAT;
        fail_n = 1;
        fail_errno = errnos[k];
        fault_run run;
        int new_errno;
        write_dest(1, &run, &new_errno);
        fail_fn = -1;
        runs++;
        CHECK(new_errno == errnos[k], "%s: fast_workbook_new's errno %d", ctx, new_errno);
        snprintf(want, sizeof want,
                 "fast_workbook_new: cannot create the temporary file beside '%s' in its directory '%s/': %s; the "
                 "workbook is written there first and renamed over the destination at close, so the directory "
                 "must be writable, not only the file",
                 dest, dir, strerror(errnos[k]));
        CHECK(!strcmp(run.message, want), "%s: message: %s", ctx, run.message);
        CHECK(fault_file_equals(dest, (const unsigned char *)old_content, sizeof old_content - 1),
              "%s: the destination changed", ctx);
    }
}

/* A workbook of about 12.7 MB (stored) to dest, large enough for the library to
 * start the file's writeback while it writes; its status. */
static fast_status write_large(unsigned threads, char *message, size_t cap)
{
    arm();
    fast_status st = FAST_ERROR_IO;
    fast_workbook *wb = fast_workbook_new(dest);
    fast_cells *c = fast_cells_new(4);
    if (wb && c) {
        st = fast_workbook_set_threads(wb, threads);
        if (st == FAST_OK)
            st = fast_workbook_set_compression_level(wb, 0);
        if (st == FAST_OK)
            st = fast_workbook_add_worksheet(wb, "Large", 5);
        for (int r = 0; r < 64000 && st == FAST_OK; r++) {
            char text[48];
            int n = snprintf(text, sizeof text, "row %d of the large workbook", r);
            fast_cells_set_integer(c, 0, r);
            fast_cells_set_string(c, 1, text, (size_t)n);
            fast_cells_set_number(c, 2, r / 8.0);
            fast_cells_set_boolean(c, 3, r & 1);
            st = fast_workbook_write_row(wb, c, 4);
        }
        fast_status cst = fast_workbook_close(wb);
        if (st == FAST_OK)
            st = cst;
        snprintf(message, cap, "%s", fast_workbook_error_message(wb));
    } else {
        snprintf(message, cap, "cannot create the workbook: %s", strerror(errno));
    }
    fast_workbook_free(wb);
    fast_cells_free(c);
    atomic_store(&armed, 0);
    return st;
}

/* sync_file_range failing at each of its calls: the workbook is still written. */
static void writeback_failures(unsigned threads)
{
    char msg[600], ctx[128];
    unsigned char *clean = NULL;
    fault_write_file(dest, old_content, sizeof old_content - 1);
    int fds = fault_open_fds();
    fast_status st = write_large(threads, msg, sizeof msg);
    long calls = atomic_load(&counts[F_SYNC_RANGE]);
    CHECK(st == FAST_OK, "threads %u: the large workbook failed: %s", threads, msg);
    size_t clean_len = fault_read_file(dest, &clean);
    printf("fault_io: threads %u: a clean run of %zu bytes makes %ld sync_file_range\n", threads, clean_len,
           calls);
    CHECK(calls >= 2, "threads %u: %ld sync_file_range calls for %zu bytes", threads, calls, clean_len);
    check_leftovers("large workbook", fds);
    static const int errnos[] = {EIO, ENOSPC};
    for (long n = 1; n <= calls; n++)
        for (int k = 0; k < 2; k++) {
            snprintf(ctx, sizeof ctx, "threads %u, sync_file_range call %ld failing with %s", threads, n,
                     strerror(errnos[k]));
            fault_write_file(dest, old_content, sizeof old_content - 1);
            fail_fn = F_SYNC_RANGE;
            fail_n = n;
            fail_errno = errnos[k];
            st = write_large(threads, msg, sizeof msg);
            fail_fn = -1;
            runs++;
            CHECK(atomic_load(&failed), "%s: the call was not made", ctx);
            CHECK(st == FAST_OK, "%s: status %d: %s", ctx, (int)st, msg);
            CHECK(clean && fault_file_equals(dest, clean, clean_len), "%s: the new workbook is not in place", ctx);
            check_leftovers(ctx, fds);
        }
    free(clean);
}

/* A run in a child process limited to @limit bytes per file. */
static void file_size_limit(unsigned threads, rlim_t limit)
{
    char ctx[96];
    snprintf(ctx, sizeof ctx, "threads %u, file size limit %lu", threads, (unsigned long)limit);
    fault_write_file(dest, old_content, sizeof old_content - 1);
    int fds = fault_open_fds();
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        fault_failures = 0; /* the child's own checks, each printed */
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {limit, limit};
        setrlimit(RLIMIT_FSIZE, &rl);
        fault_run run;
        int new_errno;
        write_dest(threads, &run, &new_errno);
        CHECK(run.first == FAST_ERROR_IO && run.close == FAST_ERROR_IO && !run.not_sticky,
              "%s: status %d from %s: %s", ctx, (int)run.first, run.where ? run.where : "-", run.message);
        CHECK(strstr(run.message, strerror(EFBIG)) != NULL, "%s: message: %s", ctx, run.message);
        exit(fault_failures ? 1 : 0);
    }
    int ws = 0;
    waitpid(pid, &ws, 0);
    runs++;
    CHECK(WIFEXITED(ws) && WEXITSTATUS(ws) == 0, "%s: the child failed (status 0x%x)", ctx, ws);
    CHECK(fault_file_equals(dest, (const unsigned char *)old_content, sizeof old_content - 1),
          "%s: the destination changed", ctx);
    check_leftovers(ctx, fds);
}

/* A tmpfs filled to @room free bytes, the destination on it. */
static int full_filesystem(unsigned threads, const char *mnt, size_t room)
{
    char ctx[96], filler[128], saved[160];
    snprintf(ctx, sizeof ctx, "threads %u, full filesystem with %zu bytes free", threads, room);
    if (mount("tmpfs", mnt, "tmpfs", 0, "size=256k,mode=0700") != 0)
        return -1;
    snprintf(filler, sizeof filler, "%s/filler", mnt);
    snprintf(saved, sizeof saved, "%s", dest);
    snprintf(dest, sizeof dest, "%s/book.xlsx", mnt);
    fault_write_file(dest, old_content, sizeof old_content - 1);
    struct statvfs vs;
    statvfs(mnt, &vs);
    size_t avail = (size_t)vs.f_bavail * vs.f_frsize;
    size_t fill = avail > room ? avail - room : 0;
    void *zero = calloc(1, fill + 1);
    fault_write_file(filler, zero, fill);
    free(zero);
    int fds = fault_open_fds();
    fault_run run;
    int new_errno;
    write_dest(threads, &run, &new_errno);
    runs++;
    CHECK(run.first == FAST_ERROR_IO && run.close == FAST_ERROR_IO && !run.not_sticky,
          "%s: status %d from %s: %s", ctx, (int)run.first, run.where ? run.where : "-", run.message);
    CHECK(strstr(run.message, strerror(ENOSPC)) != NULL, "%s: message: %s", ctx, run.message);
    CHECK(fault_file_equals(dest, (const unsigned char *)old_content, sizeof old_content - 1),
          "%s: the destination changed", ctx);
    char other[300];
    int n = fault_dir_entries(mnt, "book.xlsx", other, sizeof other);
    CHECK(n == 2 && !strcmp(other, "filler"), "%s: the filesystem holds %d entries (%s)", ctx, n, other);
    CHECK(fault_open_fds() == fds, "%s: a descriptor stayed open", ctx);
    snprintf(dest, sizeof dest, "%s", saved);
    if (umount(mnt) != 0) {
        fprintf(stderr, "cannot unmount %s: %s\n", mnt, strerror(errno));
        exit(2);
    }
    return 0;
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/fastxlsx-fault-XXXXXX");
    if (!mkdtemp(dir))
        return 2;
    snprintf(dest, sizeof dest, "%s/book.xlsx", dir);
    static const int errnos[] = {EIO, ENOSPC};
    for (unsigned threads = 1; threads <= 2; threads++) {
        /* The clean run: the calls made, and the workbook expected. */
        fault_write_file(dest, old_content, sizeof old_content - 1);
        fault_run run;
        int new_errno;
        write_dest(threads, &run, &new_errno);
        CHECK(run.first == FAST_OK, "threads %u: the clean run failed: %s", threads, run.message);
        ref_len[threads] = fault_read_file(dest, &ref[threads]);
        long total[NFN];
        for (int fn = 0; fn < NFN; fn++)
            total[fn] = atomic_load(&counts[fn]);
        printf("fault_io: threads %u: a clean run of %zu bytes makes", threads, ref_len[threads]);
        for (int fn = 0; fn < NFN; fn++)
            printf(" %ld %s", total[fn], fn_names[fn]);
        printf("\n");
        for (int fn = 0; fn < NFN; fn++)
            for (long n = 1; n <= total[fn]; n++)
                for (int k = 0; k < 2; k++)
                    one_injection(threads, fn, n, errnos[k]);
        size_t size = ref_len[threads];
        rlim_t limits[] = {0, 1, 30, 100, 1000, 4096, 8192, size / 2, size - 100, size - 1};
        for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++)
            file_size_limit(threads, limits[i]);
    }
    for (unsigned threads = 1; threads <= 2; threads++)
        new_destination(threads);
    unwritable_directory();
    for (unsigned threads = 1; threads <= 2; threads++)
        writeback_failures(threads);
    /* A full filesystem, where this process may mount one. */
    char mnt[96];
    snprintf(mnt, sizeof mnt, "%s/mnt", dir);
    mkdir(mnt, 0700);
    static const size_t rooms[] = {0, 100, 4096, 8192};
    int mounted = 0;
    for (unsigned threads = 1; threads <= 2; threads++)
        for (size_t i = 0; i < sizeof rooms / sizeof rooms[0]; i++)
            if (full_filesystem(threads, mnt, rooms[i]) == 0)
                mounted = 1;
    if (!mounted)
        printf("fault_io: full filesystem skipped: cannot mount a tmpfs here (%s)\n", strerror(errno));
    rmdir(mnt);
    unlink(dest);
    rmdir(dir);
    free(ref[1]);
    free(ref[2]);
    printf("fault_io: %ld runs, %d failed checks\n", runs, fault_failures);
    return fault_failures ? 1 : 0;
}
