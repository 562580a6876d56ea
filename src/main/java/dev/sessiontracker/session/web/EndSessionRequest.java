package dev.sessiontracker.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.sessiontracker.session.ExitReason;

record EndSessionRequest(
		@Schema(example = "logout", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull ExitReason reason,
		@Schema(description = "Exit page; defaults to the last page_view page, else the entry page",
				example = "/account") @Size(max = 2048) String page,
		@Schema(example = "click_logout") @Size(max = 50) String lastAction) {
}
