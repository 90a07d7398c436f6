package dev.tamma.core.workflow;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a value the way a JSON mapper would: records through their canonical constructor,
 * lists and maps as fresh mutable collections. Replaying copies proves that events carry all the
 * state needs and survive serialization.
 */
final class PlainCopy {

    private PlainCopy() {
    }

    @SuppressWarnings("unchecked")
    static <T> T of(T value) {
        return (T) copy(value);
    }

    private static Object copy(Object value) {
        if (value instanceof Record record) {
            return copyRecord(record);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(copy(element)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new HashMap<>();
            map.forEach((k, v) -> copy.put(copy(k), copy(v)));
            return copy;
        }
        return value; // strings, numbers, booleans, enums, Instant, Duration: immutable values
    }

    private static Object copyRecord(Record record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = copy(components[i].getAccessor().invoke(record));
            }
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + record.getClass().getSimpleName(), e);
        }
    }
}
