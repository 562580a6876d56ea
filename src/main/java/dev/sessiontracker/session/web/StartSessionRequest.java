package dev.sessiontracker.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.sessiontracker.shared.Characters;

record StartSessionRequest(
		@Schema(description = "The host application's own user id: any string of 1 to 128 characters",
				example = "u-42", requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
				maxLength = 128) @NotNull @Characters(min = 1, max = 128) String userId,
		@Schema(description = "hex HMAC-SHA256 of userId with tracker.security.identity-secret; required when that "
				+ "is set", example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") @Size(
						max = 128) String userHash,
		@Valid DeviceInfo device, @Valid EntryPoint entry) {
}
