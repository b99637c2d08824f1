#include "greet.h"

#include <ctype.h>
#include <stdio.h>

int greet(char *buf, size_t size, const char *name)
{
	return snprintf(buf, size, "Hello, %s!", name);
}

int shout(char *buf, size_t size, const char *name)
{
	int needed = greet(buf, size, name);

	/* toupper() takes an unsigned char value; a plain char may be negative. */
	for (unsigned char *p = (unsigned char *)buf; size > 0 && *p != '\0'; p++)
		*p = (unsigned char)toupper(*p);
	return needed;
}
