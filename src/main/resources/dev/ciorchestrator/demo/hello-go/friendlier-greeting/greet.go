package main

// greeting is kept apart from main so that it can be tested without running the program.
func greeting(name string) string {
	if name == "" {
		// "Hello, !" reads like a bug; greet a stranger instead.
		return "Hello there, nice to meet you!"
	}
	return "Hello, " + name + ", nice to meet you!"
}
