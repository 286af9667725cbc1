package dev.chatbot.web.console.agent.sqlite;

import dev.chatbot.hours.OpeningHours;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.transcript.sqlite.SqliteDatabase;
import dev.chatbot.web.console.agent.Agent;
import dev.chatbot.web.console.agent.ConsoleStore;
import dev.chatbot.web.console.agent.ConsoleStoreJson;
import dev.chatbot.web.console.agent.Presence;
import dev.chatbot.web.console.agent.Team;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console store in the embedded database: table {@code agent} (id, account JSON; schema V3), {@code console_team}
 * (name, team JSON) and {@code console_setting} (name, JSON; the opening hours under {@code hours}); presence lives
 * in memory.
 * For one instance, like the embedded transcript store. A data directory written before the database has its
 * accounts in {@code console/agents.json}: they are imported at the first start and the file is renamed
 * {@code agents.json.imported}.
 */
public final class SqliteConsoleStore implements ConsoleStore {

    private static final Logger log = LoggerFactory.getLogger(SqliteConsoleStore.class);

    private final SqliteDatabase db;
    private final Map<AgentId, Presence> presence = new ConcurrentHashMap<>();

    public SqliteConsoleStore(SqliteDatabase db) {
        this.db = db;
    }

    /** The store, with the accounts of an older data directory's {@code console/agents.json} imported once. */
    public static SqliteConsoleStore open(SqliteDatabase db, Path dataDir) {
        SqliteConsoleStore store = new SqliteConsoleStore(db);
        Path file = dataDir.resolve("console").resolve("agents.json");
        if (Files.isRegularFile(file)) {
            try {
                List<Agent> agents = ConsoleStoreJson.agents(Files.readString(file));
                agents.forEach(store::add); // an account already in the database wins
                Files.move(file, file.resolveSibling("agents.json.imported"));
                log.info(
                        "Imported {} console accounts from {}; the old file is kept as agents.json.imported",
                        agents.size(),
                        file);
            } catch (IOException | RuntimeException e) {
                throw new TranscriptStoreException(
                        "cannot import the console accounts of " + file + ": " + e.getMessage(), e);
            }
        }
        return store;
    }

    @Override
    public boolean add(Agent agent) {
        return db.write(s -> {
            PreparedStatement q = s.prepare("INSERT OR IGNORE INTO agent (id, account) VALUES (?, ?)");
            q.setString(1, agent.id().value());
            q.setString(2, ConsoleStoreJson.write(agent));
            return q.executeUpdate() == 1;
        });
    }

    @Override
    public boolean update(Agent agent) {
        return db.write(s -> {
            PreparedStatement q = s.prepare("UPDATE agent SET account = ? WHERE id = ?");
            q.setString(1, ConsoleStoreJson.write(agent));
            q.setString(2, agent.id().value());
            return q.executeUpdate() == 1;
        });
    }

    @Override
    public Optional<Agent> agent(AgentId id) {
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT account FROM agent WHERE id = ?");
            q.setString(1, id.value());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(ConsoleStoreJson.agent(rs.getString(1))) : Optional.empty();
            }
        });
    }

    @Override
    public List<Agent> agents() {
        return db.read(s -> {
            List<Agent> out = new ArrayList<>();
            try (ResultSet rs =
                    s.prepare("SELECT account FROM agent ORDER BY id").executeQuery()) {
                while (rs.next()) {
                    out.add(ConsoleStoreJson.agent(rs.getString(1)));
                }
            }
            return out;
        });
    }

    @Override
    public boolean addTeam(Team team) {
        return db.write(s -> {
            PreparedStatement q = s.prepare("INSERT OR IGNORE INTO console_team (name, team) VALUES (?, ?)");
            q.setString(1, team.name());
            q.setString(2, ConsoleStoreJson.write(team));
            return q.executeUpdate() == 1;
        });
    }

    @Override
    public boolean removeTeam(String name) {
        return db.write(s -> {
            PreparedStatement q = s.prepare("DELETE FROM console_team WHERE name = ?");
            q.setString(1, name);
            return q.executeUpdate() == 1;
        });
    }

    @Override
    public List<Team> teams() {
        return db.read(s -> {
            List<Team> out = new ArrayList<>();
            try (ResultSet rs =
                    s.prepare("SELECT team FROM console_team ORDER BY name").executeQuery()) {
                while (rs.next()) {
                    out.add(ConsoleStoreJson.team(rs.getString(1)));
                }
            }
            return out;
        });
    }

    @Override
    public void report(Presence report) {
        presence.put(report.agent(), report);
    }

    @Override
    public List<Presence> presences() {
        return List.copyOf(presence.values());
    }

    @Override
    public Optional<OpeningHours> hours() {
        return db.read(s -> {
            PreparedStatement q = s.prepare("SELECT value FROM console_setting WHERE name = 'hours'");
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(ConsoleStoreJson.hours(rs.getString(1))) : Optional.empty();
            }
        });
    }

    @Override
    public void saveHours(OpeningHours hours) {
        String json = ConsoleStoreJson.write(hours);
        db.write(s -> {
            PreparedStatement q = s.prepare("INSERT INTO console_setting (name, value) VALUES ('hours', ?) "
                    + "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
            q.setString(1, json);
            return q.executeUpdate();
        });
    }

    @Override
    public void close() {
        // the database belongs to whoever opened it
    }
}
