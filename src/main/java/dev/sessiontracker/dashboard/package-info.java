/** The ops dashboard: static pages under /dashboard/ that read the API with the read key. */
package dev.sessiontracker.dashboard;
