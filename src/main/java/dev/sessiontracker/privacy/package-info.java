/** A user's rights over their data: export everything stored about them, and erase it. */
package dev.sessiontracker.privacy;
