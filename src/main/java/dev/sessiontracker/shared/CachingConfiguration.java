package dev.sessiontracker.shared;

import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.context.annotation.Configuration;

/**
 * Caches for answers that dashboards poll (daily stats, insights); sized and timed by spring.cache.caffeine.spec.
 * Keys name the method as well as its arguments, so that two methods sharing a cache never answer each other.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CachingConfiguration implements CachingConfigurer {

	@Override
	public KeyGenerator keyGenerator() {
		return (target, method, params) -> new SimpleKey(method.getName(), SimpleKeyGenerator.generateKey(params));
	}

}
