package dev.sessiontracker.session.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.sessiontracker.session.EntryClassifier;
import dev.sessiontracker.session.Heartbeat;
import dev.sessiontracker.session.Session;
import dev.sessiontracker.session.SessionNotFoundException;
import dev.sessiontracker.session.SessionService;
import dev.sessiontracker.session.StartSession;

@RestController
@RequestMapping("/api/v1/sessions")
@Tag(name = "Sessions", description = "The session lifecycle: start, heartbeat, end, and reading sessions back")
class SessionController {

	private static final String START_EXAMPLE = """
			{"userId": "u-42",
			 "device": {"type": "desktop", "browser": "Chrome", "os": "Windows", "screenSize": "1920x1080",
			            "bot": false},
			 "entry": {"page": "/pricing?utm_campaign=spring", "referrer": "https://news.example.org/"}}""";

	private static final String END_EXAMPLE = """
			{"reason": "logout", "page": "/checkout", "lastAction": "purchase"}""";

	private static final String IDENTITY_NOT_VERIFIED = """
			{"type": "/problems/identity-not-verified", "title": "Identity not verified", "status": 403,
			 "detail": "userHash must be the hex HMAC-SHA256 of userId with the identity secret.",
			 "field": "userHash"}""";

	private static final String NO_CURRENT_SESSION = """
			{"type": "/problems/session-not-found", "title": "Session not found", "status": 404,
			 "detail": "User 'u-42' has no active session."}""";

	private final SessionService sessions;

	SessionController(SessionService sessions) {
		this.sessions = sessions;
	}

	@PostMapping("/start")
	@Operation(summary = "Start a session",
			description = "Creates an open session with a time-ordered (UUIDv7) id. Device fields that are not sent "
					+ "are derived from the User-Agent; entry.source and entry.campaign from the referrer and the "
					+ "page's utm_campaign.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, examples = {
					@ExampleObject(name = "full", summary = "Device and entry, as the SDK sends them",
							value = START_EXAMPLE),
					@ExampleObject(name = "minimal",
							summary = "Only the user: the device is derived from the User-Agent; no entry page",
							value = "{\"userId\": \"u-42\"}") }))
	@ApiResponse(responseCode = "201", description = "Created: the open session",
			headers = @Header(name = HttpHeaders.LOCATION, description = "The session's URL, /api/v1/sessions/{id}",
					schema = @Schema(type = "string", format = "uri-reference")))
	@ApiResponse(responseCode = "403",
			description = "Identity verification is on (tracker.security.identity-secret) and userHash is missing or "
					+ "is not the HMAC-SHA256 of userId",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					examples = @ExampleObject(value = IDENTITY_NOT_VERIFIED)))
	ResponseEntity<SessionResponse> start(@Valid @RequestBody StartSessionRequest request,
			@Parameter(hidden = true) @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent,
			@Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ORIGIN, required = false) String origin,
			@Parameter(hidden = true) @RequestHeader(value = HttpHeaders.REFERER, required = false) String referer,
			HttpServletRequest http) {
		DeviceInfo device = request.device() != null ? request.device()
				: new DeviceInfo(null, null, null, null, null);
		EntryPoint entry = request.entry() != null ? request.entry() : new EntryPoint(null, null, null, null);
		String pageHost = EntryClassifier.host(origin != null ? origin : referer);
		Session session = this.sessions.start(new StartSession(request.userId(), request.userHash(), device.type(),
				device.browser(), device.os(), device.screenSize(), device.bot(), entry.page(), entry.source(),
				entry.referrer(), entry.campaign(), userAgent, pageHost, http.getRemoteAddr()));
		return ResponseEntity.created(URI.create("/api/v1/sessions/" + session.getId())).body(view(session));
	}

	@PostMapping("/{id}/heartbeat")
	@Operation(summary = "Keep a session alive",
			description = "Moves lastSeen to now. A session silent for longer than the idle timeout has timed out: "
					+ "it is closed at its last activity and the answer is 409 session-ended.")
	Heartbeat heartbeat(@PathVariable UUID id) {
		return this.sessions.heartbeat(id);
	}

	@PostMapping("/{id}/end")
	@Operation(summary = "End a session",
			description = "exit.page is the given page, else the last page_view page, else the entry page. Ending "
					+ "an ended session returns it unchanged; a session that had already timed out ends as "
					+ "timeout at its last activity.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					examples = @ExampleObject(name = "logout", value = END_EXAMPLE)))
	SessionResponse end(@PathVariable UUID id, @Valid @RequestBody EndSessionRequest request) {
		return view(this.sessions.end(id, request.reason(), request.page(), request.lastAction()));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a session")
	SessionResponse get(@PathVariable UUID id) {
		return view(this.sessions.get(id));
	}

	@GetMapping("/active")
	@Operation(summary = "Active sessions",
			description = "count is every active session (not ended, seen within the idle timeout); sessions are "
					+ "the newest `limit` of them. Counted at most once a `tracker.session.active-refresh` (1 s) "
					+ "however many dashboards poll: an answer is that old at most, or up to five times that while "
					+ "the next count is made in the background.")
	ActiveSessionsResponse active(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		var active = this.sessions.active(limit);
		return new ActiveSessionsResponse(active.count(), views(active.newest()));
	}

	@GetMapping("/user/{userId}/current")
	@Operation(summary = "A user's current (active) session, or 404")
	@ApiResponse(responseCode = "200", description = "The user's open session")
	@ApiResponse(responseCode = "404", description = "The user has no open session",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					examples = @ExampleObject(value = NO_CURRENT_SESSION)))
	SessionResponse current(@PathVariable String userId) {
		return this.sessions.current(userId)
			.map(this::view)
			.orElseThrow(() -> SessionNotFoundException.noCurrentSession(userId));
	}

	@GetMapping("/user/{userId}/history")
	@Operation(summary = "A user's sessions, newest first")
	List<SessionResponse> history(@PathVariable String userId,
			@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
		return views(this.sessions.history(userId, limit));
	}

	@GetMapping("/bounces")
	@Operation(summary = "A day's bounce sessions",
			description = "Sessions started on the date (in tracker.stats.zone) that ended with duration < 30 s and "
					+ "at most one action, oldest first.")
	List<SessionResponse> bounces(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit) {
		return views(this.sessions.bounces(date, limit));
	}

	private SessionResponse view(Session session) {
		return SessionResponse.from(session, this.sessions.idleCutoff());
	}

	private List<SessionResponse> views(List<Session> list) {
		Instant cutoff = this.sessions.idleCutoff();
		return list.stream().map(s -> SessionResponse.from(s, cutoff)).toList();
	}

}
