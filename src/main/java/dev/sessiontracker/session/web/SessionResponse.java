package dev.sessiontracker.session.web;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.sessiontracker.session.Session;

@Schema(name = "Session")
record SessionResponse(@Schema(example = "019ab6e2-4c1d-7a3e-9f00-5d2c8e1b7a10") UUID id,
		@Schema(example = "u-42") String userId, Instant startTime, Instant lastSeen,
		@Schema(description = "null while open", types = { "string", "null" }, format = "date-time") Instant endTime,
		@Schema(description = "endTime - startTime in whole seconds once ended; while open, lastSeen - startTime",
				example = "754") long duration,
		@Schema(description = "not ended and lastSeen within the idle timeout") boolean active, DeviceInfo device,
		EntryPoint entry, @Schema(description = "null while open") ExitPoint exit,
		@Schema(description = "stored events", example = "12") int actions,
		@Schema(description = "error events", example = "0") int errors,
		@Schema(description = "workflows started", example = "1") int workflows,
		@Schema(description = "last page_view page (or the entry page): where the user is, or left from; null "
				+ "without either", types = { "string", "null" }, example = "/checkout") String currentPage) {

	/** @param idleCutoff sessions silent since before it have timed out (the service's clock gives it) */
	static SessionResponse from(Session s, Instant idleCutoff) {
		ExitPoint exit = s.getEndTime()
			.map(end -> new ExitPoint(s.getCurrentPage().orElse(null), s.getExitReason().orElse(null),
					s.getLastAction().orElse(null)))
			.orElse(null);
		return new SessionResponse(s.getId(), s.getUserId(), s.getStartTime(), s.lastSeen(),
				s.getEndTime().orElse(null), s.duration(), s.isActive(idleCutoff), DeviceInfo.from(s.getDevice()),
				EntryPoint.from(s.getEntry()), exit, s.getActionCount(), s.getErrorCount(), s.getWorkflowCount(),
				s.getCurrentPage().orElse(null));
	}

}
