/**
 * The session tracker: modules {@code session}, {@code event} and the cross-cutting {@code shared} support.
 */
package dev.sessiontracker;
