/*
 * test_sink.c - what fast_workbook_new(path) does with what is already at @path:
 * a regular file is replaced atomically and keeps its mode, owner and group; a
 * symbolic link (chains, relative, dangling) is followed and stays a link; a
 * character device, FIFO or socket is written as a stream and never replaced; a
 * directory or block device is refused before anything is written; names of up
 * to 255 bytes work; a failed directory sync after the rename reports
 * FAST_ERROR_NOT_DURABLE. Every node is made in a fresh directory under /tmp
 * (mknod and chown need root; those tests are skipped otherwise). fsync is
 * wrapped at link time (--wrap=fsync) so that a test can fail it on directories.
 */
#define _GNU_SOURCE /* mknod, makedev, scandir, O_TMPFILE */
#include <fastxlsx.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include "testutil.h"

int __real_fsync(int fd);
int __wrap_fsync(int fd);

static int fail_dir_fsync; /* make fsync of a directory fail with EIO */

int __wrap_fsync(int fd)
{
    struct stat st;
    if (fail_dir_fsync && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        errno = EIO;
        return -1;
    }
    return __real_fsync(fd);
}

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/fastxlsx-sink-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    fail_dir_fsync = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *at(const char *name)
{
    static char buf[4][1024];
    static int k;
    char *p = buf[k++ & 3];
    snprintf(p, sizeof buf[0], "%s/%s", dir, name);
    return p;
}

#define SKIP_UNLESS_ROOT()                                                                         \
    do {                                                                                           \
        if (geteuid() != 0) {                                                                      \
            printf("(skipped: needs root)\n");                                             \
            skip();                                                                                \
        }                                                                                          \
    } while (0)

/* A two-sheet workbook with @rows rows on the first sheet. Returns close's status. */
static fast_status write_small(fast_workbook *wb, int rows)
{
    fast_cells *c = fast_cells_new(2);
    assert_non_null(c);
    fast_status st = fast_workbook_add_worksheet(wb, "Data", 4);
    for (int r = 0; r < rows && st == FAST_OK; r++) {
        fast_cells_set_string(c, 0, "row", 3);
        fast_cells_set_integer(c, 1, r + 1);
        st = fast_workbook_write_row(wb, c, 2);
    }
    if (st == FAST_OK)
        st = fast_workbook_add_worksheet(wb, "More", 4);
    if (st == FAST_OK)
        st = fast_workbook_write_row_strings(wb, (const char *[]){"x", "y"}, NULL, 2);
    fast_cells_free(c);
    if (st == FAST_OK)
        st = fast_workbook_close(wb);
    return st;
}

/* openpyxl (an independent reader) opens @path and finds @rows rows on sheet Data. */
static void assert_openpyxl_reads(const char *path, int rows)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "/usr/bin/python3 -c 'import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1])[\"Data\"]; "
             "v=[r for r in ws.iter_rows(values_only=True)]; "
             "sys.exit(0 if len(v)==%d and v[-1]==(\"row\",%d) else 1)' '%s'",
             rows, rows, path);
    if (system(cmd) != 0)
        fail_msg("openpyxl could not read %d rows from %s", rows, path);
}

static void assert_file_is_zip(const char *path)
{
    tu_buf b = {0};
    assert_int_equal(tu_read_file(path, &b), 0);
    assert_true(b.len > 100);
    assert_memory_equal(b.data, "PK\3\4", 4);
    tu_buf_free(&b);
}

/* The names in directory @d other than "." and "..", sorted, joined by '/'. */
static void list_dir(const char *d, char *out, size_t cap)
{
    struct dirent **names;
    int n = scandir(d, &names, NULL, alphasort);
    assert_true(n >= 0);
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, "..")) {
            if (out[0])
                strncat(out, "/", cap - strlen(out) - 1);
            strncat(out, names[i]->d_name, cap - strlen(out) - 1);
        }
        free(names[i]);
    }
    free(names);
}

