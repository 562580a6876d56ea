package dev.sessiontracker.privacy.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of a user's export, for the OpenAPI document only: the export is written as it is read
 * ({@code UserExporter}), so no Java object holds it. Keep the two in step.
 */
@Schema(description = "Everything stored about a user; empty sessions and a null pattern for an unknown user")
record UserExport(@Schema(example = "u-42") String userId,
		@Schema(description = "oldest first") List<ExportedSession> sessions,
		@Schema(description = "the stored user pattern, as of the last refresh; null if none") ExportedPattern pattern) {

	record ExportedSession(UUID id, Instant startTime, Instant lastSeen,
			@Schema(description = "null while open", types = { "string", "null" }, format = "date-time") Instant endTime,
			@Schema(description = "whole seconds; null while open",
					types = { "integer", "null" }) Integer duration,
			ExportedDevice device, ExportedEntry entry, ExportedExit exit, int actions, int errors, int workflows,
			@Schema(description = "oldest first") List<ExportedEvent> events,
			List<ExportedWorkflow> workflowExecutions) {
	}

	// As stored: a column an import left NULL is exported null (the session's own answers default some of them).

	record ExportedDevice(@Schema(types = { "string", "null" },
			allowableValues = { "desktop", "mobile", "tablet" }) String type,
			@Schema(types = { "string", "null" }) String browser, @Schema(types = { "string", "null" }) String os,
			@Schema(types = { "string", "null" }) String screenSize, boolean bot) {
	}

	record ExportedEntry(@Schema(types = { "string", "null" }) String page,
			@Schema(types = { "string", "null" }, allowableValues = { "direct", "internal", "external" }) String source,
			@Schema(types = { "string", "null" }) String referrer,
			@Schema(types = { "string", "null" }) String campaign) {
	}

	record ExportedExit(@Schema(types = { "string", "null" }) String page,
			@Schema(description = "null while open", types = { "string", "null" },
					allowableValues = { "logout", "timeout", "error", "navigation" }) String reason,
			@Schema(types = { "string", "null" }) String lastAction) {
	}

	record ExportedEvent(UUID id, String action, Instant timestamp,
			@Schema(description = "the event's data as it was sent; null if it was sent without",
					types = { "object", "null" }) Map<String, Object> data) {
	}

	record ExportedWorkflow(String workflowId,
			@Schema(description = "the latest start; null if only a completion was tracked",
					types = { "string", "null" }, format = "date-time") Instant startedAt,
			@Schema(types = { "string", "null" }, format = "date-time",
					description = "the latest completion; null if never completed (before startedAt: started again "
							+ "and not completed)") Instant completedAt) {
	}

	record ExportedPattern(@Schema(example = "power_user", allowableValues = { "new_user", "power_user",
			"quick_checker", "struggling_user", "regular_user" }) String pattern,
			@Schema(types = { "number", "null" }, example = "0.85") BigDecimal confidence) {
	}

}
