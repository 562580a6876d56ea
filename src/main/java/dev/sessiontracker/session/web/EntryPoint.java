package dev.sessiontracker.session.web;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.sessiontracker.session.Entry;
import dev.sessiontracker.session.EntrySource;
import dev.sessiontracker.shared.Characters;

@Schema(description = "Where the session began. source defaults from the referrer (none: direct; same host or "
		+ "tracker.internal-hosts: internal; else external), campaign from the page's utm_campaign.")
record EntryPoint(
		@Schema(description = "null without one", types = { "string", "null" },
				example = "/pricing?utm_campaign=spring", maxLength = 2048) @Characters(max = 2048) String page,
		@Schema(example = "external") EntrySource source,
		@Schema(description = "null without one", types = { "string", "null" }, example = "https://news.example.org/",
				maxLength = 2048) @Characters(max = 2048) String referrer,
		@Schema(description = "null without one", types = { "string", "null" }, example = "spring",
				maxLength = 255) @Characters(max = 255) String campaign) {

	static EntryPoint from(Entry entry) {
		return new EntryPoint(entry.page(), entry.source(), entry.referrer(), entry.campaign());
	}

}
