package dev.sessiontracker.event.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A batch; its events are checked by the service, which names every refused one (a null one too). */
record EventBatchRequest(@ArraySchema(minItems = 1, maxItems = 100,
		schema = @Schema(implementation = EventRequest.class)) @NotNull @Size(min = 1,
				max = 100) List<EventRequest> events) {
}
