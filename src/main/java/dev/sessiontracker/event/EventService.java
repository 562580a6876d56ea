package dev.sessiontracker.event;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sessiontracker.session.ExitReason;
import dev.sessiontracker.session.SessionEndedException;
import dev.sessiontracker.session.SessionIds;
import dev.sessiontracker.session.SessionService;
import dev.sessiontracker.shared.Characters;
import dev.sessiontracker.shared.InvalidFieldException;
import dev.sessiontracker.shared.LimitProperties;
import dev.sessiontracker.shared.StorableText;

/**
 * Ingests events into open sessions. The whole request is validated before anything is written, and written in
 * one statement, so a rejected or failed request stores nothing and a retried one stores nothing twice.
 */
@Service
public class EventService {

	static final int MAX_DATA_BYTES = 8 * 1024;

	static final Duration MAX_CLOCK_SKEW = Duration.ofHours(24);

	private static final int MAX_ACTION_LENGTH = 50;

	private static final int MAX_WORKFLOW_ID_LENGTH = 128;

	private final EventRepository events;

	private final SessionService sessions;

	private final JsonMapper json;

	private final LimitProperties limits;

	EventService(EventRepository events, SessionService sessions, JsonMapper json, LimitProperties limits) {
		this.events = events;
		this.sessions = sessions;
		this.json = json;
		this.limits = limits;
	}

	/**
	 * Stores the events into the session. Every event is checked here (its action too), so that a refused batch's
	 * 400 names each of its refused events.
	 * @param batch the events; null for a {@code null} in the request's batch
	 * @param fieldPrefix how the client names the events in its request ({@code "events"} for a batch, or
	 * {@code ""} for a single event), so that errors name the field the client wrote
	 */
	public IngestResult ingest(UUID sessionId, List<NewEvent> batch, String fieldPrefix) {
		Instant now = this.sessions.now();
		List<EventRepository.Row> rows = toRows(batch, fieldPrefix, now);
		for (int attempt = 0; attempt < 2; attempt++) {
			EventRepository.Outcome outcome = this.events.ingest(sessionId, rows, now,
					this.sessions.idleCutoff(now), this.limits.maxEventsPerSession());
			if (outcome.open() && !outcome.room()) {
				throw new EventLimitException(sessionId, this.limits.maxEventsPerSession());
			}
			if (outcome.open()) {
				return new IngestResult(outcome.inserted(), rows.size() - outcome.inserted());
			}
			if (storedAlready(sessionId, batch)) {
				// A retry of a batch the session took before it ended (its answer was lost): nothing to do.
				return new IngestResult(0, rows.size());
			}
			// Not open: this throws 404 or 409; it returns only if the session reopened to us in between.
			this.sessions.requireOpen(sessionId);
		}
		throw new IllegalStateException("Session " + sessionId + " is open but could not be written");
	}

	/**
	 * Whether every event of the batch has a client-made id the session already holds: a batch is stored whole or not
	 * at all, so that is a retry of one the session took, which is safe to acknowledge as duplicates whatever became
	 * of the session since (api.md: retrying a batch is always safe). Anything new in it still needs an open session.
	 */
	private boolean storedAlready(UUID sessionId, List<NewEvent> batch) {
		Set<UUID> ids = new HashSet<>();
		for (NewEvent event : batch) {
			if (event.id() == null) {
				return false;
			}
			ids.add(event.id());
		}
		return this.events.countStored(sessionId, ids) == ids.size();
	}

	/**
	 * Stores the batch, then ends the session with {@code reason}, in one transaction: what a page that is going away
	 * sends, since an end sent beside its last batch could reach the server first and make it refuse the batch. The
	 * batch is refused, and the session left open, exactly as {@link #ingest} refuses it.
	 */
	@Transactional(noRollbackFor = SessionEndedException.class)
	public IngestResult ingestThenEnd(UUID sessionId, List<NewEvent> batch, ExitReason reason) {
		IngestResult result = ingest(sessionId, batch, "events");
		this.sessions.end(sessionId, reason, null, null);
		return result;
	}

