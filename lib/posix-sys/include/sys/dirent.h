/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * struct dirent and DIR for newlib's <dirent.h>, which includes this
 * file: newlib's generic sys/dirent.h is only an #error ("<dirent.h>
 * not supported"), and this include folder comes before newlib's.
 * posix-sys implements opendir() and the rest on the descriptor table's
 * readdir operation (lib/posix-sys/dirent.cpp).
 */
#ifndef _SYS_DIRENT_H
#define _SYS_DIRENT_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One entry, as Linux lays it out (d_reclen is sizeof(struct dirent)). */
struct dirent {
	ino_t d_ino;             /* NOTE: newlib's ino_t has 16 bits */
	off_t d_off;             /* the position after this entry (telldir) */
	unsigned short d_reclen;
	unsigned char d_type;    /* DT_* */
	char d_name[256];
};

/** An open directory stream (opaque). */
typedef struct __tessera_dir DIR;

#define _DIRENT_HAVE_D_OFF 1
#define _DIRENT_HAVE_D_RECLEN 1
#define _DIRENT_HAVE_D_TYPE 1

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
#define DT_WHT 14

#ifdef __cplusplus
}
#endif

#endif /* _SYS_DIRENT_H */
