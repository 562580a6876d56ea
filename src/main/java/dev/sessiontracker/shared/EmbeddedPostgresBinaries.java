package dev.sessiontracker.shared;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where zonky unpacks the embedded PostgreSQL's binaries. Its default, {@code <tmp>/embedded-pg}, is made writable by
 * everyone, and zonky runs the binaries it finds there without checking them: any user of the machine could put a
 * {@code postgres} there that the service would run under its own account. They go instead into a directory of the
 * service's user that only that user may enter, {@code <tmp>/session-tracker-pg-<user>}, unpacked once and reused by
 * later starts; if that name is taken by anything else (another owner, a directory others may enter, a link), into
 * {@code ~/.cache/session-tracker-pg} on the same terms, and failing both into a new private directory for this run. (zonky makes the directory writable for everyone, which without the right to
 * enter it, the execute bit, lets no one else create or change anything in it.)
 */
final class EmbeddedPostgresBinaries {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresBinaries.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	private EmbeddedPostgresBinaries() {
	}

	static Path directory() throws IOException {
		return directory(List.of(
				Path.of(System.getProperty("java.io.tmpdir"), "session-tracker-pg-" + System.getProperty("user.name")),
				Path.of(System.getProperty("user.home"), ".cache", "session-tracker-pg")));
	}

	/**
	 * The first of {@code candidates} that is (or can be made) this user's own private directory, else a new private
	 * one, into which the binaries are unpacked again at every start.
	 */
	static Path directory(List<Path> candidates) throws IOException {
		if (candidates.get(0).getFileSystem().supportedFileAttributeViews().stream().noneMatch("posix"::equals)) {
			// no POSIX permissions (Windows): the temporary directory is the user's own
			Files.createDirectories(candidates.get(0));
			return candidates.get(0);
		}
		for (Path candidate : candidates) {
			if (isOrBecomesPrivate(candidate)) {
				return candidate;
			}
		}
		Path fresh = Files.createTempDirectory("session-tracker-pg-", ownerOnly());
		log.warn("None of {} is a directory of this user's that only it may enter: the embedded PostgreSQL's binaries "
				+ "go to {} for this run", candidates, fresh);
		return fresh;
	}

	private static boolean isOrBecomesPrivate(Path candidate) {
		try {
			Files.createDirectories(candidate.getParent());
			Files.createDirectory(candidate, ownerOnly());
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			try {
				return isPrivate(candidate);
			}
			catch (IOException unreadable) {
				return false;
			}
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean isPrivate(Path directory) throws IOException {
		PosixFileAttributes attributes = Files
			.getFileAttributeView(directory, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
			.readAttributes();
		Set<PosixFilePermission> permissions = attributes.permissions();
		return attributes.isDirectory() && attributes.owner().equals(currentUser())
				&& !permissions.contains(PosixFilePermission.GROUP_EXECUTE)
				&& !permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
	}

	/** This process's user as the file system knows it (a container's user may have no name to look up). */
	private static UserPrincipal currentUser() throws IOException {
		Path probe = Files.createTempFile("session-tracker-owner-", "");
		try {
			return Files.getOwner(probe);
		}
		finally {
			Files.delete(probe);
		}
	}

	private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
		return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
	}

}
