using System.Text.Json;

namespace Engine.Latency;

/// <summary>Writes a <see cref="PipelineSummary"/> in the <c>summary.json</c> shape scripts read.</summary>
internal static class PipelineJsonSummary
{
    public static void Write(string path, PipelineSummary s)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        using FileStream stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("events", s.Events);
        json.WriteNumber("eventsPerSecond", s.EventsPerSecond);
        json.WriteNumber("signals", s.Signals);
        json.WriteNumber("orders", s.Orders);
        json.WriteNumber("fills", s.Fills);
        json.WriteNumber("realizedPnl", s.RealizedPnl);
        json.WriteNumber("feesPaid", s.FeesPaid);
        WritePercentiles(json, "latencyNs", s.LatencyNanos);
        json.WriteStartObject("gcCollections");
        json.WriteNumber("gen0", s.Gen0Collections);
        json.WriteNumber("gen1", s.Gen1Collections);
        json.WriteNumber("gen2", s.Gen2Collections);
        json.WriteEndObject();
        json.WriteNumber("allocatedBytesEngineThread", s.AllocatedBytesEngineThread);
        if (s.FloorNanos is Percentiles floor)
        {
            WritePercentiles(json, "floorNs", floor);
        }
        else
        {
            json.WriteNull("floorNs");
        }

        json.WriteEndObject();
    }

    private static void WritePercentiles(Utf8JsonWriter json, string name, Percentiles p)
    {
        json.WriteStartObject(name);
        json.WriteNumber("p50", p.P50);
        json.WriteNumber("p99", p.P99);
        json.WriteNumber("p999", p.P999);
        json.WriteNumber("p9999", p.P9999);
        json.WriteNumber("max", p.Max);
        json.WriteEndObject();
    }
}
