package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Events are stored for years: stable names, versions, and nothing a serializer cannot handle. */
class WorkflowEventTest {

    private static final Set<Class<?>> PLAIN = Set.of(String.class, int.class, long.class, boolean.class,
            Integer.class, Long.class, Boolean.class, Instant.class, Duration.class);

    @Test
    void everyEventTypeIsRegisteredUnderAStableNameWithVersionOne() throws ReflectiveOperationException {
        Class<?>[] permitted = WorkflowEvent.class.getPermittedSubclasses();
        Map<String, Class<? extends WorkflowEvent>> types = WorkflowEvent.types();

        assertThat(Set.<Class<?>>copyOf(types.values())).isEqualTo(Set.of(permitted));
        assertThat(types).hasSize(permitted.length);
        for (Class<?> type : permitted) {
            String name = (String) type.getField("TYPE").get(null);
            assertThat(types.get(name)).isEqualTo(type);
            assertThat(type.getField("VERSION").getInt(null)).isEqualTo(1);
        }
    }

    @Test
    void eventsHoldOnlyPlainValues() {
        for (Class<?> type : WorkflowEvent.class.getPermittedSubclasses()) {
            assertPlain(type, new HashSet<>());
        }
    }

    @Test
    void instancesReportTheirTypeVersionAndTime() {
        Instant at = Instant.parse("2026-03-02T09:00:00Z");
        WorkflowEvent event = new WorkflowEvent.ReminderSent(at, HumanWait.QUESTIONS);

        assertThat(event.type()).isEqualTo("human-wait.reminded");
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.occurredAt()).isEqualTo(at);
    }

    private static void assertPlain(Class<?> type, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return;
        }
        assertThat(type.isRecord()).as(type + " is a record").isTrue();
        for (RecordComponent component : type.getRecordComponents()) {
            assertPlainType(component.getGenericType(), type.getSimpleName() + "." + component.getName(), seen);
        }
    }

    private static void assertPlainType(Type type, String where, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            assertThat(List.of(List.class, Map.class)).as(where).contains(raw);
            for (Type argument : p.getActualTypeArguments()) {
                assertPlainType(argument, where, seen);
            }
            return;
        }
        Class<?> c = (Class<?>) type;
        if (PLAIN.contains(c) || c.isEnum()) {
            return;
        }
        assertThat(c.isRecord()).as(where + " is plain (" + c + ")").isTrue();
        assertPlain(c, seen);
    }
}
