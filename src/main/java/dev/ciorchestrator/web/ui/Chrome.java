package dev.ciorchestrator.web.ui;

/**
 * What every page's frame ({@code layout.html}) shows: its title, where the visitor is, who is
 * logged in, and the one-off notice an action left.
 *
 * @param nav the main navigation's current entry: {@code changes}, {@code config} or empty
 * @param login the logged-in user; empty for an anonymous visitor
 * @param csrf the CSRF token every form on the page carries
 * @param loginHref the login page, coming back here afterwards
 * @param notice what the last action did; empty for none
 */
public record Chrome(
    String title, String nav, String login, String csrf, String loginHref, String notice) {}
