package main

import "testing"

func TestGreeting(t *testing.T) {
	tests := []struct {
		name string
		want string
	}{
		{name: "world", want: "Hello, world, nice to meet you!"},
		{name: "Gopher", want: "Hello, Gopher, nice to meet you!"},
		{name: "", want: "Hello there, nice to meet you!"},
	}
	for _, tt := range tests {
		if got := greeting(tt.name); got != tt.want {
			t.Errorf("greeting(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
