package dev.sessiontracker.session;

import java.time.Clock;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sessiontracker.shared.LimitProperties;

@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	@Bean
	DeviceDetector deviceDetector(LimitProperties limits, Clock clock) {
		return new DeviceDetector(limits.newUserAgentsPerClient(), clock);
	}

	/**
	 * The detector builds its parser beside the rest of the start-up; once every bean exists the start waits for it
	 * (long done by then), so a parser that cannot be built stops the start instead of failing the first request.
	 */
	@Bean
	SmartInitializingSingleton userAgentParserBuilt(DeviceDetector deviceDetector) {
		return deviceDetector::awaitParser;
	}

}
