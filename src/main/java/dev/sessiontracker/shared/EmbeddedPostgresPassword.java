package dev.sessiontracker.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.util.StringUtils;

/**
 * The embedded PostgreSQL's password: {@code tracker.embedded-db.password}, or without it one the service makes up for
 * the data directory and keeps in it ({@value #GENERATED}, readable by the service's user only, like the directory
 * itself). zonky's initdb trusts every local connection, so any user or process of the machine could connect as the
 * superuser, who can run commands as the service's account ({@code COPY ... TO PROGRAM}). The superuser gets the
 * password and {@code pg_hba.conf} asks every connection for it (scram-sha-256). Setting it needs a trusted
 * connection: the first start of a directory (or the first with another password) sets it right after the server has
 * started, and for that moment the directory is trusted; the file {@value #MARK} holds the SHA-256 of the password in
 * force (never the password), so that later starts know it is.
 */
final class EmbeddedPostgresPassword {

	static final String MARK = "tracker-password.sha256";

	/** The password made up for the directory, when none is configured. */
	static final String GENERATED = "tracker-password";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String TRUST = """
			# written by the session tracker: local connections are trusted until the password is set
			local all all trust
			host all all 127.0.0.1/32 trust
			host all all ::1/128 trust
			""";

	private static final String SCRAM = """
			# written by the session tracker: every connection gives the superuser's password
			local all all scram-sha-256
			host all all 127.0.0.1/32 scram-sha-256
			host all all ::1/128 scram-sha-256
			""";

	private EmbeddedPostgresPassword() {
	}

	/**
	 * The password of the directory: the configured one, else the one made up for it earlier, else a new one (which
	 * {@link #enforce} keeps in the directory once it is set).
	 */
	static String of(Path dataDir, String configured) throws IOException {
		if (StringUtils.hasText(configured)) {
			return configured;
		}
		Path generated = dataDir.resolve(GENERATED);
		if (Files.exists(generated)) {
			return Files.readString(generated).trim();
		}
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Before the server starts: whether {@code password} is already in force on the directory, so that connections
	 * give it. An existing directory without it in force (another password before, none, or a start that stopped
	 * while setting it) is trusted again until {@link #enforce} sets it; a new one is left empty for initdb.
	 */
	static boolean inForce(Path dataDir, String password) throws IOException {
		Path mark = dataDir.resolve(MARK);
		if (Files.exists(mark) && Files.readString(mark).trim().equals(sha256(password))) {
			return true;
		}
		if (Files.exists(dataDir.resolve("PG_VERSION"))) {
			Files.writeString(dataDir.resolve("pg_hba.conf"), TRUST);
			Files.deleteIfExists(mark);
		}
		return false;
	}

	/**
	 * Once the server runs on trust: gives the superuser {@code password} and asks every connection for it. A password
	 * made up for the directory is kept in it, before connections are asked for it; a configured one is not.
	 */
	static void enforce(EmbeddedPostgres postgres, Path dataDir, String password, String configured)
			throws IOException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				PreparedStatement alter = connection
					.prepareStatement("SELECT format('ALTER ROLE postgres PASSWORD %L', CAST(? AS text))")) {
			alter.setString(1, password);
			try (ResultSet command = alter.executeQuery(); Statement sql = connection.createStatement()) {
				command.next();
				sql.execute(command.getString(1));
				Path generated = dataDir.resolve(GENERATED);
				if (StringUtils.hasText(configured)) {
					Files.deleteIfExists(generated);
				}
				else {
					writePrivately(generated, password);
				}
				Files.writeString(dataDir.resolve("pg_hba.conf"), SCRAM);
				sql.execute("SELECT pg_reload_conf()");
				// last: a start stopped before it sets the password again
				Files.writeString(dataDir.resolve(MARK), sha256(password) + "\n");
			}
		}
		catch (SQLException ex) {
			throw new IOException("Could not set the embedded PostgreSQL's password: " + ex.getMessage(), ex);
		}
	}

	// readable by the service's user only, from its creation on
	private static void writePrivately(Path file, String content) throws IOException {
		Path partial = file.resolveSibling(file.getFileName() + ".new");
		Files.deleteIfExists(partial);
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		Files.writeString(partial, content + "\n");
		Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static String sha256(String password) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