static void assert_dir_holds(const char *d, const char *expected)
{
    char got[4096];
    list_dir(d, got, sizeof got);
    if (strcmp(got, expected) != 0)
        fail_msg("directory %s holds \"%s\", expected \"%s\"", d, got, expected);
}

/* The temporary file's name: ".NAME.XXXXXX.tmp", NAME a prefix of @dest. */
static int is_temp_name(const char *name, const char *dest)
{
    size_t n = strlen(name);
    if (n < 12 || n > 255 || name[0] != '.' || strcmp(name + n - 4, ".tmp") != 0 || name[n - 11] != '.')
        return 0;
    for (size_t i = n - 10; i < n - 4; i++)
        if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
              (name[i] >= '0' && name[i] <= '9')))
            return 0;
    size_t keep = n - 12;
    return keep <= strlen(dest) && memcmp(name + 1, dest, keep) == 0;
}

/* 1 when @d takes unnamed files (O_TMPFILE): the library's temporary file then
 * has no name until the commit. */
static int unnamed_files_work(const char *d)
{
    int fd = open(d, O_TMPFILE | O_WRONLY, 0600);
    if (fd < 0)
        return 0;
    close(fd);
    return 1;
}

/* The file behind one of this process's descriptors that is unnamed in @d
 * (Linux shows it as "D/#INODE (deleted)"): its stat in @st. Returns how many. */
static int unnamed_temp_files(const char *d, struct stat *st)
{
    DIR *fds = opendir("/proc/self/fd");
    int found = 0;
    struct dirent *e;
    size_t dl = strlen(d);
    while (fds && (e = readdir(fds)) != NULL) {
        char link[300], target[600];
        snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
        ssize_t n = readlink(link, target, sizeof target - 1);
        if (n <= 0)
            continue;
        target[n] = 0;
        if (strncmp(target, d, dl) == 0 && target[dl] == '/' && target[dl + 1] == '#' &&
            strstr(target, " (deleted)") && stat(link, st) == 0)
            found++;
    }
    if (fds)
        closedir(fds);
    return found;
}

/* ---- regular files ---------------------------------------------------------------- */

static void test_regular_file_keeps_mode_and_owner(void **state)
{
    (void)state;
    SKIP_UNLESS_ROOT();
    const char *p = at("private.xlsx");
    FILE *f = fopen(p, "w");
    fputs("old content", f);
    fclose(f);
    assert_int_equal(chmod(p, 0640), 0);
    assert_int_equal(chown(p, 1234, 5678), 0);
    struct stat before, mid, after;
    assert_int_equal(stat(p, &before), 0);

    fast_workbook *wb = fast_workbook_new(p);
    assert_non_null(wb);
    /* While it is written, the temporary file is as private as the old one. */
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort), found = 0;
    for (int i = 0; i < n; i++) {
        if (is_temp_name(names[i]->d_name, "private.xlsx")) {
            found++;
            assert_int_equal(stat(at(names[i]->d_name), &mid), 0);
            assert_int_equal(mid.st_mode & 07777, 0640);
            assert_int_equal(mid.st_uid, 1234);
            assert_int_equal(mid.st_gid, 5678);
        }
        free(names[i]);
    }
    free(names);
    if (unnamed_files_work(dir)) {
        /* No name while it is written: found through the library's descriptor. */
        assert_int_equal(found, 0);
        assert_int_equal(unnamed_temp_files(dir, &mid), 1);
        assert_int_equal(mid.st_mode & 07777, 0640);
        assert_int_equal(mid.st_uid, 1234);
        assert_int_equal(mid.st_gid, 5678);
        found = 1;
    }
    assert_int_equal(found, 1);
    assert_int_equal(write_small(wb, 5), FAST_OK);
    fast_workbook_free(wb);

    assert_int_equal(stat(p, &after), 0);
    assert_true(S_ISREG(after.st_mode));
    assert_int_equal(after.st_mode & 07777, 0640);
    assert_int_equal(after.st_uid, 1234);
    assert_int_equal(after.st_gid, 5678);
    assert_true(after.st_ino != before.st_ino); /* replaced by rename, not rewritten */
    assert_dir_holds(dir, "private.xlsx");
    assert_openpyxl_reads(p, 5);
}

