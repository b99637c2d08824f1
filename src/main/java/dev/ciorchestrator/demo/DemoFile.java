package dev.ciorchestrator.demo;

/** One file of a demo commit; {@code path} is relative to the repository root, with '/'. */
record DemoFile(String path, byte[] content, boolean executable) {}
