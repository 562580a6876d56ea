/** Insights over a date range: activity, stay, leave, features used together, engagement. */
package dev.sessiontracker.insight;
