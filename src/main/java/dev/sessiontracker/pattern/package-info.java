/** What a user's sessions, and one session's events, say about how they use the product. */
package dev.sessiontracker.pattern;
