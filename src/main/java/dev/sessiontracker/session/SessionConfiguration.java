package dev.sessiontracker.session;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	@Bean
	DeviceDetector deviceDetector() {
		return new DeviceDetector();
	}

}
