package dev.sessiontracker.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A user's visit, from start to end. Its transitions guard themselves: an ended session never changes again,
 * and a session idle for longer than the timeout ends as {@code timeout} at its last activity, whatever arrives
 * after that. Counters and the current page move in SQL on the ingestion path, not here.
 */
@Entity
@Table(name = "user_sessions")
@DynamicUpdate
public class Session {

	@Id
	private UUID id;

	private String userId;

	private Instant startTime;

	private Instant endTime;

	private Integer durationSeconds;

	private Instant lastSeen;

	private String deviceType;

	private String browser;

	private String os;

	private String screenSize;

	@Column(name = "is_bot")
	private boolean bot;

	private String entryPage;

	private String entrySource;

	private String referrer;

	private String campaign;

	private String exitPage;

	private String exitReason;

	private String lastAction;

	private int actionCount;

	private int errorCount;

	private int workflowCount;

	protected Session() {
	}

	Session(UUID id, String userId, Instant startTime, Device device, Entry entry) {
		this.id = id;
		this.userId = userId;
		this.startTime = startTime;
		this.lastSeen = startTime;
		this.deviceType = device.type().value();
		this.browser = device.browser();
		this.os = device.os();
		this.screenSize = device.screenSize();
		this.bot = device.bot();
		this.entryPage = entry.page();
		this.entrySource = entry.source().value();
		this.referrer = entry.referrer();
		this.campaign = entry.campaign();
	}

	/** A session as stored, read back by plain SQL. */
	static Session restore(UUID id, String userId, Instant startTime, Instant lastSeen, Instant endTime,
			Integer durationSeconds, Columns columns, int actionCount, int errorCount, int workflowCount) {
		Session session = new Session();
		session.id = id;
		session.userId = userId;
		session.startTime = startTime;
		session.lastSeen = lastSeen;
		session.endTime = endTime;
		session.durationSeconds = durationSeconds;
		session.deviceType = columns.deviceType();
		session.browser = columns.browser();
		session.os = columns.os();
		session.screenSize = columns.screenSize();
		session.bot = columns.bot();
		session.entryPage = columns.entryPage();
		session.entrySource = columns.entrySource();
		session.referrer = columns.referrer();
		session.campaign = columns.campaign();
		session.exitPage = columns.exitPage();
		session.exitReason = columns.exitReason();
		session.lastAction = columns.lastAction();
		session.actionCount = actionCount;
		session.errorCount = errorCount;
		session.workflowCount = workflowCount;
		return session;
	}

	/** The descriptive columns of a stored session. */
	record Columns(String deviceType, String browser, String os, String screenSize, boolean bot, String entryPage,
			String entrySource, String referrer, String campaign, String exitPage, String exitReason,
			String lastAction) {
	}

	/**
	 * Ends this session; does nothing if it has ended already. A session that went idle before this call ended
	 * back then, as a timeout at its last activity, so the late request cannot stretch it.
	 * @return whether this call changed the session
	 */
	boolean end(Instant now, Instant idleCutoff, ExitReason reason, String page, String lastAction) {
		if (isEnded()) {
			return false;
		}
		if (isExpired(idleCutoff)) {
			endAt(lastSeen(), ExitReason.TIMEOUT, null, null);
		}
		else {
			endAt(now, reason, page, lastAction);
		}
		return true;
	}

	private void endAt(Instant at, ExitReason reason, String page, String action) {
		// Never before its last activity (nor its start): a write that committed just before this one counts.
		Instant floor = lastSeen().isBefore(this.startTime) ? this.startTime : lastSeen();
		this.endTime = at.isBefore(floor) ? floor : at;
		this.durationSeconds = Math.toIntExact(Duration.between(this.startTime, this.endTime).toSeconds());
		this.exitReason = reason.value();
		this.exitPage = page != null ? page : (this.exitPage != null ? this.exitPage : this.entryPage);
		if (action != null) {
			this.lastAction = action;
		}
	}

	/**
	 * This session as the idle sweep leaves it: one silent since before {@code idleCutoff} has ended, as a timeout
	 * at its last activity, whether or not a sweep has closed it yet (api.md: its end is its last activity, not the
	 * sweep's time). Any other session is returned as it is; this one is never changed.
	 */
	public Session asOf(Instant idleCutoff) {
		if (!isExpired(idleCutoff)) {
			return this;
		}
		Session timedOut = restore(this.id, this.userId, this.startTime, this.lastSeen, null, null,
				new Columns(this.deviceType, this.browser, this.os, this.screenSize, this.bot, this.entryPage,
						this.entrySource, this.referrer, this.campaign, this.exitPage, null, this.lastAction),
				this.actionCount, this.errorCount, this.workflowCount);
		timedOut.endAt(lastSeen(), ExitReason.TIMEOUT, null, null);
		return timedOut;
	}

	public boolean isEnded() {
		return this.endTime != null;
	}

	/**
	 * Open, but silent since before {@code idleCutoff} (now minus the idle timeout, as the service's clock gives
	 * it): it has timed out even if no sweep closed it yet.
	 */
	public boolean isExpired(Instant idleCutoff) {
		return !isEnded() && lastSeen().isBefore(idleCutoff);
	}

	public boolean isActive(Instant idleCutoff) {
		return !isEnded() && !isExpired(idleCutoff);
	}

	/** Whole seconds from start to end; for an open session, from start to its last activity so far. */
	public long duration() {
		return this.durationSeconds != null ? this.durationSeconds
				: Math.max(0, Duration.between(this.startTime, lastSeen()).toSeconds());
	}

	public Instant lastSeen() {
		return this.lastSeen != null ? this.lastSeen : this.startTime;
	}

	public UUID getId() {
		return this.id;
	}

	public String getUserId() {
		return this.userId;
	}

	public Instant getStartTime() {
		return this.startTime;
	}

	public Optional<Instant> getEndTime() {
		return Optional.ofNullable(this.endTime);
	}

	public Device getDevice() {
		return new Device(DeviceType.of(this.deviceType).orElse(DeviceType.DESKTOP), this.browser, this.os,
				this.screenSize, this.bot);
	}

	public Entry getEntry() {
		return new Entry(this.entryPage, EntrySource.of(this.entrySource).orElse(EntrySource.DIRECT), this.referrer,
				this.campaign);
	}

	/** The page the user is on (open session) or left from (ended session), if known. */
	public Optional<String> getCurrentPage() {
		return Optional.ofNullable(this.exitPage != null ? this.exitPage : this.entryPage);
	}

	public Optional<ExitReason> getExitReason() {
		return Optional.ofNullable(this.exitReason).flatMap(ExitReason::of);
	}

	public Optional<String> getLastAction() {
		return Optional.ofNullable(this.lastAction);
	}

	public int getActionCount() {
		return this.actionCount;
	}

	public int getErrorCount() {
		return this.errorCount;
	}

	public int getWorkflowCount() {
		return this.workflowCount;
	}

}
