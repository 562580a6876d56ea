/** Daily statistics (rollup, backfill, live today) and retention of old sessions. */
package dev.sessiontracker.stats;
