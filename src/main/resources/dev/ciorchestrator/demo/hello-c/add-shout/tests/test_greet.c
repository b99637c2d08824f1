#include "greet.h"

#include <stdio.h>
#include <string.h>

/* Not assert(): a build with -DNDEBUG would silently skip every check. */
static int failures;

static void expect_str(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "FAIL %s: got \"%s\", want \"%s\"\n", what, got, want);
		failures++;
	}
}

int main(void)
{
	char buf[64];
	char tiny[6];

	greet(buf, sizeof buf, "world");
	expect_str("greet world", buf, "Hello, world!");

	greet(buf, sizeof buf, "");
	expect_str("greet empty", buf, "Hello, !");

	/* Truncates safely and reports the length it needed. */
	int needed = greet(tiny, sizeof tiny, "world");
	expect_str("greet truncated", tiny, "Hello");
	if (needed != 13) {
		fprintf(stderr, "FAIL greet length: got %d, want 13\n", needed);
		failures++;
	}

	shout(buf, sizeof buf, "world");
	expect_str("shout world", buf, "HELLO, WORLD!");

	shout(tiny, sizeof tiny, "world");
	expect_str("shout truncated", tiny, "HELLO");

	if (failures == 0)
		puts("all greet tests passed");
	return failures == 0 ? 0 : 1;
}
