/*
 * kill_shim.c - an LD_PRELOAD library for the SIGKILL test: it makes the
 * process kill itself with SIGKILL (or makes the call fail with EIO) at the Nth
 * call of fsync, close, renameat or linkat, before or after the real call, so that a
 * kill lands exactly inside the commit of the output file. What to do is read
 * from the environment of the test run:
 *     FX_KILL_SHIM="fsync 1 before"    (function, N, before | after | fail)
 * Only the calls a program makes through the C library's exported symbols are
 * seen; nothing of this is in the library under test.
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fn_name[16], when[16];
static long nth;
static long calls;
static int parsed;

static void parse(void)
{
    if (parsed)
        return;
    parsed = 1;
    const char *spec = getenv("FX_KILL_SHIM");
    if (!spec || sscanf(spec, "%15s %ld %15s", fn_name, &nth, when) != 3)
        fn_name[0] = 0;
}

/* 1: fail the call; otherwise kills the process when this call is the one. */
static int hook(const char *fn, int after)
{
    parse();
    if (strcmp(fn, fn_name) != 0)
        return 0;
    if (!after)
        calls++;
    if (calls != nth)
        return 0;
    if (!after && strcmp(when, "fail") == 0)
        return 1;
    if (strcmp(when, after ? "after" : "before") == 0)
        raise(SIGKILL);
    return 0;
}

int fsync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    if (hook("fsync", 0)) {
        errno = EIO;
        return -1;
    }
    int r = real(fd);
    hook("fsync", 1);
    return r;
}

int close(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "close");
    if (hook("close", 0)) {
        real(fd);
        errno = EIO;
        return -1;
    }
    int r = real(fd);
    hook("close", 1);
    return r;
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
    static int (*real)(int, const char *, int, const char *);
    if (!real)
        real = (int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT, "renameat");
    if (hook("renameat", 0)) {
        errno = EIO;
        return -1;
    }
    int r = real(olddirfd, oldpath, newdirfd, newpath);
    hook("renameat", 1);
    return r;
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
    static int (*real)(int, const char *, int, const char *, int);
    if (!real)
        real = (int (*)(int, const char *, int, const char *, int))dlsym(RTLD_NEXT, "linkat");
    if (hook("linkat", 0)) {
        errno = EIO;
        return -1;
    }
    int r = real(olddirfd, oldpath, newdirfd, newpath, flags);
    hook("linkat", 1);
    return r;
}
