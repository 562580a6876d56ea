package dev.sessiontracker.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record StartSessionRequest(
		@Schema(description = "The host application's own user id: any string of 1 to 128 characters",
				example = "u-42", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 128) String userId,
		@Valid DeviceInfo device, @Valid EntryPoint entry) {
}
