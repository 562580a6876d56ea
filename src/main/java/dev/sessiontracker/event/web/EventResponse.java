package dev.sessiontracker.event.web;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.sessiontracker.event.StoredEvent;

@Schema(name = "StoredEvent")
record EventResponse(UUID id, @Schema(example = "page_view") String action, Instant timestamp,
		@Schema(type = "object", example = "{\"page\": \"/pricing\"}") @JsonRawValue String data) {

	static EventResponse from(StoredEvent event) {
		return new EventResponse(event.id(), event.action(), event.timestamp(), event.dataJson());
	}

}
