package dev.chatbot.hours;

/**
 * Where the opening hours in force come from (configuration, or what an admin saved in the console). Asked at each
 * decision that depends on the hours, so an edit applies at once. Thread-safe.
 */
@FunctionalInterface
public interface HoursSource {

    /** No schedule: always open. */
    HoursSource ALWAYS = OpeningHours::always;

    OpeningHours current();
}
