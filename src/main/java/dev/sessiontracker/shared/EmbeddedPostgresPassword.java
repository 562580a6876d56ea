package dev.sessiontracker.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.util.StringUtils;

/**
 * The embedded PostgreSQL's password ({@code tracker.embedded-db.password}). zonky's initdb trusts every local
 * connection, so any user or process of the machine could connect as the superuser. With a password set, the
 * superuser gets it and {@code pg_hba.conf} asks every connection for it (scram-sha-256). Setting it needs a trusted
 * connection: the first start with a password (or with another one) sets it right after the server has started, and
 * for that moment the directory is as open as without one; the file {@value #MARK} in the data directory holds the
 * password's SHA-256 (never the password), so that later starts know it is in force. Without the setting, a directory
 * that had a password is trusted again.
 */
final class EmbeddedPostgresPassword {

	static final String MARK = "tracker-password.sha256";

	private static final String TRUST = """
			# written by the session tracker: tracker.embedded-db.password is not set, local connections are trusted
			local all all trust
			host all all 127.0.0.1/32 trust
			host all all ::1/128 trust
			""";

	private static final String SCRAM = """
			# written by the session tracker: tracker.embedded-db.password is set
			local all all scram-sha-256
			host all all 127.0.0.1/32 scram-sha-256
			host all all ::1/128 scram-sha-256
			""";

	private EmbeddedPostgresPassword() {
	}

	/**
	 * Before the server starts: whether {@code password} is already in force on the directory, so that connections
	 * give it. A directory whose password was taken off the configuration, or changed in it, is trusted again (until
	 * {@link #enforce} sets the new one).
	 */
	static boolean inForce(Path dataDir, String password) throws IOException {
		Path mark = dataDir.resolve(MARK);
		if (StringUtils.hasText(password) && Files.exists(mark)
				&& Files.readString(mark).trim().equals(sha256(password))) {
			return true;
		}
		if (Files.exists(mark)) {
			Files.writeString(dataDir.resolve("pg_hba.conf"), TRUST);
			Files.delete(mark);
		}
		return false;
	}

	/** Once the server runs on trust: gives the superuser {@code password} and asks every connection for it. */
	static void enforce(EmbeddedPostgres postgres, Path dataDir, String password) throws IOException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				PreparedStatement alter = connection
					.prepareStatement("SELECT format('ALTER ROLE postgres PASSWORD %L', CAST(? AS text))")) {
			alter.setString(1, password);
			try (ResultSet command = alter.executeQuery(); Statement sql = connection.createStatement()) {
				command.next();
				sql.execute(command.getString(1));
				Files.writeString(dataDir.resolve("pg_hba.conf"), SCRAM);
				sql.execute("SELECT pg_reload_conf()");
			}
		}
		catch (SQLException ex) {
			throw new IOException("Could not set the embedded PostgreSQL's password: " + ex.getMessage(), ex);
		}
		Files.writeString(dataDir.resolve(MARK), sha256(password) + "\n");
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
