package dev.sessiontracker.event.web;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.sessiontracker.event.IngestResult;

record IngestResponse(@Schema(description = "events stored by this request", example = "5") int accepted,
		@Schema(description = "events the session already had (same id): not stored again",
				example = "0") int duplicates) {

	static IngestResponse from(IngestResult result) {
		return new IngestResponse(result.accepted(), result.duplicates());
	}

}
