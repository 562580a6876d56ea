package dev.sessiontracker.event;

/**
 * SQL for reading {@code workflow_executions}, for the modules that query the table themselves. A row holds a
 * workflow's latest start and latest completion in its session, so a workflow started again after it completed (a
 * second checkout under the same id) counts as abandoned if that later attempt never completed.
 */
public final class WorkflowColumns {

	private WorkflowColumns() {
	}

	/** Whether the workflow's latest start has no completion after it (abandoned once its session has ended). */
	public static String abandoned(String alias) {
		return "(%1$s.started_at IS NOT NULL AND (%1$s.completed_at IS NULL OR %1$s.completed_at < %1$s.started_at))"
			.formatted(alias);
	}

}
