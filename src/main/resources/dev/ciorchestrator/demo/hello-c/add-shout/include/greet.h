#ifndef GREET_H
#define GREET_H

#include <stddef.h>

/*
 * Writes "Hello, <name>!" into buf (always NUL-terminated when size > 0).
 * Returns the length the full greeting needs, like snprintf, so callers can
 * detect truncation.
 */
int greet(char *buf, size_t size, const char *name);

/* As greet, but in capital letters: "HELLO, <NAME>!". */
int shout(char *buf, size_t size, const char *name);

#endif
