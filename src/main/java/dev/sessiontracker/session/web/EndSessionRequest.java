package dev.sessiontracker.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

import dev.sessiontracker.session.ExitReason;
import dev.sessiontracker.shared.Characters;

record EndSessionRequest(
		@Schema(example = "logout", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull ExitReason reason,
		@Schema(description = "Exit page; defaults to the last page_view page, else the entry page",
				example = "/account", maxLength = 2048) @Characters(max = 2048) String page,
		@Schema(example = "click_logout", maxLength = 50) @Characters(max = 50) String lastAction) {
}
