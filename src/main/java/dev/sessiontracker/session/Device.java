package dev.sessiontracker.session;

/** The device a session runs on; browser and OS are ua-parser family names. */
public record Device(DeviceType type, String browser, String os, String screenSize, boolean bot) {
}
