package dev.sessiontracker.shared;

import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

/** Caches for answers that dashboards poll (daily stats, insights); sized and timed by spring.cache.caffeine.spec. */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CachingConfiguration {

}
