package dev.sessiontracker.shared;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A zone as PostgreSQL's {@code AT TIME ZONE} reads it the way Java does. Region ids ({@code Europe/Berlin},
 * {@code Etc/GMT-1}) are the same in both; but a fixed offset written {@code GMT+05:30}, {@code UTC+01:00} or
 * {@code +05:30}, which Java takes as east of Greenwich, PostgreSQL takes as a POSIX zone, west of it, so local hours
 * came out twice the offset away. Offsets are given as POSIX zones that say what is meant ({@code <+0530>-05:30}).
 */
public final class PostgresZone {

	private PostgresZone() {
	}

	public static String of(ZoneId zone) {
		if (!(zone.normalized() instanceof ZoneOffset offset)) {
			return zone.getId();
		}
		if (offset.getTotalSeconds() == 0) {
			return "UTC";
		}
		// POSIX counts hours west of Greenwich: the sign is the other way round
		return "<" + offset.getId().replace(":", "") + ">" + ZoneOffset.ofTotalSeconds(-offset.getTotalSeconds()).getId();
	}

}
