// The one file-system call Swift's Glibc module does not export (renameat2 needs
// _GNU_SOURCE): an atomic "rename unless the target exists", which claims a plan
// folder's final name and publishes its complete contents in one step.
#define _GNU_SOURCE
#include "CFileSystem.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

#if defined(__APPLE__)
int dp_rename_exclusive(const char *from, const char *to) {
  if (renamex_np(from, to, RENAME_EXCL) == 0) return 0;
  return errno == EEXIST ? EEXIST : (errno == ENOTSUP ? ENOTSUP : errno);
}
#else
int dp_rename_exclusive(const char *from, const char *to) {
  if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0) return 0;
  int code = errno;
  if (code == EINVAL || code == ENOSYS) return ENOTSUP;
  return code;
}
#endif
