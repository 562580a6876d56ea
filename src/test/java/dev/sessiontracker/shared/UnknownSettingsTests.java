package dev.sessiontracker.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.sessiontracker.SessionTrackerApplication;
import dev.sessiontracker.shared.UnknownSettings.Unknown;
import dev.sessiontracker.shared.UnknownSettings.UnknownSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A setting the service does not have stops the start, naming it, where it came from and the one probably meant. What
 * counts as known is held against Spring's own binding: each name taken is bound by Spring, each name refused is not.
 */
class UnknownSettingsTests {

	private static final List<String> KNOWN = UnknownSettings.known(UnknownSettingsTests.class.getClassLoader());

	@Test
	void theBuildsMetadataNamesEveryTrackerSetting() {
		assertThat(KNOWN).contains("tracker.session.idle-timeout", "tracker.embedded-db.data-dir",
				"tracker.internal-hosts", "tracker.limits.new-user-agents-per-client", "tracker.retention",
				"tracker.patterns.window");
	}

	@Test
	void theFormsSpringBindsAreTaken() {
		for (Map<String, Object> variables : List.<Map<String, Object>>of(
				Map.of("TRACKER_SESSION_IDLE_TIMEOUT", "PT5M"), Map.of("TRACKER_SESSION_IDLETIMEOUT", "PT5M"),
				Map.of("tracker_session_idle_timeout", "PT5M"))) {
			StandardEnvironment environment = environment(variables, Map.of());
			assertThat(UnknownSettings.unknown(environment, KNOWN)).as("%s", variables).isEmpty();
			assertThat(idleTimeout(environment)).as("%s", variables).isEqualTo(Duration.ofMinutes(5));
		}
		for (String name : List.of("tracker.session.idle-timeout", "tracker.session.idleTimeout",
				"tracker.session.idle_timeout", "tracker.SESSION.idle-timeout")) {
			StandardEnvironment environment = environment(Map.of(), Map.of(name, "PT5M"));
			assertThat(UnknownSettings.unknown(environment, KNOWN)).as(name).isEmpty();
			assertThat(idleTimeout(environment)).as(name).isEqualTo(Duration.ofMinutes(5));
		}
		for (StandardEnvironment lists : List.of(environment(Map.of("TRACKER_INTERNAL_HOSTS_0", "a.example"), Map.of()),
				environment(Map.of(), Map.of("tracker.internal-hosts[0]", "a.example")))) {
			assertThat(UnknownSettings.unknown(lists, KNOWN)).isEmpty();
			assertThat(Binder.get(lists).bind("tracker.internal-hosts", Bindable.setOf(String.class)).get())
				.containsExactly("a.example");
		}
	}

	@Test
	void misspelledNamesWhichSpringIgnoresAreNamedWithTheOneMeant() {
		StandardEnvironment environment = environment(
				Map.of("TRACKER_SESION_IDLE_TIMEOUT", "PT5M", "TRACKER_EMBEDDED_DB_DATADIR", "/srv/tracker"),
				Map.of("tracker.session.idle-timout", "PT5M", "tracker.colour", "blue"));
		assertThat(idleTimeout(environment)).isNull();
		assertThat(Binder.get(environment).bind("tracker.embedded-db.data-dir", String.class).isBound()).isFalse();

		assertThat(UnknownSettings.unknown(environment, KNOWN)).extracting(Unknown::name, Unknown::where, Unknown::meant)
			.containsExactlyInAnyOrder(
					tuple("TRACKER_SESION_IDLE_TIMEOUT", "environment variable", "TRACKER_SESSION_IDLE_TIMEOUT"),
					tuple("TRACKER_EMBEDDED_DB_DATADIR", "environment variable", "TRACKER_EMBEDDED_DB_DATA_DIR"),
					tuple("tracker.session.idle-timout", "property source 'test'", "tracker.session.idle-timeout"),
					tuple("tracker.colour", "property source 'test'", null));
	}

	@Test
	void kubernetesServiceLinksAndTheVariablesApplicationPropertiesReadsAreNotSettingsToRefuse() {
		Map<String, Object> variables = Map.of("TRACKER_SERVICE_HOST", "10.0.0.7", "TRACKER_SERVICE_PORT", "8080",
				"TRACKER_PORT", "tcp://10.0.0.7:8080", "TRACKER_PORT_8080_TCP_ADDR", "10.0.0.7",
				"TRACKER_DB_SERVICE_HOST", "10.0.0.8", "TRACKER_DB_POOL_SIZE", "20");
		assertThat(UnknownSettings.unknown(environment(variables, Map.of()), KNOWN)).extracting(Unknown::name)
			.containsExactly("TRACKER_DB_POOL_SIZE");
		assertThat(UnknownSettings.unknown(environment(variables,
				Map.of("spring.datasource.hikari.maximum-pool-size", "${TRACKER_DB_POOL_SIZE:10}")), KNOWN))
			.isEmpty();
	}

	@Test
	void theStartIsRefusedBeforeAnythingStartsWithAnAnalysisNamingTheSetting() {
		SpringApplication application = new SpringApplication(SessionTrackerApplication.class);
		application.setDefaultProperties(Map.of("tracker.sesion.idle-timeout", "PT5M"));
		UnknownSettingException refused = catchThrowableOfType(UnknownSettingException.class, application::run);

		FailureAnalysis analysis = new UnknownSettingFailureAnalyzer().analyze(refused);
		assertThat(analysis.getDescription())
			.contains("tracker.sesion.idle-timeout (property source 'defaultProperties'): did you mean "
					+ "tracker.session.idle-timeout?");
		assertThat(analysis.getAction()).contains("README");
	}

	@Test
	void everySettingTheReadmeTheComposeFileAndTheBenchmarkNameIsKnownAndTheReadmeNamesEverySetting()
			throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		Map<String, Object> variables = new LinkedHashMap<>();
		for (Path file : List.of(Path.of("README.md"), Path.of("docker-compose.yml"), Path.of("bench/run.sh"))) {
			Matcher names = Pattern.compile("TRACKER_[A-Z0-9_]*[A-Z0-9]").matcher(Files.readString(file));
			while (names.find()) {
				variables.put(names.group(), "x");
			}
		}
		// the README's example of a misspelled one
		assertThat(variables.remove("TRACKER_SESION_IDLE_TIMEOUT")).isNotNull();
		assertThat(variables).hasSizeGreaterThan(20);
		assertThat(UnknownSettings.unknown(environment(variables, Map.of("spring.datasource.hikari.maximum-pool-size",
				"${TRACKER_DB_POOL_SIZE:10}", "spring.datasource.hikari.connection-timeout",
				"${TRACKER_DB_CONNECTION_TIMEOUT:1000}")), KNOWN))
			.isEmpty();
		for (String name : Set.copyOf(KNOWN)) {
			// the pattern rules' row names the later ones by their last part: `.power-user-min-avg-actions`
			assertThat(readme.contains("`" + name + "`") || readme.contains("`" + name.substring(name.lastIndexOf('.'))
					+ "`")).as(name).isTrue();
		}
	}

	private static Duration idleTimeout(StandardEnvironment environment) {
		return Binder.get(environment).bind("tracker.session.idle-timeout", Duration.class).orElse(null);
	}

	private static StandardEnvironment environment(Map<String, Object> variables, Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					variables));
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

}
