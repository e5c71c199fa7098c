package dev.vodhook.emulator.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vodhook.emulator.EmulatorException;

/**
 * The JSON dialects the emulator speaks. VOD names fields in UpperCamelCase ({@code FileId}); Java records
 * keep lowerCamelCase components ({@code fileId}) and the naming strategy maps between them.
 */
public final class VodJson {

    /** API requests and responses: unknown input fields ignored, explicit nulls kept as the cloud sends them. */
    public static final ObjectMapper API = vod().build();

    /** Pushed event bodies: fields whose value is null are omitted (documented VOD behaviour). */
    public static final ObjectMapper PUSH = vod().serializationInclusion(JsonInclude.Include.NON_NULL).build();

    /** The emulator's own inspection routes under {@code /_emulator/}: plain lowerCamelCase. */
    public static final ObjectMapper INSPECTION = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .build();

    private VodJson() {
    }

    private static JsonMapper.Builder vod() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    public static byte[] bytes(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new EmulatorException("could not write JSON for " + value.getClass().getSimpleName(), e);
        }
    }
}
