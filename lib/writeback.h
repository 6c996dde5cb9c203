/*
 * writeback.h - starting the writeback of a file's pages while the file is
 * still being written, so that the fsync(2) of the commit waits only for the
 * last few MiB and the dirty pages of a large workbook do not pile up in the
 * page cache (which counts against a container's memory limit).
 */
#ifndef FX_WRITEBACK_H
#define FX_WRITEBACK_H

#include "internal.h"

/*
 * Ask the kernel to start writing @len bytes of @fd from byte @offset to the
 * device, without waiting for it (Linux sync_file_range(2) with
 * SYNC_FILE_RANGE_WRITE; elsewhere nothing). Advisory: it neither syncs nor
 * reports anything; a write-back error it would see is reported by the fsync
 * that commits the file.
 */
void fx_writeback_start(int fd, uint64_t offset, uint64_t len);

#endif /* FX_WRITEBACK_H */
