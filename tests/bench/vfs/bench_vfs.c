/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * File-system figures, one plain POSIX program for both sides of
 * support/scripts/bench-vfs: built as a Tessera image (newlib, vfscore,
 * ramfs) and with the host's gcc and glibc, run on a tmpfs. Prints
 * "bench: <name> <value> <unit>" lines:
 *   write_4k, read_4k, write_1m, read_1m  sequential MB/s (10^6 bytes/s)
 *                                         of a 64 MiB file in 4 KiB or
 *                                         1 MiB calls (write: a fresh file,
 *                                         so block allocation counts)
 *   create_unlink                         open(O_CREAT)+close+unlink per s
 * Each figure is the best of 3 rounds. argv[1]: the directory to work
 * in (default /bench, made if missing).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FILE_BYTES (64u << 20)
#define ROUNDS 3
#define CREATES 20000

static char buf[1 << 20];

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what, const char *path)
{
	printf("bench: error: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static double seq_write(const char *path, size_t io)
{
	unlink(path);
	double t0 = now_s();
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("open", path);
	for (size_t done = 0; done < FILE_BYTES; done += io)
		if (write(fd, buf, io) != (ssize_t)io)
			die("write", path);
	close(fd);
	return FILE_BYTES / (now_s() - t0) / 1e6;
}

static double seq_read(const char *path, size_t io)
{
	double t0 = now_s();
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		die("open", path);
	size_t total = 0;
	ssize_t n;
	while ((n = read(fd, buf, io)) > 0)
		total += (size_t)n;
	close(fd);
	if (total != FILE_BYTES)
		die("read (short)", path);
	return FILE_BYTES / (now_s() - t0) / 1e6;
}

static double create_unlink(const char *dir)
{
	char path[512];
	double t0 = now_s();
	for (int i = 0; i < CREATES; ++i) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0)
			die("create", path);
		close(fd);
		if (unlink(path) != 0)
			die("unlink", path);
	}
	return CREATES / (now_s() - t0);
}

static double best(double a, double b) { return a > b ? a : b; }

int main(int argc, char *argv[])
{
	const char *dir = argc > 1 ? argv[1] : "/bench";
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		die("mkdir", dir);
	for (size_t i = 0; i < sizeof(buf); ++i)
		buf[i] = (char)(i * 7 + 3);
	char file[512];
	snprintf(file, sizeof(file), "%s/seq.bin", dir);
	static const struct {
		const char *name;
		size_t io;
	} sizes[] = {{"4k", 4096}, {"1m", 1 << 20}};
	for (int s = 0; s < 2; ++s) {
		double w = 0, r = 0;
		for (int k = 0; k < ROUNDS; ++k) {
			w = best(w, seq_write(file, sizes[s].io));
			r = best(r, seq_read(file, sizes[s].io));
		}
		printf("bench: write_%s %.0f MB/s\n", sizes[s].name, w);
		printf("bench: read_%s %.0f MB/s\n", sizes[s].name, r);
	}
	unlink(file);
	double c = 0;
	for (int k = 0; k < ROUNDS; ++k)
		c = best(c, create_unlink(dir));
	printf("bench: create_unlink %.0f /s\n", c);
	rmdir(dir);
	return 0;
}
