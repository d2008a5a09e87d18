using System.Text.Json;

namespace Engine.Latency;

/// <summary>Writes a <see cref="RingSummary"/> in the exact shape scripts read.</summary>
internal static class JsonSummary
{
    public static void Write(string path, RingSummary summary)
    {
        using FileStream stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();

        json.WriteStartObject("ring");
        json.WriteNumber("eventsPerSecond", summary.RingEventsPerSecond);
        json.WriteEndObject();

        json.WriteStartObject("channels");
        json.WriteNumber("eventsPerSecond", summary.ChannelsEventsPerSecond);
        json.WriteEndObject();

        Percentiles rt = summary.RoundTripNanos;
        json.WriteStartObject("roundTripNs");
        json.WriteNumber("p50", rt.P50);
        json.WriteNumber("p90", rt.P90);
        json.WriteNumber("p99", rt.P99);
        json.WriteNumber("p999", rt.P999);
        json.WriteNumber("p9999", rt.P9999);
        json.WriteNumber("max", rt.Max);
        json.WriteEndObject();

        json.WriteStartObject("gcCollections");
        json.WriteNumber("gen0", summary.Gen0Collections);
        json.WriteNumber("gen1", summary.Gen1Collections);
        json.WriteNumber("gen2", summary.Gen2Collections);
        json.WriteEndObject();

        json.WriteEndObject();
    }
}
