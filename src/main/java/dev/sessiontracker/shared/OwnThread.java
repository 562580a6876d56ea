package dev.sessiontracker.shared;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** A start-up step run beside the rest of the start, on a daemon thread of its own. */
public final class OwnThread {

	private OwnThread() {
	}

	/**
	 * Starts {@code work} on a new daemon thread named {@code name}.
	 * @return completes with what the work returns, or exceptionally with what it throws, checked exceptions included
	 */
	public static <T> CompletableFuture<T> start(String name, Callable<T> work) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				result.complete(work.call());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		return result;
	}

}