static void test_regular_file_as_non_owner_keeps_mode(void **state)
{
    (void)state;
    /* Without root the owner cannot be given away: the mode is still kept. */
    const char *p = at("shared.xlsx");
    FILE *f = fopen(p, "w");
    fputs("old", f);
    fclose(f);
    assert_int_equal(chmod(p, 0604), 0);
    fast_workbook *wb = fast_workbook_new(p);
    assert_non_null(wb);
    assert_int_equal(write_small(wb, 2), FAST_OK);
    fast_workbook_free(wb);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0604);
    assert_file_is_zip(p);
}

/* ---- symbolic links --------------------------------------------------------------- */

static void assert_link(const char *path, const char *target)
{
    char buf[1024];
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    assert_true(n > 0);
    buf[n] = 0;
    assert_string_equal(buf, target);
}

static void test_symlink_chain_replaces_the_target(void **state)
{
    (void)state;
    /* l2.xlsx -> l1.xlsx -> t/rel.xlsx -> real.xlsx (the last one relative to t/) */
    assert_int_equal(mkdir(at("t"), 0755), 0);
    FILE *f = fopen(at("t/real.xlsx"), "w");
    fputs("old", f);
    fclose(f);
    assert_int_equal(chmod(at("t/real.xlsx"), 0600), 0);
    assert_int_equal(symlink("real.xlsx", at("t/rel.xlsx")), 0);
    assert_int_equal(symlink("t/rel.xlsx", at("l1.xlsx")), 0);
    assert_int_equal(symlink("l1.xlsx", at("l2.xlsx")), 0);

    fast_workbook *wb = fast_workbook_new(at("l2.xlsx"));
    assert_non_null(wb);
    assert_int_equal(write_small(wb, 3), FAST_OK);
    fast_workbook_free(wb);

    assert_link(at("l2.xlsx"), "l1.xlsx");
    assert_link(at("l1.xlsx"), "t/rel.xlsx");
    assert_link(at("t/rel.xlsx"), "real.xlsx");
    struct stat st;
    assert_int_equal(lstat(at("t/real.xlsx"), &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_dir_holds(dir, "l1.xlsx/l2.xlsx/t");
    assert_dir_holds(at("t"), "real.xlsx/rel.xlsx");
    assert_openpyxl_reads(at("l2.xlsx"), 3);
}

static void test_symlink_absolute_and_dangling(void **state)
{
    (void)state;
    assert_int_equal(mkdir(at("t"), 0755), 0);
    /* A dangling link: its target is created, as the shell's ">" would. */
    assert_int_equal(symlink(at("t/new.xlsx"), at("dangling")), 0);
    fast_workbook *wb = fast_workbook_new(at("dangling"));
    assert_non_null(wb);
    assert_int_equal(write_small(wb, 4), FAST_OK);
    fast_workbook_free(wb);
    assert_link(at("dangling"), at("t/new.xlsx"));
    assert_dir_holds(at("t"), "new.xlsx");
    assert_openpyxl_reads(at("t/new.xlsx"), 4);

    /* A link into a directory that does not exist fails before writing. */
    assert_int_equal(symlink("nowhere/x.xlsx", at("broken")), 0);
    errno = 0;
    assert_null(fast_workbook_new(at("broken")));
    assert_int_equal(errno, ENOENT);
    assert_link(at("broken"), "nowhere/x.xlsx");
}

static void test_symlink_loop_refused(void **state)
{
    (void)state;
    assert_int_equal(symlink("b", at("a")), 0);
    assert_int_equal(symlink("a", at("b")), 0);
    errno = 0;
    assert_null(fast_workbook_new(at("a")));
    assert_int_equal(errno, ELOOP);
    assert_link(at("a"), "b");
    assert_link(at("b"), "a");
    assert_dir_holds(dir, "a/b");
}

/* ---- streams ---------------------------------------------------------------------- */

static void test_char_device_null(void **state)
{
    (void)state;
    SKIP_UNLESS_ROOT();
    assert_int_equal(mknod(at("null"), S_IFCHR | 0666, makedev(1, 3)), 0);
    fast_workbook *wb = fast_workbook_new(at("null"));
    assert_non_null(wb);
    assert_int_equal(write_small(wb, 100), FAST_OK);
    fast_workbook_free(wb);
    struct stat st;
    assert_int_equal(lstat(at("null"), &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_true(st.st_rdev == makedev(1, 3));
    assert_dir_holds(dir, "null");
}

static void test_char_device_full_is_an_io_error(void **state)
{
    (void)state;
    SKIP_UNLESS_ROOT();
    assert_int_equal(mknod(at("full"), S_IFCHR | 0666, makedev(1, 7)), 0);
    fast_workbook *wb = fast_workbook_new(at("full"));
    assert_non_null(wb);
    assert_int_equal(write_small(wb, 100), FAST_ERROR_IO);
    assert_int_equal(fast_workbook_status(wb), FAST_ERROR_IO);
    const char *msg = fast_workbook_error_message(wb);
    if (!strstr(msg, "No space left on device") || !strstr(msg, at("full")))
        fail_msg("unclear message: %s", msg);
    fast_workbook_free(wb);
    struct stat st;
    assert_int_equal(lstat(at("full"), &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_true(st.st_rdev == makedev(1, 7));
    assert_dir_holds(dir, "full");
}

typedef struct reader {
    int fd;          /* read from this descriptor ... */
    const char *path;/* ... or open this FIFO first */
    tu_buf got;
} reader;

static void *read_all(void *arg)
{
    reader *r = arg;
    if (r->path)
        r->fd = open(r->path, O_RDONLY);
    if (r->fd < 0)
        return NULL;
    char buf[4096];
    ssize_t n;
    while ((n = read(r->fd, buf, sizeof buf)) > 0)
        tu_buf_append(&r->got, buf, (size_t)n);
    close(r->fd);
    return NULL;
}

/* The package @b is complete, openpyxl reads it, and, written as a stream, has no <dimension>. */
static void assert_streamed_package(tu_buf *b, int rows)
{
    tu_buf sheet = {0};
    tu_extract_part(b, "xl/worksheets/sheet1.xml", &sheet);
    tu_assert_not_contains(sheet.data, sheet.len, "<dimension");
    tu_buf_free(&sheet);
    FILE *f = fopen(at("received.xlsx"), "w");
    assert_non_null(f);
    assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
    fclose(f);
    assert_openpyxl_reads(at("received.xlsx"), rows);
    unlink(at("received.xlsx"));
}

static void test_fifo_is_written_as_a_stream(void **state)
{
    (void)state;
    assert_int_equal(mkfifo(at("pipe"), 0600), 0);
    reader r = {.fd = -1, .path = at("pipe")};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, read_all, &r), 0);
    fast_workbook *wb = fast_workbook_new(at("pipe")); /* waits for the reader */
    assert_non_null(wb);
    assert_int_equal(write_small(wb, 50), FAST_OK);
    fast_workbook_free(wb);
    /* Checked before joining: a reader of a FIFO replaced by a file waits forever. */
    struct stat st;
    assert_int_equal(lstat(at("pipe"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    pthread_join(t, NULL);
    assert_dir_holds(dir, "pipe");
    assert_streamed_package(&r.got, 50);
    tu_buf_free(&r.got);
}

static void test_socket_is_written_as_a_stream(void **state)
{
    (void)state;
    int ls = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(ls >= 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", at("sock"));
    assert_int_equal(bind(ls, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(ls, 1), 0);
    fast_workbook *wb = fast_workbook_new(at("sock"));
    assert_non_null(wb);
    /* fast_workbook_new() has connected by now: the connection is waiting. */
    struct pollfd pfd = {.fd = ls, .events = POLLIN};
    if (poll(&pfd, 1, 2000) != 1)
        fail_msg("fast_workbook_new() did not connect to the socket");
    reader r = {.fd = accept(ls, NULL, NULL)};
    assert_true(r.fd >= 0);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, read_all, &r), 0);
    assert_int_equal(write_small(wb, 20), FAST_OK);
    fast_workbook_free(wb);
    pthread_join(t, NULL);
    close(ls);
    struct stat st;
    assert_int_equal(lstat(at("sock"), &st), 0);
    assert_true(S_ISSOCK(st.st_mode));
    assert_dir_holds(dir, "sock");
    assert_streamed_package(&r.got, 20);
    tu_buf_free(&r.got);
}

/* ---- refused ---------------------------------------------------------------------- */

static void test_directory_refused(void **state)
{
    (void)state;
    assert_int_equal(mkdir(at("sub"), 0755), 0);
    errno = 0;
    assert_null(fast_workbook_new(at("sub")));
    assert_int_equal(errno, EISDIR);
    errno = 0;
    assert_null(fast_workbook_new(dir));
    assert_int_equal(errno, EISDIR);
    /* A link to a directory is refused the same way. */
    assert_int_equal(symlink("sub", at("tosub")), 0);
    errno = 0;
    assert_null(fast_workbook_new(at("tosub")));
    assert_int_equal(errno, EISDIR);
    assert_dir_holds(dir, "sub/tosub");
    assert_dir_holds(at("sub"), "");
}

static void test_block_device_refused(void **state)
{
    (void)state;
    SKIP_UNLESS_ROOT();
    /* A block device number nothing uses: the node is never opened. */
    assert_int_equal(mknod(at("blk"), S_IFBLK | 0600, makedev(7, 250)), 0);
    errno = 0;
    assert_null(fast_workbook_new(at("blk")));
    assert_int_equal(errno, ENOTSUP);
    struct stat st;
    assert_int_equal(lstat(at("blk"), &st), 0);
    assert_true(S_ISBLK(st.st_mode));
    assert_dir_holds(dir, "blk");
}

/* A writable file in a directory that takes no new file: fast_workbook_new()
 * fails before anything is written, and fast_workbook_error_message(NULL)
 * names the directory and the temporary file beside the destination. As root a
 * read-only bind mount of the directory (EROFS), else a directory without write
 * permission (EACCES). */
static void test_unwritable_directory_message(void **state)
{
    (void)state;
    char sub[128], p[160], want[700];
    snprintf(sub, sizeof sub, "%s/ro", dir);
    snprintf(p, sizeof p, "%s/f.xlsx", sub);
    assert_int_equal(mkdir(sub, 0755), 0);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs("old content", f);
    fclose(f);
    int e = EACCES, mounted = 0;
    if (geteuid() == 0) {
        if (mount(sub, sub, "none", MS_BIND, NULL) != 0) /* a type, though ignored: valgrind checks it */
            skip();
        mounted = 1;
        if (mount("none", sub, "none", MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) != 0) {
            umount(sub);
            skip();
        }
        e = EROFS;
    } else {
        assert_int_equal(chmod(sub, 0555), 0);
    }
    errno = 0;
    fast_workbook *wb = fast_workbook_new(p);
    int got = errno;
    snprintf(want, sizeof want,
             "fast_workbook_new: cannot create the temporary file beside '%s' in its directory '%s/': %s; the "
             "workbook is written there first and renamed over the destination at close, so the directory must be "
             "writable, not only the file",
             p, sub, strerror(e));
    char msg[700];
    snprintf(msg, sizeof msg, "%s", fast_workbook_error_message(NULL));
    if (mounted)
        umount(sub);
    else
        chmod(sub, 0755);
    fast_workbook_free(wb);
    assert_null(wb);
    assert_int_equal(got, e);
    assert_string_equal(msg, want);
    /* The next fast_workbook_new() that succeeds clears it. */
    wb = fast_workbook_new(p);
    assert_non_null(wb);
    assert_string_equal(fast_workbook_error_message(NULL), "no workbook (NULL handle)");
    fast_workbook_free(wb);
    tu_buf b = {0}; /* the destination as it was */
    assert_int_equal(tu_read_file(p, &b), 0);
    assert_int_equal(b.len, 11);
    assert_memory_equal(b.data, "old content", 11);
    tu_buf_free(&b);
}

/* ---- long names ------------------------------------------------------------------- */

static void check_long_name(const char *name)
{
    const char *p = at(name);
    fast_workbook *wb = fast_workbook_new(p);
    if (!wb)
        fail_msg("fast_workbook_new failed for a %zu-byte name: %s", strlen(name), strerror(errno));
    /* The temporary file beside it has a name that fits and shows whose it is. */
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort), found = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, "..") && strcmp(names[i]->d_name, name)) {
            if (!is_temp_name(names[i]->d_name, name))
                fail_msg("unexpected file %s", names[i]->d_name);
            found++;
        }
        free(names[i]);
    }
    free(names);
    /* Unnamed (O_TMPFILE): it gets that name only for the rename at close, which
     * fails unless the name fits. */
    assert_int_equal(found, unnamed_files_work(dir) ? 0 : 1);
    assert_int_equal(write_small(wb, 2), FAST_OK);
    fast_workbook_free(wb);
    assert_dir_holds(dir, name);
    assert_file_is_zip(p);
}

static void test_long_basenames(void **state)
{
    (void)state;
    char name[256];
    for (size_t len = 244; len <= 255; len++) {
        memset(name, 'n', len - 5);
        memcpy(name + len - 5, ".xlsx", 6);
        check_long_name(name); /* a new file */
        check_long_name(name); /* replacing it */
        if (len == 244 || len == 255)
            assert_openpyxl_reads(at(name), 2);
        unlink(at(name));
    }
    /* 255 bytes of two-byte characters: the temporary name is cut between characters. */
    size_t k = 0;
    while (k + 2 <= 250) {
        memcpy(name + k, "\xc3\xa9", 2);
        k += 2;
    }
    memcpy(name + k, ".xlsx", 6);
    assert_int_equal(strlen(name), 255);
    check_long_name(name);
}

/* ---- durability ------------------------------------------------------------------- */

static void test_directory_sync_failure_is_not_durable(void **state)
{
    (void)state;
    const char *p = at("d.xlsx");
    FILE *f = fopen(p, "w");
    fputs("old", f);
    fclose(f);
    fast_workbook *wb = fast_workbook_new(p);
    assert_non_null(wb);
    fail_dir_fsync = 1;
    fast_status st = write_small(wb, 7);
    fail_dir_fsync = 0;
    assert_int_equal(st, FAST_ERROR_NOT_DURABLE);
    assert_int_equal(fast_workbook_close(wb), FAST_ERROR_NOT_DURABLE); /* the same result again */
    assert_int_equal(fast_workbook_status(wb), FAST_ERROR_NOT_DURABLE);
    const char *msg = fast_workbook_error_message(wb);
    if (!strstr(msg, "renamed into place") || !strstr(msg, "Input/output error") || !strstr(msg, p))
        fail_msg("unclear message: %s", msg);
    assert_non_null(strstr(fast_strerror(FAST_ERROR_NOT_DURABLE), "power loss"));
    fast_workbook_free(wb);
    /* The new workbook is in place, complete; nothing else is left. */
    assert_dir_holds(dir, "d.xlsx");
    assert_openpyxl_reads(p, 7);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_regular_file_keeps_mode_and_owner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_regular_file_as_non_owner_keeps_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_chain_replaces_the_target, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_absolute_and_dangling, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_loop_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_char_device_null, setup, teardown),
        cmocka_unit_test_setup_teardown(test_char_device_full_is_an_io_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fifo_is_written_as_a_stream, setup, teardown),
        cmocka_unit_test_setup_teardown(test_socket_is_written_as_a_stream, setup, teardown),
        cmocka_unit_test_setup_teardown(test_directory_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_block_device_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_basenames, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_directory_message, setup, teardown),
        cmocka_unit_test_setup_teardown(test_directory_sync_failure_is_not_durable, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
