#ifndef CFILESYSTEM_H
#define CFILESYSTEM_H

/// Renames `from` to `to` only if `to` does not exist, atomically (renameat2 with
/// RENAME_NOREPLACE on Linux, renamex_np with RENAME_EXCL on Darwin).
/// Returns 0 on success, else an errno value: EEXIST when `to` exists, ENOTSUP when
/// the file system cannot rename exclusively (the caller then falls back).
int dp_rename_exclusive(const char *from, const char *to);

#endif
