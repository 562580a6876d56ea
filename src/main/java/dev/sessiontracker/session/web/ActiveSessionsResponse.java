package dev.sessiontracker.session.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

record ActiveSessionsResponse(@Schema(description = "all active sessions", example = "42") long count,
		@Schema(description = "the newest `limit` of them, newest first") List<SessionResponse> sessions) {
}
