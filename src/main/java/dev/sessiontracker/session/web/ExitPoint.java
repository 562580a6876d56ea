package dev.sessiontracker.session.web;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.sessiontracker.session.ExitReason;

@Schema(description = "How an ended session was left.")
record ExitPoint(
		@Schema(description = "null when the session had no page: none given, no page_view, no entry page",
				types = { "string", "null" }, example = "/checkout") String page,
		@Schema(description = "null only in sessions imported without one", types = { "string", "null" },
				example = "logout") ExitReason reason,
		@Schema(description = "the last event's action, or the one given at the end; null without either",
				types = { "string", "null" }, example = "click_buy") String lastAction) {
}
