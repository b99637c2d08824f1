package main

// greeting is kept apart from main so that it can be tested without running the program.
func greeting(name string) string {
	return "Hello, " + name + "!"
}
