package dev.sessiontracker.pattern;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Classifies one ended session from its own events; see {@link #RULES}. */
public final class SessionPatternClassifier {

	public static final String RULES = "One ended session, from its own events; the first matching rule decides. 1) "
			+ "confused: at least 2 of the 4 confusion signals (any error; a run of the same action 3+ times in a "
			+ "row, a page_view of the same page being the same action; 2+ back-and-forth returns A→B→A in the "
			+ "page_view sequence; a workflow whose latest start has no completion after it), or 5+ errors; 2) "
			+ "power_user: duration >= 1800 s and >= 50 actions; 3) task_focused: a workflow completed and distinct "
			+ "pages <= 3 × completed workflows; 4) explorer: 5+ distinct pages; 5) otherwise task_focused if a "
			+ "workflow was completed, else explorer (also for an empty session). Confidence = 0.5 + 0.5 × strength, "
			+ "two decimals, with strength in [0, 1]: confused, the larger of signals present / 4 and errors / 10; "
			+ "power_user, the smaller of duration / 1800 - 1 and actions / 50 - 1; task_focused, completed / "
			+ "distinct workflows; explorer, distinct pages / 10, less 0.25 if a workflow was completed; power_user, "
			+ "task_focused and explorer lose 0.25 of strength when one confusion signal is present. Rule 5 answers "
			+ "have confidence 0.3, an empty session 0.1.";

	private static final int CONFUSION_SIGNALS = 4;

	private static final int MANY_ERRORS = 5;

	private static final long LONG_SECONDS = 1800;

	private static final int INTENSE_ACTIONS = 50;

	private static final int PAGES_PER_WORKFLOW = 3;

	private static final int MANY_PAGES = 5;

	private static final double SIGNAL_PENALTY = 0.25;

	public SessionPattern classify(long durationSeconds, List<EventFacts> eventsOldestFirst) {
		Features f = Features.of(eventsOldestFirst);
		if (f.actions() == 0) {
			return new SessionPattern(SessionPatternType.EXPLORER, List.of("no events"), 0.1);
		}
		List<String> signals = f.confusionSignals();
		if (signals.size() >= 2 || f.errors() >= MANY_ERRORS) {
			double strength = Math.max((double) signals.size() / CONFUSION_SIGNALS, f.errors() / 10.0);
			return pattern(SessionPatternType.CONFUSED, signals, strength);
		}
		double penalty = SIGNAL_PENALTY * signals.size();
		if (durationSeconds >= LONG_SECONDS && f.actions() >= INTENSE_ACTIONS) {
			double strength = Math.min((double) durationSeconds / LONG_SECONDS, (double) f.actions() / INTENSE_ACTIONS)
					- 1;
			return pattern(SessionPatternType.POWER_USER, List.of("session lasted " + durationSeconds + "s >= "
					+ LONG_SECONDS + "s", f.actions() + " actions >= " + INTENSE_ACTIONS), strength - penalty);
		}
		if (f.completed() > 0 && f.distinctPages() <= PAGES_PER_WORKFLOW * f.completed()) {
			return pattern(SessionPatternType.TASK_FOCUSED, List.of(f.workflowsCompleted(), "only "
					+ plural(f.distinctPages(), "distinct page")), (double) f.completed() / f.workflows() - penalty);
		}
		if (f.distinctPages() >= MANY_PAGES) {
			double strength = f.distinctPages() / (2.0 * MANY_PAGES) - (f.completed() > 0 ? SIGNAL_PENALTY : 0);
			return pattern(SessionPatternType.EXPLORER,
					List.of(plural(f.distinctPages(), "distinct page"), f.workflowsCompleted()), strength - penalty);
		}
		// Nothing decisive: a short or narrow visit. Completed work still says more than wandering does.
		SessionPatternType type = f.completed() > 0 ? SessionPatternType.TASK_FOCUSED : SessionPatternType.EXPLORER;
		return new SessionPattern(type, List.of("no decisive signal", plural(f.pageViews(), "page view") + " of "
				+ plural(f.distinctPages(), "distinct page"), f.workflowsCompleted()), 0.3);
	}

	private static SessionPattern pattern(SessionPatternType type, List<String> indicators, double strength) {
		double clamped = Math.max(0, Math.min(1, strength));
		double confidence = BigDecimal.valueOf(0.5 + 0.5 * clamped).setScale(2, RoundingMode.HALF_UP).doubleValue();
		return new SessionPattern(type, indicators, confidence);
	}

	private static String plural(int count, String noun) {
		return count + " " + noun + (count == 1 ? "" : "s");
	}

	private record Features(int actions, int errors, int distinctPages, int pageViews, int backAndForth,
			int repeatedRuns, int workflows, int completed, int abandoned) {

		static Features of(List<EventFacts> events) {
			List<String> pages = new ArrayList<>();
			Map<String, Instant> started = new HashMap<>();
			Map<String, Instant> completed = new HashMap<>();
			int errors = 0;
			int pageViews = 0;
			for (EventFacts event : events) {
				switch (Objects.requireNonNullElse(event.action(), "")) {
					case "error" -> errors++;
					case "page_view" -> {
						pageViews++;
						if (event.page() != null) {
							pages.add(event.page());
						}
					}
					case "workflow_start" -> putLatest(started, event);
					case "workflow_complete" -> putLatest(completed, event);
					default -> {
					}
				}
			}
			Set<String> workflows = new HashSet<>(started.keySet());
			workflows.addAll(completed.keySet());
			// as the stored workflows read: abandoned when the latest start has no completion after it
			long abandoned = started.entrySet()
				.stream()
				.filter(start -> !completed.containsKey(start.getKey())
						|| completed.get(start.getKey()).isBefore(start.getValue()))
				.count();
			return new Features(events.size(), errors, new HashSet<>(pages).size(), pageViews, returns(pages),
					repeatedRuns(events), workflows.size(), completed.size(), (int) abandoned);
		}

		private static void putLatest(Map<String, Instant> latest, EventFacts event) {
			if (event.workflowId() != null) {
				latest.merge(event.workflowId(), event.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
			}
		}

		/** A→B→A counts one return; reloading the same page in between is not a move. */
		private static int returns(List<String> pages) {
			List<String> moves = new ArrayList<>();
			for (String page : pages) {
				if (moves.isEmpty() || !moves.get(moves.size() - 1).equals(page)) {
					moves.add(page);
				}
			}
			int returns = 0;
			for (int i = 2; i < moves.size(); i++) {
				returns += moves.get(i).equals(moves.get(i - 2)) ? 1 : 0;
			}
			return returns;
		}

		private static int repeatedRuns(List<EventFacts> events) {
			int runs = 0;
			int length = 0;
			String previous = null;
			for (EventFacts event : events) {
				// Viewing the same page again is the same action; viewing another page is not.
				String key = "page_view".equals(event.action()) ? "page_view " + event.page() : event.action();
				length = Objects.equals(key, previous) ? length + 1 : 1;
				previous = key;
				runs += length == 3 ? 1 : 0;
			}
			return runs;
		}

		/** One back-and-forth return is ordinary navigation (list, detail, list); two start to look lost. */
		List<String> confusionSignals() {
			List<String> signals = new ArrayList<>();
			if (this.errors > 0) {
				signals.add(plural(this.errors, "error"));
			}
			if (this.repeatedRuns > 0) {
				signals.add(plural(this.repeatedRuns, "run") + " of the same action 3+ times in a row");
			}
			if (this.backAndForth >= 2) {
				signals.add("back-and-forth between pages " + this.backAndForth + " times");
			}
			if (this.abandoned > 0) {
				signals.add(plural(this.abandoned, "abandoned workflow"));
			}
			return signals;
		}

		String workflowsCompleted() {
			return (this.workflows == 0) ? "no workflows"
					: this.completed + " of " + this.workflows + " workflows completed";
		}

	}

}
