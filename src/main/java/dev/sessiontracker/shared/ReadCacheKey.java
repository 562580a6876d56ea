package dev.sessiontracker.shared;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.util.ReflectionUtils;

/**
 * A read cache's key: the method and its arguments, which alone make it equal to another, and the call itself, so
 * that the cache can make the answer again in the background without a request waiting for it.
 */
final class ReadCacheKey {

	private final String method;

	private final Object arguments;

	private final Supplier<Object> recompute;

	private ReadCacheKey(String method, Object arguments, Supplier<Object> recompute) {
		this.method = method;
		this.arguments = arguments;
		this.recompute = recompute;
	}

	/** The key of {@code method} called on the bean {@code target} (behind its proxies) with {@code arguments}. */
	static ReadCacheKey of(Object target, Method method, Object... arguments) {
		Object[] copy = arguments.clone();
		return new ReadCacheKey(method.getName(), SimpleKeyGenerator.generateKey(copy), () -> {
			ReflectionUtils.makeAccessible(method);
			return ReflectionUtils.invokeMethod(method, target, copy);
		});
	}

	/** Calls the method again on the bean itself: the caller provides what its proxies did (a transaction). */
	Object recompute() {
		return this.recompute.get();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ReadCacheKey key && this.method.equals(key.method)
				&& this.arguments.equals(key.arguments);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.method, this.arguments);
	}

	@Override
	public String toString() {
		return this.method + this.arguments;
	}

}
