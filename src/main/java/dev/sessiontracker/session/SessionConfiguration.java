package dev.sessiontracker.session;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	@Bean
	DeviceDetector deviceDetector() {
		return new DeviceDetector();
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
