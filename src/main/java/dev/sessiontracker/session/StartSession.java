package dev.sessiontracker.session;

/**
 * What a client asked for when starting a session. Any device or entry field left null is derived: device
 * fields from the User-Agent, the entry source from the referrer, the campaign from {@code utm_campaign}.
 *
 * @param userAgent the request's User-Agent header
 * @param pageHost host of the page that made the call (its Origin), used when {@code page} is a bare path
 * @param userHash the identity signature, required when identity verification is on
 * @param client the address of the client that asked (its share of User-Agent parses), or null
 */
public record StartSession(String userId, String userHash, DeviceType deviceType, String browser, String os,
		String screenSize, Boolean bot, String page, EntrySource source, String referrer, String campaign,
		String userAgent, String pageHost, String client) {
}
