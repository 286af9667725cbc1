package dev.chatbot.hours;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * When a person answers: a weekly schedule in a time zone, with dated exceptions (holidays, short days) that replace
 * the week day's hours on their date. A day's hours are written {@code 09:00-17:00}, several spans separated by commas
 * ({@code 09:00-12:00, 13:00-17:00}), {@code closed} for none; an end of {@code 24:00} is midnight. A span never
 * crosses midnight (write the night shift as two days). Without any schedule ({@link #always()}) the team counts as
 * always open, which is how a service without {@code chatbot.hours} behaves. Immutable.
 *
 * @param zone the time zone the hours are in
 * @param weekly each week day's spans (a missing day is closed)
 * @param exceptions dates whose spans replace the week day's (an empty list: closed that day)
 * @param scheduled false for {@link #always()}: no schedule, always open
 */
public record OpeningHours(
        ZoneId zone, Map<DayOfWeek, List<Span>> weekly, Map<LocalDate, List<Span>> exceptions, boolean scheduled) {

    /** How far ahead {@link #nextOpening} looks: a schedule closed for longer has no next opening. */
    private static final int LOOK_AHEAD_DAYS = 400;

    public OpeningHours {
        Objects.requireNonNull(zone, "zone");
        Map<DayOfWeek, List<Span>> week = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, spans) -> {
            if (!spans.isEmpty()) {
                week.put(day, sorted(spans)); // a closed day is a missing day
            }
        });
        weekly = java.util.Collections.unmodifiableMap(week);
        Map<LocalDate, List<Span>> dates = new TreeMap<>();
        exceptions.forEach((date, spans) -> dates.put(date, sorted(spans)));
        exceptions = java.util.Collections.unmodifiableMap(dates);
    }

    /** No schedule: always open. */
    public static OpeningHours always() {
        return new OpeningHours(ZoneId.of("UTC"), Map.of(), Map.of(), false);
    }

    /** A time span of a day, {@code from} inclusive, {@code to} exclusive ({@code null} to: until midnight). */
    public record Span(LocalTime from, LocalTime to) {
        public Span {
            Objects.requireNonNull(from, "from");
            if (to != null && !to.isAfter(from)) {
                throw new IllegalArgumentException("a span must end after it starts: " + from + "-" + to);
            }
        }

        boolean contains(LocalTime time) {
            return !time.isBefore(from) && (to == null || time.isBefore(to));
        }

        @Override
        public String toString() {
            return from + "-" + (to == null ? "24:00" : to.toString());
        }
    }

    /**
     * Reads a schedule as written in configuration and the console.
     *
     * @param zone a time zone id ({@code Europe/Berlin}); blank: UTC
     * @param weekly day name ({@code monday}, any case) to hours; a missing day is closed
     * @param exceptions date ({@code 2026-12-25}) to hours
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static OpeningHours parse(String zone, Map<String, String> weekly, Map<String, String> exceptions) {
        ZoneId zoneId;
        try {
            zoneId = zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone: unknown time zone '" + zone + "'");
        }
        Map<DayOfWeek, List<Span>> week = new EnumMap<>(DayOfWeek.class);
        (weekly == null ? Map.<String, String>of() : weekly).forEach((name, hours) -> {
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("weekly: '" + name + "' is not a day of the week (monday..sunday)");
            }
            week.put(day, spans("weekly." + day.name().toLowerCase(Locale.ROOT), hours));
        });
        Map<LocalDate, List<Span>> dates = new TreeMap<>();
        (exceptions == null ? Map.<String, String>of() : exceptions).forEach((text, hours) -> {
            LocalDate date;
            try {
                date = LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("exceptions: '" + text + "' is not a date like 2026-12-25");
            }
            dates.put(date, spans("exceptions." + date, hours));
        });
        return new OpeningHours(zoneId, week, dates, true);
    }

    /** One day's hours: {@code closed}, blank, or comma-separated {@code HH:mm-HH:mm} spans that do not overlap. */
    static List<Span> spans(String field, String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("closed")) {
            return List.of();
        }
        List<Span> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] ends = part.strip().split("-");
            if (ends.length != 2) {
                throw new IllegalArgumentException(field + ": '" + part.strip() + "' is not a span like 09:00-17:00");
            }
            try {
                LocalTime from = LocalTime.parse(ends[0].strip());
                String end = ends[1].strip();
                out.add(new Span(from, end.equals("24:00") ? null : LocalTime.parse(end)));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + ": '" + part.strip() + "' is not a span like 09:00-17:00");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ": " + e.getMessage());
            }
        }
        List<Span> sorted = sorted(out);
        for (int i = 1; i < sorted.size(); i++) {
            Span before = sorted.get(i - 1);
            if (before.to() == null || sorted.get(i).from().isBefore(before.to())) {
                throw new IllegalArgumentException(field + ": spans " + before + " and " + sorted.get(i) + " overlap");
            }
        }
        return sorted;
    }

    private static List<Span> sorted(List<Span> spans) {
        return spans.stream().sorted(Comparator.comparing(Span::from)).toList();
    }

    /** The spans of one date: its exception if it has one, else its week day's. */
    public List<Span> on(LocalDate date) {
        List<Span> exception = exceptions.get(date);
        return exception != null ? exception : weekly.getOrDefault(date.getDayOfWeek(), List.of());
    }

    /** Whether the team is in at {@code instant}. */
    public boolean isOpen(Instant instant) {
        if (!scheduled) {
            return true;
        }
        ZonedDateTime local = instant.atZone(zone);
        return on(local.toLocalDate()).stream().anyMatch(s -> s.contains(local.toLocalTime()));
    }

    /**
     * When the team is next in, from {@code instant} on: {@code instant} itself when it is open, else the start of the
     * next span; empty if the schedule has no opening within about a year.
     */
    public Optional<ZonedDateTime> nextOpening(Instant instant) {
        if (isOpen(instant)) {
            return Optional.of(instant.atZone(zone));
        }
        ZonedDateTime local = instant.atZone(zone);
        LocalDate date = local.toLocalDate();
        for (int day = 0; day <= LOOK_AHEAD_DAYS; day++, date = date.plusDays(1)) {
            for (Span span : on(date)) {
                ZonedDateTime start = date.atTime(span.from()).atZone(zone);
                if (start.isAfter(local)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }

    /** The next opening as a customer reads it: {@code Monday 7 December, 09:00 (Europe/Berlin)}. */
    public static String describe(ZonedDateTime opening) {
        return opening.format(DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.ENGLISH)) + " ("
                + opening.getZone().getId() + ")";
    }

    /** The week as written in configuration: day name (lower case) to hours, Monday first; closed days included. */
    public Map<String, String> weeklyText() {
        Map<String, String> out = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            out.put(day.name().toLowerCase(Locale.ROOT), text(weekly.getOrDefault(day, List.of())));
        }
        return out;
    }

    /** The exceptions as written in configuration: date to hours, oldest first. */
    public Map<String, String> exceptionsText() {
        Map<String, String> out = new LinkedHashMap<>();
        exceptions.forEach((date, spans) -> out.put(date.toString(), text(spans)));
        return out;
    }

    private static String text(List<Span> spans) {
        return spans.isEmpty()
                ? "closed"
                : String.join(", ", spans.stream().map(Span::toString).toList());
    }
}
