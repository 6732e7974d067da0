/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib through Tessera's POSIX layer, checked line by line by the boot
 * test (test.json): formatted output, malloc from several threads, qsort,
 * strtod, time, errno, stdio streams (also over a pipe), getentropy, a call that cannot be
 * served (fork: ENOSYS), atexit and the exit status.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <uk/posix_sys.h>
#include <uk/sched.h>

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

struct job {
	unsigned seed;
	int bad;
};

static void allocate(void *arg)
{
	struct job *j = arg;
	char *blocks[32] = {0};
	for (int round = 0; round < 200; ++round) {
		int i = (j->seed + round * 7) % 32;
		if (blocks[i]) {
			for (int k = 0; k < 100; ++k)
				if (blocks[i][k] != (char)(j->seed + i))
					j->bad = 1;
			blocks[i] = realloc(blocks[i], 200);
			free(blocks[i]);
			blocks[i] = NULL;
		} else {
			blocks[i] = malloc(100);
			memset(blocks[i], (char)(j->seed + i), 100);
		}
		uk_sched_yield();
	}
	for (int i = 0; i < 32; ++i)
		free(blocks[i]);
}

static void bye(void) { printf("atexit: goodbye\n"); }

int main(int argc, char *argv[])
{
	printf("printf: %d %lld %.3f %e %g %s\n", -42, -9000000000LL, 3.14159,
	       12345.678, 0.0001, "str");
	char buf[64];
	snprintf(buf, sizeof(buf), "%08.2f|%-5s|%x", 3.5, "ab", 255);
	printf("snprintf: %s\n", buf);
	printf("libm: sqrt(2)=%.6f sin(0)=%.1f\n", sqrt(2.0), sin(0.0));

	struct job jobs[4] = {{1, 0}, {2, 0}, {3, 0}, {4, 0}};
	struct uk_thread *t[4];
	for (int i = 0; i < 4; ++i)
		t[i] = uk_thread_create("alloc", allocate, &jobs[i]);
	int bad = 0;
	for (int i = 0; i < 4; ++i) {
		uk_thread_join(t[i]);
		bad |= jobs[i].bad;
	}
	printf("malloc from 4 threads: %s\n", bad ? "CORRUPT" : "ok");

	int v[] = {5, 3, 9, 1, 7, 2};
	qsort(v, 6, sizeof(int), cmp_int);
	printf("qsort: %d %d %d %d %d %d\n", v[0], v[1], v[2], v[3], v[4], v[5]);

	char *end;
	double d = strtod("  -1.5e3xyz", &end);
	printf("strtod: %.1f rest=%s\n", d, end);

	errno = 0;
	long big = strtol("99999999999999999999", NULL, 10);
	printf("errno: %s %d\n", big == LONG_MAX && errno == ERANGE ? "ERANGE" : "wrong", errno == ERANGE);

	struct timeval tv;
	gettimeofday(&tv, NULL);
	time_t now = time(NULL);
	printf("time: plausible %s\n", now > 1704067200 && tv.tv_sec >= now - 1 ? "yes" : "NO");
	struct timespec ts = {0, 5000000}, t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	nanosleep(&ts, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long slept_us = (t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000;
	printf("nanosleep 5 ms: %s\n", slept_us >= 5000 ? "yes" : "NO");

	FILE *out = fdopen(STDOUT_FILENO, "w");
	fprintf(out ? out : stdout, "stdio stream on fd 1: %s\n", out ? "yes" : "NO");
	fflush(out);
	fprintf(stderr, "stderr works\n");

	int p[2];
	char line[64] = "";
	if (pipe(p) == 0) {
		FILE *w = fdopen(p[1], "w"), *r = fdopen(p[0], "r");
		fprintf(w, "through a pipe %d\n", 42);
		fclose(w); /* flushes, then the reader sees end of file */
		if (!fgets(line, sizeof(line), r) || fgetc(r) != EOF)
			strcpy(line, "BROKEN\n");
		fclose(r);
	}
	printf("pipe: %s", line[0] ? line : "FAILED\n");

	unsigned char r1[16] = {0}, r2[16] = {0};
	int e1 = getentropy(r1, sizeof(r1)), e2 = getentropy(r2, sizeof(r2));
	printf("getentropy: %s\n", !e1 && !e2 && memcmp(r1, r2, sizeof(r1)) ? "two different draws" : "BROKEN");
	printf("getentropy source: %s\n", uk_posix_entropy_source());
	errno = 0;
	printf("fork: %s\n", fork() == -1 && errno == ENOSYS ? "ENOSYS" : "unexpected");

	printf("argv: %d args, last=%s\n", argc, argv[argc - 1]);
	atexit(bye);
	return argc > 1 && !strcmp(argv[argc - 1], "exit7") ? 7 : 0;
}
