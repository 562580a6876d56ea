package dev.sessiontracker.session.web;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.sessiontracker.session.ExitReason;

@Schema(description = "How an ended session was left.")
record ExitPoint(@Schema(example = "/checkout") String page, @Schema(example = "logout") ExitReason reason,
		@Schema(example = "click_buy") String lastAction) {
}
