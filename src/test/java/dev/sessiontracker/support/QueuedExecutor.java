package dev.sessiontracker.support;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * An executor that runs nothing until the test says so: work handed to the background (a cache's refresh and
 * upkeep) waits here and runs on the test's thread in {@link #runAll()}, so what a reader is served at each moment
 * is certain. Requests may queue work from their own threads meanwhile.
 */
public final class QueuedExecutor implements Executor {

	private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();

	@Override
	public void execute(Runnable task) {
		this.queued.add(task);
	}

	/** Runs everything queued, and whatever that queues in turn. */
	public void runAll() {
		for (Runnable task = this.queued.poll(); task != null; task = this.queued.poll()) {
			task.run();
		}
	}

}
