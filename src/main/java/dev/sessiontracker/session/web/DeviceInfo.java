package dev.sessiontracker.session.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;

import dev.sessiontracker.session.Device;
import dev.sessiontracker.session.DeviceType;
import dev.sessiontracker.shared.Characters;

@Schema(description = "The device; fields left out are derived from the User-Agent header with ua-parser.")
record DeviceInfo(@Schema(example = "desktop") DeviceType type,
		@Schema(description = "ua-parser browser family (Other when it cannot tell); null without a User-Agent",
				types = { "string", "null" }, example = "Chrome", maxLength = 50) @Characters(max = 50) String browser,
		@Schema(description = "ua-parser OS family (Other when it cannot tell); null without a User-Agent",
				types = { "string", "null" }, example = "Windows", maxLength = 50) @Characters(max = 50) String os,
		@Schema(types = { "string", "null" }, example = "1920x1080") @Pattern(regexp = "\\d{1,5}x\\d{1,5}",
				message = "must look like 1920x1080") String screenSize,
		@Schema(description = "true for crawlers and monitors", example = "false") Boolean bot) {

	static DeviceInfo from(Device device) {
		return new DeviceInfo(device.type(), device.browser(), device.os(), device.screenSize(), device.bot());
	}

}
