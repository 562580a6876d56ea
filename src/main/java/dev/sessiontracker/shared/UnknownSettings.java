package dev.sessiontracker.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Refuses to start with a {@code tracker.*} setting (or a {@code TRACKER_*} environment variable) the service does not
 * have. Spring binds settings by name and ignores every other one, so {@code TRACKER_SESION_IDLE_TIMEOUT=PT5M} left
 * the timeout at 30 minutes without a word, and {@code TRACKER_EMBEDDED_DB_DATADIR} a new empty database in {@code
 * data/postgres}. Runs as the environment is prepared, before the embedded database starts. The names known are those
 * of the configuration metadata the build generates from the settings records ({@code
 * META-INF/spring-configuration-metadata.json}), and the {@code TRACKER_*} variables that application.properties
 * reads ({@code TRACKER_DB_POOL_SIZE}). Kubernetes' service links ({@code TRACKER_SERVICE_HOST}, {@code
 * TRACKER_PORT_8080_TCP}, set for a service named {@code tracker}) are not settings and are let through.
 */
class UnknownSettings implements EnvironmentPostProcessor {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final String PREFIX = "tracker.";

	private static final String ENV_PREFIX = "TRACKER_";

	// what application.properties reads from the environment itself: ${TRACKER_DB_POOL_SIZE:10}
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(TRACKER_[A-Z0-9_]+)");

	// variables Kubernetes sets for every service of the namespace, named after the service
	private static final Pattern SERVICE_LINK = Pattern
		.compile(".*_(SERVICE_HOST|SERVICE_PORT(_.+)?|PORT|PORT_\\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)");

	private static final Pattern INDEX = Pattern.compile("_\\d+$");

	private static final Pattern BRACKETED_INDEX = Pattern.compile("\\[\\d+]");

	private final Log log;

	UnknownSettings(DeferredLogFactory logs) {
		this.log = logs.getLog(UnknownSettings.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> known = known(application.getClassLoader());
		if (known.isEmpty()) {
			this.log.warn("No " + METADATA + " names the tracker.* settings (a build without the configuration "
					+ "processor), so misspelled settings are not looked for.");
			return;
		}
		List<Unknown> unknown = unknown(environment, known);
		if (!unknown.isEmpty()) {
			throw new UnknownSettingException(unknown);
		}
	}

	static List<Unknown> unknown(ConfigurableEnvironment environment, List<String> known) {
		Set<String> variables = new HashSet<>();
		for (String name : known) {
			String upper = name.toUpperCase(Locale.ROOT).replace('.', '_');
			// TRACKER_SESSION_IDLE_TIMEOUT, and Spring's TRACKER_SESSION_IDLETIMEOUT
			variables.add(upper.replace('-', '_'));
			variables.add(upper.replace("-", ""));
		}
		for (PropertySource<?> source : environment.getPropertySources()) {
			// the values as they are held, not resolved: a test's dynamic ones are suppliers, left uncalled
			if (!(source instanceof SystemEnvironmentPropertySource) && source instanceof MapPropertySource map) {
				for (Object held : map.getSource().values()) {
					if (held instanceof CharSequence value) {
						Matcher placeholder = PLACEHOLDER.matcher(value);
						while (placeholder.find()) {
							variables.add(placeholder.group(1));
						}
					}
				}
			}
		}
		Map<String, Unknown> unknown = new LinkedHashMap<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (!(source instanceof EnumerablePropertySource<?> names)) {
				continue;
			}
			for (String name : names.getPropertyNames()) {
				String upper = name.toUpperCase(Locale.ROOT);
				if (source instanceof SystemEnvironmentPropertySource) {
					if (upper.startsWith(ENV_PREFIX) && !variables.contains(INDEX.matcher(upper).replaceFirst(""))
							&& !SERVICE_LINK.matcher(upper).matches()) {
						unknown.putIfAbsent(name, new Unknown(name, "environment variable",
								nearest(upper, variables.stream().toList())));
					}
				}
				else if (name.toLowerCase(Locale.ROOT).startsWith(PREFIX) && !isKnown(name, known)) {
					unknown.putIfAbsent(name, new Unknown(name, from(source, name),
							nearest(name.toLowerCase(Locale.ROOT), known)));
				}
			}
		}
		return List.copyOf(unknown.values());
	}

	// as Spring's relaxed binding tells names apart: idle-timeout, idleTimeout and idle_timeout are one, as are the
	// indexes of a list (internal-hosts[0])
	private static boolean isKnown(String name, List<String> known) {
		String given = uniform(BRACKETED_INDEX.matcher(name).replaceAll(""));
		return known.stream().anyMatch((setting) -> uniform(setting).equals(given));
	}

	private static String uniform(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
	}

	private static String from(PropertySource<?> source, String name) {
		Origin origin = OriginLookup.getOrigin(source, name);
		if (origin != null) {
			return origin.toString();
		}
		return switch (source.getName()) {
			case "commandLineArgs" -> "command-line argument";
			case "systemProperties" -> "system property";
			default -> "property source '" + source.getName() + "'";
		};
	}

	// the known name fewest edits away, if it is close enough to be the one meant
	private static String nearest(String given, List<String> names) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String name : names) {
			int distance = distance(given, name);
			if (distance < bestDistance) {
				best = name;
				bestDistance = distance;
			}
		}
		return (best != null && bestDistance <= Math.max(2, given.length() / 4)) ? best : null;
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	static List<String> known(ClassLoader classLoader) {
		JsonMapper json = JsonMapper.builder().build();
		List<String> known = new ArrayList<>();
		try {
			Enumeration<URL> files = ((classLoader != null) ? classLoader : UnknownSettings.class.getClassLoader())
				.getResources(METADATA);
			while (files.hasMoreElements()) {
				try (InputStream in = files.nextElement().openStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						String name = property.path("name").asString();
						if (name.startsWith(PREFIX)) {
							known.add(name);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return known;
	}

	/**
	 * A setting given that the service does not have.
	 *
	 * @param name as given
	 * @param where the environment, or the file and line it was read from
	 * @param meant the known name closest to it, if one is close
	 */
	record Unknown(String name, String where, String meant) {
	}

	/**
	 * The start refused for settings the service does not have; {@link UnknownSettingFailureAnalyzer} explains it.
	 */
	static class UnknownSettingException extends IllegalStateException {

		private final List<Unknown> unknown;

		UnknownSettingException(List<Unknown> unknown) {
			super("Unknown settings: " + unknown.stream().map(Unknown::name).toList());
			this.unknown = unknown;
		}

		List<Unknown> unknown() {
			return this.unknown;
		}

	}

}
