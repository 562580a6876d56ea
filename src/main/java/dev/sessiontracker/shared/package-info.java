/** Cross-cutting support: problem+json errors, the clock, the embedded default database, OpenAPI and limits. */
package dev.sessiontracker.shared;