	/**
	 * The batch as rows, or the problem naming every refused event (the first refused field of each), so that a
	 * client can drop those and send the rest again in one more request.
	 */
	private List<EventRepository.Row> toRows(List<NewEvent> batch, String fieldPrefix, Instant now) {
		List<EventRepository.Row> rows = new ArrayList<>(batch.size());
		List<InvalidFieldException.FieldError> refused = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			NewEvent event = batch.get(i);
			String field = fieldPrefix.isEmpty() ? "" : fieldPrefix + "[" + i + "].";
			try {
				if (event == null) {
					throw new InvalidFieldException(fieldPrefix + "[" + i + "]", "must not be null");
				}
				String action = checkedAction(event.action(), field);
				rows.add(new EventRepository.Row(event.id() != null ? event.id() : SessionIds.nextInOrder(),
						// Server-stamped events of one request keep their order a microsecond apart, the last at
						// the receive time, which becomes the session's lastSeen: none is after the session's end.
						event.timestamp() != null ? checkedTimestamp(event.timestamp(), now, field)
								: now.minus(batch.size() - 1 - i, ChronoUnit.MICROS),
						action, dataJson(event, field)));
			}
			catch (InvalidFieldException ex) {
				refused.addAll(ex.getErrors());
			}
		}
		if (!refused.isEmpty()) {
			throw new InvalidFieldException(refused);
		}
		return rows;
	}

	/** 1 to 50 characters, not only white space (as {@code @NotBlank} and a varchar(50) would have it). */
	private static String checkedAction(String action, String field) {
		if (action == null || action.trim().isEmpty()) {
			throw new InvalidFieldException(field + "action", "must not be blank");
		}
		if (!Characters.Validator.fits(action, 1, MAX_ACTION_LENGTH)) {
			throw new InvalidFieldException(field + "action", "size must be between 1 and " + MAX_ACTION_LENGTH);
		}
		return action;
	}

	/**
	 * The event's time, at the receive time at the latest: a client whose clock runs ahead sends times that have not
	 * come yet, which made an event seen before the last one the session's exit page, or a workflow completed after
	 * it started abandoned. Events so held keep their order by their ids (the SDK's grow with time, the server's with
	 * the request), and a later batch's are later again.
	 */
	private static Instant checkedTimestamp(Instant timestamp, Instant now, String field) {
		if (Duration.between(timestamp, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
			throw new InvalidFieldException(field + "timestamp",
					"more than 24 hours away from the server's clock (" + now + ")");
		}
		return (timestamp.isAfter(now) ? now : timestamp).truncatedTo(ChronoUnit.MICROS);
	}

	private String dataJson(NewEvent event, String field) {
		Map<String, Object> data = event.data();
		if (data == null) {
			return null;
		}
		if (depth(data) > this.limits.maxDataDepth()) {
			throw new InvalidFieldException(field + "data", "nested deeper than " + this.limits.maxDataDepth()
					+ " levels");
		}
		String text = this.json.writeValueAsString(data);
		if (text.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
			throw new InvalidFieldException(field + "data", "larger than " + MAX_DATA_BYTES + " bytes as JSON");
		}
		// Values with them were refused while reading JSON; keys are not read as strings, so they are checked here.
		if (text.contains("\\u0000")) {
			throw new InvalidFieldException(field + "data", StorableText.NUL);
		}
		if (StorableText.hasUnpairedSurrogate(text)) {
			throw new InvalidFieldException(field + "data", StorableText.UNPAIRED_SURROGATE);
		}
		Object page = data.get("page");
		if (page != null && !(page instanceof String) && event.action().equals("page_view")) {
			// It becomes the session's current (later exit) page: an object's JSON text is no page.
			throw new InvalidFieldException(field + "data.page", "must be a string");
		}
		Object workflowId = data.get("workflowId");
		if (workflowId != null && (event.action().equals("workflow_start")
				|| event.action().equals("workflow_complete"))) {
			int characters = workflowIdCharacters(workflowId);
			if (characters < 1 || characters > MAX_WORKFLOW_ID_LENGTH) {
				throw new InvalidFieldException(field + "data.workflowId",
						"must be a string or number of 1 to " + MAX_WORKFLOW_ID_LENGTH + " characters");
			}
		}
		return text;
	}

	/**
	 * The characters of a workflow id as it is stored ({@code data->>'workflowId'} into a varchar(128), which counts
	 * code points), or -1 when it is neither a string nor a number. jsonb writes a number out in full: 1e200 is 201
	 * characters.
	 */
	private static int workflowIdCharacters(Object workflowId) {
		if (workflowId instanceof String text) {
			return text.codePointCount(0, text.length());
		}
		if (workflowId instanceof Number number) {
			return new BigDecimal(number.toString()).toPlainString().length();
		}
		return -1;
	}

	/** Levels of objects and arrays: {@code {}} is 1, {@code {"a": [1]}} is 2. */
	private static int depth(Object value) {
		if (value instanceof Map<?, ?> map) {
			return 1 + map.values().stream().mapToInt(EventService::depth).max().orElse(0);
		}
		if (value instanceof List<?> list) {
			return 1 + list.stream().mapToInt(EventService::depth).max().orElse(0);
		}
		return 0;
	}

	/**
	 * Hands a session's events to {@code each}, oldest first, as they are read: a session may hold 10 000 events of up
	 * to 8 KiB, which are read a few at a time, never all at once.
	 * @throws dev.sessiontracker.session.SessionNotFoundException before any event, for an unknown session
	 */
	@Transactional(readOnly = true)
	public void eventsOf(UUID sessionId, Consumer<StoredEvent> each) {
		this.sessions.get(sessionId);
		this.events.forEachOfSession(sessionId, each);
	}

	/**
	 * Workflows started and not completed when the session ended; empty while it is open. A session that has timed
	 * out has ended, whether or not a sweep has closed it yet.
	 */
	public List<AbandonedWorkflow> abandonedWorkflowsOf(UUID sessionId) {
		return this.sessions.get(sessionId).isEnded() ? this.events.findAbandoned(sessionId) : List.of();
	}

}
